// Every policy document in a scenario document, with where it is attached, so
// laws can rewrite them one by one (add a Deny, drop an Allow, reorder,
// round-trip through the parser).
//
//   for (const PolicySite& site : policy_sites(doc))
//     doc[site.pointer]["Statement"];  // a policy of kind to_policy_kind(site.use)
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/policy_use.h"

namespace accesspath::properties {

struct PolicySite {
  nlohmann::json::json_pointer pointer;
  PolicyUse use = PolicyUse::kIdentity;
  std::string attached_to;  // bucket name, key ARN or role ARN; "" otherwise
};

inline void showValue(const PolicySite& site, std::ostream& os) {
  os << to_string(site.use) << " policy at " << site.pointer.to_string();
}

// Documents only: attachments by managed-policy ARN are listed once, at
// /managed_policies/<arn>.
std::vector<PolicySite> policy_sites(const nlohmann::json& world_doc);

// The statements of a policy as an array (a single Statement object becomes a one-element array).
nlohmann::json& statements_array(nlohmann::json& policy);

}  // namespace accesspath::properties
