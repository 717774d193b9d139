#include "properties/reference_authorize.h"

#include "properties/reference_variables.h"

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

bool is_account_id(const std::string& s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "123456789012" or "arn:<partition>:iam::123456789012:root": the account (rule 19). "" otherwise.
std::string account_named(const std::string& v) {
  if (is_account_id(v)) return v;
  std::size_t colon = 0;
  std::vector<std::string> parts;
  std::string rest = v;
  for (int i = 0; i < 5 && (colon = rest.find(':')) != std::string::npos; ++i) {
    parts.push_back(rest.substr(0, colon));
    rest = rest.substr(colon + 1);
  }
  if (parts.size() == 5 && parts[0] == "arn" && parts[2] == "iam" && rest == "root")
    return parts[4];
  return "";
}

// How a Principal element names the caller (IAM: AWS JSON policy elements: Principal).
struct Naming {
  bool everyone = false;  // "*" or {"AWS": "*"} (rule 21)
  bool account = false;   // the caller's account: delegation to its IAM policies (rules 19, 20)
  bool role = false;      // the role whose session asks (rule 23)
  bool direct = false;    // the user, the session, the root user, or the service (rules 24, 26)
  bool any() const { return everyone || account || role || direct; }
  void add(const Naming& o) {
    everyone |= o.everyone;
    account |= o.account;
    role |= o.role;
    direct |= o.direct;
  }
};

Naming naming(const json& element, const Caller& who) {
  Naming n;
  if (element.is_string()) {
    n.everyone = element == "*";
    return n;
  }
  if (!element.is_object()) return n;
  for (const auto& [type, values] : element.items()) {
    for (const auto& v : strings_of(values)) {
      if (type == "Service") {
        n.direct |= who.type == CallerType::kService && v == who.name;
        continue;
      }
      if (type != "AWS") continue;  // Federated and CanonicalUser never name these callers
      if (v == "*") {
        n.everyone = true;
        continue;
      }
      if (!who.is_iam_principal()) continue;
      std::string account = account_named(v);
      if (!account.empty()) {
        // The account ARN names the account, not only its root user (rule 19): the root user
        // itself is named directly, its users and roles by delegation.
        if (account == who.account) (who.type == CallerType::kRoot ? n.direct : n.account) = true;
        continue;
      }
      // Principal ARNs are compared exactly: no wildcards, case sensitive (rules 22, 25).
      if (who.type == CallerType::kUser && v == who.arn) n.direct = true;
      if (who.type == CallerType::kRoleSession && v == who.arn) n.direct = true;
      if (who.type == CallerType::kRoleSession && v == who.role_arn) n.role = true;
    }
  }
  return n;
}

// NotPrincipal: is the caller among the principals the element lists (so the statement is not
// about it)? With Deny, the principals not denied; with Allow (accepted with a warning: IAM Access
// Analyzer, "Allow with NotPrincipal"), the principals not granted.
bool exempted(const json& element, const Caller& who, bool has_boundary, bool deny) {
  // "will always deny any IAM principal that has a permissions boundary policy attached,
  // regardless of the values specified in the NotPrincipal element" (rule 30; said of Deny).
  Naming n = naming(element, who);
  if (has_boundary && deny) return false;
  if (n.everyone) return true;
  if (who.type == CallerType::kAnonymous) return false;
  if (who.type == CallerType::kService || who.type == CallerType::kRoot) return n.direct;
  // Users and role sessions: the account must be listed too, as AWS may check the account
  // first (rule 29). For a session, AWS says to list the session, the role and the account;
  // either of the first two is accepted (model reading).
  return n.account && (n.direct || n.role);
}

std::vector<const json*> statements_of(const json& policy) {
  std::vector<const json*> out;
  auto it = policy.find("Statement");
  if (it == policy.end()) return out;
  if (it->is_object()) out.push_back(&*it);
  if (it->is_array())
    for (const auto& s : *it) out.push_back(&s);
  return out;
}

bool matches_any(const json& patterns, const std::string& value, bool ignore_case) {
  for (const auto& p : strings_of(patterns)) {
    if (p.find("${") != std::string::npos) throw Unsupported{"policy variables in an action"};
    if (glob(p, value, ignore_case)) return true;
  }
  return false;
}

// Resource patterns, with policy variables substituted under Version 2012-10-17 (rules 14-16): a
// pattern whose variable has no value matches nothing.
bool resource_matches_any(const json& patterns, const std::string& resource, const Context& ctx,
                          bool variables) {
  for (const auto& p : strings_of(patterns)) {
    auto pattern = variables ? substitute(p, ctx, true) : pattern_of(p, true);
    if (pattern && glob(*pattern, resource, false)) return true;
  }
  return false;
}

bool statement_applies(const json& st, Place place, const Caller& who, const Authorization& a,
                       bool has_boundary, bool variables, Naming& how) {
  // Action / NotAction: case-insensitive, wildcards (rules 4-6).
  if (st.contains("Action")) {
    if (!matches_any(st["Action"], a.action, true)) return false;
  } else if (st.contains("NotAction")) {
    if (matches_any(st["NotAction"], a.action, true)) return false;
  } else {
    return false;
  }
  // Resource / NotResource: case-sensitive, `*` crosses `/` and `:` (rules 8-12). Without one, a
  // resource-based policy means its own resource, but a key-policy statement has no effect (rule
  // 2).
  if (st.contains("Resource")) {
    if (!resource_matches_any(st["Resource"], a.resource, a.ctx, variables)) return false;
  } else if (st.contains("NotResource")) {
    if (resource_matches_any(st["NotResource"], a.resource, a.ctx, variables)) return false;
  } else if (place == Place::kKey || place == Place::kIdentity || place == Place::kBoundary) {
    return false;
  }
  if (st.contains("Principal")) {
    how = naming(st["Principal"], who);
    if (!how.any()) return false;
  } else if (st.contains("NotPrincipal")) {
    if (exempted(st["NotPrincipal"], who, has_boundary, st.value("Effect", "") == "Deny"))
      return false;
    how.everyone = true;  // every principal the element does not list
  }
  return !st.contains("Condition") || condition_holds(st["Condition"], a.ctx, variables);
}

// KMS API Reference, GrantConstraints: constraints apply "only to cryptographic operations that
// support an encryption context", not to DescribeKey, RetireGrant and other management operations.
bool supports_encryption_context(const std::string& operation) {
  for (const char* op : {"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
                         "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
                         "ReEncryptFrom", "ReEncryptTo"})
    if (operation == op) return true;
  return false;
}

// An encryption context as a grant constraint compares it: "the key in each key-value pair is not
// case sensitive, but the value is case sensitive" (KMS API Reference: GrantConstraints).
std::map<std::string, std::string> constraint_form(const std::map<std::string, std::string>& ec) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : ec) out[lower(k)] = v;
  return out;
}

