// The authorizer: one authorization (principal, action, resource, context)
// decided by AWS's documented policy evaluation logic.
//
// IAM User Guide, "Policy evaluation logic" and "Cross-account policy
// evaluation logic" (rules 47-58 of model/SEMANTICS.md), with the KMS exception that the key
// policy must allow (rules 60-65) and the trust-policy exception (rule 98):
//   1. an explicit Deny in any applicable policy (RCP, SCP, resource,
//      identity, boundary) decides Deny;
//   2. every SCP level must allow (RCP levels always allow: RCPFullAWSAccess);
//   3. same account: identity ∩ boundary, or the resource policy by itself
//      (how far depends on how it names the principal); key and trust policies
//      must allow, directly or by delegating to the account;
//   4. cross account: the principal's side and the resource's side must both allow.
//
// Services (S3, KMS, STS) build the request and call this once per
// authorization their API call makes; this file knows no service.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/authz/decision.h"
#include "model/world/requester.h"

namespace accesspath {

// How a resource-based policy takes part.
enum class ResourcePolicyRule {
  kNone,            // the resource has no resource-based policy (IAM resources, `*`)
  kEitherSuffices,  // S3 bucket policies and other resource policies (rule 50)
  kMustAllow,       // KMS key policies and role trust policies (rules 50, 60, 98)
};

struct AuthzRequest {
  const Requester* who = nullptr;
  std::string_view action;                         // as written, e.g. "kms:Decrypt"
  std::string_view action_lower;                   // lowercased, for matching
  std::string_view resource;                       // the ARN authorized against
  std::string_view resource_account;               // "" when the resource belongs to no account
  const Account* resource_account_info = nullptr;  // for RCPs
  const Policy* resource_policy = nullptr;
  ResourcePolicyRule rule = ResourcePolicyRule::kNone;
  bool rcps_apply = true;  // false for AWS managed keys (rule 56)
  // S3 Block Public Access RestrictPublicBuckets on a bucket whose policy is
  // public: the policy grants only to the owner's account and AWS services (rule 94).
  bool restrict_to_owner_account = false;
  // KMS grants on the key and the operation name they would cover ("Decrypt").
  const std::vector<KmsGrant>* grants = nullptr;
  std::string_view grant_operation;
  const std::map<std::string, std::string>* encryption_context = nullptr;
  const ConditionContext* context = nullptr;
};

// Decides one authorization. When `record` is not null it is filled with the
// policies consulted, matching statements, reason and what is missing; the
// outcome is the same either way.
Outcome authorize(const AuthzRequest& request, Check* record);

// How a Principal element names a requester (weakest first: a later kind is a stronger grant).
enum class PrincipalMatch {
  kNone,
  kAccount,   // the requester's account (delegation: its IAM policies must allow too)
  kRoleArn,   // the role whose session is asking (limited by the role's boundary, rule 51)
  kEveryone,  // "*" or {"AWS": "*"}, or NotPrincipal not naming it (not limited by a boundary)
  kDirect,    // the user, the session, the root user of the named account, or the service
};

PrincipalMatch match_principal(const PrincipalElement& element, const Requester& who);

// NotPrincipal: true when the requester is one the element lists, so the statement does not apply
// to it (rules 29, 30; rule 30's boundary clause is documented for Deny only).
bool not_principal_exempts(const PrincipalElement& element, const Requester& who,
                           Effect effect = Effect::kDeny);

// Whether one statement applies to the request (action, resource, principal, condition).
// For resource-based statements `match` receives how the principal was named.
bool statement_applies(const Statement& s, const Policy& policy, const AuthzRequest& request,
                       PrincipalMatch* match);

}  // namespace accesspath
