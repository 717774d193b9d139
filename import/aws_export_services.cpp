// The S3 and KMS parts of an AWS export (aws_export.h): one folder per bucket and per key.
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

// An error record: "absent" codes mean the setting is not there (no policy, no configuration);
// any other error means the setting could not be read, which is reported.
bool absent_or_reported(const CliOutput& out, const std::string& file,
                        std::initializer_list<const char*> absent, const std::string& what,
                        ImportReport& report) {
  if (out.missing) {
    report.skipped(file, "", "missing: not imported: " + what);
    return true;
  }
  if (!out.error_code.empty()) {
    for (const char* code : absent)
      if (out.error_code == code) return true;
    report.unknown(file, "",
                   "the export recorded the error `" + out.error_code + "`: " + what +
                       " is unknown and not imported");
    return true;
  }
  return !out.json;  // unreadable: already reported
}

// The `Policy` of get-bucket-policy or get-key-policy output, decoded and checked; nullopt when
// absent (`absent_code`), unreadable or refused (reported).
std::optional<json> read_policy_file(const ExportFiles& files, const std::string& file,
                                     const char* absent_code, PolicyKind kind,
                                     const std::string& what, ScenarioBuilder& builder,
                                     ImportReport& report) {
  CliOutput out = read_cli_output(files, file, report);
  if (out.missing) {
    report.skipped(file, "", "missing: not imported: " + what);
    return std::nullopt;
  }
  if (!out.error_code.empty()) {
    if (!absent_code || out.error_code != absent_code)
      report.unknown(file, "",
                     "the export recorded the error `" + out.error_code + "`: " + what +
                         " is unknown and not imported");
    return std::nullopt;
  }
  if (!out.json) return std::nullopt;
  std::string why;
  auto doc = out.json->is_object() && out.json->contains("Policy")
                 ? decode_policy_document((*out.json)["Policy"], &why)
                 : std::nullopt;
  if (!doc) {
    report.skipped(file, "/Policy",
                   what + " is left out: " + (why.empty() ? "expected `Policy`" : why));
    return std::nullopt;
  }
  if (!builder.valid_policy(*doc, kind, {file, "/Policy"}, what)) return std::nullopt;
  return doc;
}

void wrong_shape(const std::string& file, const std::string& pointer, const std::string& expected,
                 ImportReport& report) {
  report.skipped(file, pointer, "wrong shape: expected " + expected);
}

json public_access_block(const json& config) {
  json bpa = json::object();
  for (const char* flag :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    if (config.contains(flag) && config[flag].is_boolean()) bpa[flag] = config[flag];
  return bpa;
}

std::optional<json> read_public_access_block(const ExportFiles& files, const std::string& file,
                                             ImportReport& report) {
  CliOutput out = read_cli_output(files, file, report);
  if (absent_or_reported(out, file, {"NoSuchPublicAccessBlockConfiguration"}, "Block Public Access",
                         report))
    return std::nullopt;
  if (!out.json->is_object() || !out.json->contains("PublicAccessBlockConfiguration") ||
      !(*out.json)["PublicAccessBlockConfiguration"].is_object()) {
    wrong_shape(file, "", "`PublicAccessBlockConfiguration` (get-public-access-block)", report);
    return std::nullopt;
  }
  return public_access_block((*out.json)["PublicAccessBlockConfiguration"]);
}

// Tags as the CLI prints them, `[{"Key": k, "Value": v}]` (S3's TagSet) or `[{"TagKey": k,
// "TagValue": v}]` (KMS's list-resource-tags), as a scenario's `{"k": "v"}`; nullopt when the list
// is not of that shape (reported).
std::optional<json> tag_object(const json& list, const char* key_field, const char* value_field,
                               const std::string& file, const std::string& ptr,
                               ImportReport& report) {
  json tags = json::object();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& t = list[i];
    if (!t.is_object() || !t.contains(key_field) || !t[key_field].is_string() ||
        (t.contains(value_field) && !t[value_field].is_string())) {
      wrong_shape(file, pointer_join(ptr, i),
                  "a tag with `" + std::string(key_field) + "` and `" + value_field + "`", report);
      return std::nullopt;
    }
    tags[t[key_field].get<std::string>()] = value_or(t, value_field, "");
  }
  return tags;
}

