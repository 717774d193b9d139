#include "properties/policy_sites.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

const json& list(const json& obj, const char* key) {
  static const json kEmpty = json::array();
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace

std::vector<PolicySite> policy_sites(const json& doc) {
  std::vector<PolicySite> sites;
  const json& accounts = list(doc, "accounts");
  for (std::size_t a = 0; a < accounts.size(); ++a)
    for (const char* kind : {"scps", "rcps"}) {
      const json& levels = list(accounts[a], kind);
      for (std::size_t l = 0; l < levels.size(); ++l)
        for (std::size_t p = 0; p < levels[l].size(); ++p)
          if (levels[l][p].is_object())
            sites.push_back({Pointer("/accounts") / a / kind / l / p,
                             std::string(kind) == "scps" ? PolicyUse::kScp : PolicyUse::kRcp, ""});
    }
  if (doc.contains("managed_policies"))
    for (const auto& [arn, p] : doc["managed_policies"].items())
      sites.push_back({Pointer("/managed_policies") / arn, PolicyUse::kIdentity, ""});
  const json& groups = list(doc, "groups");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const json& policies = list(groups[g], "policies");
    for (std::size_t p = 0; p < policies.size(); ++p)
      if (policies[p].is_object())
        sites.push_back({Pointer("/groups") / g / "policies" / p, PolicyUse::kIdentity, ""});
  }
  const json& principals = list(doc, "principals");
  for (std::size_t i = 0; i < principals.size(); ++i) {
    Pointer base = Pointer("/principals") / i;
    const json& policies = list(principals[i], "policies");
    for (std::size_t p = 0; p < policies.size(); ++p)
      if (policies[p].is_object())
        sites.push_back({base / "policies" / p, PolicyUse::kIdentity, ""});
    if (principals[i].contains("permissions_boundary") &&
        principals[i]["permissions_boundary"].is_object())
      sites.push_back({base / "permissions_boundary", PolicyUse::kBoundary, ""});
    if (principals[i].contains("trust_policy"))
      sites.push_back({base / "trust_policy", PolicyUse::kTrust, principals[i].value("arn", "")});
  }
  const json& buckets = list(doc, "buckets");
  for (std::size_t b = 0; b < buckets.size(); ++b)
    if (buckets[b].contains("policy"))
      sites.push_back(
          {Pointer("/buckets") / b / "policy", PolicyUse::kBucket, buckets[b].value("name", "")});
  const json& keys = list(doc, "keys");
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (keys[k].contains("policy"))
      sites.push_back({Pointer("/keys") / k / "policy", PolicyUse::kKey, keys[k].value("arn", "")});
  return sites;
}

json& statements_array(json& policy) {
  json& st = policy["Statement"];
  if (st.is_object()) st = json::array({st});
  if (!st.is_array()) st = json::array();
  return st;
}

}  // namespace accesspath::properties
