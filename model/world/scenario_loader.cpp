// Loads scenario files (format 1), collecting every diagnostic with its JSON pointer.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "model/condition/unknown_keys.h"
#include "model/core/arn.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/policy/kms_grant_operations.h"
#include "model/world/considered_principals.h"
#include "model/world/json_fields.h"
#include "model/world/json_limits.h"
#include "model/world/request_reader.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"

namespace accesspath {
namespace {

using nlohmann::json;

std::string kind_of(const json& j) {
  return json_kind_of(j);
}

// AWS Organizations API Reference, Organization Id: "o-" followed by 10 to 32 lowercase letters
// or digits.
bool is_lower_alnum(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

bool valid_org_id(std::string_view id) {
  return id.size() >= 12 && id.size() <= 34 && id.substr(0, 2) == "o-" &&
         is_lower_alnum(id.substr(2));
}

// One entity of an OU path: a root `r-` + 4 to 32, or an OU `ou-` + 4 to 32 + `-` + 8 to 32
// lowercase letters or digits (AWS Organizations API Reference, Parent Id).
bool valid_root_id(std::string_view id) {
  return id.size() >= 6 && id.size() <= 34 && id.substr(0, 2) == "r-" &&
         is_lower_alnum(id.substr(2));
}

bool valid_ou_id(std::string_view id) {
  if (id.substr(0, 3) != "ou-") return false;
  std::string_view rest = id.substr(3);
  std::size_t dash = rest.find('-');
  if (dash == std::string_view::npos) return false;
  std::string_view root = rest.substr(0, dash), ou = rest.substr(dash + 1);
  return root.size() >= 4 && root.size() <= 32 && ou.size() >= 8 && ou.size() <= 32 &&
         is_lower_alnum(root) && is_lower_alnum(ou);
}

// Why `path` is not the OU path of an account of `org` (IAM: AWS global condition context keys,
// aws:PrincipalOrgPaths: `o-…/r-…/ou-…/`, the organization, its root and each OU down to the
// account's, each followed by `/`), or "" when it is.
std::string ou_path_problem(std::string_view path, std::string_view org) {
  if (path.empty() || path.back() != '/') return "an OU path ends with `/` (`o-…/r-…/ou-…/`)";
  std::vector<std::string_view> parts;
  std::string_view rest = path.substr(0, path.size() - 1);
  while (true) {
    std::size_t slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  if (parts.size() < 2 || parts[0] != org)
    return "an OU path starts with the account's organization and its root (`" + std::string(org) +
           "/r-…/`)";
  if (!valid_root_id(parts[1]))
    return "`" + std::string(parts[1]) +
           "` is not a root id (`r-` and 4 to 32 lowercase letters or digits)";
  for (std::size_t i = 2; i < parts.size(); ++i)
    if (!valid_ou_id(parts[i]))
      return "`" + std::string(parts[i]) +
             "` is not an OU id (`ou-`, 4 to 32 lowercase letters or digits, `-`, 8 to 32 more)";
  return "";
}

// Number of Unicode characters of UTF-8 text (continuation bytes do not count).
std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Why a tag key or value is one AWS refuses, or "": keys 1 to 128 Unicode characters, values 0 to
// 256, letters, digits, spaces and `_ . : / = + - @` only, and no `aws:` prefix on keys (AWS
// General Reference, Tagging AWS resources: tag naming limits and requirements; S3 User Guide,
// Categorizing your storage using tags; KMS API Reference, Tag). Any non-ASCII character is read
// as a letter: telling Unicode letters from symbols is beyond this check.
std::string tag_problem(std::string_view text, bool is_key) {
  std::size_t n = utf8_length(text);
  if (is_key && n == 0) return "a tag key cannot be empty";
  if (is_key && n > 128)
    return "a tag key has at most 128 characters, this one has " + std::to_string(n);
  if (!is_key && n > 256)
    return "a tag value has at most 256 characters, this one has " + std::to_string(n);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == ' ' ||
        std::string_view("_.:/=+-@").find(c) != std::string_view::npos)
      continue;
    return std::string(is_key ? "tag key" : "tag value") + " `" + std::string(text) +
           "` has the character `" + std::string(1, c) +
           "`; tags allow letters, digits, spaces and `_ . : / = + - @` only";
  }
  if (is_key && text.size() >= 4 && iequals(text.substr(0, 4), "aws:"))
    return "tag key `" + std::string(text) + "` starts with `aws:`, which AWS reserves for itself";
  return "";
}

// Loads one scenario. Every helper appends diagnostics and carries on, so a
// user sees all problems of a file at once.
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