// The bucket's tags (get-bucket-tagging; NoSuchTagSet: none) and whether they take part in
// authorization (get-bucket-abac: aws:ResourceTag reads a bucket's tags only with ABAC enabled,
// S3 User Guide, "Enabling ABAC in general purpose buckets"). Exports made before these calls were
// collected have neither file: the bucket's tags and ABAC status are then unknown (`null`), never
// read as "none", with a note.
void read_bucket_tags(const ExportFiles& files, const fs::path& dir, const std::string& name,
                      json& bucket, ImportReport& report) {
  std::string file = (dir / "get-bucket-tagging.json").string();
  CliOutput out = read_cli_output(files, file, report);
  if (out.missing) {
    bucket["tags"] = nullptr;
    report.note(file, "",
                "not exported: the tags of bucket `" + name +
                    "` are unknown (`\"tags\": null`); verdicts that read them are undecided");
  } else if (!absent_or_reported(out, file, {"NoSuchTagSet"}, "the bucket's tags", report)) {
    const json& set = list_at(*out.json, "TagSet", file, "", report);
    if (auto tags = tag_object(set, "Key", "Value", file, "/TagSet", report);
        tags && !tags->empty())
      bucket["tags"] = *tags;
  }
  file = (dir / "get-bucket-abac.json").string();
  out = read_cli_output(files, file, report);
  if (out.missing) {
    bucket["abac"] = nullptr;
    report.note(
        file, "",
        "not exported: whether ABAC is on for bucket `" + name + "` is unknown (`\"abac\": null`)");
  } else if (!absent_or_reported(out, file, {}, "the bucket's ABAC status", report)) {
    const json& status =
        value_or(value_or(*out.json, "AbacStatus", json::object()), "Status", json());
    if (!status.is_string())
      wrong_shape(file, "", "`AbacStatus.Status` (get-bucket-abac)", report);
    else if (status == "Enabled")
      bucket["abac"] = true;
  }
}

void read_bucket(const ExportFiles& files, const std::string& account, const fs::path& dir,
                 ScenarioBuilder& builder, ImportReport& report) {
  std::string name = dir.filename().string();
  json bucket = {{"name", name}, {"account", account}, {"region", "us-east-1"}};
  static const std::vector<std::string> known = {"get-bucket-policy.json",
                                                 "get-bucket-encryption.json",
                                                 "get-bucket-location.json",
                                                 "get-public-access-block.json",
                                                 "get-bucket-ownership-controls.json",
                                                 "get-bucket-tagging.json",
                                                 "get-bucket-abac.json"};
  for (const auto& f : sorted_entries(files, dir.string()))
    if (std::find(known.begin(), known.end(), f.filename().string()) == known.end())
      report.skipped(f.string(), "",
                     "unknown layout: a bucket folder holds " +
                         std::string("get-bucket-policy.json, get-bucket-encryption.json, "
                                     "get-bucket-location.json, get-public-access-block.json, "
                                     "get-bucket-ownership-controls.json, get-bucket-tagging.json "
                                     "and get-bucket-abac.json"));

  std::string file = (dir / "get-bucket-location.json").string();
  CliOutput out = read_cli_output(files, file, report);
  if (out.error_code == "NoSuchBucket") {
    report.skipped(file, "", "bucket `" + name + "` no longer exists (`NoSuchBucket`)");
    return;
  }
  if (!absent_or_reported(out, file, {}, "the bucket's Region (us-east-1 assumed)", report)) {
    const json& doc = *out.json;
    if (!doc.is_object() || !doc.contains("LocationConstraint")) {
      wrong_shape(file, "", "`LocationConstraint` (get-bucket-location)", report);
    } else if (doc["LocationConstraint"].is_string()) {
      std::string region = doc["LocationConstraint"];
      // S3 prints null (or "") for us-east-1 and the legacy "EU" for eu-west-1.
      bucket["region"] = region.empty() ? "us-east-1" : region == "EU" ? "eu-west-1" : region;
    } else if (!doc["LocationConstraint"].is_null()) {
      wrong_shape(file, "/LocationConstraint", "a Region name or null", report);
    }
  }

  if (auto doc = read_policy_file(files, (dir / "get-bucket-policy.json").string(),
                                  "NoSuchBucketPolicy", PolicyKind::kResource,
                                  "the bucket policy of `" + name + "`", builder, report))
    bucket["policy"] = *doc;

  file = (dir / "get-bucket-encryption.json").string();
  out = read_cli_output(files, file, report);
  if (!absent_or_reported(out, file, {"ServerSideEncryptionConfigurationNotFoundError"},
                          "the default encryption", report)) {
    json config = value_or(*out.json, "ServerSideEncryptionConfiguration", json::object());
    json rules_value = value_or(config, "Rules", json());
    const json* rules = &rules_value;
    if (!rules->is_array() || rules->empty() || !(*rules)[0].is_object()) {
      wrong_shape(file, "", "`ServerSideEncryptionConfiguration.Rules` (get-bucket-encryption)",
                  report);
    } else {
      const json& rule = (*rules)[0];
      const json& by_default = value_or(rule, "ApplyServerSideEncryptionByDefault", json::object());
      json enc = {{"sse", value_or(by_default, "SSEAlgorithm", "AES256")}};
      if (by_default.contains("KMSMasterKeyID") && by_default["KMSMasterKeyID"].is_string())
        enc["kms_key"] = by_default["KMSMasterKeyID"];
      if (value_or(rule, "BucketKeyEnabled", false)) enc["bucket_key"] = true;
      bucket["default_encryption"] = enc;
    }
  }

  file = (dir / "get-public-access-block.json").string();
  if (auto bpa = read_public_access_block(files, file, report))
    bucket["block_public_access"] = *bpa;

  file = (dir / "get-bucket-ownership-controls.json").string();
  out = read_cli_output(files, file, report);
  if (!out.missing && out.error_code == "OwnershipControlsNotFoundError") {
    report.note(file, "",
                "bucket `" + name +
                    "` has no ownership controls: ACLs apply, which "
                    "accesspath does not model");
  } else if (!absent_or_reported(out, file, {}, "the ownership controls", report)) {
    const json& rules =
        value_or(value_or(*out.json, "OwnershipControls", json::object()), "Rules", json());
    std::string ownership = rules.is_array() && !rules.empty() && rules[0].is_object()
                                ? value_or(rules[0], "ObjectOwnership", "")
                                : "";
    if (ownership.empty())
      wrong_shape(file, "", "`OwnershipControls.Rules` (get-bucket-ownership-controls)", report);
    else if (ownership != "BucketOwnerEnforced")
      report.note(file, "/OwnershipControls/Rules/0/ObjectOwnership",
                  "bucket `" + name + "` has `" + ownership +
                      "`: ACLs apply, which accesspath does not model");
  }
  read_bucket_tags(files, dir, name, bucket, report);
  builder.add_bucket(bucket, {dir.string(), ""});
}

