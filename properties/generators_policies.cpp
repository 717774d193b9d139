#include "properties/generators_policies.h"

#include "properties/generators_conditions.h"
#include "properties/generators_core.h"
#include "properties/generators_names.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

rc::Gen<json> aws_value(const Vocabulary& v, const GenSettings& s) {
  std::vector<std::string> accounts = v.accounts;
  accounts.push_back(kOutsideAccount);
  return one_of_weighted<json>(
      {{4, rc::gen::map(gen_arn(v, ArnKind::kPrincipal, s), [](std::string a) { return json(a); })},
       {2, rc::gen::map(gen_arn(v, ArnKind::kRoot, s), [](std::string a) { return json(a); })},
       {1, rc::gen::map(pick(accounts), [](std::string a) { return json(a); })}});
}

// {"AWS": value or [values]}
rc::Gen<json> aws_principals(const Vocabulary& v, const GenSettings& s) {
  return rc::gen::map(
      between<json>(1, std::min<std::size_t>(2, s.max_list_values), aws_value(v, s)),
      [](std::vector<json> values) {
        return json{{"AWS", values.size() == 1 ? values.front() : json(values)}};
      });
}

}  // namespace

json key_delegation_statement(const std::string& account) {
  return {{"Sid", "Enable IAM User Permissions"},
          {"Effect", "Allow"},
          {"Principal", {{"AWS", root_arn(account)}}},
          {"Action", "kms:*"},
          {"Resource", "*"}};
}

json full_aws_access_policy() {
  return {{"Version", "2012-10-17"},
          {"Statement", {{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}};
}

rc::Gen<json> gen_principal_element(const Vocabulary& v, PolicyUse use, const GenSettings& s) {
  if (use == PolicyUse::kRcp) return rc::gen::just(json("*"));  // RCPs name every principal
  std::vector<std::pair<int, rc::Gen<json>>> gens = {{6, aws_principals(v, s)},
                                                     {2, rc::gen::just(json("*"))},
                                                     {1, rc::gen::just(json{{"AWS", "*"}})}};
  if (use == PolicyUse::kTrust)
    gens.push_back({1, rc::gen::just(json{{"Service", "ec2.amazonaws.com"}})});
  return one_of_weighted(gens);
}

rc::Gen<json> gen_statement(const Vocabulary& v, PolicyUse use, const std::string& attached_to,
                            const GenSettings& s) {
  const bool has_principal = names_principals(use);
  // Bucket policies always name resources (S3 rejects statements without, rule 2); trust
  // policies never do; key policies nearly always ("*", a statement without has no effect).
  const int resource_percent = use == PolicyUse::kTrust ? 0 : (use == PolicyUse::kKey ? 95 : 100);
  const int deny_percent = use == PolicyUse::kRcp ? 100 : s.deny_percent;
  const bool not_principal_ok = use == PolicyUse::kBucket || use == PolicyUse::kKey;
  auto condition = rc::gen::mapcat(chance(s.condition_percent), [v, use, s](bool with) {
    return with ? gen_condition_block(v, use, s) : rc::gen::just(json());
  });
  auto principal = has_principal ? gen_principal_element(v, use, s) : rc::gen::just(json());
  return rc::gen::apply(
      [has_principal, not_principal_ok](bool deny, json principal_element, bool not_principal,
                                        bool not_action, json actions, bool with_resource,
                                        bool not_resource, json resources, json cond) {
        json st = json::object();
        st["Effect"] = deny ? "Deny" : "Allow";
        if (has_principal) {
          // NotPrincipal only with Deny, never in trust policies, SCPs or RCPs (rule 28).
          bool np = not_principal && deny && not_principal_ok;
          st[np ? "NotPrincipal" : "Principal"] = principal_element;
        }
        st[not_action ? "NotAction" : "Action"] = actions;
        if (with_resource) st[not_resource ? "NotResource" : "Resource"] = resources;
        if (!cond.is_null()) st["Condition"] = cond;
        return st;
      },
      chance(deny_percent), principal, chance(s.not_principal_percent),
      chance(use == PolicyUse::kTrust ? 0 : s.not_action_percent),
      one_or_many(gen_action(use, s), s.max_list_values), chance(resource_percent),
      chance(use == PolicyUse::kIdentity || use == PolicyUse::kBoundary ? s.not_resource_percent
                                                                        : 0),
      one_or_many(gen_resource_pattern(v, use, attached_to, s), s.max_list_values), condition);
}

rc::Gen<json> gen_policy(const Vocabulary& v, PolicyUse use, const std::string& attached_to,
                         const GenSettings& s) {
  return rc::gen::map(up_to(s.max_statements, gen_statement(v, use, attached_to, s)),
                      [](std::vector<json> statements) {
                        return json{{"Version", "2012-10-17"}, {"Statement", statements}};
                      });
}

}  // namespace accesspath::properties