  // A `tags` object: every key and value checked as AWS checks them (tag_problem).
  Tags read_tags(const json& obj, const std::string& ptr) {
    Tags out;
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

void Loader::check_account_declared(const std::string& account, const std::string& ptr,
                                    std::string_view what) {
  if (!s_.world.find_account(account))
    diags_.error(ptr, std::string(what) + " belongs to account `" + account +
                          "`, which is not declared in `accounts`");
}

void Loader::load_accounts(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/accounts", i);
    const json& a = list[i];
    if (!a.is_object()) {
      diags_.error(ptr,
                   "an account must be an object `{\"id\": \"<12 digits>\"}`, got " + kind_of(a));
      continue;
    }
    check_keys(a, ptr,
               {"id", "name", "scps", "rcps", "block_public_access", "organization", "ou_path"});
    Account acct;
    if (const json* id =
            need(a, ptr, "id", json::value_t::string, "a 12-digit account id as a string")) {
      acct.id = id->get<std::string>();
      if (!is_account_id(acct.id))
        diags_.error(ptr + "/id", "account id `" + acct.id +
                                      "` must be exactly 12 digits (it has " +
                                      std::to_string(acct.id.size()) + " characters)");
      if (!seen.insert(acct.id).second)
        diags_.error(ptr + "/id", "account `" + acct.id + "` is declared twice");
    }
    if (const json* n = optional(a, ptr, "name", json::value_t::string, "a string"))
      acct.name = n->get<std::string>();
    if (const json* o = optional(a, ptr, "organization", json::value_t::string,
                                 "an organization id such as `o-a1b2c3d4e5`")) {
      acct.organization = o->get<std::string>();
      if (!valid_org_id(acct.organization))
        diags_.error(ptr + "/organization",
                     "`" + acct.organization +
                         "` is not an organization id (`o-` and 10 to 32 lowercase letters or "
                         "digits, AWS Organizations API Reference)");
    }
    if (const json* path = optional(a, ptr, "ou_path", json::value_t::string,
                                    "an OU path such as `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`")) {
      acct.ou_path = path->get<std::string>();
      if (acct.organization.empty())
        diags_.error(ptr + "/ou_path", "`ou_path` needs the account's `organization`");
      else if (std::string why = ou_path_problem(acct.ou_path, acct.organization); !why.empty())
        diags_.error(ptr + "/ou_path", "`" + acct.ou_path + "`: " + why);
    }
    s_.world.accounts.push_back(std::move(acct));
  }
  // SCPs and RCPs may name managed policies, which are loaded after accounts; done in a second
  // pass.
}

void Loader::load_managed(const json& obj) {
  for (const auto& [arn, doc] : obj.items()) {
    std::string ptr = pointer_join("/managed_policies", arn);
    auto parsed = parse_arn(arn);
    bool aws_managed = parsed && parsed->account == "aws";
    // IAM managed policies, and Organizations policies (SCPs, RCPs) named by their own ARNs.
    bool policy_arn = parsed && parsed->resource_type() == "policy" &&
                      (parsed->service == "iam" || parsed->service == "organizations");
    if (!policy_arn) {
      diags_.error(
          ptr, "managed policy key `" + arn +
                   "` must be a policy ARN such as "
                   "`arn:aws:iam::111122223333:policy/name`, "
                   "`arn:aws:iam::aws:policy/ReadOnlyAccess` or "
                   "`arn:aws:organizations::111122223333:policy/o-…/service_control_policy/p-…`");
    } else if (!aws_managed && parsed->service == "iam") {
      for (const auto& p : validate_arn(arn, false)) diags_.error(ptr, p);
    }
    raw_managed_[arn] = doc;
    // Parsed as an identity policy, but its diagnostics wait until it is attached as one: the
    // same map also holds SCPs and RCPs (RCPs need a Principal), which are parsed for their role.
    Diagnostics as_identity;
    Policy p = parse_policy(doc, ptr, PolicyKind::kIdentity, as_identity);
    p.label = "managed policy `" + arn + "`";
    managed_[arn] = std::make_shared<const Policy>(std::move(p));
    managed_diags_[arn] = std::move(as_identity);
  }
  s_.world.managed_policies = managed_;
}

void Loader::load_groups(const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/groups", i);
    const json& g = list[i];
    if (!g.is_object()) {
      diags_.error(ptr, "a group must be an object with `arn` and `policies`, got " + kind_of(g));
      continue;
    }
    check_keys(g, ptr, {"arn", "policies"});
    Group group;
    if (const json* arn = need(g, ptr, "arn", json::value_t::string, "a group ARN")) {
      group.arn = arn->get<std::string>();
      auto parsed = parse_arn(group.arn);
      if (!parsed || parsed->service != "iam" || parsed->resource_type() != "group")
        diags_.error(ptr + "/arn",
                     "`" + group.arn +
                         "` is not a group ARN such as `arn:aws:iam::111122223333:group/readers`");
      else
        check_account_declared(parsed->account, ptr + "/arn", "group `" + group.arn + "`");
    }
    if (const json* ps = optional(g, ptr, "policies", json::value_t::array, "a list of policies")) {
      for (std::size_t k = 0; k < ps->size(); ++k)
        if (auto a = policy_ref((*ps)[k], pointer_join(ptr + "/policies", k), PolicyKind::kIdentity,
                                "policy #" + std::to_string(k) + " of group `" + group.arn + "`"))
          group.policies.push_back(std::move(*a));
    }
    s_.world.groups.push_back(std::move(group));
  }
}

void Loader::load_principals(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/principals", i);
    const json& pj = list[i];
    if (!pj.is_object()) {
      diags_.error(ptr, "a principal must be an object with an `arn`, got " + kind_of(pj));
      continue;
    }
    check_keys(pj, ptr,
               {"arn", "policies", "groups", "permissions_boundary", "trust_policy", "tags"});
    Principal p;
    p.pointer = ptr;
    const json* arn = need(pj, ptr, "arn", json::value_t::string, "a user or role ARN");
    if (!arn) continue;
    p.arn = arn->get<std::string>();
    auto parsed = parse_arn(p.arn);
    if (!parsed || parsed->service != "iam" ||
        (parsed->resource_type() != "user" && parsed->resource_type() != "role") ||
        parsed->resource_name().empty()) {
      diags_.error(ptr + "/arn", "`" + p.arn +
                                     "` is not a user or role ARN such as "
                                     "`arn:aws:iam::111122223333:role/name`");
      continue;
    }
    for (const auto& problem : validate_arn(p.arn, false)) diags_.error(ptr + "/arn", problem);
    // IAM API Reference, CreateUser UserName / CreateRole RoleName: letters, digits and _+=,.@-
    // only, at most 64 characters. A name with `*` or `?` would also read as a pattern wherever
    // an invariant names principals.
    if (std::string_view name = parsed->resource_name();
        name.size() > 64 || std::any_of(name.begin(), name.end(), [](char c) {
          return !std::isalnum(static_cast<unsigned char>(c)) &&
                 std::string_view("_+=,.@-").find(c) == std::string_view::npos;
        }))
      diags_.error(ptr + "/arn", "`" + std::string(name) +
                                     "` is not a valid IAM user or role name (letters, digits "
                                     "and _+=,.@- only, at most 64 characters)");
    if (!seen.insert(p.arn).second)
      diags_.error(ptr + "/arn", "principal `" + p.arn + "` is declared twice");
    p.kind = parsed->resource_type() == "role" ? PrincipalKind::kRole : PrincipalKind::kUser;
    p.account = parsed->account;
    p.name = std::string(parsed->resource_name());
    check_account_declared(p.account, ptr + "/arn", "principal `" + p.arn + "`");
    std::string who =
        std::string(p.kind == PrincipalKind::kRole ? "role" : "user") + " `" + p.name + "`";
    if (const json* ps =
            optional(pj, ptr, "policies", json::value_t::array, "a list of policies")) {
      for (std::size_t k = 0; k < ps->size(); ++k)
        if (auto a = policy_ref((*ps)[k], pointer_join(ptr + "/policies", k), PolicyKind::kIdentity,
                                "inline policy #" + std::to_string(k) + " of " + who))
          p.policies.push_back(std::move(*a));
    }
    if (const json* gs =
            optional(pj, ptr, "groups", json::value_t::array, "a list of group ARNs")) {
      for (std::size_t k = 0; k < gs->size(); ++k) {
        std::string gptr = pointer_join(ptr + "/groups", k);
        if (!(*gs)[k].is_string()) {
          diags_.error(gptr, "a group is named by its ARN (a string), got " + kind_of((*gs)[k]));
          continue;
        }
        std::string g = (*gs)[k].get<std::string>();
        if (!s_.world.find_group(g))
          diags_.error(gptr, "group `" + g + "` is not declared in `groups`");
        if (p.kind == PrincipalKind::kRole)
          diags_.error(gptr, "only users can be members of groups");
        p.groups.push_back(g);
      }
    }
    if (auto it = pj.find("permissions_boundary"); it != pj.end())
      if (auto a = policy_ref(*it, ptr + "/permissions_boundary", PolicyKind::kBoundary,
                              "permissions boundary of " + who))
        p.permissions_boundary = a->policy;
    if (auto it = pj.find("trust_policy"); it != pj.end()) {
      if (p.kind != PrincipalKind::kRole)
        diags_.error(ptr + "/trust_policy", "only roles have a `trust_policy`");
      else if (!it->is_object())
        diags_.error(ptr + "/trust_policy",
                     "`trust_policy` must be a policy document, got " + kind_of(*it));
      else
        p.trust_policy =
            parse(*it, ptr + "/trust_policy", PolicyKind::kTrust, "trust policy of " + who);
    }
    p.tags = read_tags(pj, ptr);
    s_.world.principals.push_back(std::move(p));
  }
}

