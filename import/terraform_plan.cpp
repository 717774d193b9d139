// Terraform resources to scenario items (docs/import.md, "Terraform"): IAM principals, groups
// and policies with their attachments, buckets with their policy, default encryption and Block
// Public Access, KMS keys with aliases and grants, Organizations SCPs and RCPs.
#include "import/terraform_plan.h"

#include <algorithm>
#include <set>

#include "import/json_access.h"
#include "import/json_file.h"
#include "import/policy_document.h"
#include "import/scenario_builder.h"
#include "import/terraform_importer.h"
#include "import/terraform_parts.h"
#include "model/core/diagnostic.h"

namespace accesspath::terraform {
namespace {

// A state lists what other resources attach (a role's computed `managed_policy_arns` and
// `inline_policy`) as well: each policy, group or membership once.
void push_unique(json& list, const json& value) {
  if (!list.is_array()) list = json::array();
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

void Importer::find_account_and_region() {
  if (!plan_.provider_region().empty()) region_ = plan_.provider_region();
  for (const auto& r : plan_.resources()) {
    if (r.type == "aws_caller_identity")
      if (auto a = string_attr(r, "account_id")) account_ = *a;
    if (r.type == "aws_region")
      if (auto n = string_attr(r, "name")) region_ = *n;
  }
  if (account_.empty())
    for (const auto& r : plan_.resources())
      if (auto arn = string_attr(r, "arn"); arn && arn->rfind("arn:aws:iam::", 0) == 0) {
        std::string acct = arn->substr(13, 12);
        if (acct.size() == 12 && acct.find_first_not_of("0123456789") == std::string::npos) {
          account_ = acct;
          break;
        }
      }
  if (account_.empty())
    report_.unknown(plan_.file(), "",
                    "the AWS account is not in the plan (add `data \"aws_caller_identity\"` or "
                    "import a plan of existing resources): resources whose ARN needs it are left "
                    "out");
}

std::optional<std::string> Importer::iam_arn(const Resource& r, const std::string& kind) {
  if (auto arn = string_attr(r, "arn")) return arn;
  auto name = string_attr(r, "name");
  if (!name || account_.empty()) {
    unknown(r, name ? "arn" : "name", "left out");
    return std::nullopt;
  }
  // IAM ARNs follow from the account, the path and the name (IAM identifiers).
  std::string path = string_attr(r, "path").value_or("/");
  return "arn:aws:iam::" + account_ + ":" + kind + path + *name;
}

std::optional<json> Importer::policy_document(const Resource& r, const std::string& attr,
                                              PolicyKind kind, const std::string& what,
                                              bool* unknown_ok) {
  Attribute a = plan_.attribute(r, attr);
  std::optional<json> raw = a.value;
  std::string where = at(r, attr), address = r.address;
  if (!raw || (raw->is_string() && raw->get<std::string>().empty())) {
    // Before apply, a document built by `data.aws_iam_policy_document` is known through it.
    for (const Resource* t : a.references)
      if (t->type == "aws_iam_policy_document")
        if (auto j = string_attr(*t, "json")) {
          raw = json(*j);
          where = at(*t, "json");
          address = t->address;
        }
  }
  if (!raw) {
    if (unknown_ok)
      *unknown_ok = a.unknown && a.configured;
    else if (a.unknown)
      unknown(r, attr, what + " is left out");
    return std::nullopt;
  }
  if (raw->is_string() && raw->get<std::string>().empty()) return std::nullopt;
  std::string why;
  auto doc = decode_policy_document(*raw, &why);
  if (!doc) {
    report_.skipped(plan_.file(), where, what + " is left out: " + why);
    return std::nullopt;
  }
  if (!builder_.valid_policy(*doc, kind, {plan_.file(), where, address}, what)) return std::nullopt;
  return doc;
}

std::string* Importer::entity(const Resource& r, const std::string& attr, const std::string& type,
                              std::map<std::string, std::string>& by_name) {
  if (auto v = string_attr(r, attr)) {
    if (auto it = by_name.find(*v); it != by_name.end()) return &it->second;
    for (auto& [name, arn] : by_name)
      if (arn == *v) return &arn;
  }
  if (const Resource* t = referenced(r, attr, type))
    if (auto it = arn_by_address_.find(t->address); it != arn_by_address_.end()) return &it->second;
  report_.unknown(plan_.file(), at(r, attr),
                  "`" + r.address + "." + attr + "` names no " + type +
                      " of the plan (or is known only after apply): left out");
  return nullptr;
}

std::optional<std::string> Importer::policy_arn(const Resource& r, const std::string& attr) {
  if (auto v = string_attr(r, attr)) return v;
  if (const Resource* t = referenced(r, attr, "aws_iam_policy"))
    if (auto it = policy_by_address_.find(t->address); it != policy_by_address_.end())
      return it->second;
  unknown(r, attr, "the attachment is left out");
  return std::nullopt;
}

void Importer::iam_entities() {
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed") continue;
    Origin origin{plan_.file(), r.pointer, r.address};
    if (r.type == "aws_iam_policy") {
      auto arn = iam_arn(r, "policy");
      if (!arn) continue;
      policy_by_address_[r.address] = *arn;
      if (auto doc =
              policy_document(r, "policy", PolicyKind::kIdentity, "managed policy `" + *arn + "`"))
        builder_.add_managed_policy(*arn, *doc, origin);
    } else if (r.type == "aws_iam_role" || r.type == "aws_iam_user" || r.type == "aws_iam_group") {
      std::string kind = r.type.substr(8);  // role, user, group
      auto arn = iam_arn(r, kind);
      if (!arn) continue;
      arn_by_address_[r.address] = *arn;
      auto name = string_attr(r, "name").value_or("");
      json item = {{"arn", *arn}, {"policies", json::array()}};
      if (kind == "role") {
        if (auto trust = policy_document(r, "assume_role_policy", PolicyKind::kTrust,
                                         "the trust policy of `" + *arn + "`"))
          item["trust_policy"] = *trust;
        // Inline policies and exclusive attachments written in the role itself.
        const json inline_list = value_or(r.values, "inline_policy", json::array());
        for (std::size_t i = 0; i < inline_list.size(); ++i) {
          std::string text = value_or(inline_list[i], "policy", "");
          if (text.empty()) continue;
          std::string why;
          std::string ptr = at(r, "inline_policy") + "/" + std::to_string(i) + "/policy";
          auto doc = decode_policy_document(json(text), &why);
          if (!doc)
            report_.skipped(plan_.file(), ptr, "an inline policy of `" + *arn + "`: " + why);
          else if (builder_.valid_policy(*doc, PolicyKind::kIdentity,
                                         {plan_.file(), ptr, r.address},
                                         "an inline policy of `" + *arn + "`"))
            push_unique(item["policies"], *doc);
        }
        for (const auto& m : value_or(r.values, "managed_policy_arns", json::array()))
          if (m.is_string()) push_unique(item["policies"], m);
      }
      if (kind != "group") {
        if (auto b = string_attr(r, "permissions_boundary")) item["permissions_boundary"] = *b;
        if (r.values.contains("tags") && r.values["tags"].is_object() && !r.values["tags"].empty())
          item["tags"] = r.values["tags"];
      }
      auto& names = kind == "role" ? roles_ : kind == "user" ? users_ : group_names_;
      names[name] = *arn;
      auto& items = kind == "group" ? groups_ : principals_;
      if (!items.try_emplace(*arn, Item{item, origin}).second)
        report_.skipped(plan_.file(), r.pointer, "duplicate `" + *arn + "`");
    } else if (r.type == "aws_iam_instance_profile") {
      std::string role = string_attr(r, "role").value_or("?");
      notes_ += "Instance profile `" + string_attr(r, "name").value_or(r.address) +
                "` gives EC2 instances the role `" + role + "`. ";
    }
  }
}

void Importer::iam_links() {
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed") continue;
    const std::string& t = r.type;
    auto add_inline = [&](const std::string& attr, const std::string& type,
                          std::map<std::string, std::string>& by_name) {
      std::string* arn = entity(r, attr, type, by_name);
      if (!arn) return;
      auto& items = type == "aws_iam_group" ? groups_ : principals_;
      if (auto doc = policy_document(
              r, "policy", PolicyKind::kIdentity,
              "inline policy `" + string_attr(r, "name").value_or("") + "` of `" + *arn + "`"))
        push_unique(items[*arn].value["policies"], *doc);
    };
    auto attach = [&](const std::string& attr, const std::string& type,
                      std::map<std::string, std::string>& by_name) {
      std::string* arn = entity(r, attr, type, by_name);
      auto policy = arn ? policy_arn(r, "policy_arn") : std::nullopt;
      if (!arn || !policy) return;
      auto& items = type == "aws_iam_group" ? groups_ : principals_;
      push_unique(items[*arn].value["policies"], *policy);
    };
    if (t == "aws_iam_role_policy") add_inline("role", "aws_iam_role", roles_);
    if (t == "aws_iam_user_policy") add_inline("user", "aws_iam_user", users_);
    if (t == "aws_iam_group_policy") add_inline("group", "aws_iam_group", group_names_);
    if (t == "aws_iam_role_policy_attachment") attach("role", "aws_iam_role", roles_);
    if (t == "aws_iam_user_policy_attachment") attach("user", "aws_iam_user", users_);
    if (t == "aws_iam_group_policy_attachment") attach("group", "aws_iam_group", group_names_);
    if (t == "aws_iam_policy_attachment") {
      auto policy = policy_arn(r, "policy_arn");
      if (!policy) continue;
      for (auto [attr, names] : {std::pair{"roles", &roles_}, std::pair{"users", &users_},
                                 std::pair{"groups", &group_names_}})
        for (const auto& n : value_or(r.values, attr, json::array())) {
          auto it = n.is_string() ? names->find(n.get<std::string>()) : names->end();
          if (it == names->end()) {
            report_.unknown(plan_.file(), at(r, attr),
                            "`" + n.dump() + "` is not a " + std::string(attr).substr(0, 4) +
                                " of the plan: the attachment to it is left out");
            continue;
          }
          push_unique(
              (names == &group_names_ ? groups_ : principals_)[it->second].value["policies"],
              *policy);
        }
    }
    if (t == "aws_iam_user_group_membership" || t == "aws_iam_group_membership") {
      bool per_user = t == "aws_iam_user_group_membership";
      std::string* one = per_user ? entity(r, "user", "aws_iam_user", users_)
                                  : entity(r, "group", "aws_iam_group", group_names_);
      if (!one) continue;
      for (const auto& n : value_or(r.values, per_user ? "groups" : "users", json::array())) {
        auto& names = per_user ? group_names_ : users_;
        auto it = n.is_string() ? names.find(n.get<std::string>()) : names.end();
        if (it == names.end()) {
          report_.unknown(plan_.file(), at(r, per_user ? "groups" : "users"),
                          "`" + n.dump() + "` is not in the plan: membership left out");
          continue;
        }
        std::string user = per_user ? *one : it->second;
        std::string group = per_user ? it->second : *one;
        push_unique(principals_[user].value["groups"], group);
      }
    }
  }
  for (auto& [arn, item] : groups_) builder_.add_group(item.value, item.origin);
  for (auto& [arn, item] : principals_) {
    if (!item.value.contains("arn")) continue;  // linked to, but not declared by the plan
    builder_.add_principal(item.value, item.origin);
  }
}

json* Importer::bucket_of(const Resource& r) {
  if (auto name = string_attr(r, "bucket"))
    if (auto it = buckets_.find(*name); it != buckets_.end()) return &it->second.value;
  if (const Resource* t = referenced(r, "bucket", "aws_s3_bucket"))
    if (auto it = bucket_by_address_.find(t->address); it != bucket_by_address_.end())
      return &buckets_[it->second].value;
  report_.unknown(plan_.file(), at(r, "bucket"),
                  "`" + r.address + ".bucket` names no bucket of the plan: left out");
  return nullptr;
}

json* Importer::key_of(const Resource& r, const std::string& attr) {
  if (auto v = string_attr(r, attr))
    for (auto& [address, item] : keys_)
      if (value_or(item.value, "arn", "") == *v ||
          value_or(item.value, "arn", "").ends_with("/" + *v))
        return &item.value;
  if (const Resource* t = referenced(r, attr, "aws_kms_key"))
    if (auto it = keys_.find(t->address); it != keys_.end()) return &it->second.value;
  report_.unknown(plan_.file(), at(r, attr),
                  "`" + r.address + "." + attr + "` names no key of the plan: left out");
  return nullptr;
}

namespace {
json encryption_rule(const json& rule);
}  // namespace

json Importer::encryption(const Resource& r, const std::string& attr, const json& rule) {
  json enc = encryption_rule(rule);
  if (enc.contains("kms_key") || enc["sse"] == "AES256") return enc;
  // The key's ARN before apply: known through the configuration's reference to the key.
  for (const Resource* t : plan_.attribute(r, attr).references)
    if (auto it = keys_.find(t->address); it != keys_.end())
      enc["kms_key"] = it->second.value["arn"];
  if (!enc.contains("kms_key") && r.unknown.dump().find("kms_master_key_id") != std::string::npos)
    unknown(r, attr,
            "the default encryption key is left out (the AWS managed key `aws/s3` stands for it)");
  return enc;
}

namespace {

json encryption_rule(const json& rule) {
  json by_default = value_or(rule, "apply_server_side_encryption_by_default", json::array());
  json d = by_default.is_array() && !by_default.empty() ? by_default[0] : json::object();
  json enc = {{"sse", value_or(d, "sse_algorithm", "AES256")}};
  if (d.contains("kms_master_key_id") && d["kms_master_key_id"].is_string() &&
      !d["kms_master_key_id"].get<std::string>().empty())
    enc["kms_key"] = d["kms_master_key_id"];
  if (value_or(rule, "bucket_key_enabled", false)) enc["bucket_key"] = true;
  return enc;
}

}  // namespace

namespace {

// A resource's tags: `tags_all` (with the provider's default_tags) when the plan knows it, else
// `tags`; nullopt when there are none.
std::optional<json> resource_tags(const Resource& r) {
  for (const char* attr : {"tags_all", "tags"}) {
    const json& tags = value_or(r.values, attr, json());
    if (tags.is_object() && !tags.empty()) return tags;
  }
  return std::nullopt;
}

}  // namespace

void Importer::keys() {
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed" || r.type != "aws_kms_key") continue;
    std::string arn;
    if (auto known = string_attr(r, "arn")) {
      arn = *known;
    } else if (!account_.empty()) {
      // The key id is chosen by KMS at apply: the key stands under its address so that what
      // the configuration links to it (a bucket's default encryption) stays linked.
      std::string id;
      for (char c : r.address) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
      arn = "arn:aws:kms:" + region_ + ":" + account_ + ":key/unknown-until-apply-" + id;
      unknown(r, "arn", "the key stands as `" + arn + "`");
    } else {
      unknown(r, "arn", "left out");
      continue;
    }
    json key = {{"arn", arn}};
    // Not configured, the policy is KMS's default, which is what a key without `policy` gets;
    // configured but known only after apply, the key is left out rather than given the default.
    bool policy_unknown = false;
    if (auto doc = policy_document(r, "policy", PolicyKind::kKeyPolicy,
                                   "the key policy of `" + arn + "`", &policy_unknown))
      key["policy"] = *doc;
    if (policy_unknown) {
      unknown(r, "policy", "key `" + arn + "` is left out");
      continue;
    }
    if (value_or(r.values, "is_enabled", true) == false) key["state"] = "Disabled";
    if (auto tags = resource_tags(r)) key["tags"] = *tags;
    keys_[r.address] = {key, {plan_.file(), r.pointer, r.address}};
  }
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed") continue;
    if (r.type == "aws_kms_alias") {
      json* key = key_of(r, "target_key_id");
      auto name = string_attr(r, "name");
      if (!name) unknown(r, "name", "the alias is left out");
      if (key && name) (*key)["aliases"].push_back(*name);
    } else if (r.type == "aws_kms_grant") {
      json* key = key_of(r, "key_id");
      if (!key) continue;
      std::optional<std::string> grantee = string_attr(r, "grantee_principal");
      if (!grantee)
        for (const Resource* t : plan_.attribute(r, "grantee_principal").references)
          if (auto it = arn_by_address_.find(t->address); it != arn_by_address_.end())
            grantee = it->second;
      if (!grantee) {
        unknown(r, "grantee_principal", "the grant is left out");
        continue;
      }
      json grant = {{"grantee", *grantee},
                    {"operations", value_or(r.values, "operations", json::array())}};
      json c = value_or(r.values, "constraints", json::array());
      if (c.is_array() && !c.empty() && c[0].is_object()) {
        json constraints = json::object();
        if (value_or(c[0], "encryption_context_equals", json()).is_object())
          constraints["EncryptionContextEquals"] = c[0]["encryption_context_equals"];
        if (value_or(c[0], "encryption_context_subset", json()).is_object())
          constraints["EncryptionContextSubset"] = c[0]["encryption_context_subset"];
        if (!constraints.empty()) grant["constraints"] = constraints;
      }
      (*key)["grants"].push_back(grant);
    }
  }
  for (auto& [address, item] : keys_) builder_.add_key(item.value, item.origin);
}

