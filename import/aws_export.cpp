#include "import/aws_export.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "import/aws_export_parts.h"
#include "import/json_access.h"
#include "import/json_file.h"
#include "import/policy_document.h"
#include "model/core/diagnostic.h"

namespace accesspath {
namespace aws_export {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool is_account_id(const std::string& s) {
  return s.size() == 12 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Inline policies (`UserPolicyList`, `GroupPolicyList`, `RolePolicyList`): each decoded and
// checked; a refused one is reported and left out.
void inline_policies(const json& entity, const std::string& list_key, const std::string& ptr,
                     const std::string& file, const std::string& who, ScenarioBuilder& builder,
                     ImportReport& report, json& policies) {
  const json& list = list_at(entity, list_key, file, ptr, report);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string p = pointer_join(ptr + "/" + list_key, i);
    std::string name = list[i].is_object() ? value_or(list[i], "PolicyName", "") : "";
    std::string why;
    auto doc = list[i].is_object() && list[i].contains("PolicyDocument")
                   ? decode_policy_document(list[i]["PolicyDocument"], &why)
                   : std::nullopt;
    if (!doc) {
      report.skipped(file, p + "/PolicyDocument",
                     "inline policy `" + name + "` of `" + who +
                         "` is left out: " + (why.empty() ? "it has no `PolicyDocument`" : why));
      continue;
    }
    if (builder.valid_policy(*doc, PolicyKind::kIdentity, {file, p + "/PolicyDocument"},
                             "inline policy `" + name + "` of `" + who + "`"))
      policies.push_back(*doc);
  }
}

void attached_policies(const json& entity, const std::string& ptr, const std::string& file,
                       ImportReport& report, json& policies) {
  const json& list = list_at(entity, "AttachedManagedPolicies", file, ptr, report);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].is_object() && list[i].contains("PolicyArn") && list[i]["PolicyArn"].is_string())
      policies.push_back(list[i]["PolicyArn"]);
    else
      report.skipped(file, pointer_join(ptr + "/AttachedManagedPolicies", i),
                     "an attached policy needs a `PolicyArn` string");
  }
}

json tags_of(const json& entity, const std::string& ptr, const std::string& file,
             ImportReport& report) {
  json tags = json::object();
  const json& list = list_at(entity, "Tags", file, ptr, report);
  for (const auto& t : list)
    if (t.is_object() && t.contains("Key") && t["Key"].is_string())
      tags[t["Key"].get<std::string>()] = value_or(t, "Value", "");
  return tags;
}

// The entity's `Arn`, or "" after reporting it.
std::string arn_of(const json& entity, const std::string& ptr, const std::string& file,
                   const std::string& what, ImportReport& report) {
  if (entity.is_object() && entity.contains("Arn") && entity["Arn"].is_string())
    return entity["Arn"].get<std::string>();
  report.skipped(file, ptr, what + " without an `Arn` string is left out");
  return "";
}

void read_managed_policies(const json& doc, const std::string& file, ScenarioBuilder& builder,
                           ImportReport& report) {
  const json& list = list_at(doc, "Policies", file, "", report);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/Policies", i);
    std::string arn = arn_of(list[i], ptr, file, "a managed policy", report);
    if (arn.empty()) continue;
    // Every account's export carries the AWS managed policies attached in it: the same policy.
    if (arn.find(":iam::aws:policy/") != std::string::npos && builder.has_managed_policy(arn))
      continue;
    const json& versions = list_at(list[i], "PolicyVersionList", file, ptr, report);
    std::optional<std::size_t> def;
    for (std::size_t v = 0; v < versions.size(); ++v)
      if (versions[v].is_object() && value_or(versions[v], "IsDefaultVersion", false)) def = v;
    if (!def) {
      report.skipped(file, ptr + "/PolicyVersionList",
                     "managed policy `" + arn + "` is left out: no version has `IsDefaultVersion`");
      continue;
    }
    std::string vptr = pointer_join(ptr + "/PolicyVersionList", *def) + "/Document";
    std::string why;
    auto d = decode_policy_document(value_or(versions[*def], "Document", json()), &why);
    if (!d) {
      report.skipped(file, vptr, "managed policy `" + arn + "` is left out: " + why);
      continue;
    }
    bool by_aws = arn.find(":iam::aws:policy/") != std::string::npos;
    if (builder.valid_policy(*d, PolicyKind::kIdentity, {file, vptr},
                             "managed policy `" + arn + "`",
                             by_aws ? PolicyOwner::kAws : PolicyOwner::kCustomer))
      builder.add_managed_policy(arn, *d, {file, ptr});
  }
}

}  // namespace

std::vector<fs::path> sorted_entries(const ExportFiles& files, const std::string& dir) {
  std::vector<fs::path> out = files.list(dir);
  std::sort(out.begin(), out.end());
  return out;
}

