// AWS KMS semantics for direct calls (`kms:*` with a key or alias ARN).
// Internal to model/ (see evaluator.h).
#pragma once

#include "model/services/service_common.h"

namespace accesspath {

void evaluate_kms(const Call& call);

// KMS: Allowing users in other accounts, the operations that work across
// accounts (rule 66).
bool kms_operation_works_cross_account(std::string_view action_lower);

}  // namespace accesspath
