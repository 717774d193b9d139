#include "model/analysis/diff_reasons.h"

#include "model/services/evaluator.h"
#include "model/world/requester.h"

namespace accesspath::diff_reasons {

PolicyIndex::PolicyIndex(const World& w) {
  auto add = [&](const PolicyPtr& p) {
    if (!p) return;
    auto range = by_label_.equal_range(p->label);
    for (auto it = range.first; it != range.second; ++it)
      if (it->second == p.get()) return;
    by_label_.emplace(p->label, p.get());
  };
  for (const auto& a : w.accounts) {
    for (const auto& level : a.scps)
      for (const auto& p : level) add(p);
    for (const auto& level : a.rcps)
      for (const auto& p : level) add(p);
  }
  for (const auto& [arn, p] : w.managed_policies) add(p);
  for (const auto& g : w.groups)
    for (const auto& a : g.policies) add(a.policy);
  for (const auto& p : w.principals) {
    for (const auto& a : p.policies) add(a.policy);
    add(p.permissions_boundary);
    add(p.trust_policy);
  }
  for (const auto& b : w.buckets) add(b.policy);
  for (const auto& k : w.keys) add(k.policy);
  for (const auto& r : w.resources) add(r.policy);
}

const Statement* PolicyIndex::find(const StatementRef& s) const {
  auto range = by_label_.equal_range(s.policy);
  for (auto it = range.first; it != range.second; ++it)
    for (const auto& st : it->second->statements)
      if (st.pointer == s.pointer) return &st;
  return nullptr;
}

bool PolicyIndex::has_same_statement(const std::string& label, const Statement& statement) const {
  auto range = by_label_.equal_range(label);
  for (auto it = range.first; it != range.second; ++it)
    for (const auto& st : it->second->statements)
      if (st.same_meaning(statement)) return true;
  return false;
}

std::vector<StatementRef> changed_statements(const Counterexample& path, const PolicyIndex& mine,
                                             const PolicyIndex& theirs) {
  std::vector<StatementRef> out;
  for (const auto& step : path.steps)
    for (const auto& ref : step.statements) {
      const Statement* s = mine.find(ref);
      // A statement the world does not hold (a policy AWS writes, such as an AWS managed key's)
      // is not a change of the file.
      if (!s || theirs.has_same_statement(ref.policy, *s)) continue;
      bool listed = false;
      for (const auto& o : out) listed = listed || (o.pointer == ref.pointer);
      if (!listed) out.push_back(ref);
    }
  return out;
}

Refusal first_refused_step(const Counterexample& path, const World& other) {
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const PathStep& step = path.steps[i];
    std::string where = "step " + std::to_string(i + 1) + " (`" + step.actor + "` `" + step.action +
                        "` `" + step.target + "`)";
    if (step.kind == PathStep::Kind::kChangePolicy) continue;  // not a request of the file's world
    auto who = resolve_requester(other, step.actor);
    if (!who) return {where + ": `" + step.actor + "` is not in this world", {}};
    Request r{step.actor, step.action, step.target, step.headers, {}};
    add_needs_to_request(step.context, r.context, r.headers);
    Decision d = evaluate(other, *who, r);
    if (d.allowed) continue;
    Refusal out;
    const Check* blocking = d.blocking_check();
    out.reason = where + ": " + (blocking ? blocking->reason : std::string("denied"));
    if (blocking)
      for (const auto& p : blocking->policies)
        for (const auto& s : p.denies) out.denies.push_back(s);
    return out;
  }
  return {};
}

}  // namespace accesspath::diff_reasons