CliOutput read_cli_output(const ExportFiles& files, const std::string& path, ImportReport& report) {
  CliOutput out;
  JsonTextProblem problem;
  std::optional<std::string> read =
      files.read(path, kImportJsonLimits.max_bytes, out.missing, problem);
  if (out.missing) return out;
  if (!read) {
    report.skipped(path, problem.pointer, problem.message);
    return out;
  }
  const std::string& text = *read;
  // The CLI's message is plain text: a file with a `{` is JSON (or broken JSON), and is not
  // searched (std::regex is slow on a large file).
  static const std::regex cli_error(R"(An error occurred \(([A-Za-z0-9.]+)\))");
  std::smatch m;
  if (text.find('{') == std::string::npos && std::regex_search(text, m, cli_error)) {
    out.error_code = m[1];
    return out;
  }
  out.json = parse_json_text(text, problem);
  if (!out.json) {
    report.skipped(path, problem.pointer, problem.message);
    return out;
  }
  if (out.json->is_object() && out.json->size() == 1 && out.json->contains("Error") &&
      (*out.json)["Error"].is_object()) {
    out.error_code = value_or((*out.json)["Error"], "Code", "unknown error");
    out.json.reset();
  }
  return out;
}

const json& list_at(const json& doc, const std::string& key, const std::string& file,
                    const std::string& pointer, ImportReport& report) {
  static const json empty = json::array();
  if (!doc.is_object()) return empty;
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return empty;
  if (!it->is_array()) {
    report.skipped(file, pointer + "/" + pointer_token(key),
                   "`" + key + "` must be a list, got " + it->type_name());
    return empty;
  }
  return *it;
}

void read_iam(const ExportFiles& files, const std::string& account, const std::string& file,
              ScenarioBuilder& builder, ImportReport& report, std::string& notes) {
  CliOutput out = read_cli_output(files, file, report);
  if (out.missing) {
    report.skipped(file, "",
                   "missing: the account's users, groups, roles and policies are not "
                   "imported (run `aws iam get-account-authorization-details`)");
    return;
  }
  if (!out.error_code.empty()) {
    report.skipped(file, "", "the export recorded the error `" + out.error_code + "`");
    return;
  }
  if (!out.json) return;
  const json& doc = *out.json;
  if (!doc.is_object() || !(doc.contains("UserDetailList") || doc.contains("RoleDetailList") ||
                            doc.contains("GroupDetailList") || doc.contains("Policies"))) {
    report.skipped(file, "",
                   "wrong shape: expected the output of `aws iam "
                   "get-account-authorization-details` (`UserDetailList`, `GroupDetailList`, "
                   "`RoleDetailList`, `Policies`)");
    return;
  }
  if (value_or(doc, "IsTruncated", false))
    report.note(file, "/IsTruncated",
                "the output is one page (`IsTruncated`: true): what is on later pages is not "
                "imported");
  read_managed_policies(doc, file, builder, report);

  std::map<std::string, std::string> group_arns;  // name -> ARN
  const json& groups = list_at(doc, "GroupDetailList", file, "", report);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::string ptr = pointer_join("/GroupDetailList", i);
    std::string arn = arn_of(groups[i], ptr, file, "a group", report);
    if (arn.empty()) continue;
    json g = {{"arn", arn}, {"policies", json::array()}};
    inline_policies(groups[i], "GroupPolicyList", ptr, file, arn, builder, report, g["policies"]);
    attached_policies(groups[i], ptr, file, report, g["policies"]);
    if (builder.add_group(g, {file, ptr})) group_arns[value_or(groups[i], "GroupName", "")] = arn;
  }

  auto principal = [&](const json& e, const std::string& ptr, const std::string& list_key,
                       const std::string& arn) {
    json p = {{"arn", arn}, {"policies", json::array()}};
    inline_policies(e, list_key, ptr, file, arn, builder, report, p["policies"]);
    attached_policies(e, ptr, file, report, p["policies"]);
    if (e.contains("PermissionsBoundary") && e["PermissionsBoundary"].is_object() &&
        e["PermissionsBoundary"].contains("PermissionsBoundaryArn"))
      p["permissions_boundary"] = e["PermissionsBoundary"]["PermissionsBoundaryArn"];
    json tags = tags_of(e, ptr, file, report);
    if (!tags.empty()) p["tags"] = tags;
    return p;
  };

  const json& users = list_at(doc, "UserDetailList", file, "", report);
  for (std::size_t i = 0; i < users.size(); ++i) {
    std::string ptr = pointer_join("/UserDetailList", i);
    std::string arn = arn_of(users[i], ptr, file, "a user", report);
    if (arn.empty()) continue;
    json p = principal(users[i], ptr, "UserPolicyList", arn);
    const json& names = list_at(users[i], "GroupList", file, ptr, report);
    for (std::size_t g = 0; g < names.size(); ++g) {
      std::string name = names[g].is_string() ? names[g].get<std::string>() : "";
      auto it = group_arns.find(name);
      if (it == group_arns.end()) {
        report.skipped(file, pointer_join(ptr + "/GroupList", g),
                       "`" + arn + "` is in group `" + name +
                           "`, which is not in the export: membership left out");
        continue;
      }
      p["groups"].push_back(it->second);
    }
    builder.add_principal(p, {file, ptr});
  }

  const json& roles = list_at(doc, "RoleDetailList", file, "", report);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    std::string ptr = pointer_join("/RoleDetailList", i);
    std::string arn = arn_of(roles[i], ptr, file, "a role", report);
    if (arn.empty()) continue;
    json p = principal(roles[i], ptr, "RolePolicyList", arn);
    std::string why;
    auto trust =
        decode_policy_document(value_or(roles[i], "AssumeRolePolicyDocument", json()), &why);
    if (!trust)
      report.skipped(
          file, ptr + "/AssumeRolePolicyDocument",
          "the trust policy of `" + arn + "` is left out (nobody can assume it): " + why);
    else if (builder.valid_policy(*trust, PolicyKind::kTrust,
                                  {file, ptr + "/AssumeRolePolicyDocument"},
                                  "the trust policy of `" + arn + "`"))
      p["trust_policy"] = *trust;
    const json& profiles = list_at(roles[i], "InstanceProfileList", file, ptr, report);
    for (const auto& profile : profiles)
      if (profile.is_object())
        notes += "Instance profile `" + value_or(profile, "InstanceProfileName", "?") +
                 "` gives EC2 instances the role `" + arn + "`. ";
    builder.add_principal(p, {file, ptr});
  }
  (void)account;
}

}  // namespace aws_export