void Loader::lint_key_reference(const std::string& ref, const std::string& ptr,
                                const std::string& bucket_region) {
  if (ref.rfind("arn:", 0) != 0 || ref.find(":alias/") != std::string::npos) {
    // Contract and aws-rules 85 [X]: AWS documents two resolutions of an id or alias for
    // cross-account callers; only a key ARN is unambiguous.
    diags_.warning(
        ptr,
        "KMS key `" + ref +
            "` is not a key ARN; for callers from another account S3 resolves key "
            "ids and aliases in the caller's account (S3 API Reference), so use the full key ARN");
    return;
  }
  for (const auto& p : validate_arn(ref, false)) diags_.warning(ptr, p);
  auto arn = parse_arn(ref);
  if (arn && !bucket_region.empty() && !arn->region.empty() && arn->region != bucket_region)
    diags_.warning(ptr, "KMS key `" + ref + "` is in `" + arn->region + "` but the bucket is in `" +
                            bucket_region + "`; S3 uses only keys in the bucket's Region");
}

std::optional<Encryption> Loader::encryption(const json& j, const std::string& ptr,
                                             bool is_default) {
  if (is_default) check_keys(j, ptr, {"sse", "kms_key", "bucket_key"});
  Encryption e;
  const json* sse =
      is_default ? need(j, ptr, "sse", json::value_t::string, "`AES256` or `aws:kms`")
                 : optional(j, ptr, "sse", json::value_t::string, "`aws:kms`, `AES256` or `SSE-C`");
  if (!sse) return std::nullopt;
  std::string v = sse->get<std::string>();
  if (v == "AES256")
    e.sse = Sse::kS3;
  else if (v == "aws:kms" || v == "aws:kms:dsse")
    e.sse = Sse::kKms;
  else if (v == "SSE-C" && !is_default)
    e.sse = Sse::kCustomer;
  else {
    diags_.error(ptr + "/sse", "`sse` must be " +
                                   std::string(is_default ? "`AES256` or `aws:kms`"
                                                          : "`aws:kms`, `AES256` or `SSE-C`") +
                                   ", got `" + v + "`");
    return std::nullopt;
  }
  if (const json* k = optional(j, ptr, "kms_key", json::value_t::string,
                               "a key ARN, key id, alias name or alias ARN")) {
    if (e.sse != Sse::kKms)
      diags_.error(ptr + "/kms_key", "`kms_key` goes with `\"sse\": \"aws:kms\"`");
    e.kms_key = k->get<std::string>();
  }
  if (const json* b = optional(j, ptr, "bucket_key", json::value_t::boolean, "true or false"))
    e.bucket_key = b->get<bool>();
  return e;
}

