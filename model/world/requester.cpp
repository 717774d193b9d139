#include "model/world/requester.h"

#include <cstdint>
#include <memory>

#include "model/core/arn.h"

namespace accesspath {
namespace {

// A stable, made-up unique id (AWS gives AIDA…/AROA… ids; scenarios do not
// declare them). Deterministic so outputs are reproducible.
std::string unique_id(std::string_view prefix, std::string_view arn) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : arn) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out(prefix);
  for (int i = 0; i < 17; ++i) {
    out += kAlphabet[h % 32];
    h /= 32;
    if (h == 0) h = 0x9E3779B97F4A7C15ull;
  }
  return out;
}

void collect_identity(const World& world, const Principal& p, Requester& who) {
  for (const auto& a : p.policies) who.identity_policies.push_back(a.policy.get());
  for (const auto& g : p.groups)
    if (const Group* group = world.find_group(g))
      for (const auto& a : group->policies) who.identity_policies.push_back(a.policy.get());
  who.boundary = p.permissions_boundary.get();
}

}  // namespace

bool is_service_principal_name(std::string_view s) {
  auto ends_with = [&](std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  return s.find(':') == std::string_view::npos &&
         (ends_with(".amazonaws.com") || ends_with(".amazonaws.com.cn"));
}

std::string federated_principal(std::string_view provider) {
  return std::string(kFederatedPrefix) + std::string(provider);
}

bool is_saml_provider(std::string_view provider) {
  return provider.rfind("arn:", 0) == 0 && provider.find(":saml-provider/") != std::string::npos;
}

std::string_view federated_assume_action(std::string_view provider) {
  return is_saml_provider(provider) ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
}

std::string assume_role_action(const Requester& who) {
  return std::string(who.is_federated() ? federated_assume_action(who.name) : "sts:AssumeRole");
}

namespace {

std::optional<Requester> resolve_fields(const World& world, std::string_view principal,
                                        std::string* why) {
  Requester who;
  if (principal == "anonymous") {
    who.type = RequesterType::kAnonymous;
    who.arn = "anonymous";
    return who;
  }
  if (principal.rfind(kFederatedPrefix, 0) == 0 && principal.size() > kFederatedPrefix.size()) {
    who.type = RequesterType::kFederated;
    who.arn = std::string(principal);
    who.name = std::string(principal.substr(kFederatedPrefix.size()));
    return who;
  }
  if (is_service_principal_name(principal)) {
    who.type = RequesterType::kService;
    who.arn = std::string(principal);
    who.name = std::string(principal);
    return who;
  }
  std::string arn_why;
  auto arn = parse_arn(principal, &arn_why);
  if (!arn || !is_account_id(arn->account)) {
    if (why)
      *why =
          "principal `" + std::string(principal) +
          "` is not `anonymous`, a service principal such as `ec2.amazonaws.com`, or a user, role, "
          "root or assumed-role ARN with a 12-digit account";
    return std::nullopt;
  }
  who.account = arn->account;
  who.account_info = world.find_account(arn->account);
  who.unrestricted_identity = who.account_info == nullptr;
  std::string_view type = arn->resource_type();
  if (arn->service == "iam" && arn->resource == "root") {
    who.type = RequesterType::kRoot;
    who.arn = std::string(principal);
    who.principal_arn = who.arn;
    // The root user has full access in its own account (IAM: Policy evaluation logic, rule 47),
    // except where a resource policy must allow explicitly (KMS key policies, rule 60).
    who.unrestricted_identity = true;
    return who;
  }
  const Principal* role = nullptr;
  if (arn->service == "iam" && type == "user") {
    who.type = RequesterType::kUser;
    who.arn = std::string(principal);
    who.principal_arn = who.arn;
    who.name = std::string(arn->resource_name());
    who.declared = world.find_principal(principal);
  } else if (arn->service == "iam" && type == "role") {
    role = world.find_principal(principal);
    who.type = RequesterType::kRoleSession;
    who.name = std::string(arn->resource_name());
    who.principal_arn = std::string(principal);
  } else if (arn->service == "sts" && type == "assumed-role") {
    // arn:aws:sts::A:assumed-role/RoleName/SessionName
    std::string_view id = arn->resource_id();
    std::size_t slash = id.find('/');
    if (slash == std::string_view::npos) {
      if (why)
        *why = "assumed-role ARN `" + std::string(principal) +
               "` needs `assumed-role/<role>/<session>`";
      return std::nullopt;
    }
    who.type = RequesterType::kRoleSession;
    who.name = std::string(id.substr(0, slash));
    who.arn = std::string(principal);
    role = world.find_role_by_name(arn->account, who.name);
    who.principal_arn =
        role ? role->arn : "arn:" + arn->partition + ":iam::" + arn->account + ":role/" + who.name;
  } else {
    if (why)
      *why = "principal `" + std::string(principal) +
             "` is not a user, role, root or assumed-role ARN";
    return std::nullopt;
  }
  if (who.type == RequesterType::kRoleSession) {
    if (who.arn.empty())
      who.arn = "arn:" + arn->partition + ":sts::" + arn->account + ":assumed-role/" + who.name +
                "/" + std::string(kSessionName);
    who.declared = role;
  }
  if (who.declared) collect_identity(world, *who.declared, who);
  who.userid = who.type == RequesterType::kUser
                   ? unique_id("AIDA", who.principal_arn)
                   : unique_id("AROA", who.principal_arn) + ":" + std::string(kSessionName);
  return who;
}

}  // namespace

std::optional<Requester> resolve_requester(const World& world, std::string_view principal,
                                           std::string* why) {
  std::optional<Requester> who = resolve_fields(world, principal, why);
  if (!who) return who;
  // Built once by the same function every context fill runs, so an early answer from it is what
  // the fill would give.
  auto keys = std::make_shared<RequestContext>();
  add_principal_keys(*who, *keys);
  who->principal_keys = std::move(keys);
  return who;
}

void add_principal_keys(const Requester& who, RequestContext& ctx) {
  // IAM: AWS global condition context keys (aws:PrincipalArn, aws:PrincipalAccount,
  // aws:PrincipalType, aws:userid, aws:username; rule 27).
  switch (who.type) {
    case RequesterType::kAnonymous:
      ctx.add("aws:PrincipalAccount", "anonymous");
      ctx.add("aws:PrincipalType", "Anonymous");
      ctx.add("aws:userid", "anonymous");
      return;
    case RequesterType::kFederated:
      // IAM: AWS global condition context keys, aws:PrincipalType: `WebIdentityUser` or
      // `SAMLUser` for the caller of AssumeRoleWithWebIdentity / AssumeRoleWithSAML; the
      // provider's own keys (`<provider>:sub`, `saml:aud`, ...) are the token's, chosen by
      // whoever holds one (model/condition/free_keys.h).
      ctx.add("aws:PrincipalType", is_saml_provider(who.name) ? "SAMLUser" : "WebIdentityUser");
      ctx.add("aws:FederatedProvider", who.name);
      return;
    case RequesterType::kService:
      ctx.add("aws:PrincipalServiceName", who.name);
      ctx.add("aws:PrincipalType", "Service");
      // aws:PrincipalIsAWSService: "present in the request context for all signed API requests"
      // (IAM: AWS global condition context keys), true only for AWS service principals.
      ctx.add("aws:PrincipalIsAWSService", "true");
      return;
    case RequesterType::kRoot:
      ctx.add("aws:PrincipalArn", who.principal_arn);
      ctx.add("aws:PrincipalAccount", who.account);
      ctx.add("aws:PrincipalType", "Account");
      ctx.add("aws:userid", who.account);
      break;
    case RequesterType::kUser:
      ctx.add("aws:PrincipalArn", who.principal_arn);
      ctx.add("aws:PrincipalAccount", who.account);
      ctx.add("aws:PrincipalType", "User");
      ctx.add("aws:userid", who.userid);
      ctx.add("aws:username", who.name);
      break;
    case RequesterType::kRoleSession:
      ctx.add("aws:PrincipalArn", who.principal_arn);
      ctx.add("aws:PrincipalAccount", who.account);
      ctx.add("aws:PrincipalType", "AssumedRole");
      ctx.add("aws:userid", who.userid);
      break;
  }
  ctx.add("aws:PrincipalIsAWSService", "false");  // signed by an IAM identity (see kService)
  // aws:PrincipalOrgID / aws:PrincipalOrgPaths: "included in the request context only if the
  // principal is a member of an organization" (IAM: AWS global condition context keys,
  // IAM/reference_policies_condition-keys.html#condition-keys-principalorgid, -principalorgpaths).
  // The organization is the principal's account's (scenario contract, further world facts); an
  // account the file declares without one is in no organization. Of an account the file does
  // not declare nothing is known: it may belong to any organization (a partner's, or this one's),
  // so the keys are undescribed and a decision that depends on them is undecided.
  if (!who.account_info) {
    ctx.mark_undescribed("aws:principalorgid");
    ctx.mark_undescribed("aws:principalorgpaths");
  } else if (!who.account_info->organization.empty()) {
    ctx.add("aws:PrincipalOrgID", who.account_info->organization);
    if (!who.account_info->ou_path.empty())
      ctx.set_multi("aws:PrincipalOrgPaths", {std::string_view(who.account_info->ou_path)});
    else
      ctx.mark_undescribed("aws:principalorgpaths");  // in an organization, but where?
  }
  if (who.declared)
    for (const auto& [k, v] : who.declared->tags) {
      thread_local std::string key;
      key.assign("aws:PrincipalTag/").append(k);
      ctx.add(key, v);
    }
}

}  // namespace accesspath