bool grant_allows(const Authorization& a, const Caller& who) {
  if (!a.grants || !who.is_iam_principal()) return false;
  const auto request_ec = constraint_form(a.encryption_context);
  for (const auto& g : *a.grants) {
    // KMS: Grants: the grantee may use the key for the listed operations (rule 69); a grant to a
    // role covers its sessions (model reading).
    std::string grantee = g.value("grantee", "");
    if (grantee != who.arn && (who.role_arn.empty() || grantee != who.role_arn)) continue;
    bool op = false;
    for (const auto& o : list_of(g, "operations")) op |= o == a.grant_operation;
    if (!op) continue;
    // Constraints apply only to operations that take an encryption context (KMS API
    // Reference: GrantConstraints), so not to DescribeKey or RetireGrant.
    if (!supports_encryption_context(a.grant_operation)) return true;
    json constraints = g.value("constraints", json::object());
    std::map<std::string, std::string> equals, subset;
    if (constraints.contains("EncryptionContextEquals")) {
      for (const auto& [k, v] : constraints["EncryptionContextEquals"].items())
        equals[k] = v.get<std::string>();
      if (constraint_form(equals) != request_ec) continue;
    }
    if (constraints.contains("EncryptionContextSubset"))
      for (const auto& [k, v] : constraints["EncryptionContextSubset"].items())
        subset[k] = v.get<std::string>();
    bool included = true;
    for (const auto& [k, v] : constraint_form(subset)) {
      auto it = request_ec.find(k);
      included &= it != request_ec.end() && it->second == v;
    }
    if (included) return true;
  }
  return false;
}

}  // namespace