void Loader::load_buckets(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/buckets", i);
    const json& bj = list[i];
    if (!bj.is_object()) {
      diags_.error(ptr, "a bucket must be an object, got " + kind_of(bj));
      continue;
    }
    check_keys(bj, ptr,
               {"name", "account", "region", "policy", "default_encryption", "block_public_access",
                "objects", "tags", "abac"});
    Bucket b;
    b.pointer = ptr;
    if (const json* n = need(bj, ptr, "name", json::value_t::string, "the bucket name"))
      b.name = n->get<std::string>();
    if (!b.name.empty() && !seen.insert(b.name).second)
      diags_.error(ptr + "/name", "bucket `" + b.name + "` is declared twice");
    if (b.name.find('/') != std::string::npos || b.name.find(':') != std::string::npos)
      diags_.error(ptr + "/name", "a bucket name has no `/` or `:`, got `" + b.name + "`");
    if (const json* a =
            need(bj, ptr, "account", json::value_t::string, "the owner's 12-digit account id")) {
      b.account = a->get<std::string>();
      check_account_declared(b.account, ptr + "/account", "bucket `" + b.name + "`");
    }
    if (const json* r =
            need(bj, ptr, "region", json::value_t::string, "a region such as `us-east-1`"))
      b.region = r->get<std::string>();
    if (const json* p =
            optional(bj, ptr, "policy", json::value_t::object, "a bucket policy document")) {
      b.policy =
          parse(*p, ptr + "/policy", PolicyKind::kResource, "bucket policy of `" + b.name + "`");
      check_bucket_policy_statements_name_resources(*p, ptr + "/policy", diags_);
    }
    if (const json* de = optional(bj, ptr, "default_encryption", json::value_t::object,
                                  "an object with `sse`")) {
      b.default_encryption = encryption(*de, ptr + "/default_encryption", true);
      if (b.default_encryption && !b.default_encryption->kms_key.empty())
        lint_key_reference(b.default_encryption->kms_key, ptr + "/default_encryption/kms_key",
                           b.region);
    }
    if (auto it = bj.find("block_public_access"); it != bj.end())
      b.block_public_access = bpa(*it, ptr + "/block_public_access");
    b.tags = read_tags(bj, ptr);
    if (const json* abac = optional(bj, ptr, "abac", json::value_t::boolean, "true or false"))
      b.abac = abac->get<bool>();
    if (const json* objs =
            optional(bj, ptr, "objects", json::value_t::array, "a list of objects")) {
      for (std::size_t k = 0; k < objs->size(); ++k) {
        std::string optr = pointer_join(ptr + "/objects", k);
        const json& oj = (*objs)[k];
        if (!oj.is_object()) {
          diags_.error(optr, "an object must be `{\"key\": …}`, got " + kind_of(oj));
          continue;
        }
        check_keys(oj, optr, {"key", "sse", "kms_key", "bucket_key", "tags"});
        S3Object o;
        if (const json* key = need(oj, optr, "key", json::value_t::string, "the object key"))
          o.key = key->get<std::string>();
        o.tags = read_tags(oj, optr);
        // S3 User Guide, Categorizing your storage using tags: at most 10 tags on an object.
        if (o.tags.size() > 10)
          diags_.error(optr + "/tags", "an object has at most 10 tags, this one has " +
                                           std::to_string(o.tags.size()));
        if (oj.contains("sse")) {
          o.encryption = encryption(oj, optr, false);
          if (o.encryption && !o.encryption->kms_key.empty())
            lint_key_reference(o.encryption->kms_key, optr + "/kms_key", b.region);
        } else if (oj.contains("kms_key") || oj.contains("bucket_key")) {
          diags_.error(optr, "`kms_key` and `bucket_key` go with `\"sse\": \"aws:kms\"`");
        }
        b.objects.push_back(std::move(o));
      }
    }
    s_.world.buckets.push_back(std::move(b));
  }
}

