#include "model/analysis/check.h"

#include "model/analysis/access_paths.h"
#include "model/services/evaluator.h"

namespace accesspath {

std::size_t ScenarioReport::expectations_met() const {
  std::size_t met = streamed - streamed_not_met;
  for (const auto& e : expectations) met += e.ok ? 1 : 0;
  return met;
}

bool ScenarioReport::ok() const {
  if (error || streamed_not_met > 0) return false;
  for (const auto& e : expectations)
    if (!e.ok) return false;
  for (const auto& i : invariants)
    if (!i.ok) return false;
  return true;
}

ScenarioReport check_scenario(const Scenario& scenario) {
  return check_scenario(scenario, nullptr);
}

ScenarioReport check_scenario(const Scenario& scenario, const ExpectationSink& sink) {
  ScenarioReport report;
  report.file = scenario.file;
  report.name = scenario.name;
  for (std::size_t i = 0; i < scenario.expectations.size(); ++i) {
    const Expectation& e = scenario.expectations[i];
    ExpectationResult r;
    r.index = i;
    r.pointer = e.pointer;
    r.why = e.why;
    r.expect_allow = e.expect_allow;
    r.decision = evaluate(scenario.world, e.request);
    // A decision that depends on condition keys the world does not describe is no answer
    // (unknown_keys.h): never a silent pass.
    r.ok = r.decision.allowed == e.expect_allow && r.decision.undecided.empty();
    if (sink && !sink(r)) {
      ++report.streamed;
      report.streamed_not_met += r.ok ? 0 : 1;
    } else {
      report.expectations.push_back(std::move(r));
    }
  }
  for (std::size_t i = 0; i < scenario.invariants.size(); ++i) {
    const Invariant& inv = scenario.invariants[i];
    InvariantResult r;
    r.index = i;
    r.pointer = inv.pointer;
    r.name = inv.name;
    r.expect_holds = inv.expect_holds;
    // Web and SAML identities are among the principals considered (access_paths.h).
    InvariantOutcome o = check_invariant(scenario.world, inv);
    r.holds = o.holds;
    r.reason = std::move(o.reason);
    r.counterexample = std::move(o.counterexample);
    r.warnings = std::move(o.warnings);
    // An undecided invariant is never ok: the contract forbids a guessed answer.
    r.ok = r.holds.has_value() && *r.holds == inv.expect_holds;
    report.invariants.push_back(std::move(r));
  }
  return report;
}

}  // namespace accesspath
