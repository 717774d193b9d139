#include "properties/reference_world.h"

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

bool is_account_id(const std::string& s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string after_last_slash(const std::string& s) {
  return s.substr(s.rfind('/') + 1);
}

// The aws/s3 key policy as public copies of AWS's "auto-s3-2" document show it
// (rule 71, [U]; the model makes the same reading).
json aws_s3_key_policy(const std::string& account, const std::string& region) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"},
             {"Principal", {{"AWS", "*"}}},
             {"Action",
              {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
               "kms:DescribeKey"}},
             {"Resource", "*"},
             {"Condition",
              {{"StringEquals",
                {{"kms:CallerAccount", account},
                 {"kms:ViaService", "s3." + region + ".amazonaws.com"}}}}}},
            {{"Effect", "Allow"},
             {"Principal", {{"AWS", "arn:aws:iam::" + account + ":root"}}},
             {"Action", {"kms:Describe*", "kms:Get*", "kms:List*"}},
             {"Resource", "*"}}}}};
}

// KMS: Default key policy (rule 62): only "Enable IAM User Permissions" for the account.
json default_key_policy(const std::string& account) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"},
             {"Principal", {{"AWS", "arn:aws:iam::" + account + ":root"}}},
             {"Action", "kms:*"},
             {"Resource", "*"}}}}};
}

bool has_alias(const json& key, const std::string& alias) {
  for (const auto& a : key.value("aliases", json::array()))
    if (a == alias) return true;
  return false;
}

}  // namespace

std::vector<std::string> arn_parts(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = s.find(':', start);
    if (colon == std::string::npos) return {};
    parts.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(s.substr(start));
  return parts;
}

