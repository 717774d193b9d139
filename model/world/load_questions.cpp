#include "model/world/expectation_reader.h"
#include "model/world/loader.h"

namespace accesspath::loading {

void Loader::load_expectations(const json& list) {
  RequesterCache principals(s_.world);  // a file asks many questions of few principals
  s_.expectations.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/expectations", i);
    const json& ej = list[i];
    if (!ej.is_object()) {
      diags_.error(ptr, "an expectation must be an object, got " + kind_of(ej));
      continue;
    }
    if (std::optional<Expectation> e = read_expectation(ej, ptr, principals, *this))
      s_.expectations.push_back(std::move(*e));
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

}  // namespace accesspath::loading