void Loader::load_keys(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/keys", i);
    const json& kj = list[i];
    if (!kj.is_object()) {
      diags_.error(ptr, "a key must be an object with an `arn`, got " + kind_of(kj));
      continue;
    }
    check_keys(kj, ptr, {"arn", "policy", "aliases", "managed", "state", "grants", "tags"});
    Key k;
    k.pointer = ptr;
    const json* arn = need(kj, ptr, "arn", json::value_t::string, "a key ARN");
    if (!arn) continue;
    k.arn = arn->get<std::string>();
    auto parsed = parse_arn(k.arn);
    auto problems = validate_arn(k.arn, false);
    for (const auto& p : problems) diags_.error(ptr + "/arn", p);
    if (!parsed || parsed->service != "kms" || parsed->resource_type() != "key") {
      if (problems.empty())
        diags_.error(
            ptr + "/arn",
            "`" + k.arn +
                "` is not a key ARN such as `arn:aws:kms:us-east-1:111122223333:key/<id>`");
      continue;
    }
    if (!seen.insert(k.arn).second)
      diags_.error(ptr + "/arn", "key `" + k.arn + "` is declared twice");
    k.account = parsed->account;
    k.region = parsed->region;
    k.id = std::string(parsed->resource_id());
    k.tags = read_tags(kj, ptr);
    check_account_declared(k.account, ptr + "/arn", "key `" + k.arn + "`");
    if (const json* m =
            optional(kj, ptr, "managed", json::value_t::string, "`customer` or `aws`")) {
      if (*m == "aws")
        k.aws_managed = true;
      else if (*m != "customer")
        diags_.error(ptr + "/managed",
                     "`managed` must be `customer` or `aws`, got `" + m->get<std::string>() + "`");
    }
    if (const json* st = optional(kj, ptr, "state", json::value_t::string,
                                  "`Enabled`, `Disabled` or `PendingDeletion`")) {
      if (*st == "Disabled")
        k.state = KeyState::kDisabled;
      else if (*st == "PendingDeletion")
        k.state = KeyState::kPendingDeletion;
      else if (*st != "Enabled")
        diags_.error(ptr + "/state",
                     "`state` must be `Enabled`, `Disabled` or `PendingDeletion`, got `" +
                         st->get<std::string>() + "`");
    }
    if (const json* al =
            optional(kj, ptr, "aliases", json::value_t::array, "a list of alias names")) {
      for (std::size_t a = 0; a < al->size(); ++a) {
        std::string aptr = pointer_join(ptr + "/aliases", a);
        if (!(*al)[a].is_string() || (*al)[a].get<std::string>().rfind("alias/", 0) != 0) {
          diags_.error(aptr, "an alias is a string `alias/<name>`, got " + (*al)[a].dump());
          continue;
        }
        std::string alias = (*al)[a].get<std::string>();
        // KMS: the alias/aws/ prefix is reserved for AWS managed keys (rule 79).
        if (alias.rfind("alias/aws/", 0) == 0 && !k.aws_managed)
          diags_.error(
              aptr,
              "`alias/aws/` names are reserved for AWS managed keys; add `\"managed\": \"aws\"`");
        k.aliases.push_back(alias);
      }
    }
    std::string label = "key policy of " +
                        (k.aliases.empty() ? "key `" + k.id + "`" : "`" + k.aliases.front() + "`");
    if (const json* p =
            optional(kj, ptr, "policy", json::value_t::object, "a key policy document")) {
      k.policy = parse(*p, ptr + "/policy", PolicyKind::kKeyPolicy, label);
    } else if (k.aws_managed) {
      bool s3 = std::find(k.aliases.begin(), k.aliases.end(), "alias/aws/s3") != k.aliases.end();
      if (!s3)
        diags_.error(ptr,
                     "an AWS managed key other than `alias/aws/s3` needs its `policy` (accesspath "
                     "only knows the aws/s3 policy)");
      Policy generated = aws_managed_s3_key_policy(k.account, k.region);
      generated.pointer = ptr;
      k.policy = std::make_shared<const Policy>(std::move(generated));
    } else {
      // KMS: Default key policy: a key created without a policy gets only the statement that
      // enables IAM policies for the account (rule 62).
      diags_.warning(
          ptr,
          "key has no `policy`; using the default key policy, which only delegates to account `" +
              k.account + "`'s IAM policies");
      json doc = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Sid", "Enable IAM User Permissions"},
                     {"Effect", "Allow"},
                     {"Principal", {{"AWS", "arn:aws:iam::" + k.account + ":root"}}},
                     {"Action", "kms:*"},
                     {"Resource", "*"}}}}};
      Diagnostics ignored;
      Policy def = parse_policy(doc, ptr, PolicyKind::kKeyPolicy, ignored);
      def.label = "default " + label;
      k.policy = std::make_shared<const Policy>(std::move(def));
    }
    if (const json* gs = optional(kj, ptr, "grants", json::value_t::array, "a list of grants")) {
      for (std::size_t g = 0; g < gs->size(); ++g) {
        std::string gptr = pointer_join(ptr + "/grants", g);
        const json& gj = (*gs)[g];
        if (!gj.is_object()) {
          diags_.error(gptr, "a grant must be an object, got " + kind_of(gj));
          continue;
        }
        check_keys(gj, gptr, {"grantee", "operations", "constraints"});
        KmsGrant grant;
        if (const json* ge = need(gj, gptr, "grantee", json::value_t::string, "a principal ARN")) {
          grant.grantee = ge->get<std::string>();
          for (const auto& p : validate_arn(grant.grantee, false))
            diags_.error(gptr + "/grantee", p);
        }
        if (const json* ops =
                need(gj, gptr, "operations", json::value_t::array, "a list of operation names")) {
          for (std::size_t o = 0; o < ops->size(); ++o) {
            if (!(*ops)[o].is_string()) {
              diags_.error(pointer_join(gptr + "/operations", o),
                           "operations are strings such as `Decrypt`");
              continue;
            }
            std::string op = (*ops)[o].get<std::string>();
            if (op.rfind("kms:", 0) == 0)
              diags_.error(pointer_join(gptr + "/operations", o),
                           "grant operations have no `kms:` prefix: `" + op.substr(4) + "`");
            else if (!is_kms_grant_operation(op))
              // KMS API Reference, CreateGrant: `Operations` takes only the listed values, spelled
              // exactly; KMS refuses anything else ("Member must satisfy enum value set").
              diags_.error(pointer_join(gptr + "/operations", o),
                           "`" + op +
                               "` is not a KMS grant operation (KMS: \"Member must satisfy "
                               "enum value set\"); expected one of " +
                               kms_grant_operations_text());
            grant.operations.push_back(op);
          }
        }
        if (const json* c = optional(gj, gptr, "constraints", json::value_t::object, "an object")) {
          check_keys(*c, gptr + "/constraints",
                     {"EncryptionContextEquals", "EncryptionContextSubset"});
          auto read_map = [&](std::string_view name, std::map<std::string, std::string>& out) {
            if (const json* m = optional(*c, gptr + "/constraints", name, json::value_t::object,
                                         "an object of strings"))
              for (const auto& [kk, vv] : m->items()) {
                if (vv.is_string())
                  out[kk] = vv.get<std::string>();
                else
                  diags_.error(pointer_join(gptr + "/constraints/" + std::string(name), kk),
                               "values are strings");
              }
          };
          read_map("EncryptionContextEquals", grant.context_equals);
          read_map("EncryptionContextSubset", grant.context_subset);
        }
        k.grants.push_back(std::move(grant));
      }
    }
    s_.world.keys.push_back(std::move(k));
  }
}

