// AWS KMS semantics for direct calls (`kms:*` with a key or alias ARN).
// Internal to model/ (see evaluator.h).
#pragma once

#include "model/services/service_common.h"

namespace accesspath {

void evaluate_kms(const Call& call);

}  // namespace accesspath
