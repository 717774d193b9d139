#include "model/world/loader.h"

namespace accesspath::loading {

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
    Policy p = parse_policy(doc, ptr, PolicyKind::kIdentity, as_identity,
                            aws_managed ? PolicyOwner::kAws : PolicyOwner::kCustomer);
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

}  // namespace accesspath::loading
