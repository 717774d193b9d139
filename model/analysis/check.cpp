#include "model/analysis/check.h"

#include <memory>

#include "model/analysis/access_paths.h"
#include "model/core/diagnostic.h"
#include "model/core/ordered_chunks.h"
#include "model/services/evaluator.h"
#include "model/world/requester_cache.h"
#include "model/world/scenario_lean_loader.h"

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
ExpectationResult check_expectation(const World& world, const Expectation& e, std::size_t i,
                                    RequesterCache& principals) {
  ExpectationResult r;
  r.index = i;
  r.pointer = e.pointer;
  r.why = e.why;
  r.expect_allow = e.expect_allow;
  const Requester* who = principals.resolve(e.request.principal);
  r.decision = who ? evaluate(world, *who, e.request) : evaluate(world, e.request);
  // A decision that depends on condition keys the world does not describe is no answer
  // (unknown_keys.h): never a silent pass.
  r.ok = r.decision.allowed == e.expect_allow && r.decision.undecided.empty();
  return r;
}

// Expectation `i`, as loaded or (deferred) read again from its text; `scratch` for the latter.
struct ExpectationSource {
  const Scenario& scenario;
  std::size_t size() const {
    return scenario.deferred.owner ? scenario.deferred.size() : scenario.expectations.size();
  }
  ExpectationResult check(std::size_t i, RequesterCache& principals, PlainExpectation& scratch,
                          Expectation& read) const {
    if (!scenario.deferred.owner)
      return check_expectation(scenario.world, scenario.expectations[i], i, principals);
    if (std::optional<Expectation> e =
            read_deferred_expectation(scenario.deferred, i, principals, scratch)) {
      read = std::move(*e);
      return check_expectation(scenario.world, read, i, principals);
    }
    // Loading read every element, so this cannot happen; were it to, the expectation fails
    // with the reason rather than pass unseen.
    ExpectationResult r;
    r.index = i;
    r.pointer = pointer_join("/expectations", i);
    r.decision.undecided = "the expectation could not be read again from the file";
    r.ok = false;
    return r;
  }
};

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
  const ExpectationSource source{scenario};
  PlainExpectation scratch;
  Expectation read;
  for (std::size_t i = 0; i < source.size(); ++i) {
    ExpectationResult r = source.check(i, principals, scratch, read);
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
    // Kept when the chunk is cleared and filled again: a chunk of 256 expectations names most
    // of a big world's principals once each, so a cache per chunk would miss almost always
    // (a seventh of `check`'s time); the few chunks in flight each keep theirs warm.
    std::unique_ptr<RequesterCache> principals;
    PlainExpectation scratch;  // reading deferred expectations
    Expectation read;
    void clear() {
      text.clear();
      decided = not_met = 0;
    }
  };
  // Chunks of 256: small enough to keep every thread busy on a few thousand expectations, large
  // enough that handing them over costs nothing next to deciding them.
  const ExpectationSource source{scenario};
  for_each_chunk_in_order<Chunk>(
      source.size(), 256, threads,
      [&](std::size_t begin, std::size_t end, Chunk& c) {
        if (!c.principals) c.principals = std::make_unique<RequesterCache>(scenario.world);
        for (std::size_t i = begin; i < end; ++i) {
          ExpectationResult r = source.check(i, *c.principals, c.scratch, c.read);
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
