#include "model/services/sts_service.h"

#include "model/core/arn.h"
#include "model/core/strings.h"

namespace accesspath {

bool evaluate_sts_without_policies(const Call& call) {
  std::string_view action = call.request.action;
  if (iequals(action, "sts:GetCallerIdentity")) {
    // STS API Reference, GetCallerIdentity: "No permissions are required to perform this
    // operation. If an administrator attaches a policy to your identity that explicitly denies
    // access to the sts:GetCallerIdentity action, you can still perform this operation." Every
    // signed caller may call it; an unsigned request has no caller to describe.
    if (call.who.is_anonymous()) {
      call.refuse("STS request",
                  "GetCallerIdentity describes the credentials that signed the request; an "
                  "anonymous (unsigned) request has none");
      return true;
    }
    call.decision.allowed = true;
    if (call.explain) {
      Check* c = call.begin_check("STS answers `sts:GetCallerIdentity`", call.request.action,
                                  call.request.resource);
      c->outcome = Outcome::kAllow;
      c->reason =
          "allowed: GetCallerIdentity needs no permission, and no policy (an explicit Deny "
          "included) can stop it (STS API Reference: GetCallerIdentity)";
    }
    return true;
  }
  if (iequals(action, "sts:GetFederationToken")) {
    // STS API Reference, GetFederationToken: "You must call the GetFederationToken operation using
    // the long-term security credentials of an IAM user" (the root user's work too, "we do not
    // recommend it"); temporary credentials (a role session) and unsigned requests cannot call it.
    // Any other caller is authorized by its identity policies like any action on a resource
    // without a resource-based policy (sts_authorizes_against_a_role).
    if (call.who.type != RequesterType::kUser && call.who.type != RequesterType::kRoot) {
      call.refuse("STS request",
                  "GetFederationToken must be called with the long-term credentials of an IAM "
                  "user (or the root user); " +
                      std::string(call.who.is_anonymous() ? "an anonymous (unsigned) request"
                                  : call.who.is_service() ? "an AWS service principal"
                                                          : "a role session") +
                      " cannot call it (STS API Reference: GetFederationToken)");
      return true;
    }
    return false;
  }
  return false;
}

bool sts_authorizes_against_a_role(std::string_view action) {
  // Service Authorization Reference, AWS STS: GetFederationToken's resource type is `user` (the
  // calling IAM user, `arn:aws:iam::<account>:user/<name>`), and IAM's examples name the
  // federated user (`arn:aws:sts::<account>:federated-user/<name>`); neither has a resource-based
  // policy, so it is authorized by identity policies alone, on the resource the request names.
  return !iequals(action, "sts:GetFederationToken");
}

void evaluate_sts(const Call& call) {
  const Request& req = call.request;
  const Requester& who = call.who;
  std::string action_lower = to_lower(req.action);
  auto arn = parse_arn(req.resource);
  if (!arn || arn->service != "iam" || arn->resource_type() != "role") {
    call.refuse("STS request",
                "`" + req.action + "` needs a role ARN as resource, got `" + req.resource + "`");
    return;
  }
  // STS API Reference, AssumeRoleWithWebIdentity / AssumeRoleWithSAML: the caller presents a
  // token of a web identity or SAML provider; that identity is the requester
  // (`federated:<provider>`, requester.h), and every other caller has no such token.
  const bool with_token = iequals(action_lower, "sts:assumerolewithwebidentity") ||
                          iequals(action_lower, "sts:assumerolewithsaml");
  if (with_token && !who.is_federated()) {
    call.refuse("STS request", "`" + req.action +
                                   "` is called with a token of a federated provider; accesspath "
                                   "names its caller `federated:<provider>`");
    return;
  }
  // STS: AssumeRole must be signed; there is no anonymous role assumption.
  if (who.is_anonymous()) {
    call.refuse("STS request",
                "AssumeRole needs signed credentials; anonymous callers cannot assume roles");
    return;
  }
  // STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call
  // AssumeRole. You must use credentials for an IAM user or an IAM role".
  if (who.type == RequesterType::kRoot) {
    call.refuse("STS request",
                "the root user of account `" + who.account +
                    "` cannot assume roles; only IAM users and roles can call AssumeRole");
    return;
  }
  const Principal* role = call.world.find_principal(req.resource);
  if (!role || role->kind != PrincipalKind::kRole) {
    call.refuse("STS request",
                "role `" + req.resource +
                    "` is not declared in the scenario, so its trust policy is unknown");
    return;
  }
  if (!role->trust_policy) {
    call.refuse("STS request",
                "role `" + role->arn + "` has no trust policy, so nobody can assume it");
    return;
  }
  thread_local RequestContext storage;
  LazyContext ctx(
      storage,
      [&](RequestContext& c) {
        fill_base_context(c, who, req, "", role->account, call.world.find_account(role->account));
        // Whether the role's tags are aws:ResourceTag/* of AssumeRole is not what accesspath models
        // (IAM documents iam:ResourceTag for roles): the key stays undescribed (unknown_keys.h).
        c.mark_undescribed("aws:resourcetag/");
        apply_context_overrides(c, req);
      },
      early_answers(who, req));
  AuthzRequest r;
  r.who = &who;
  r.action = req.action;
  r.action_lower = action_lower;
  r.resource = role->arn;
  r.resource_account = role->account;
  r.resource_account_info = call.world.find_account(role->account);
  r.resource_policy = role->trust_policy.get();
  // IAM: Policy evaluation logic, "IAM role trust policies ... must explicitly allow access"
  // (rules 50, 98): same account, a trust policy naming the principal suffices (U5); naming the
  // account delegates to its IAM policies; across accounts both must allow.
  r.rule = ResourcePolicyRule::kMustAllow;
  r.context = &ctx;
  Check* check =
      call.explain
          ? call.begin_check("STS authorizes `" + req.action + "` (the trust policy of the role)",
                             req.action, role->arn)
          : nullptr;
  call.decision.allowed = authorize(r, check) == Outcome::kAllow;
}

}  // namespace accesspath
