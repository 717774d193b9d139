#include "properties/team_edit_world.h"

#include <algorithm>

namespace accesspath::properties {
namespace {

using nlohmann::json;

bool fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return false;
}

// Parses a new document the way the loader would at `pointer`; null when it has errors.
PolicyPtr parse_new_policy(const json& doc, const std::string& pointer, PolicyKind kind,
                           std::string label, std::string* why) {
  Diagnostics diags;
  Policy p = parse_policy(doc, pointer, kind, diags);
  if (diags.has_errors()) {
    for (const auto& d : diags.items())
      if (d.severity == Severity::kError) fail(why, d.to_string());
    return nullptr;
  }
  p.label = std::move(label);
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
  for (const auto& op : j["operations"]) g.operations.push_back(op.get<std::string>());
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

template <typename T, typename Pred>
std::ptrdiff_t index_of(const std::vector<T>& v, Pred pred) {
  auto it = std::find_if(v.begin(), v.end(), pred);
  return it == v.end() ? -1 : it - v.begin();
}

std::string who_label(const Principal& p) {
  return std::string(p.kind == PrincipalKind::kRole ? "role" : "user") + " `" + p.name + "`";
}

}  // namespace

bool apply(const TeamEdit& e, World& w, std::string* why) {
  switch (e.kind) {
    case TeamEditKind::kRewriteBucketPolicy:
    case TeamEditKind::kDeleteBucketPolicy:
    case TeamEditKind::kSetDefaultEncryption: {
      auto i = index_of(w.buckets, [&](const Bucket& b) { return b.name == e.target; });
      if (i < 0) return fail(why, "no bucket `" + e.target + "`");
      Bucket& b = w.buckets[static_cast<std::size_t>(i)];
      std::string ptr = "/buckets/" + std::to_string(i);
      if (e.kind == TeamEditKind::kDeleteBucketPolicy) {
        b.policy = nullptr;
      } else if (e.kind == TeamEditKind::kRewriteBucketPolicy) {
        PolicyPtr p = parse_new_policy(e.document, ptr + "/policy", PolicyKind::kResource,
                                       "bucket policy of `" + b.name + "`", why);
        if (!p) return false;
        b.policy = std::move(p);
      } else {
        auto enc = parse_default_encryption(e.document, why);
        if (!enc) return false;
        b.default_encryption = std::move(enc);
      }
      return true;  // no index changes: bucket names stay
    }
    case TeamEditKind::kRewriteKeyPolicy:
    case TeamEditKind::kAddGrant: {
      auto i = index_of(w.keys, [&](const Key& k) { return k.arn == e.target && !k.synthesized; });
      if (i < 0) return fail(why, "no declared key `" + e.target + "`");
      Key& k = w.keys[static_cast<std::size_t>(i)];
      if (e.kind == TeamEditKind::kRewriteKeyPolicy) {
        std::string label = "key policy of " + (k.aliases.empty() ? "key `" + k.id + "`"
                                                                  : "`" + k.aliases.front() + "`");
        PolicyPtr p = parse_new_policy(e.document, "/keys/" + std::to_string(i) + "/policy",
                                       PolicyKind::kKeyPolicy, label, why);
        if (!p) return false;
        k.policy = std::move(p);
      } else {
        auto g = parse_grant(e.document, why);
        if (!g) return false;
        k.grants.push_back(std::move(*g));
      }
      return true;
    }
    case TeamEditKind::kPutIdentityPolicy:
    case TeamEditKind::kAttachManagedPolicy:
    case TeamEditKind::kSetTrustPolicy: {
      auto i = index_of(w.principals, [&](const Principal& p) { return p.arn == e.target; });
      if (i < 0) return fail(why, "no principal `" + e.target + "`");
      Principal& p = w.principals[static_cast<std::size_t>(i)];
      std::string ptr = "/principals/" + std::to_string(i);
      if (e.kind == TeamEditKind::kSetTrustPolicy) {
        if (p.kind != PrincipalKind::kRole) return fail(why, "`" + e.target + "` is not a role");
        PolicyPtr t = parse_new_policy(e.document, ptr + "/trust_policy", PolicyKind::kTrust,
                                       "trust policy of " + who_label(p), why);
        if (!t) return false;
        p.trust_policy = std::move(t);
        return true;
      }
      std::string at = ptr + "/policies/" + std::to_string(p.policies.size());
      if (e.kind == TeamEditKind::kPutIdentityPolicy) {
        PolicyPtr ip = parse_new_policy(e.document, at, PolicyKind::kIdentity,
                                        "inline policy of " + who_label(p), why);
        if (!ip) return false;
        p.policies.push_back({"", std::move(ip)});
        return true;
      }
      PolicyPtr mp =
          parse_new_policy(e.document, "/managed_policies/" + e.managed_arn, PolicyKind::kIdentity,
                           "managed policy `" + e.managed_arn + "`", why);
      if (!mp) return false;
      w.managed_policies[e.managed_arn] = mp;
      p.policies.push_back({e.managed_arn, std::move(mp)});
      return true;
    }
  }
  return fail(why, "unknown edit");
}

}  // namespace accesspath::properties