// KMS key states other than the three a scenario has, mapped to the one that acts the same.
std::string key_state(const std::string& state, const std::string& file, ImportReport& report) {
  if (state == "Enabled" || state == "Disabled" || state == "PendingDeletion") return state;
  if (state == "PendingReplicaDeletion") return "PendingDeletion";
  report.note(file, "/KeyMetadata/KeyState",
              "key state `" + state + "` is imported as `Disabled` (the key cannot be used)");
  return "Disabled";
}

void read_key(const ExportFiles& files, const fs::path& dir,
              std::map<std::string, std::string>& key_ids, ScenarioBuilder& builder,
              ImportReport& report) {
  static const std::vector<std::string> known = {"describe-key.json", "get-key-policy.json",
                                                 "list-grants.json", "list-resource-tags.json"};
  for (const auto& f : sorted_entries(files, dir.string()))
    if (std::find(known.begin(), known.end(), f.filename().string()) == known.end())
      report.skipped(f.string(), "",
                     "unknown layout: a key folder holds describe-key.json, get-key-policy.json, "
                     "list-grants.json and list-resource-tags.json");
  std::string file = (dir / "describe-key.json").string();
  CliOutput out = read_cli_output(files, file, report);
  if (absent_or_reported(out, file, {}, "key `" + dir.filename().string() + "`", report)) return;
  const json* meta = out.json->is_object() ? &(*out.json)["KeyMetadata"] : nullptr;
  if (!meta || !meta->is_object() || !meta->contains("Arn") || !(*meta)["Arn"].is_string()) {
    wrong_shape(file, "", "`KeyMetadata` with `Arn` (describe-key)", report);
    return;
  }
  std::string arn = (*meta)["Arn"];
  // Read now: `out` (which `meta` points into) is reused for the key's other files below.
  std::string key_id = value_or(*meta, "KeyId", dir.filename().string());
  json key = {{"arn", arn}};
  if (value_or(*meta, "KeyManager", "") == "AWS") key["managed"] = "aws";
  std::string state = key_state(value_or(*meta, "KeyState", "Enabled"), file, report);
  if (state != "Enabled") key["state"] = state;

  if (auto doc = read_policy_file(files, (dir / "get-key-policy.json").string(), nullptr,
                                  PolicyKind::kKeyPolicy, "the key policy of `" + arn + "`",
                                  builder, report))
    key["policy"] = *doc;

  file = (dir / "list-grants.json").string();
  out = read_cli_output(files, file, report);
  if (!absent_or_reported(out, file, {}, "the key's grants", report)) {
    const json& grants = list_at(*out.json, "Grants", file, "", report);
    for (std::size_t i = 0; i < grants.size(); ++i) {
      std::string ptr = pointer_join("/Grants", i);
      const json& g = grants[i];
      if (!g.is_object() || !g.contains("GranteePrincipal") || !g["GranteePrincipal"].is_string()) {
        wrong_shape(file, ptr, "a grant with `GranteePrincipal` and `Operations`", report);
        continue;
      }
      json grant = {{"grantee", g["GranteePrincipal"]},
                    {"operations", list_at(g, "Operations", file, ptr, report)}};
      if (g.contains("Constraints") && g["Constraints"].is_object() && !g["Constraints"].empty())
        grant["constraints"] = g["Constraints"];
      key["grants"].push_back(grant);
    }
  }
  // The key's tags, read by aws:ResourceTag in key and identity policies (KMS Developer Guide,
  // "ABAC for AWS KMS").
  file = (dir / "list-resource-tags.json").string();
  out = read_cli_output(files, file, report);
  if (out.missing) {
    // Not known is not "none": the scenario says `null`, and verdicts that read the key's tags
    // are undecided rather than decided on an empty tag set (scenario contract).
    key["tags"] = nullptr;
    report.note(file, "",
                "not exported: the tags of key `" + arn +
                    "` are unknown (`\"tags\": null`); verdicts that read them are undecided");
  } else if (!absent_or_reported(out, file, {}, "the key's tags", report)) {
    const json& list = list_at(*out.json, "Tags", file, "", report);
    if (auto tags = tag_object(list, "TagKey", "TagValue", file, "/Tags", report);
        tags && !tags->empty())
      key["tags"] = *tags;
  }
  if (!key.contains("policy")) {
    // Without its policy nothing about the key can be decided: KMS's default policy would be an
    // invention. Left out, requests that need it are denied (KMS answers NotFound).
    report.skipped(dir.string(), "",
                   "key `" + arn + "` is left out: its key policy is not known (see above)");
    return;
  }
  key_ids[key_id] = arn;
  builder.add_key(key, {dir.string(), ""});
}

}  // namespace

