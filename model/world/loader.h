// The scenario loader's parts (internal to world/): the Loader class, whose sections are read by
// load_identities.cpp (accounts, managed policies, groups, principals), load_resources.cpp
// (buckets, objects, keys, other resources), load_questions.cpp (expectations, invariants, lints)
// and scenario_loader.cpp (the document, and the public entry points of scenario.h); and the
// checks of what AWS accepts for ids, OU paths and tags (loader_checks.cpp).
#pragma once

#include <algorithm>
#include <cctype>
#include <set>

#include "model/condition/unknown_keys.h"
#include "model/core/arn.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/policy/kms_operations.h"
#include "model/world/aws_managed_keys.h"
#include "model/world/considered_principals.h"
#include "model/world/json_fields.h"
#include "model/world/json_limits.h"
#include "model/world/request_reader.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"

namespace accesspath::loading {

using nlohmann::json;

// What a JSON value is, for messages ("a string", "an array", ...).
std::string kind_of(const json& j);

// Whether `s` is lowercase letters and digits only.
bool is_lower_alnum(std::string_view s);

// AWS Organizations API Reference, Organization Id: "o-" followed by 10 to 32 lowercase letters
// or digits.
bool valid_org_id(std::string_view id);

// One entity of an OU path: a root `r-` + 4 to 32, or an OU `ou-` + 4 to 32 + `-` + 8 to 32
// lowercase letters or digits (AWS Organizations API Reference, Parent Id).
bool valid_root_id(std::string_view id);

bool valid_ou_id(std::string_view id);

// Why `path` is not the OU path of an account of `org` (IAM: AWS global condition context keys,
// aws:PrincipalOrgPaths: `o-…/r-…/ou-…/`, the organization, its root and each OU down to the
// account's, each followed by `/`), or "" when it is.
std::string ou_path_problem(std::string_view path, std::string_view org);

// Number of Unicode characters of UTF-8 text (continuation bytes do not count).
std::size_t utf8_length(std::string_view s);

// Why a tag key or value is one AWS refuses, or "": keys 1 to 128 Unicode characters, values 0 to
// 256, letters, digits, spaces and `_ . : / = + - @` only, and no `aws:` prefix on keys (AWS
// General Reference, Tagging AWS resources: tag naming limits and requirements; S3 User Guide,
// Categorizing your storage using tags; KMS API Reference, Tag). Any non-ASCII character is read
// as a letter: telling Unicode letters from symbols is beyond this check.
std::string tag_problem(std::string_view text, bool is_key);

class Loader : JsonFields {
 public:
  explicit Loader(Diagnostics& diags) : JsonFields(diags) {}

  std::optional<Scenario> load(const json& doc);

 private:
  PolicyPtr parse(const json& doc, const std::string& ptr, PolicyKind kind, std::string label) {
    Policy p = parse_policy(doc, ptr, kind, diags_);
    p.label = std::move(label);
    return std::make_shared<const Policy>(std::move(p));
  }

  // A policy document, or a string naming an entry of managed_policies.
  std::optional<PolicyAttachment> policy_ref(const json& j, const std::string& ptr, PolicyKind kind,
                                             const std::string& label) {
    if (j.is_string()) {
      std::string arn = j.get<std::string>();
      auto it = managed_.find(arn);
      if (it == managed_.end()) {
        diags_.error(ptr, "policy `" + arn + "` is not declared in `managed_policies`");
        return std::nullopt;
      }
      if (kind == PolicyKind::kIdentity) {
        report_managed_as_identity(arn);
        return PolicyAttachment{arn, it->second};
      }
      used_otherwise_.insert(arn);
      // The same managed document used as an SCP/RCP/boundary is parsed again for that role.
      return PolicyAttachment{
          arn, parse(raw_managed_.at(arn), "/managed_policies/" + pointer_token(arn), kind,
                     std::string(to_string(kind)) + " `" + arn + "`")};
    }
    if (j.is_object()) return PolicyAttachment{"", parse(j, ptr, kind, label)};
    diags_.error(ptr,
                 "expected a policy document (an object) or a managed policy ARN (a string), got " +
                     kind_of(j));
    return std::nullopt;
  }