const json& list_of(const json& object, const char* key) {
  static const json kEmpty = json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

const json* find_in(const json& doc, const char* list, const char* key, const std::string& value) {
  auto it = doc.find(list);
  if (it == doc.end() || !it->is_array()) return nullptr;
  for (const auto& item : *it)
    if (item.is_object() && item.value(key, "") == value) return &item;
  return nullptr;
}

std::optional<Caller> identify(const json& doc, const std::string& principal) {
  Caller who;
  if (principal == "anonymous") {
    who.arn = "anonymous";
    return who;
  }
  for (std::string suffix : {".amazonaws.com", ".amazonaws.com.cn"}) {
    if (principal.find(':') == std::string::npos && principal.size() > suffix.size() &&
        principal.compare(principal.size() - suffix.size(), suffix.size(), suffix) == 0) {
      who.type = CallerType::kService;
      who.arn = who.name = principal;
      return who;
    }
  }
  auto parts = arn_parts(principal);
  if (parts.empty() || parts[0] != "arn" || !is_account_id(parts[4])) return std::nullopt;
  const std::string& partition = parts[1];
  const std::string& service = parts[2];
  const std::string& resource = parts[5];
  who.account = parts[4];
  who.account_declared = find_in(doc, "accounts", "id", who.account) != nullptr;
  if (service == "iam" && resource == "root") {
    who.type = CallerType::kRoot;
    who.arn = principal;
    return who;
  }
  if (service == "iam" && starts_with(resource, "user/")) {
    who.type = CallerType::kUser;
    who.arn = principal;
    who.name = after_last_slash(resource);
    who.declared = find_in(doc, "principals", "arn", principal);
    return who;
  }
  if (service == "iam" && starts_with(resource, "role/")) {
    // A role used as a requester means a session of that role (contract).
    who.type = CallerType::kRoleSession;
    who.name = after_last_slash(resource);
    who.role_arn = principal;
    who.arn = "arn:" + partition + ":sts::" + who.account + ":assumed-role/" + who.name + "/" +
              "accesspath";
    who.declared = find_in(doc, "principals", "arn", principal);
    return who;
  }
  if (service == "sts" && starts_with(resource, "assumed-role/")) {
    std::string rest = resource.substr(std::string("assumed-role/").size());
    std::size_t slash = rest.find('/');
    if (slash == std::string::npos) return std::nullopt;
    who.type = CallerType::kRoleSession;
    who.arn = principal;
    who.name = rest.substr(0, slash);
    for (const auto& p : doc.value("principals", json::array())) {
      std::string arn = p.value("arn", "");
      auto ap = arn_parts(arn);
      if (!ap.empty() && ap[4] == who.account && starts_with(ap[5], "role/") &&
          after_last_slash(ap[5]) == who.name) {
        who.declared = find_in(doc, "principals", "arn", arn);
        who.role_arn = arn;
        break;
      }
    }
    if (who.role_arn.empty())
      who.role_arn = "arn:" + partition + ":iam::" + who.account + ":role/" + who.name;
    return who;
  }
  return std::nullopt;
}

const json* policy_document(const json& doc, const json& ref) {
  if (ref.is_object()) return &ref;
  if (ref.is_string()) {
    auto managed = doc.find("managed_policies");
    if (managed != doc.end() && managed->contains(ref.get<std::string>()))
      return &(*managed)[ref.get<std::string>()];
  }
  return nullptr;
}

std::vector<const json*> identity_policies(const json& doc, const Caller& who) {
  std::vector<const json*> out;
  if (!who.declared) return out;
  for (const auto& ref : list_of(*who.declared, "policies"))
    if (const json* p = policy_document(doc, ref)) out.push_back(p);
  for (const auto& g : list_of(*who.declared, "groups")) {
    const json* group =
        g.is_string() ? find_in(doc, "groups", "arn", g.get<std::string>()) : nullptr;
    if (!group) continue;
    for (const auto& ref : list_of(*group, "policies"))
      if (const json* p = policy_document(doc, ref)) out.push_back(p);
  }
  return out;
}

const json* permissions_boundary(const json& doc, const Caller& who) {
  if (!who.declared || !who.declared->contains("permissions_boundary")) return nullptr;
  return policy_document(doc, (*who.declared)["permissions_boundary"]);
}

std::vector<json> keys_of(const json& doc) {
  std::vector<json> keys;
  for (const auto& k : doc.value("keys", json::array())) {
    json key = k;
    auto parts = arn_parts(key.value("arn", ""));
    if (parts.empty()) continue;
    key["region"] = parts[3];
    key["account"] = parts[4];
    key["id"] = parts[5].substr(parts[5].find('/') + 1);
    if (!key.contains("policy"))
      key["policy"] = key.value("managed", "customer") == "aws"
                          ? aws_s3_key_policy(parts[4], parts[3])
                          : default_key_policy(parts[4]);
    keys.push_back(key);
  }
  for (const auto& b : doc.value("buckets", json::array())) {
    std::string account = b.value("account", ""), region = b.value("region", "");
    bool have = false;
    for (const auto& k : keys)
      have |= k["account"] == account && k["region"] == region && has_alias(k, "alias/aws/s3");
    if (have) continue;
    std::string id = "aws-s3-" + account + "-" + region;
    keys.push_back({{"arn", "arn:aws:kms:" + region + ":" + account + ":key/" + id},
                    {"account", account},
                    {"region", region},
                    {"id", id},
                    {"aliases", {"alias/aws/s3"}},
                    {"managed", "aws"},
                    {"policy", aws_s3_key_policy(account, region)}});
  }
  return keys;
}

void set_key(Context& ctx, const std::string& key, const std::string& value) {
  ctx[lower(key)] = {value};
}

void apply_request_context(Context& ctx, const Request& r) {
  for (const auto& [key, values] : r.context) ctx[lower(key)] = values;
}

Context base_context(const nlohmann::json& doc, const Caller& who, const Request& r,
                     const std::string& region, const std::string& resource_account) {
  Context ctx;
  switch (who.type) {
    case CallerType::kAnonymous:
      set_key(ctx, "aws:PrincipalAccount", "anonymous");
      set_key(ctx, "aws:PrincipalType", "Anonymous");
      set_key(ctx, "aws:userid", "anonymous");
      break;
    case CallerType::kService:
      set_key(ctx, "aws:PrincipalServiceName", who.name);
      set_key(ctx, "aws:PrincipalType", "Service");
      break;
    case CallerType::kRoot:
      set_key(ctx, "aws:PrincipalArn", who.arn);
      set_key(ctx, "aws:PrincipalAccount", who.account);
      set_key(ctx, "aws:PrincipalType", "Account");
      set_key(ctx, "aws:userid", who.account);
      break;
    case CallerType::kUser:
      set_key(ctx, "aws:PrincipalArn", who.arn);
      set_key(ctx, "aws:PrincipalAccount", who.account);
      set_key(ctx, "aws:PrincipalType", "User");
      set_key(ctx, "aws:username", who.name);
      set_key(ctx, "aws:userid", kUnmodelledValue);  // a unique id AWS makes up
      break;
    case CallerType::kRoleSession:
      // For a role session aws:PrincipalArn is the role's ARN (rule 27).
      set_key(ctx, "aws:PrincipalArn", who.role_arn);
      set_key(ctx, "aws:PrincipalAccount", who.account);
      set_key(ctx, "aws:PrincipalType", "AssumedRole");
      set_key(ctx, "aws:userid", kUnmodelledValue);
      break;
  }
  // Present in every signed request: true only when an AWS service principal calls directly
  // (IAM: AWS global condition context keys, aws:PrincipalIsAWSService).
  if (who.type == CallerType::kService) set_key(ctx, "aws:PrincipalIsAWSService", "true");
  if (who.is_iam_principal()) set_key(ctx, "aws:PrincipalIsAWSService", "false");
  if (who.declared && who.declared->contains("tags"))
    for (const auto& [k, v] : (*who.declared)["tags"].items())
      if (v.is_string()) set_key(ctx, "aws:PrincipalTag/" + k, v.get<std::string>());
  // Always present (rules 39, 46); scenarios are timeless, so one fixed instant.
  set_key(ctx, "aws:SecureTransport", "true");
  set_key(ctx, "aws:ViaAWSService", "false");
  set_key(ctx, "aws:CurrentTime", "2025-01-01T00:00:00Z");
  set_key(ctx, "aws:EpochTime", "1735689600");
  if (!region.empty()) set_key(ctx, "aws:RequestedRegion", region);
  if (!resource_account.empty()) set_key(ctx, "aws:ResourceAccount", resource_account);
  // aws:PrincipalOrgID / aws:PrincipalOrgPaths of IAM principals, aws:ResourceOrgID /
  // aws:ResourceOrgPaths: present only for members of an organization (IAM: AWS global condition
  // context keys); the paths are multivalued.
  auto org_keys = [&](const std::string& account, const std::string& id_key,
                      const std::string& paths_key) {
    const nlohmann::json* a = find_in(doc, "accounts", "id", account);
    if (!a || !a->contains("organization")) return;
    set_key(ctx, id_key, (*a)["organization"].get<std::string>());
    if (a->contains("ou_path")) ctx[lower(paths_key)] = {(*a)["ou_path"].get<std::string>()};
  };
  if (who.is_iam_principal()) org_keys(who.account, "aws:PrincipalOrgID", "aws:PrincipalOrgPaths");
  if (!resource_account.empty())
    org_keys(resource_account, "aws:ResourceOrgID", "aws:ResourceOrgPaths");
  apply_request_context(ctx, r);
  return ctx;
}

const std::string* header(const Request& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (lower(k) == lower(name)) return &v;
  return nullptr;
}

bool over_https(const Request& r) {
  for (const auto& [k, v] : r.context)
    if (lower(k) == "aws:securetransport") return v.empty() || lower(v.front()) != "false";
  return true;
}

}  // namespace accesspath::properties::reference
