#include "properties/world_to_json.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

json bpa_to_json(const BlockPublicAccess& b) {
  return {{"BlockPublicAcls", b.block_public_acls},
          {"IgnorePublicAcls", b.ignore_public_acls},
          {"BlockPublicPolicy", b.block_public_policy},
          {"RestrictPublicBuckets", b.restrict_public_buckets}};
}

json levels_to_json(const std::vector<std::vector<PolicyPtr>>& levels) {
  json out = json::array();
  for (const auto& level : levels) {
    json l = json::array();
    for (const auto& p : level) l.push_back(to_json(*p));
    out.push_back(l);
  }
  return out;
}

json attachments_to_json(const std::vector<PolicyAttachment>& policies) {
  json out = json::array();
  for (const auto& a : policies)
    out.push_back(a.managed_arn.empty() ? to_json(*a.policy) : json(a.managed_arn));
  return out;
}

json encryption_to_json(const Encryption& e) {
  json j = {{"sse", e.sse == Sse::kKms ? "aws:kms" : e.sse == Sse::kCustomer ? "SSE-C" : "AES256"}};
  if (!e.kms_key.empty()) j["kms_key"] = e.kms_key;
  if (e.bucket_key) j["bucket_key"] = true;
  return j;
}

}  // namespace

json world_to_json(const World& w, const std::string& name) {
  json doc = {{"format", 1}, {"name", name}};
  doc["accounts"] = json::array();
  for (const auto& a : w.accounts) {
    json j = {{"id", a.id}};
    if (!a.name.empty()) j["name"] = a.name;
    if (!a.scps.empty()) j["scps"] = levels_to_json(a.scps);
    if (!a.rcps.empty()) j["rcps"] = levels_to_json(a.rcps);
    if (a.block_public_access) j["block_public_access"] = bpa_to_json(*a.block_public_access);
    if (!a.organization.empty()) j["organization"] = a.organization;
    if (!a.ou_path.empty()) j["ou_path"] = a.ou_path;
    doc["accounts"].push_back(j);
  }
  if (!w.managed_policies.empty()) {
    doc["managed_policies"] = json::object();
    for (const auto& [arn, p] : w.managed_policies) doc["managed_policies"][arn] = to_json(*p);
  }
  if (!w.groups.empty()) {
    doc["groups"] = json::array();
    for (const auto& g : w.groups)
      doc["groups"].push_back({{"arn", g.arn}, {"policies", attachments_to_json(g.policies)}});
  }
  doc["principals"] = json::array();
  for (const auto& p : w.principals) {
    json j = {{"arn", p.arn}, {"policies", attachments_to_json(p.policies)}};
    if (!p.groups.empty()) j["groups"] = p.groups;
    if (p.permissions_boundary) j["permissions_boundary"] = to_json(*p.permissions_boundary);
    if (p.trust_policy) j["trust_policy"] = to_json(*p.trust_policy);
    if (!p.tags.empty()) j["tags"] = p.tags;
    doc["principals"].push_back(j);
  }
  doc["buckets"] = json::array();
  for (const auto& b : w.buckets) {
    json j = {{"name", b.name}, {"account", b.account}, {"region", b.region}};
    if (b.policy) j["policy"] = to_json(*b.policy);
    if (b.default_encryption) j["default_encryption"] = encryption_to_json(*b.default_encryption);
    if (b.block_public_access) j["block_public_access"] = bpa_to_json(*b.block_public_access);
    if (!b.tags_described)
      j["tags"] = nullptr;
    else if (!b.tags.empty())
      j["tags"] = b.tags;
    if (!b.abac_described)
      j["abac"] = nullptr;
    else if (b.abac)
      j["abac"] = true;
    j["objects"] = json::array();
    for (const auto& o : b.objects) {
      json oj = {{"key", o.key}};
      if (o.encryption) {
        const json enc = encryption_to_json(*o.encryption);
        for (const auto& [k, v] : enc.items()) oj[k] = v;
      }
      if (!o.tags_described)
        oj["tags"] = nullptr;
      else if (!o.tags.empty())
        oj["tags"] = o.tags;
      j["objects"].push_back(oj);
    }
    doc["buckets"].push_back(j);
  }
  doc["keys"] = json::array();
  for (const auto& k : w.keys) {
    if (k.synthesized) continue;
    json j = {{"arn", k.arn}};
    if (k.policy) j["policy"] = to_json(*k.policy);
    if (!k.aliases.empty()) j["aliases"] = k.aliases;
    if (k.aws_managed) j["managed"] = "aws";
    if (k.state != KeyState::kEnabled) j["state"] = key_state_name(k.state);
    if (!k.tags_described)
      j["tags"] = nullptr;
    else if (!k.tags.empty())
      j["tags"] = k.tags;
    if (!k.grants.empty()) {
      j["grants"] = json::array();
      for (const auto& g : k.grants) {
        json gj = {{"grantee", g.grantee}, {"operations", g.operations}};
        if (!g.context_equals.empty())
          gj["constraints"]["EncryptionContextEquals"] = g.context_equals;
        if (!g.context_subset.empty())
          gj["constraints"]["EncryptionContextSubset"] = g.context_subset;
        j["grants"].push_back(gj);
      }
    }
    doc["keys"].push_back(j);
  }
  if (!w.resources.empty()) {
    doc["resources"] = json::array();
    for (const auto& r : w.resources) {
      json j = {{"arn", r.arn}};
      if (r.policy) j["policy"] = to_json(*r.policy);
      doc["resources"].push_back(j);
    }
  }
  return doc;
}

}  // namespace accesspath::properties
