#include "model/world/world_changes.h"

#include <set>

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

// Accounts and other resources, as one document: equal exactly when none of it changed. A change
// there may change any pair.
nlohmann::json rest_of(const World& w) {
  nlohmann::json out;
  for (const auto& a : w.accounts)
    out["accounts"].push_back({a.id, levels(a.scps), levels(a.rcps), bpa(a.block_public_access),
                               a.organization, a.ou_path});
  for (const auto& r : w.resources) out["resources"].push_back({r.arn, doc(r.policy)});
  return out;
}

// A user or role as written, but its trust policy (compared apart): its inline policies and the
// ARNs of its managed ones (compared apart), groups, boundary, tags, and who holds its
// credentials. What decides the principal's own requests.
nlohmann::json identity_doc(const Principal& p) {
  return {static_cast<int>(p.kind),
          attachments(p.policies),
          p.groups,
          doc(p.permissions_boundary),
          p.tags,
          p.credentials_held_by};
}

// The managed policies and groups added, removed or changed (by ARN).
std::set<std::string> changed_managed(const World& a, const World& b) {
  std::set<std::string> out;
  for (const World* one : {&a, &b}) {
    const World* other = one == &a ? &b : &a;
    for (const auto& [arn, p] : one->managed_policies) {
      auto it = other->managed_policies.find(arn);
      if (it == other->managed_policies.end() || doc(p) != doc(it->second)) out.insert(arn);
    }
  }
  return out;
}

bool attaches_any(const std::vector<PolicyAttachment>& list, const std::set<std::string>& arns) {
  for (const auto& a : list)
    if (!a.managed_arn.empty() && arns.count(a.managed_arn)) return true;
  return false;
}

std::set<std::string> changed_groups(const World& a, const World& b,
                                     const std::set<std::string>& managed) {
  std::set<std::string> out;
  for (const World* one : {&a, &b}) {
    const World* other = one == &a ? &b : &a;
    for (const auto& g : one->groups) {
      const Group* h = other->find_group(g.arn);
      if (!h || attachments(g.policies) != attachments(h->policies) ||
          attaches_any(g.policies, managed))
        out.insert(g.arn);
    }
  }
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

// The principals considered in `w` (considered_principals.h) but declared in neither world: the
// outsiders, anonymous, the principals of partner accounts a policy names. A declared principal
// added or removed is a changed principal instead.
std::set<std::string> outsiders(const World& w, const World& other) {
  std::set<std::string> out;
  for (auto& p : considered_principals(w))
    if (!w.find_principal(p) && !other.find_principal(p)) out.insert(std::move(p));
  return out;
}

}  // namespace

ChangeScope changed_between(const World& a, const World& b) {
  ChangeScope out;
  // A bucket or key policy that names another partner account adds principals to consider
  // (considered_principals.h): every pair may differ for them.
  out.everything = rest_of(a) != rest_of(b) || outsiders(a, b) != outsiders(b, a);
  const std::set<std::string> managed = changed_managed(a, b);
  const std::set<std::string> groups = changed_groups(a, b, managed);
  for (const World* one : {&a, &b}) {
    const World* other = one == &a ? &b : &a;
    for (const auto& x : one->principals) {
      const Principal* y = other->find_principal(x.arn);
      bool in_changed_group = false;
      for (const auto& g : x.groups) in_changed_group = in_changed_group || groups.count(g) > 0;
      if (!y || in_changed_group || attaches_any(x.policies, managed) ||
          identity_doc(x) != identity_doc(*y)) {
        out.principals.insert(x.arn);
        out.identities.insert(x.arn);
      } else if (doc(x.trust_policy) != doc(y->trust_policy)) {
        out.principals.insert(x.arn);
      }
    }
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