namespace {

std::optional<nlohmann::json> import_from(const ExportFiles& files, const std::string& dir,
                                          ImportReport& report) {
  namespace fs = std::filesystem;
  using namespace aws_export;
  if (!files.is_directory(dir)) {
    report.skipped(dir, "", "not a directory of AWS CLI outputs (docs/import.md)");
    return std::nullopt;
  }
  ScenarioBuilder builder(report);
  std::string notes;
  std::vector<fs::path> entries = sorted_entries(files, dir);
  bool organizations = false;
  for (const auto& path : entries) {
    std::string name = path.filename().string();
    if (name == "organizations" && files.is_directory(path.string())) {
      organizations = true;
      continue;
    }
    if (!is_account_id(name) || !files.is_directory(path.string())) {
      report.skipped(path.string(), "",
                     "unknown layout: expected an account folder (12 digits) or `organizations/`");
      continue;
    }
    builder.account(name);
    std::vector<fs::path> parts = sorted_entries(files, path.string());
    for (const auto& part : parts) {
      std::string p = part.filename().string();
      if (p == "iam" && files.is_directory(part.string())) {
        for (const auto& f : files.list(part.string()))
          if (f.filename() != "get-account-authorization-details.json")
            report.skipped(f.string(), "",
                           "unknown layout: `iam/` holds `get-account-authorization-details.json`");
        read_iam(files, name, (part / "get-account-authorization-details.json").string(), builder,
                 report, notes);
      } else if (p == "s3" && files.is_directory(part.string())) {
        read_s3(files, name, part.string(), builder, report);
      } else if (p == "kms" && files.is_directory(part.string())) {
        read_kms(files, name, part.string(), builder, report);
      } else {
        report.skipped(part.string(), "",
                       "unknown layout: an account folder holds `iam/`, `s3/` and `kms/`");
      }
    }
  }
  if (organizations)
    read_organizations(files, (fs::path(dir) / "organizations").string(), builder, report, notes);
  builder.drop_missing_managed_references();
  std::string description = "Imported by `accesspath import aws` from `" + dir + "`.";
  if (!notes.empty()) description += " " + notes.substr(0, notes.size() - 1);
  std::string stem = fs::path(dir).lexically_normal().filename().string();
  if (stem.empty()) stem = fs::path(dir).lexically_normal().parent_path().filename().string();
  auto scenario =
      builder.build("imported-" + (stem.empty() ? std::string("aws") : stem), description);
  if (!scenario && report.entries().empty())
    report.skipped(dir, "", "no principal, group, policy, bucket or key in the export");
  return scenario;
}

}  // namespace

std::optional<nlohmann::json> import_aws_export(const std::string& dir, ImportReport& report) {
  return import_from(ExportFolder(), dir, report);
}

std::optional<nlohmann::json> import_aws_export(const ExportInMemory& files, ImportReport& report) {
  return import_from(files, files.root(), report);
}

}  // namespace accesspath
