#include "model/world/world_changes.h"

#include <nlohmann/json.hpp>

#include "model/world/considered_principals.h"

namespace accesspath {
namespace {

nlohmann::json doc(const PolicyPtr& p) {
  return p ? to_json(*p) : nlohmann::json(nullptr);
}

nlohmann::json attachments(const std::vector<PolicyAttachment>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list)
    out.push_back({a.managed_arn, a.managed_arn.empty() ? doc(a.policy) : nullptr});
  return out;
}

nlohmann::json levels(const std::vector<std::vector<PolicyPtr>>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& level : list) {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& p : level) l.push_back(doc(p));
    out.push_back(std::move(l));
  }
  return out;
}

nlohmann::json encryption(const std::optional<Encryption>& e) {
  if (!e) return nullptr;
  return {static_cast<int>(e->sse), e->kms_key, e->bucket_key};
}

nlohmann::json bpa(const std::optional<BlockPublicAccess>& b) {
  if (!b) return nullptr;
  return {b->block_public_acls, b->ignore_public_acls, b->block_public_policy,
          b->restrict_public_buckets};
}

// Everything but buckets and keys, as one document: equal exactly when none of it changed.
nlohmann::json rest_of(const World& w) {
  nlohmann::json out;
  for (const auto& a : w.accounts)
    out["accounts"].push_back({a.id, levels(a.scps), levels(a.rcps), bpa(a.block_public_access),
                               a.organization, a.ou_path});
  for (const auto& [arn, p] : w.managed_policies) out["managed"][arn] = doc(p);
  for (const auto& g : w.groups) out["groups"].push_back({g.arn, attachments(g.policies)});
  for (const auto& p : w.principals)
    out["principals"].push_back({p.arn, attachments(p.policies), p.groups,
                                 doc(p.permissions_boundary), doc(p.trust_policy), p.tags});
  for (const auto& r : w.resources) out["resources"].push_back({r.arn, doc(r.policy)});
  return out;
}

nlohmann::json bucket_doc(const Bucket& b) {
  nlohmann::json objects = nlohmann::json::array();
  for (const auto& o : b.objects)
    objects.push_back({o.key, encryption(o.encryption), o.tags, o.tags_described});
  return {b.account,
          b.region,
          doc(b.policy),
          encryption(b.default_encryption),
          bpa(b.block_public_access),
          objects,
          b.tags,
          b.tags_described,
          b.abac,
          b.abac_described};
}

nlohmann::json key_doc(const Key& k) {
  nlohmann::json grants = nlohmann::json::array();
  for (const auto& g : k.grants)
    grants.push_back({g.grantee, g.operations, g.context_equals, g.context_subset});
  return {k.account, k.region, doc(k.policy),   k.aliases, k.aws_managed, static_cast<int>(k.state),
          grants,    k.tags,   k.tags_described};
}

}  // namespace

ChangeScope changed_between(const World& a, const World& b) {
  ChangeScope out;
  // A bucket or key policy that names another partner account adds principals to consider
  // (considered_principals.h): every pair may differ for them.
  out.everything = rest_of(a) != rest_of(b) || considered_principals(a) != considered_principals(b);
  for (const World* one : {&a, &b}) {
    const World* other = one == &a ? &b : &a;
    for (const auto& x : one->buckets) {
      const Bucket* y = other->find_bucket(x.name);
      if (!y || bucket_doc(x) != bucket_doc(*y)) out.buckets.insert(x.name);
    }
    for (const auto& x : one->keys) {
      const Key* y = other->find_key(x.arn);
      if (!y || key_doc(x) != key_doc(*y)) out.keys.insert(x.arn);
    }
  }
  return out;
}

}  // namespace accesspath
