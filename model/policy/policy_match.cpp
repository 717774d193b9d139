// Matching a request's action, resource and account principals against a parsed statement
// (policy.h): what the authorizer asks of each statement.
#include <algorithm>

#include "model/condition/policy_variables.h"
#include "model/condition/request_context.h"
#include "model/core/arn.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/policy/policy.h"

namespace accesspath {

std::optional<std::string> account_principal(std::string_view value) {
  if (is_account_id(value)) return std::string(value);
  auto arn = parse_arn(value);
  if (arn && arn->service == "iam" && arn->resource == "root") return arn->account;
  return std::nullopt;
}

bool statement_matches_action(const Statement& s, std::string_view action_lower) {
  bool any = false;
  for (const auto& pattern : s.action_patterns) {
    if (pattern.matches(action_lower, CaseMode::kSensitive)) {
      any = true;
      break;
    }
  }
  return s.not_action ? !any : any;  // NotAction: every action except those listed (rule 6)
}

bool statement_matches_resource(const Statement& s, const Policy& policy, std::string_view resource,
                                const ConditionContext& ctx) {
  if (!s.resources) {
    // Resource-based policies default to the attached resource (rule 2), except KMS key
    // policies, where a statement without Resource has no effect.
    return policy.kind != PolicyKind::kKeyPolicy;
  }
  bool any = false;
  for (const auto& [pattern, has_variables] : s.resource_patterns) {
    if (has_variables) {
      // A variable with no value makes the resource match nothing (IAM: Variables, rule 16).
      auto substituted = substitute_policy_variables(pattern.text(), ctx, SubstituteFor::kPattern);
      if (substituted && wildcard_match(*substituted, resource, CaseMode::kSensitive)) {
        any = true;
        break;
      }
      continue;
    }
    // In a key policy "Resource": "*" means this key (KMS: Creating a key policy, rule 18).
    if (pattern.matches(resource, CaseMode::kSensitive)) {
      any = true;
      break;
    }
  }
  return s.not_resource ? !any : any;  // NotResource (rule 12)
}

}  // namespace accesspath
