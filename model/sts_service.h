// AWS STS semantics: sts:AssumeRole and its session-tagging companions, sts:GetCallerIdentity,
// and the refusal of what is not modelled (sts:GetFederationToken).
// Internal to model/ (see evaluator.h).
#pragma once

#include "model/service_common.h"

namespace accesspath {

void evaluate_sts(const Call& call);

// STS calls decided without any policy, whatever their resource: sts:GetCallerIdentity (needs no
// permission) and sts:GetFederationToken (not modelled). Returns false for every other action,
// which then takes the usual route.
bool evaluate_sts_without_policies(const Call& call);

}  // namespace accesspath
