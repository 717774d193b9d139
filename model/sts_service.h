// AWS STS semantics: sts:AssumeRole and its session-tagging companions.
// Internal to model/ (see evaluator.h).
#pragma once

#include "model/service_common.h"

namespace accesspath {

void evaluate_sts(const Call& call);

}  // namespace accesspath
