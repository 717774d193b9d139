#include "model/world/world_edit.h"

#include <algorithm>

#include "model/policy/kms_operations.h"
#include "model/policy/policy.h"

namespace accesspath {
namespace {

using nlohmann::json;

bool fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return false;
}

// The string `doc[field]`; "" when the document has none.
std::string string_field(const json& doc, const char* field) {
  if (!doc.is_object()) return "";
  auto it = doc.find(field);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

// Parses a new document the way the loader would at `pointer`; null when it has errors.
PolicyPtr parse_new_policy(const json& doc, const std::string& pointer, PolicyKind kind,
                           const std::string& label, std::string* why) {
  Diagnostics diags;
  Policy p = parse_policy(doc, pointer, kind, diags);
  if (diags.has_errors()) {
    for (const auto& d : diags.items())
      if (d.severity == Severity::kError) fail(why, d.to_string());
    return nullptr;
  }
  p.label = label;
  return std::make_shared<const Policy>(std::move(p));
}

std::optional<Encryption> parse_default_encryption(const json& j, std::string* why) {
  if (!j.is_object() || !j.contains("sse") || !j["sse"].is_string()) {
    fail(why, "default encryption needs `sse`");
    return std::nullopt;
  }
  Encryption e;
  std::string sse = j["sse"].get<std::string>();
  if (sse == "AES256") {
    e.sse = Sse::kS3;
  } else if (sse == "aws:kms" || sse == "aws:kms:dsse") {
    e.sse = Sse::kKms;
  } else {
    fail(why, "default encryption `sse` must be `AES256` or `aws:kms`, got `" + sse + "`");
    return std::nullopt;
  }
  e.kms_key = j.value("kms_key", "");
  e.bucket_key = j.value("bucket_key", false);
  return e;
}

std::optional<KmsGrant> parse_grant(const json& j, std::string* why) {
  if (!j.is_object() || !j.contains("grantee") || !j["grantee"].is_string() ||
      !j.contains("operations") || !j["operations"].is_array()) {
    fail(why, "a grant needs `grantee` and `operations`");
    return std::nullopt;
  }
  KmsGrant g;
  g.grantee = j["grantee"].get<std::string>();
  for (const auto& op : j["operations"]) {
    if (!op.is_string() || !is_kms_grant_operation(op.get_ref<const std::string&>())) {
      fail(why, "a grant's operations are among " + kms_grant_operations_text());
      return std::nullopt;
    }
    g.operations.push_back(op.get<std::string>());
  }
  if (j.contains("constraints") && j["constraints"].is_object()) {
    const json& c = j["constraints"];
    auto read = [&c](const char* name, std::map<std::string, std::string>& out) {
      auto it = c.find(name);
      if (it == c.end() || !it->is_object()) return;
      for (auto kv = it->begin(); kv != it->end(); ++kv)
        if (kv->is_string()) out[kv.key()] = kv->get<std::string>();
    };
    read("EncryptionContextEquals", g.context_equals);
    read("EncryptionContextSubset", g.context_subset);
  }
  return g;
}

// The key state named by doc[field]; nullptr when absent or not a state. A pointer into a table
// rather than an optional: gcc 12 warns about optionals of enums read after a branch.
const KeyState* state_field(const json& doc, const char* field) {
  static constexpr KeyState kStates[] = {KeyState::kEnabled, KeyState::kDisabled,
                                         KeyState::kPendingDeletion};
  if (!doc.is_object()) return nullptr;
  auto it = doc.find(field);
  if (it == doc.end() || !it->is_string()) return nullptr;
  auto state = key_state_from_name(it->get_ref<const std::string&>());
  if (!state) return nullptr;
  for (const KeyState& k : kStates)
    if (k == *state) return &k;
  return nullptr;
}

template <typename T, typename Pred>
std::ptrdiff_t index_of(const std::vector<T>& v, Pred pred) {
  auto it = std::find_if(v.begin(), v.end(), pred);
  return it == v.end() ? -1 : it - v.begin();
}

std::string who_label(const Principal& p) {
  return std::string(p.kind == PrincipalKind::kRole ? "role" : "user") + " `" + p.name + "`";
}

const std::string& or_default(const std::string& label, const std::string& fallback) {
  return label.empty() ? fallback : label;
}

bool is_role_arn(const std::string& arn) {
  return arn.find(":role/") != std::string::npos;
}
bool is_group_arn(const std::string& arn) {
  return arn.find(":group/") != std::string::npos;
}

Request call(const std::string& action, const std::string& resource) {
  return Request{"", action, resource, {}, {}};
}

bool apply_to_bucket(const WorldEdit& e, World& w, std::string* why) {
  auto i = index_of(w.buckets, [&](const Bucket& b) { return b.name == e.target; });
  if (i < 0) return fail(why, "no bucket `" + e.target + "`");
  Bucket& b = w.buckets[static_cast<std::size_t>(i)];
  if (e.kind == WorldEditKind::kDeleteBucketPolicy) {
    b.policy = nullptr;
  } else if (e.kind == WorldEditKind::kRewriteBucketPolicy) {
    PolicyPtr p = parse_new_policy(e.document, "/buckets/" + std::to_string(i) + "/policy",
                                   PolicyKind::kResource,
                                   or_default(e.label, "bucket policy of `" + b.name + "`"), why);
    if (!p) return false;
    b.policy = std::move(p);
  } else {
    auto enc = parse_default_encryption(e.document, why);
    if (!enc) return false;
    b.default_encryption = std::move(enc);
  }
  return true;
}

bool apply_to_key(const WorldEdit& e, World& w, std::string* why) {
  auto i = index_of(w.keys, [&](const Key& k) { return k.arn == e.target && !k.synthesized; });
  if (i < 0) return fail(why, "no declared key `" + e.target + "`");
  Key& k = w.keys[static_cast<std::size_t>(i)];
  if (e.kind == WorldEditKind::kRewriteKeyPolicy) {
    std::string label = "key policy of " +
                        (k.aliases.empty() ? "key `" + k.id + "`" : "`" + k.aliases.front() + "`");
    PolicyPtr p = parse_new_policy(e.document, "/keys/" + std::to_string(i) + "/policy",
                                   PolicyKind::kKeyPolicy, or_default(e.label, label), why);
    if (!p) return false;
    k.policy = std::move(p);
  } else if (e.kind == WorldEditKind::kAddGrant) {
    auto g = parse_grant(e.document, why);
    if (!g) return false;
    k.grants.push_back(std::move(*g));
  } else {
    // KMS refuses a state change from another state (KMS API Reference, EnableKey,
    // CancelKeyDeletion: KMSInvalidStateException), so the edit names the state it starts from.
    const KeyState* from = state_field(e.document, "from");
    const KeyState* to = state_field(e.document, "to");
    if (!from || !to)
      return fail(why, "a key state change needs `from` and `to` among " + key_state_names_text());
    if (k.state != *from)
      return fail(why, "key `" + k.arn + "` is " + std::string(key_state_name(k.state)) + ", not " +
                           std::string(key_state_name(*from)));
    k.state = *to;
  }
  return true;
}

bool apply_to_group(const WorldEdit& e, World& w, std::string* why) {
  auto i = index_of(w.groups, [&](const Group& g) { return g.arn == e.target; });
  if (i < 0) return fail(why, "no group `" + e.target + "`");
  Group& g = w.groups[static_cast<std::size_t>(i)];
  if (e.kind == WorldEditKind::kAddUserToGroup) {
    if (!e.document.is_string()) return fail(why, "joining a group needs the user's ARN");
    const std::string user = e.document.get<std::string>();
    auto u = index_of(w.principals, [&](const Principal& p) {
      return p.arn == user && p.kind == PrincipalKind::kUser;
    });
    if (u < 0) return fail(why, "no user `" + user + "`");
    auto& groups = w.principals[static_cast<std::size_t>(u)].groups;
    if (std::find(groups.begin(), groups.end(), g.arn) == groups.end()) groups.push_back(g.arn);
    return true;
  }
  if (e.kind != WorldEditKind::kPutIdentityPolicy)
    return fail(why, std::string(to_string(e.kind)) + " does not apply to a group");
  PolicyPtr p = parse_new_policy(
      e.document, "/groups/" + std::to_string(i) + "/policies/" + std::to_string(g.policies.size()),
      PolicyKind::kIdentity, or_default(e.label, "inline policy of group `" + g.arn + "`"), why);
  if (!p) return false;
  g.policies.push_back({"", std::move(p)});
  return true;
}

bool apply_to_principal(const WorldEdit& e, World& w, std::string* why) {
  auto i = index_of(w.principals, [&](const Principal& p) { return p.arn == e.target; });
  if (i < 0) return fail(why, "no principal `" + e.target + "`");
  Principal& p = w.principals[static_cast<std::size_t>(i)];
  std::string ptr = "/principals/" + std::to_string(i);
  switch (e.kind) {
    case WorldEditKind::kSetTrustPolicy: {
      if (p.kind != PrincipalKind::kRole) return fail(why, "`" + e.target + "` is not a role");
      PolicyPtr t = parse_new_policy(e.document, ptr + "/trust_policy", PolicyKind::kTrust,
                                     or_default(e.label, "trust policy of " + who_label(p)), why);
      if (!t) return false;
      p.trust_policy = std::move(t);
      return true;
    }
    case WorldEditKind::kRemoveBoundary:
      p.permissions_boundary = nullptr;
      return true;
    case WorldEditKind::kPutIdentityPolicy: {
      PolicyPtr ip = parse_new_policy(
          e.document, ptr + "/policies/" + std::to_string(p.policies.size()), PolicyKind::kIdentity,
          or_default(e.label, "inline policy of " + who_label(p)), why);
      if (!ip) return false;
      p.policies.push_back({"", std::move(ip)});
      return true;
    }
    case WorldEditKind::kAttachManagedPolicy: {
      PolicyPtr mp =
          parse_new_policy(e.document, "/managed_policies/" + e.managed_arn, PolicyKind::kIdentity,
                           or_default(e.label, "managed policy `" + e.managed_arn + "`"), why);
      if (!mp) return false;
      w.managed_policies[e.managed_arn] = mp;
      p.policies.push_back({e.managed_arn, std::move(mp)});
      return true;
    }
    case WorldEditKind::kCreateCredentials: {
      // IAM API Reference, CreateAccessKey ("creates a new secret access key ... for the
      // specified user"), CreateLoginProfile / UpdateLoginProfile (a console password for it):
      // whoever holds them signs requests as that user.
      if (p.kind != PrincipalKind::kUser) return fail(why, "`" + e.target + "` is not a user");
      const std::string holder = string_field(e.document, "holder");
      if (holder.empty()) return fail(why, "new credentials need a `holder`");
      auto& held = p.credentials_held_by;
      if (std::find(held.begin(), held.end(), holder) == held.end()) held.push_back(holder);
      return true;
    }
    default:
      return fail(why, std::string(to_string(e.kind)) + " does not apply to a principal");
  }
}

// IAM API Reference, CreatePolicyVersion (with SetAsDefault): the new version is the one in force
// for every identity the policy is attached to.
bool set_managed_policy_version(const WorldEdit& e, World& w, std::string* why) {
  if (!w.managed_policies.count(e.target)) return fail(why, "no managed policy `" + e.target + "`");
  PolicyPtr p = parse_new_policy(e.document, "/managed_policies/" + e.target, PolicyKind::kIdentity,
                                 or_default(e.label, "managed policy `" + e.target + "`"), why);
  if (!p) return false;
  w.managed_policies[e.target] = p;
  auto swap = [&](std::vector<PolicyAttachment>& list) {
    for (auto& a : list)
      if (a.managed_arn == e.target) a.policy = p;
  };
  for (auto& principal : w.principals) swap(principal.policies);
  for (auto& g : w.groups) swap(g.policies);
  return true;
}

}  // namespace

std::string_view to_string(WorldEditKind kind) {
  switch (kind) {
    case WorldEditKind::kRewriteBucketPolicy:
      return "RewriteBucketPolicy";
    case WorldEditKind::kDeleteBucketPolicy:
      return "DeleteBucketPolicy";
    case WorldEditKind::kSetDefaultEncryption:
      return "SetDefaultEncryption";
    case WorldEditKind::kRewriteKeyPolicy:
      return "RewriteKeyPolicy";
    case WorldEditKind::kAddGrant:
      return "AddGrant";
    case WorldEditKind::kPutIdentityPolicy:
      return "PutIdentityPolicy";
    case WorldEditKind::kAttachManagedPolicy:
      return "AttachManagedPolicy";
    case WorldEditKind::kSetTrustPolicy:
      return "SetTrustPolicy";
    case WorldEditKind::kSetKeyState:
      return "SetKeyState";
    case WorldEditKind::kRemoveBoundary:
      return "RemoveBoundary";
    case WorldEditKind::kAddUserToGroup:
      return "AddUserToGroup";
    case WorldEditKind::kSetManagedPolicyVersion:
      return "SetManagedPolicyVersion";
    case WorldEditKind::kCreateCredentials:
      return "CreateCredentials";
  }
  return "?";
}

bool apply(const WorldEdit& e, World& w, std::string* why) {
  switch (e.kind) {
    case WorldEditKind::kRewriteBucketPolicy:
    case WorldEditKind::kDeleteBucketPolicy:
    case WorldEditKind::kSetDefaultEncryption:
      return apply_to_bucket(e, w, why);
    case WorldEditKind::kRewriteKeyPolicy:
    case WorldEditKind::kAddGrant:
    case WorldEditKind::kSetKeyState:
      return apply_to_key(e, w, why);
    case WorldEditKind::kAddUserToGroup:
      return apply_to_group(e, w, why);
    case WorldEditKind::kPutIdentityPolicy:
      return is_group_arn(e.target) ? apply_to_group(e, w, why) : apply_to_principal(e, w, why);
    case WorldEditKind::kAttachManagedPolicy:
    case WorldEditKind::kSetTrustPolicy:
    case WorldEditKind::kRemoveBoundary:
    case WorldEditKind::kCreateCredentials:
      return apply_to_principal(e, w, why);
    case WorldEditKind::kSetManagedPolicyVersion:
      return set_managed_policy_version(e, w, why);
  }
  return fail(why, "unknown edit");
}

std::vector<Request> calls_for(const WorldEdit& e) {
  const std::string bucket = "arn:aws:s3:::" + e.target;
  const bool role = is_role_arn(e.target);
  switch (e.kind) {
    case WorldEditKind::kRewriteBucketPolicy:
      return {call("s3:PutBucketPolicy", bucket)};
    case WorldEditKind::kDeleteBucketPolicy:
      return {call("s3:DeleteBucketPolicy", bucket)};
    case WorldEditKind::kSetDefaultEncryption:
      return {call("s3:PutEncryptionConfiguration", bucket)};
    case WorldEditKind::kRewriteKeyPolicy:
      return {call("kms:PutKeyPolicy", e.target)};
    case WorldEditKind::kAddGrant: {
      // KMS: CreateGrant puts the grant's operations and grantee in the request context.
      Request r = call("kms:CreateGrant", e.target);
      if (e.document.is_object()) {
        if (e.document.contains("operations"))
          for (const auto& op : e.document["operations"])
            if (op.is_string()) r.context["kms:GrantOperations"].push_back(op.get<std::string>());
        if (e.document.contains("grantee") && e.document["grantee"].is_string())
          r.context["kms:GranteePrincipal"] = {e.document["grantee"].get<std::string>()};
      }
      return {r};
    }
    case WorldEditKind::kPutIdentityPolicy:
      return {call(is_group_arn(e.target) ? "iam:PutGroupPolicy"
                   : role                 ? "iam:PutRolePolicy"
                                          : "iam:PutUserPolicy",
                   e.target)};
    case WorldEditKind::kAttachManagedPolicy:
      return {call("iam:CreatePolicy", e.managed_arn),
              call(role ? "iam:AttachRolePolicy" : "iam:AttachUserPolicy", e.target)};
    case WorldEditKind::kSetTrustPolicy:
      return {call("iam:UpdateAssumeRolePolicy", e.target)};
    case WorldEditKind::kSetKeyState: {
      // KMS API Reference: EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion.
      const std::string from = e.document.is_object() ? e.document.value("from", "") : "";
      const std::string to = e.document.is_object() ? e.document.value("to", "") : "";
      if (from == "PendingDeletion") return {call("kms:CancelKeyDeletion", e.target)};
      if (to == "PendingDeletion") return {call("kms:ScheduleKeyDeletion", e.target)};
      return {call(to == "Enabled" ? "kms:EnableKey" : "kms:DisableKey", e.target)};
    }
    case WorldEditKind::kRemoveBoundary:
      return {call(role ? "iam:DeleteRolePermissionsBoundary" : "iam:DeleteUserPermissionsBoundary",
                   e.target)};
    case WorldEditKind::kAddUserToGroup:
      return {call("iam:AddUserToGroup", e.target)};
    case WorldEditKind::kSetManagedPolicyVersion:
      return {call("iam:CreatePolicyVersion", e.target)};
    case WorldEditKind::kCreateCredentials:
      return {
          call(or_default(string_field(e.document, "action"), "iam:CreateAccessKey"), e.target)};
  }
  return {};
}

nlohmann::json to_json(const WorldEdit& e) {
  json j = {{"kind", std::string(to_string(e.kind))}, {"target", e.target}};
  if (!e.managed_arn.empty()) j["managed_arn"] = e.managed_arn;
  if (!e.document.is_null()) j["document"] = e.document;
  if (!e.label.empty()) j["label"] = e.label;
  return j;
}

}  // namespace accesspath
