#include "model/analysis/check.h"

#include "model/analysis/access_paths.h"
#include "model/core/ordered_chunks.h"
#include "model/services/evaluator.h"
#include "model/world/requester_cache.h"

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

namespace {

// `principals` resolves each principal once for the many expectations that name it.
ExpectationResult check_expectation(const Scenario& scenario, std::size_t i,
                                    RequesterCache& principals) {
  const Expectation& e = scenario.expectations[i];
  ExpectationResult r;
  r.index = i;
  r.pointer = e.pointer;
  r.why = e.why;
  r.expect_allow = e.expect_allow;
  const Requester* who = principals.resolve(e.request.principal);
  r.decision =
      who ? evaluate(scenario.world, *who, e.request) : evaluate(scenario.world, e.request);
  // A decision that depends on condition keys the world does not describe is no answer
  // (unknown_keys.h): never a silent pass.
  r.ok = r.decision.allowed == e.expect_allow && r.decision.undecided.empty();
  return r;
}

void check_invariants(const Scenario& scenario, ScenarioReport& report);

}  // namespace

ScenarioReport check_scenario(const Scenario& scenario) {
  return check_scenario(scenario, nullptr);
}

ScenarioReport check_scenario(const Scenario& scenario, const ExpectationSink& sink) {
  ScenarioReport report;
  report.file = scenario.file;
  report.name = scenario.name;
  RequesterCache principals(scenario.world);
  for (std::size_t i = 0; i < scenario.expectations.size(); ++i) {
    ExpectationResult r = check_expectation(scenario, i, principals);
    if (sink && !sink(r)) {
      ++report.streamed;
      report.streamed_not_met += r.ok ? 0 : 1;
    } else {
      report.expectations.push_back(std::move(r));
    }
  }
  check_invariants(scenario, report);
  return report;
}

ScenarioReport check_scenario_rendered(const Scenario& scenario, unsigned threads,
                                       const ExpectationRenderer& render,
                                       const RenderedWriter& write) {
  ScenarioReport report;
  report.file = scenario.file;
  report.name = scenario.name;
  struct Chunk {
    std::string text;
    std::size_t decided = 0, not_met = 0;
    void clear() {
      text.clear();
      decided = not_met = 0;
    }
  };
  // Chunks of 256: small enough to keep every thread busy on a few thousand expectations, large
  // enough that handing them over costs nothing next to deciding them.
  for_each_chunk_in_order<Chunk>(
      scenario.expectations.size(), 256, threads,
      [&](std::size_t begin, std::size_t end, Chunk& c) {
        RequesterCache principals(scenario.world);
        for (std::size_t i = begin; i < end; ++i) {
          ExpectationResult r = check_expectation(scenario, i, principals);
          ++c.decided;
          c.not_met += r.ok ? 0 : 1;
          render(r, c.text);
        }
      },
      [&](Chunk& c) {
        report.streamed += c.decided;
        report.streamed_not_met += c.not_met;
        write(c.text);
      });
  check_invariants(scenario, report);
  return report;
}

namespace {

void check_invariants(const Scenario& scenario, ScenarioReport& report) {
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
}

}  // namespace

}  // namespace accesspath