void Importer::buckets() {
  std::vector<std::pair<std::string, const Resource*>> unknown_policy;
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed" || r.type != "aws_s3_bucket") continue;
    auto name = string_attr(r, "bucket");
    if (!name || account_.empty()) {
      unknown(r, name ? "arn" : "bucket", "the bucket is left out");
      continue;
    }
    json b = {{"name", *name},
              {"account", account_},
              {"region", string_attr(r, "region").value_or(region_)}};
    // AWS provider v3: the policy and default encryption inline. (From v4 on `policy` is
    // computed, unknown on create; an aws_s3_bucket_policy may provide it.)
    bool policy_unknown = false;
    if (auto doc = policy_document(r, "policy", PolicyKind::kResource,
                                   "the bucket policy of `" + *name + "`", &policy_unknown))
      b["policy"] = *doc;
    if (policy_unknown) unknown_policy.emplace_back(*name, &r);
    json sse = value_or(r.values, "server_side_encryption_configuration", json::array());
    if (sse.is_array() && !sse.empty() && sse[0].is_object()) {
      json rules = value_or(sse[0], "rule", json::array());
      if (rules.is_array() && !rules.empty())
        b["default_encryption"] = encryption(r, "server_side_encryption_configuration", rules[0]);
    }
    if (auto tags = resource_tags(r)) b["tags"] = *tags;
    bucket_by_address_[r.address] = *name;
    if (!buckets_.try_emplace(*name, Item{b, {plan_.file(), r.pointer, r.address}}).second)
      report_.skipped(plan_.file(), r.pointer, "duplicate bucket `" + *name + "`");
  }
  for (const auto& r : plan_.resources()) {
    if (r.mode != "managed") continue;
    if (r.type == "aws_s3_bucket_policy") {
      json* b = bucket_of(r);
      if (!b) continue;
      if (auto doc = policy_document(r, "policy", PolicyKind::kResource,
                                     "the bucket policy of `" + value_or(*b, "name", "") + "`"))
        (*b)["policy"] = *doc;
    } else if (r.type == "aws_s3_bucket_server_side_encryption_configuration") {
      json* b = bucket_of(r);
      if (!b) continue;
      json rules = value_or(r.values, "rule", json::array());
      if (!rules.is_array() || rules.empty()) continue;
      (*b)["default_encryption"] = encryption(r, "rule", rules[0]);
    } else if (r.type == "aws_s3_bucket_abac") {
      // aws:ResourceTag reads a bucket's tags only with ABAC enabled (S3 User Guide, "Enabling
      // ABAC in general purpose buckets"); the block is a list of one in the plan's JSON.
      json* b = bucket_of(r);
      if (!b) continue;
      json status = value_or(r.values, "abac_status", json());
      if (status.is_array() && !status.empty()) status = status[0];
      if (status.is_object() && value_or(status, "status", "") == "Enabled") (*b)["abac"] = true;
    } else if (r.type == "aws_s3_bucket_public_access_block") {
      json* b = bucket_of(r);
      if (!b) continue;
      json bpa = json::object();
      for (auto [tf, aws] : {std::pair{"block_public_acls", "BlockPublicAcls"},
                             std::pair{"ignore_public_acls", "IgnorePublicAcls"},
                             std::pair{"block_public_policy", "BlockPublicPolicy"},
                             std::pair{"restrict_public_buckets", "RestrictPublicBuckets"}})
        if (r.values.contains(tf) && r.values[tf].is_boolean()) bpa[aws] = r.values[tf];
      (*b)["block_public_access"] = bpa;
    }
  }
  for (const auto& [name, r] : unknown_policy)
    if (!buckets_[name].value.contains("policy"))
      unknown(*r, "policy", "the bucket policy of `" + name + "` is left out");
  for (auto& [name, item] : buckets_) builder_.add_bucket(item.value, item.origin);
}