void read_s3(const ExportFiles& files, const std::string& account, const std::string& dir,
             ScenarioBuilder& builder, ImportReport& report) {
  for (const auto& path : sorted_entries(files, dir)) {
    if (files.is_directory(path.string())) {
      read_bucket(files, account, path, builder, report);
    } else if (path.filename() == "get-public-access-block.json") {
      // `aws s3control get-public-access-block --account-id ACCOUNT`: the account's setting.
      if (auto bpa = read_public_access_block(files, path.string(), report))
        builder.account(account)["block_public_access"] = *bpa;
    } else {
      report.skipped(path.string(), "",
                     "unknown layout: `s3/` holds one folder per bucket and "
                     "get-public-access-block.json");
    }
  }
}

void read_kms(const ExportFiles& files, const std::string& account, const std::string& dir,
              ScenarioBuilder& builder, ImportReport& report) {
  std::map<std::string, std::string> key_ids;  // key id -> key ARN
  bool aliases = false;
  for (const auto& path : sorted_entries(files, dir)) {
    if (files.is_directory(path.string()))
      read_key(files, path, key_ids, builder, report);
    else if (path.filename() == "list-aliases.json")
      aliases = true;
    else
      report.skipped(path.string(), "",
                     "unknown layout: `kms/` holds one folder per key and list-aliases.json");
  }
  std::string file = (fs::path(dir) / "list-aliases.json").string();
  if (!aliases) {
    if (!key_ids.empty())
      report.skipped(file, "", "missing: the keys of account `" + account + "` have no aliases");
    return;
  }
  CliOutput out = read_cli_output(files, file, report);
  if (absent_or_reported(out, file, {}, "the aliases", report)) return;
  const json& list = list_at(*out.json, "Aliases", file, "", report);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/Aliases", i);
    const json& a = list[i];
    if (!a.is_object() || !a.contains("AliasName") || !a["AliasName"].is_string()) {
      wrong_shape(file, ptr, "an alias with `AliasName`", report);
      continue;
    }
    // AWS lists the aliases it reserves for AWS managed keys not yet created: no target.
    if (!a.contains("TargetKeyId")) continue;
    std::string target = value_or(a, "TargetKeyId", "");
    auto it = key_ids.find(target);
    json* key = it == key_ids.end() ? nullptr : builder.key(it->second);
    if (!key) {
      report.skipped(file, ptr,
                     "alias `" + a["AliasName"].get<std::string>() + "` points to key `" + target +
                         "`, which is not in the export: left out");
      continue;
    }
    (*key)["aliases"].push_back(a["AliasName"]);
  }
}

}  // namespace accesspath::aws_export
