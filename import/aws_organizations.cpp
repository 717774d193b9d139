// The Organizations part of an AWS export (docs/import.md, "organizations/"): the OU tree and
// the SCPs and RCPs with their targets, turned into each exported account's `scps` and `rcps`
// levels (root, each OU down to the account, the account).
//
//   organizations/describe-organization.json
//   organizations/list-roots.json
//   organizations/list-organizational-units-for-parent/PARENT-ID.json
//   organizations/list-accounts-for-parent/PARENT-ID.json
//   organizations/policies/POLICY-ID/{describe-policy,list-targets-for-policy}.json
#include <algorithm>
#include <filesystem>

#include "import/aws_export_parts.h"
#include "import/json_access.h"
#include "import/policy_document.h"
#include "model/core/diagnostic.h"

namespace accesspath::aws_export {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct OrgPolicy {
  std::string arn;
  json document;
  bool rcp = false;
  bool aws_managed = false;
};

// The JSON of an organizations/ file, or nullopt (reported unless `optional` and missing).
std::optional<json> org_file(const ExportFiles& files, const fs::path& path, ImportReport& report) {
  CliOutput out = read_cli_output(files, path.string(), report);
  if (out.missing) {
    report.skipped(path.string(), "", "missing");
    return std::nullopt;
  }
  if (!out.error_code.empty()) {
    report.unknown(path.string(), "", "the export recorded the error `" + out.error_code + "`");
    return std::nullopt;
  }
  return out.json;
}

// Children of each parent, from the `…-for-parent/PARENT-ID.json` files.
void read_children(const ExportFiles& files, const fs::path& dir, const char* list_key,
                   std::map<std::string, std::string>& parent,
                   std::map<std::string, std::string>* names, ImportReport& report) {
  for (const auto& f : sorted_entries(files, dir.string())) {
    if (f.extension() != ".json") {
      report.skipped(f.string(), "", "unknown layout: expected PARENT-ID.json");
      continue;
    }
    auto doc = org_file(files, f, report);
    if (!doc) continue;
    const json& list = list_at(*doc, list_key, f.string(), "", report);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object() || !list[i].contains("Id") || !list[i]["Id"].is_string()) {
        report.skipped(f.string(), pointer_join(std::string("/") + list_key, i),
                       "wrong shape: an entry needs an `Id`");
        continue;
      }
      std::string id = list[i]["Id"];
      parent[id] = f.stem().string();
      if (names) (*names)[id] = value_or(list[i], "Name", "");
    }
  }
}

std::optional<OrgPolicy> read_policy(const ExportFiles& files, const fs::path& dir,
                                     ScenarioBuilder& builder, ImportReport& report) {
  fs::path file = dir / "describe-policy.json";
  auto doc = org_file(files, file, report);
  if (!doc) return std::nullopt;
  const json& policy = value_or(*doc, "Policy", json::object());
  const json& summary = value_or(policy, "PolicySummary", json::object());
  std::string type = value_or(summary, "Type", "");
  if (type != "SERVICE_CONTROL_POLICY" && type != "RESOURCE_CONTROL_POLICY") {
    if (type.empty())
      report.skipped(file.string(), "", "wrong shape: expected `Policy.PolicySummary.Type`");
    else
      report.note(
          file.string(), "/Policy/PolicySummary/Type",
          "an Organizations policy of type `" + type + "` does not govern access: left out");
    return std::nullopt;
  }
  OrgPolicy p;
  p.rcp = type == "RESOURCE_CONTROL_POLICY";
  p.arn = value_or(summary, "Arn", "");
  p.aws_managed = value_or(summary, "AwsManaged", false);
  std::string why;
  auto d = decode_policy_document(value_or(policy, "Content", json()), &why);
  if (!d) {
    report.skipped(file.string(), "/Policy/Content", "policy `" + p.arn + "` is left out: " + why);
    return std::nullopt;
  }
  if (!builder.valid_policy(*d, p.rcp ? PolicyKind::kRcp : PolicyKind::kScp,
                            {file.string(), "/Policy/Content"}, "policy `" + p.arn + "`"))
    return std::nullopt;
  p.document = *d;
  return p;
}

}  // namespace