namespace {

// The resource types the importer reads (docs/import.md, "Terraform").
bool read_type(const std::string& type) {
  static const std::set<std::string> types = {"aws_iam_role",
                                              "aws_iam_role_policy",
                                              "aws_iam_role_policy_attachment",
                                              "aws_iam_user",
                                              "aws_iam_user_policy",
                                              "aws_iam_user_policy_attachment",
                                              "aws_iam_user_group_membership",
                                              "aws_iam_group",
                                              "aws_iam_group_policy",
                                              "aws_iam_group_policy_attachment",
                                              "aws_iam_group_membership",
                                              "aws_iam_policy",
                                              "aws_iam_policy_attachment",
                                              "aws_iam_instance_profile",
                                              "aws_s3_bucket",
                                              "aws_s3_bucket_policy",
                                              "aws_s3_bucket_server_side_encryption_configuration",
                                              "aws_s3_bucket_public_access_block",
                                              "aws_s3_bucket_abac",
                                              "aws_kms_key",
                                              "aws_kms_alias",
                                              "aws_kms_grant",
                                              "aws_organizations_policy",
                                              "aws_organizations_policy_attachment",
                                              "aws_organizations_organization",
                                              "aws_organizations_organizational_unit",
                                              "aws_organizations_account"};
  return types.count(type) > 0;
}

}  // namespace