void Loader::load_resources(const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/resources", i);
    const json& rj = list[i];
    if (!rj.is_object()) {
      diags_.error(ptr, "a resource must be an object with `arn` and `policy`, got " + kind_of(rj));
      continue;
    }
    check_keys(rj, ptr, {"arn", "policy"});
    GenericResource r;
    r.pointer = ptr;
    if (const json* a = need(rj, ptr, "arn", json::value_t::string, "the resource ARN")) {
      r.arn = a->get<std::string>();
      auto parsed = parse_arn(r.arn);
      for (const auto& p : validate_arn(r.arn, false)) diags_.error(ptr + "/arn", p);
      if (parsed) {
        r.account = parsed->account;
        if (!r.account.empty())
          check_account_declared(r.account, ptr + "/arn", "resource `" + r.arn + "`");
      }
    }
    if (const json* p =
            optional(rj, ptr, "policy", json::value_t::object, "a resource policy document"))
      r.policy =
          parse(*p, ptr + "/policy", PolicyKind::kResource, "resource policy of `" + r.arn + "`");
    s_.world.resources.push_back(std::move(r));
  }
}

void Loader::load_expectations(const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/expectations", i);
    const json& ej = list[i];
    if (!ej.is_object()) {
      diags_.error(ptr, "an expectation must be an object, got " + kind_of(ej));
      continue;
    }
    check_keys(ej, ptr, {"principal", "action", "resource", "headers", "context", "expect", "why"});
    Expectation e;
    e.pointer = ptr;
    std::optional<Request> request = read_request(ej, ptr, s_.world, *this);
    bool ok = request.has_value();
    if (request) e.request = std::move(*request);
    if (const json* x = need(ej, ptr, "expect", json::value_t::string, "`allow` or `deny`")) {
      if (*x == "allow")
        e.expect_allow = true;
      else if (*x != "deny") {
        diags_.error(ptr + "/expect",
                     "`expect` must be `allow` or `deny`, got `" + x->get<std::string>() + "`");
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const json* w = optional(ej, ptr, "why", json::value_t::string, "a string"))
      e.why = w->get<std::string>();
    if (ok) s_.expectations.push_back(std::move(e));
  }
}

void Loader::load_invariants(const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/invariants", i);
    const json& ij = list[i];
    if (!ij.is_object()) {
      diags_.error(ptr, "an invariant must be an object, got " + kind_of(ij));
      continue;
    }
    check_keys(
        ij, ptr,
        {"name", "action", "resource", "never", "only", "expect", "via", "headers", "context"});
    Invariant inv;
    inv.pointer = ptr;
    if (const json* n = need(ij, ptr, "name", json::value_t::string, "a name"))
      inv.name = n->get<std::string>();
    if (const json* a = need(ij, ptr, "action", json::value_t::string, "an action"))
      inv.action = a->get<std::string>();
    if (const json* r = need(ij, ptr, "resource", json::value_t::string, "a resource ARN pattern"))
      inv.resource = r->get<std::string>();
    bool has_never = ij.contains("never"), has_only = ij.contains("only");
    if (has_never == has_only)
      diags_.error(ptr, "an invariant has exactly one of `never` and `only`");
    auto patterns = [&](const char* key, std::vector<std::string>& out) {
      if (const json* l = optional(ij, ptr, key, json::value_t::array,
                                   "a list of principal ARN patterns or `anonymous`")) {
        for (std::size_t k = 0; k < l->size(); ++k) {
          if (!(*l)[k].is_string())
            diags_.error(pointer_join(ptr + "/" + key, k), "entries are strings");
          else
            out.push_back((*l)[k].get<std::string>());
        }
      }
    };
    patterns("never", inv.never);
    patterns("only", inv.only);
    inv.is_only = has_only;
    if (const json* x =
            optional(ij, ptr, "expect", json::value_t::string, "`holds` or `violated`")) {
      if (*x == "violated")
        inv.expect_holds = false;
      else if (*x != "holds")
        diags_.error(ptr + "/expect",
                     "`expect` must be `holds` or `violated`, got `" + x->get<std::string>() + "`");
    }
    if (const json* v = optional(ij, ptr, "via", json::value_t::string, "`escalation`")) {
      if (*v == "escalation")
        inv.via_escalation = true;
      else
        diags_.error(ptr + "/via",
                     "`via` must be `escalation`, got `" + v->get<std::string>() + "`");
    }
    read_request_parts(ij, ptr, *this, inv.headers, inv.context);
    s_.invariants.push_back(std::move(inv));
  }
}

