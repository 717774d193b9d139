#include "model/world/considered_principals.h"

#include <set>

#include "model/core/arn.h"
#include "model/world/requester.h"

namespace accesspath {
namespace {

constexpr std::string_view kUndeclaredName = "accesspath-undeclared";

// An account the scenario does not declare (the contract's "undeclared principal of an
// undeclared account"); 999999999999 unless that one is declared.
std::string outsider_account(const World& w) {
  for (long long id = 999999999999; id > 100000000000; --id) {
    std::string s = std::to_string(id);
    if (!w.find_account(s)) return s;
  }
  return "999999999999";
}

// The accounts and principals a policy names where they matter to who gets in: in Principal
// elements (an account id, a root, user or role ARN), in condition values (`aws:PrincipalAccount`,
// `aws:PrincipalArn`, ...: a 12-digit id or an ARN) and as grantees of KMS grants.
class NamedPrincipals {
 public:
  void add_policy(const PolicyPtr& p) {
    if (!p) return;
    for (const auto& s : p->statements) {
      if (s.principal)
        for (const auto& e : s.principal->entries)
          if (e.type == PrincipalEntry::Type::kAws) add_value(e.value);
      for (const auto& clause : s.condition.clauses())
        for (const auto& v : clause.values) add_value(v.text);
    }
  }
  void add_value(std::string_view text) {
    if (is_account_id(text)) {
      accounts_.emplace(text);
      return;
    }
    auto arn = parse_arn_view(text);
    if (!arn || !is_account_id(arn->account)) return;
    accounts_.emplace(arn->account);
    // A user or role named by ARN, a pattern made concrete: `role/app-*` stands for
    // `role/app-accesspath-undeclared` (a principal of that name may exist there).
    const std::string_view type = arn->resource_type();
    if (arn->service != "iam" || (type != "user" && type != "role")) return;
    std::string concrete;
    for (char c : text) {
      if (c == '*')
        concrete += kUndeclaredName;
      else
        concrete += c == '?' ? 'x' : c;
    }
    if (concrete.find('$') == std::string::npos) arns_.insert(std::move(concrete));
  }
  const std::set<std::string>& accounts() const { return accounts_; }
  const std::set<std::string>& arns() const { return arns_; }

 private:
  std::set<std::string> accounts_;
  std::set<std::string> arns_;
};

NamedPrincipals named_principals(const World& w) {
  NamedPrincipals named;
  for (const auto& [arn, policy] : w.managed_policies) named.add_policy(policy);
  for (const auto& a : w.accounts)
    for (const auto* levels : {&a.scps, &a.rcps})
      for (const auto& level : *levels)
        for (const auto& p : level) named.add_policy(p);
  for (const auto& g : w.groups)
    for (const auto& p : g.policies) named.add_policy(p.policy);
  for (const auto& p : w.principals) {
    for (const auto& a : p.policies) named.add_policy(a.policy);
    named.add_policy(p.permissions_boundary);
    named.add_policy(p.trust_policy);
  }
  for (const auto& b : w.buckets) named.add_policy(b.policy);
  for (const auto& k : w.keys) {
    named.add_policy(k.policy);
    for (const auto& g : k.grants) named.add_value(g.grantee);
  }
  for (const auto& r : w.resources) named.add_policy(r.policy);
  return named;
}

}  // namespace

std::vector<std::string> considered_principals(const World& w) {
  std::vector<std::string> out;
  for (const auto& p : w.principals) out.push_back(p.arn);
  out.push_back("anonymous");
  const std::string outsider = outsider_account(w);
  out.push_back("arn:aws:iam::" + outsider + ":user/" + std::string(kUndeclaredName));
  // An undeclared principal of each undeclared account a policy names (a partner account a
  // bucket policy grants to, an account a condition admits), and every user or role named there:
  // the stand-in outsider above is of no account a policy names, so it does not get in where they
  // do, and an undeclared account is described by nothing (any principal may exist there, with
  // whatever its admin allows).
  const NamedPrincipals named = named_principals(w);
  std::set<std::string> added;
  auto add = [&](std::string arn) {
    if (added.insert(arn).second) out.push_back(std::move(arn));
  };
  for (const auto& account : named.accounts())
    if (!w.find_account(account) && account != outsider)
      add("arn:aws:iam::" + account + ":user/" + std::string(kUndeclaredName));
  for (const auto& arn : named.arns())
    if (auto parsed = parse_arn_view(arn);
        parsed && !w.find_account(parsed->account) && resolve_requester(w, arn).has_value())
      add(arn);
  for (const auto& a : w.accounts) {
    std::string arn = "arn:aws:iam::" + a.id + ":user/" + std::string(kUndeclaredName);
    if (!w.find_principal(arn)) out.push_back(arn);
  }
  // Scenario contract, further world facts: an identity of each provider a trust policy names
  // (`Federated`), once per provider, in the order the roles declare them.
  std::set<std::string> providers;
  for (const auto& p : w.principals) {
    if (p.kind != PrincipalKind::kRole || !p.trust_policy) continue;
    for (const auto& s : p.trust_policy->statements)
      if (s.principal)
        for (const auto& e : s.principal->entries)
          if (e.type == PrincipalEntry::Type::kFederated && providers.insert(e.value).second)
            out.push_back(federated_principal(e.value));
  }
  return out;
}

}  // namespace accesspath