std::optional<json> Importer::run() {
  // Resources of other types are not part of a scenario: said once, by type.
  std::map<std::string, std::size_t> other;
  for (const auto& r : plan_.resources())
    if (r.mode == "managed" && !read_type(r.type)) ++other[r.type];
  if (!other.empty()) {
    std::string list;
    for (const auto& [type, n] : other)
      list += (list.empty() ? "`" : ", `") + type + "` (" + std::to_string(n) + ")";
    report_.note(plan_.file(), "", "resources of types a scenario has no place for: " + list);
  }
  find_account_and_region();
  if (!account_.empty()) builder_.account(account_);
  iam_entities();
  iam_links();
  keys();
  buckets();
  organizations();
  organization_membership();
  builder_.drop_missing_managed_references();
  std::string description = "Imported by `accesspath import terraform` from `" + plan_.file() +
                            "`." +
                            (notes_.empty() ? "" : " " + notes_.substr(0, notes_.size() - 1));
  return builder_.build("imported-terraform", description);
}

}  // namespace accesspath::terraform

namespace accesspath {

namespace {

std::optional<nlohmann::json> import_plan(std::optional<nlohmann::json> doc,
                                          const std::string& file, ImportReport& report) {
  if (!doc) return std::nullopt;
  terraform::Plan plan;
  if (!plan.read(*doc, file, report)) return std::nullopt;
  auto scenario = terraform::Importer(plan, report).run();
  if (!scenario && report.entries().empty())
    report.skipped(file, "", "no resource of a type the importer reads (docs/import.md)");
  return scenario;
}

}  // namespace

std::optional<nlohmann::json> import_terraform_plan(const std::string& file, ImportReport& report) {
  return import_plan(read_json_file(file, report), file, report);
}

std::optional<nlohmann::json> import_terraform_plan_text(const std::string& text,
                                                         const std::string& file,
                                                         ImportReport& report) {
  return import_plan(read_json_text(text, file, report), file, report);
}

}  // namespace accesspath