// Invariants must name principals that exist and actions that do: otherwise "holds" would be
// vacuous and silent (a typo in a principal pattern would prove anything).
void Loader::validate_invariants() {
  std::vector<std::string> principals = considered_principals(s_.world);
  std::set<std::string> names;
  for (const auto& inv : s_.invariants) {
    if (!inv.name.empty() && !names.insert(inv.name).second)
      diags_.error(inv.pointer + "/name",
                   "invariant name `" + inv.name + "` is used twice; names must be unique");
    const auto& list = inv.is_only ? inv.only : inv.never;
    const char* key = inv.is_only ? "only" : "never";
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string& pattern = list[k];
      bool any = std::any_of(principals.begin(), principals.end(), [&](const std::string& p) {
        return (pattern == "anonymous" || p == "anonymous")
                   ? pattern == p
                   : wildcard_match(pattern, p, CaseMode::kSensitive);
      });
      if (!any)
        diags_.error(
            pointer_join(inv.pointer + "/" + key, k),
            "`" + pattern +
                "` names no principal of this scenario; use a declared user or role ARN, a "
                "pattern with `*`, or `anonymous`");
    }
    if (!inv.action.empty()) {
      bool known = inv.action == "*" || lookup_action(inv.action).has_value();
      if (!known && has_wildcard(inv.action))
        for (auto a : all_catalog_actions())
          known |= wildcard_match(inv.action, a, CaseMode::kInsensitive);
      if (!known)
        diags_.error(inv.pointer + "/action", "`" + inv.action +
                                                  "` is not an action accesspath knows (such as "
                                                  "`s3:GetObject`, `s3:PutObject`, `kms:Decrypt`)");
    }
  }
}

// Every condition key that nothing will ever fill (unknown_keys.h): a decision that depends on one
// is undecided, so `check` says so up front, at the clause.
void Loader::lint_unknown_condition_keys() {
  std::set<std::string> seen;  // clause pointers: a managed policy is shared
  auto lint = [&](const PolicyPtr& p) {
    if (!p) return;
    for (const auto& st : p->statements)
      for (const auto& c : st.condition.clauses()) {
        if (known_condition_key(c.key_lower)) continue;
        std::string ptr =
            pointer_join(pointer_join(st.pointer + "/Condition", c.operator_name()), c.key);
        if (!seen.insert(ptr).second) continue;
        diags_.warning(ptr, "condition key `" + c.key +
                                "` is never filled by accesspath (it is not in the request "
                                "contexts it models); a decision that depends on it is undecided");
      }
  };
  const World& w = s_.world;
  for (const auto& a : w.accounts) {
    for (const auto& level : a.scps)
      for (const auto& p : level) lint(p);
    for (const auto& level : a.rcps)
      for (const auto& p : level) lint(p);
  }
  for (const auto& [arn, p] : w.managed_policies) lint(p);
  for (const auto& g : w.groups)
    for (const auto& a : g.policies) lint(a.policy);
  for (const auto& pr : w.principals) {
    for (const auto& a : pr.policies) lint(a.policy);
    lint(pr.permissions_boundary);
    lint(pr.trust_policy);
  }
  for (const auto& b : w.buckets) lint(b.policy);
  for (const auto& k : w.keys) lint(k.policy);
  for (const auto& r : w.resources) lint(r.policy);
}