bool authorized(const json& doc, const Caller& who, const Authorization& a) {
  const json* boundary = permissions_boundary(doc, who);
  bool denied = false;
  // Runs every statement of `policy`: a matching Deny denies (rule 47), a matching Allow is
  // reported with how it names the caller.
  auto scan = [&](const json& policy, Place place, const auto& on_allow) {
    // `${...}` is a variable only under "Version": "2012-10-17" (rule 14).
    const bool variables = policy.value("Version", "") == "2012-10-17";
    for (const json* st : statements_of(policy)) {
      Naming how;
      if (!statement_applies(*st, place, who, a, boundary != nullptr, variables, how)) continue;
      if (st->value("Effect", "") == "Deny") denied = true;
      if (st->value("Effect", "") == "Allow") on_allow(how);
    }
  };
  auto ignore = [](const Naming&) {};

  // RCPs of the resource's account never grant (RCPFullAWSAccess is implied); their denies
  // count (rules 48, 56), also for AWS service principals: AWS's own RCP examples restrict them
  // (KMS: Resource control policies in AWS KMS, "requires that AWS service principals can access
  // your customer managed KMS keys only when the request originates from your organization";
  // the data-perimeter RCPs exempt them only through aws:PrincipalIsAWSService). They do not apply
  // to AWS managed keys (rule 56).
  if (a.rcps_apply)
    if (const json* account = find_in(doc, "accounts", "id", a.resource_account))
      for (const auto& level : list_of(*account, "rcps"))
        for (const auto& ref : level)
          if (const json* p = policy_document(doc, ref)) scan(*p, Place::kRcp, ignore);

  // SCPs of the caller's account, root user included: every level must allow, and a level
  // that allows nothing denies (rules 49, 55).
  if (who.is_iam_principal() && who.account_declared) {
    const json* account = find_in(doc, "accounts", "id", who.account);
    for (const auto& level : list_of(*account, "scps")) {
      bool level_allows = false;
      for (const auto& ref : level)
        if (const json* p = policy_document(doc, ref))
          scan(*p, Place::kScp, [&](const Naming&) { level_allows = true; });
      if (!level_allows) denied = true;
    }
  }

  Naming resource_allows;  // every way an Allow of the resource policy names the caller
  // S3 Block Public Access, RestrictPublicBuckets: of a public bucket policy only "AWS service
  // principals and authorized users within the bucket owner's account" keep the grants (S3 User
  // Guide: Blocking public access to your Amazon S3 storage; rule 94). Its denies still count.
  const bool allows_kept = !a.owner_account_only || who.type == CallerType::kService ||
                           (who.is_iam_principal() && who.account == a.resource_account);
  if (a.resource_policy)
    scan(*a.resource_policy, a.place, [&](const Naming& n) {
      if (allows_kept) resource_allows.add(n);
    });

  // The root user has full access in its account; an undeclared account's administrator is
  // assumed to allow everything to its principals (rule 47; scenario contract).
  bool identity_allows =
      who.is_iam_principal() && (who.type == CallerType::kRoot || !who.account_declared);
  for (const json* p : identity_policies(doc, who))
    scan(*p, Place::kIdentity, [&](const Naming&) { identity_allows = true; });
  bool boundary_allows = true;
  if (boundary) {
    boundary_allows = false;
    scan(*boundary, Place::kBoundary, [&](const Naming&) { boundary_allows = true; });
  }

  if (denied) return false;  // an explicit deny anywhere decides (rule 47)
  const bool granted = grant_allows(a, who);

  // Anonymous callers have no identity side: only a resource policy that allows everyone
  // (rule 21). Services act only where a resource policy names them (rule 26).
  if (who.type == CallerType::kAnonymous) return resource_allows.everyone;
  if (who.type == CallerType::kService) return resource_allows.direct;

  // The identity side: identity policies within the boundary (rule 53).
  const bool identity_side = identity_allows && boundary_allows;
  // A resource-policy allow that stands on its own (rule 51): naming the user or the session is
  // not limited by the boundary; naming the role is. Naming "*" is not: IAM: Principal (IAM role
  // principals, All principals) and Policy evaluation logic, boundaries and session policies do
  // not limit what a wildcard principal grants.
  const bool resource_alone = resource_allows.direct || resource_allows.everyone ||
                              (resource_allows.role && boundary_allows);
  const bool must_allow = a.place == Place::kKey || a.place == Place::kTrust;
  const bool same_account = !a.resource_account.empty() && a.resource_account == who.account;
  if (same_account) {
    // Key policies and trust policies must allow, directly or by delegating to the account
    // whose IAM policies then allow (rules 50, 60-63, 98); grants allow (rule 69).
    if (must_allow) return resource_alone || granted || (resource_allows.account && identity_side);
    // Otherwise either the identity side or the resource policy suffices (rule 50); a policy
    // naming the caller's own account counts too (U4, model reading: the one that reports more
    // access, as "either policy suffices within an account" reads literally).
    return identity_side || resource_alone || resource_allows.account || granted;
  }
  // Across accounts both sides must allow (rules 57, 58, 65); a grant needs no IAM policy (69).
  return (resource_allows.any() || granted) && (identity_side || granted);
}

}  // namespace accesspath::properties::reference