void read_organizations(const ExportFiles& files, const std::string& dir, ScenarioBuilder& builder,
                        ImportReport& report, std::string& notes) {
  fs::path root_dir(dir);
  std::string management, org_id;
  if (auto org = org_file(files, root_dir / "describe-organization.json", report)) {
    const json& o = value_or(*org, "Organization", json::object());
    management = value_or(o, "MasterAccountId", value_or(o, "ManagementAccountId", ""));
    org_id = value_or(o, "Id", "");
    notes += "Organization `" + value_or(o, "Id", "?") + "`" +
             (management.empty() ? "" : ", management account `" + management + "`") + ". ";
  }
  std::vector<std::string> roots;
  if (auto r = org_file(files, root_dir / "list-roots.json", report))
    for (const auto& root :
         list_at(*r, "Roots", (root_dir / "list-roots.json").string(), "", report))
      if (root.is_object() && root.contains("Id")) roots.push_back(value_or(root, "Id", ""));
  std::map<std::string, std::string> parent, account_names;
  read_children(files, root_dir / "list-organizational-units-for-parent", "OrganizationalUnits",
                parent, nullptr, report);
  read_children(files, root_dir / "list-accounts-for-parent", "Accounts", parent, &account_names,
                report);

  // Policies, by the targets they are attached to.
  std::map<std::string, std::vector<OrgPolicy>> attached;  // target id -> policies
  std::vector<OrgPolicy> all;
  for (const auto& pdir : sorted_entries(files, (root_dir / "policies").string())) {
    auto p = read_policy(files, pdir, builder, report);
    if (!p) continue;
    fs::path tfile = pdir / "list-targets-for-policy.json";
    auto targets = org_file(files, tfile, report);
    if (!targets) continue;
    for (const auto& t : list_at(*targets, "Targets", tfile.string(), "", report))
      if (t.is_object() && t.contains("TargetId"))
        attached[value_or(t, "TargetId", "")].push_back(*p);
    all.push_back(*p);
  }
  bool any_scp = std::any_of(all.begin(), all.end(), [](const OrgPolicy& p) { return !p.rcp; });
  bool any_rcp = std::any_of(all.begin(), all.end(),
                             [](const OrgPolicy& p) { return p.rcp && !p.aws_managed; });

  std::set<std::string> used_scps;
  for (const auto& [id, name] : account_names) {
    if (!builder.has_account(id)) {
      report.skipped(dir, "",
                     "account `" + id + "` (" + name +
                         ") is in the organization but not in the export: left out");
      continue;
    }
    json& account = builder.account(id);
    if (!name.empty()) account["name"] = name;
    // aws:PrincipalOrgID / aws:ResourceOrgID: every account the OU tree lists is in the
    // organization (IAM User Guide, "AWS global condition context keys"); its path is known below.
    if (!org_id.empty()) account["organization"] = org_id;
    // The path from the root down to the account.
    std::vector<std::string> path{id};
    for (std::string at = id; parent.count(at) && path.size() < 16;) {
      at = parent[at];
      path.push_back(at);
    }
    std::reverse(path.begin(), path.end());
    if (std::find(roots.begin(), roots.end(), path.front()) == roots.end()) {
      report.unknown(dir, "",
                     "account `" + id +
                         "`: its path to the organization root is not "
                         "in the export; its SCPs and RCPs are left out");
      continue;
    }
    // aws:PrincipalOrgPaths / aws:ResourceOrgPaths: `o-…/r-…/ou-…/`, the organization, the root and
    // each OU down to the account's parent (IAM User Guide, "AWS global condition context keys").
    if (!org_id.empty()) {
      std::string ou_path = org_id + "/";
      for (std::size_t i = 0; i + 1 < path.size(); ++i) ou_path += path[i] + "/";
      account["ou_path"] = ou_path;
    }
    // SCPs and RCPs do not apply to the management account.
    if (id == management) continue;
    json scps = json::array(), rcps = json::array();
    for (const auto& node : path) {
      json scp_level = json::array(), rcp_level = json::array();
      for (const auto& p : attached[node]) {
        if (!p.rcp) {
          scp_level.push_back(p.arn);
          used_scps.insert(p.arn);
        } else if (!p.aws_managed) {  // RCPFullAWSAccess is implied at every level
          rcp_level.push_back(p.document);
        }
      }
      scps.push_back(scp_level);
      rcps.push_back(rcp_level);
    }
    if (any_scp) account["scps"] = scps;
    if (any_rcp) account["rcps"] = rcps;
  }
  for (const auto& id : builder.account_ids())
    if (!account_names.count(id) && (any_scp || any_rcp))
      report.note(dir, "",
                  "account `" + id +
                      "` is not in the exported OU tree (list-accounts-for-parent): no SCPs or "
                      "RCPs for it");
  for (const auto& p : all)
    if (!p.rcp && used_scps.count(p.arn))
      builder.add_managed_policy(p.arn, p.document, {(root_dir / "policies").string(), ""});
}

}  // namespace accesspath::aws_export