std::optional<Scenario> Loader::load(const json& doc) {
  if (!doc.is_object()) {
    diags_.error("", "a scenario is a JSON object, got " + kind_of(doc));
    return std::nullopt;
  }
  s_.source = doc;
  check_keys(doc, "",
             {"$schema", "format", "name", "description", "accounts", "managed_policies", "groups",
              "principals", "buckets", "keys", "resources", "expectations", "invariants"});
  if (auto it = doc.find("format"); it == doc.end())
    diags_.error("", "missing required key `format` (the number 1)");
  else if (!it->is_number_integer() || it->get<long long>() != 1)
    diags_.error("/format", "`format` must be the number 1, got " + it->dump());
  if (const json* n = need(doc, "", "name", json::value_t::string, "a short identifier"))
    s_.name = n->get<std::string>();
  if (const json* d = optional(doc, "", "description", json::value_t::string, "free text"))
    s_.description = d->get<std::string>();
  const json* accounts = need(doc, "", "accounts", json::value_t::array, "a list of accounts");
  if (accounts) load_accounts(*accounts);
  if (const json* m = optional(doc, "", "managed_policies", json::value_t::object,
                               "an object of policy ARN to document"))
    load_managed(*m);
  if (accounts) {
    for (std::size_t i = 0; i < accounts->size() && i < s_.world.accounts.size(); ++i) {
      const json& a = (*accounts)[i];
      if (!a.is_object()) continue;
      std::string ptr = pointer_join("/accounts", i);
      Account& acct = s_.world.accounts[i];
      if (auto it = a.find("scps"); it != a.end())
        acct.scps = policy_levels(*it, ptr + "/scps", PolicyKind::kScp, acct.id);
      if (auto it = a.find("rcps"); it != a.end())
        acct.rcps = policy_levels(*it, ptr + "/rcps", PolicyKind::kRcp, acct.id);
      if (auto it = a.find("block_public_access"); it != a.end())
        acct.block_public_access = bpa(*it, ptr + "/block_public_access");
    }
  }
  if (const json* g = optional(doc, "", "groups", json::value_t::array, "a list of groups"))
    load_groups(*g);
  if (const json* p =
          need(doc, "", "principals", json::value_t::array, "a list of users and roles"))
    load_principals(*p);
  if (const json* k = optional(doc, "", "keys", json::value_t::array, "a list of KMS keys"))
    load_keys(*k);
  if (const json* b = optional(doc, "", "buckets", json::value_t::array, "a list of buckets"))
    load_buckets(*b);
  if (const json* r = optional(doc, "", "resources", json::value_t::array, "a list of resources"))
    load_resources(*r);
  // AWS creates the aws/s3 key in an account and Region on first use; provide it for every
  // bucket's account and Region that does not declare one.
  for (const auto& b : s_.world.buckets) {
    bool have = false;
    for (const auto& k : s_.world.keys)
      if (k.account == b.account && k.region == b.region &&
          std::find(k.aliases.begin(), k.aliases.end(), "alias/aws/s3") != k.aliases.end())
        have = true;
    if (!have) s_.world.keys.push_back(make_aws_managed_s3_key(b.account, b.region));
  }
  s_.world.reindex();
  // Key references that name no declared key (KMS would answer NotFound).
  for (const auto& b : s_.world.buckets) {
    auto check_ref = [&](const std::string& ref, const std::string& ptr) {
      if (ref.rfind("arn:aws:kms:", 0) == 0 && ref.find(":key/") != std::string::npos &&
          !s_.world.find_key(ref))
        diags_.warning(ptr, "KMS key `" + ref +
                                "` is not declared in `keys`; requests that need it are denied");
    };
    if (b.default_encryption)
      check_ref(b.default_encryption->kms_key, b.pointer + "/default_encryption/kms_key");
    for (std::size_t k = 0; k < b.objects.size(); ++k)
      if (b.objects[k].encryption)
        check_ref(b.objects[k].encryption->kms_key,
                  pointer_join(b.pointer + "/objects", k) + "/kms_key");
  }
  if (const json* e =
          optional(doc, "", "expectations", json::value_t::array, "a list of expectations"))
    load_expectations(*e);
  if (const json* i = optional(doc, "", "invariants", json::value_t::array, "a list of invariants"))
    load_invariants(*i);
  validate_invariants();
  lint_unknown_condition_keys();
  for (const auto& [arn, d] : std::map<std::string, Diagnostics>(managed_diags_))
    if (!used_otherwise_.count(arn)) report_managed_as_identity(arn);
  if (diags_.has_errors()) return std::nullopt;
  return std::move(s_);
}

}  // namespace

LoadResult load_scenario(const json& doc, const std::string& file) {
  LoadResult r;
  Loader loader(r.diagnostics);
  r.scenario = loader.load(doc);
  if (r.scenario) r.scenario->file = file;
  r.diagnostics.set_file(file);
  return r;
}

LoadResult load_scenario_text(std::string_view text, const std::string& file) {
  json doc;
  // Sizes, depth and characters first: the tree is never built for a document past the limits.
  {
    LoadResult r;
    if (!check_json_limits(text, r.diagnostics)) {
      r.diagnostics.set_file(file);
      return r;
    }
  }
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::out_of_range& e) {
    // check_json_limits refuses what this is (a number beyond a double); kept as a diagnostic
    // should nlohmann add another.
    LoadResult r;
    r.diagnostics.error("", std::string("not valid JSON: ") + e.what());
    r.diagnostics.set_file(file);
    return r;
  } catch (const json::parse_error& e) {
    LoadResult r;
    // nlohmann reports the byte offset; turn it into line and column for people.
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string what = e.what();
    std::size_t cut = what.find("parse error");
    r.diagnostics.error("", "not valid JSON at line " + std::to_string(line) + ", column " +
                                std::to_string(col) + ": " +
                                (cut == std::string::npos ? what : what.substr(cut)));
    r.diagnostics.set_file(file);
    return r;
  }
  return load_scenario(doc, file);
}

LoadResult load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.diagnostics.error("", "cannot read the file (it does not exist or is not readable)");
    r.diagnostics.set_file(path);
    return r;
  }
  // A file far larger than any account's policies is refused before it is read.
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > JsonLimits{}.max_bytes) {
    LoadResult r;
    r.diagnostics.error("", "the file is " + std::to_string(bytes >> 20) + " MiB; at most " +
                                std::to_string(JsonLimits{}.max_bytes >> 20) + " MiB are read");
    r.diagnostics.set_file(path);
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_scenario_text(ss.str(), path);
}

}  // namespace accesspath