  std::vector<std::vector<PolicyPtr>> policy_levels(const json& j, const std::string& ptr,
                                                    PolicyKind kind, const std::string& account) {
    std::vector<std::vector<PolicyPtr>> levels;
    if (!j.is_array()) {
      diags_.error(ptr,
                   "expected a list of levels (root to account), each a list of policies, got " +
                       kind_of(j));
      return levels;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string lptr = pointer_join(ptr, i);
      if (!j[i].is_array()) {
        diags_.error(lptr,
                     "each level is a list of policies (documents or managed policy ARNs), got " +
                         kind_of(j[i]));
        continue;
      }
      std::vector<PolicyPtr> level;
      for (std::size_t k = 0; k < j[i].size(); ++k) {
        std::string label = std::string(kind == PolicyKind::kScp ? "SCP" : "RCP") + " #" +
                            std::to_string(k) + " at level " + std::to_string(i) + " of account `" +
                            account + "`";
        if (auto a = policy_ref(j[i][k], pointer_join(lptr, k), kind, label))
          level.push_back(a->policy);
      }
      levels.push_back(std::move(level));
    }
    return levels;
  }

  std::optional<BlockPublicAccess> bpa(const json& j, const std::string& ptr) {
    if (!j.is_object()) {
      diags_.error(
          ptr, "`block_public_access` must be an object of the four S3 flags, got " + kind_of(j));
      return std::nullopt;
    }
    check_keys(
        j, ptr,
        {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"});
    BlockPublicAccess b;
    auto flag = [&](std::string_view k, bool& out) {
      if (const json* v = optional(j, ptr, k, json::value_t::boolean, "true or false"))
        out = v->get<bool>();
    };
    flag("BlockPublicAcls", b.block_public_acls);
    flag("IgnorePublicAcls", b.ignore_public_acls);
    flag("BlockPublicPolicy", b.block_public_policy);
    flag("RestrictPublicBuckets", b.restrict_public_buckets);
    return b;
  }

  // A `tags` object: every key and value checked as AWS checks them (tag_problem). Where
  // `described` is given, `"tags": null` is accepted and sets it false: the tags are not known
  // (scenario contract, further world facts).
  Tags read_tags(const json& obj, const std::string& ptr, bool* described = nullptr) {
    Tags out;
    if (auto it = obj.find("tags"); described && it != obj.end() && it->is_null()) {
      *described = false;
      return out;
    }
    const json* tags = optional(obj, ptr, "tags", json::value_t::object, "an object of strings");
    if (!tags) return out;
    for (const auto& [k, v] : tags->items()) {
      std::string tptr = pointer_join(ptr + "/tags", k);
      if (!v.is_string()) {
        diags_.error(tptr, "tag values are strings, got " + kind_of(v));
        continue;
      }
      std::string value = v.get<std::string>();
      if (std::string why = tag_problem(k, true); !why.empty()) diags_.error(tptr, why);
      if (std::string why = tag_problem(value, false); !why.empty()) diags_.error(tptr, why);
      out[k] = std::move(value);
    }
    return out;
  }

  void load_accounts(const json& list);
  void load_managed(const json& obj);
  void load_groups(const json& list);
  void load_principals(const json& list);
  void load_buckets(const json& list);
  void load_keys(const json& list);
  void load_resources(const json& list);
  // `sources` (where an imported item came from): only its shape is checked; nothing reads it.
  void check_sources(const json& obj);
  std::optional<Encryption> encryption(const json& j, const std::string& ptr, bool is_default);
  void lint_key_reference(const std::string& ref, const std::string& ptr,
                          const std::string& bucket_region);
  void load_expectations(const json& list);
  void load_invariants(const json& list);
  void validate_invariants();
  void lint_unknown_condition_keys();
  void check_account_declared(const std::string& account, const std::string& ptr,
                              std::string_view what);

  // The identity-policy diagnostics of a managed policy, reported once, when it is attached to a
  // user, role or group (or at the end, when nothing uses it in another role).
  void report_managed_as_identity(const std::string& arn) {
    auto it = managed_diags_.find(arn);
    if (it == managed_diags_.end()) return;
    diags_.append(it->second);
    managed_diags_.erase(it);
  }

  Scenario s_;
  std::map<std::string, Diagnostics> managed_diags_;
  std::set<std::string> used_otherwise_;
  std::map<std::string, PolicyPtr> managed_;
  std::map<std::string, json> raw_managed_;
};

// The scenario of `doc`, with its diagnostics, without its source (the callers copy or move the
// tree in, or a lighter one).
LoadResult load_document(const json& doc, const std::string& file);

}  // namespace accesspath::loading
