// Terraform's Organizations resources to scenario items (docs/import.md, "Terraform"): each
// account's organization and OU path, and the SCPs and RCPs with their targets.
#include "import/terraform_importer.h"

namespace accesspath::terraform {

// aws:PrincipalOrgID / aws:PrincipalOrgPaths (IAM User Guide, "AWS global condition context
// keys"): the organization's id for the accounts the plan places in it (its management account and
// each aws_organizations_account), and the OU path when the plan places the account's OUs up to
// the root. An account the plan does not place is left without: nothing is invented.
void Importer::organization_membership() {
  std::string org_id, management;
  std::map<std::string, std::string> parent;
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed") continue;
    if (r.type == "aws_organizations_organization") {
      org_id = string_attr(r, "id").value_or("");
      management = string_attr(r, "master_account_id").value_or("");
    }
    if (r.type == "aws_organizations_organizational_unit" || r.type == "aws_organizations_account")
      if (auto id = string_attr(r, "id"))
        if (auto up = string_attr(r, "parent_id")) parent[*id] = *up;
  }
  if (org_id.empty()) return;
  for (const std::string& id : builder_.account_ids()) {
    if (id != management && !parent.count(id)) continue;
    json& account = builder_.account(id);
    account["organization"] = org_id;
    std::vector<std::string> path;
    for (std::string node = id; parent.count(node) && path.size() < 16;)
      path.push_back(node = parent[node]);
    if (path.empty() || path.back().rfind("r-", 0) != 0) continue;  // the root is not in the plan
    std::string ou_path = org_id + "/";
    for (auto it = path.rbegin(); it != path.rend(); ++it) ou_path += *it + "/";
    account["ou_path"] = ou_path;
  }
}

void Importer::organizations() {
  std::map<std::string, std::pair<json, bool>> policies;  // address -> (document, is RCP)
  std::map<std::string, std::string> address_by_id;
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed" || r.type != "aws_organizations_policy") continue;
    std::string type = string_attr(r, "type").value_or("SERVICE_CONTROL_POLICY");
    if (type != "SERVICE_CONTROL_POLICY" && type != "RESOURCE_CONTROL_POLICY") continue;
    bool rcp = type == "RESOURCE_CONTROL_POLICY";
    if (auto doc = policy_document(r, "content", rcp ? PolicyKind::kRcp : PolicyKind::kScp,
                                   "policy `" + r.address + "`")) {
      policies[r.address] = {*doc, rcp};
      if (auto id = string_attr(r, "id")) address_by_id[*id] = r.address;
    }
  }
  // Attachments by target: the root (r-…), an OU, an account.
  std::map<std::string, std::pair<std::vector<json>, std::vector<json>>> attached;
  std::map<std::string, const Resource*> attachment_of;  // target -> one attachment, for reports
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed" || r.type != "aws_organizations_policy_attachment") continue;
    std::string address;
    if (auto id = string_attr(r, "policy_id"); id && address_by_id.count(*id))
      address = address_by_id[*id];
    else if (const Resource* t = referenced(r, "policy_id", "aws_organizations_policy"))
      address = t->address;
    auto p = policies.find(address);
    auto target = string_attr(r, "target_id");
    if (p == policies.end() || !target) {
      unknown(r, p == policies.end() ? "policy_id" : "target_id", "the attachment is left out");
      continue;
    }
    auto& lists = attached[*target];
    (p->second.second ? lists.second : lists.first).push_back(p->second.first);
    attachment_of[*target] = &r;
  }
  if (attached.empty()) return;
  // Where OUs and accounts sit, as the plan places them.
  std::map<std::string, std::string> parent;
  std::string management;
  for (const auto& r : plan_.resources()) {
    if (r.type == "aws_organizations_organizational_unit" || r.type == "aws_organizations_account")
      if (auto id = string_attr(r, "id"))
        if (auto up = string_attr(r, "parent_id")) parent[*id] = *up;
    if (r.type == "aws_organizations_organization")
      if (auto m = string_attr(r, "master_account_id")) {
        management = *m;
        if (builder_.has_account(*m))
          report_.note(plan_.file(), at(r, "master_account_id"),
                       "account `" + *m +
                           "` is the organization's management account: SCPs and RCPs do not "
                           "apply to it");
      }
  }
  // Levels: the root, each OU down to the account, the account. A node with nothing attached in
  // the plan is no level: AWS attaches FullAWSAccess to every new OU and account.
  std::set<std::string> used;
  for (const std::string& id : builder_.account_ids()) {
    if (id == management) continue;
    std::vector<std::string> path{id};
    for (std::string at_node = id; parent.count(at_node) && path.size() < 16;)
      path.push_back(at_node = parent[at_node]);
    for (const auto& [target, lists] : attached)
      if (target.rfind("r-", 0) == 0 && std::find(path.begin(), path.end(), target) == path.end())
        path.push_back(target);  // every account of the organization is under its root
    std::reverse(path.begin(), path.end());
    json scps = json::array(), rcps = json::array();
    for (const auto& node : path) {
      auto it = attached.find(node);
      if (it == attached.end()) continue;
      used.insert(node);
      if (!it->second.first.empty()) scps.push_back(it->second.first);
      if (!it->second.second.empty()) rcps.push_back(it->second.second);
    }
    if (!scps.empty()) builder_.account(id)["scps"] = scps;
    if (!rcps.empty()) builder_.account(id)["rcps"] = rcps;
  }
  for (const auto& [target, r] : attachment_of)
    if (!used.count(target) && target != management)
      report_.unknown(plan_.file(), at(*r, "target_id"),
                      "target `" + target +
                          "` holds no account of the plan (an organizational unit whose accounts "
                          "the plan does not place, or an account not in it): the attachment is "
                          "left out");
}

}  // namespace accesspath::terraform
