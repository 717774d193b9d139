#include "model/world/considered_principals.h"

#include <set>

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

}  // namespace

std::vector<std::string> considered_principals(const World& w) {
  std::vector<std::string> out;
  for (const auto& p : w.principals) out.push_back(p.arn);
  out.push_back("anonymous");
  out.push_back("arn:aws:iam::" + outsider_account(w) + ":user/" + std::string(kUndeclaredName));
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
