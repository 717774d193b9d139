// AWS STS semantics: sts:AssumeRole and its session-tagging companions, sts:GetCallerIdentity,
// and who may call sts:GetFederationToken.
// Internal to model/ (see evaluator.h).
#pragma once

#include "model/services/service_common.h"

namespace accesspath {

void evaluate_sts(const Call& call);

// STS calls decided without any policy, whatever their resource: sts:GetCallerIdentity (needs no
// permission), and sts:GetFederationToken from a caller that cannot call it (a role session, an
// anonymous request). Returns false otherwise, and the call takes the usual route.
bool evaluate_sts_without_policies(const Call& call);

// Whether an STS action with a resource is authorized against a role and its trust policy
// (evaluate_sts); false for sts:GetFederationToken, which identity policies alone authorize.
bool sts_authorizes_against_a_role(std::string_view action);

}  // namespace accesspath
