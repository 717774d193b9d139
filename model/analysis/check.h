// Checking a scenario: every expectation evaluated, every invariant decided.
//
//   ScenarioReport report = check_scenario(scenario);
//   report.ok();  // every expectation met and every invariant as expected
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/analysis/counterexample.h"
#include "model/authz/decision.h"
#include "model/world/scenario.h"

namespace accesspath {

struct ExpectationResult {
  std::size_t index = 0;
  std::string pointer;  // JSON pointer of the expectation in its file
  std::string why;      // the expectation's own reason, if it gives one
  bool expect_allow = false;
  Decision decision;
  bool ok = false;
};

struct InvariantResult {
  std::size_t index = 0;
  std::string pointer;  // JSON pointer of the invariant in its file
  std::string name;
  bool expect_holds = true;
  std::optional<bool> holds;  // nullopt: the analysis cannot decide (never a guessed true)
  std::string reason;         // why it could not be decided, or a summary
  std::optional<Counterexample> counterexample;
  std::vector<std::string> warnings;
  bool ok = false;
};

struct ScenarioReport {
  std::string file;
  std::string name;
  std::vector<ExpectationResult> expectations;
  std::vector<InvariantResult> invariants;
  std::optional<std::string> error;  // the file could not be loaded
  Diagnostics diagnostics;           // load diagnostics (warnings when it loaded)
  // Expectations handed to a sink and not kept in `expectations`, and how many were not met.
  std::size_t streamed = 0;
  std::size_t streamed_not_met = 0;

  // Over kept and streamed expectations alike.
  std::size_t expectation_count() const { return streamed + expectations.size(); }
  std::size_t expectations_met() const;

  bool ok() const;
};

ScenarioReport check_scenario(const Scenario& scenario);

// The same, each expectation's result handed to `sink` as soon as it is decided; kept in
// `expectations` only when the sink returns true (memory flat in the number of expectations that
// are not kept); the others are counted (`streamed`).
using ExpectationSink = std::function<bool(const ExpectationResult&)>;
ScenarioReport check_scenario(const Scenario& scenario, const ExpectationSink& sink);

// The same on `threads` threads: the expectations are decided in chunks, each result rendered by
// `render` on the thread that decided it (appending to its chunk's text) and the texts handed to
// `write` in the file's order on the calling thread; none is kept (the report counts them as
// `streamed`). Invariants are decided afterwards, as check_scenario decides them.
using ExpectationRenderer = std::function<void(const ExpectationResult&, std::string& out)>;
using RenderedWriter = std::function<void(std::string_view text)>;
ScenarioReport check_scenario_rendered(const Scenario& scenario, unsigned threads,
                                       const ExpectationRenderer& render,
                                       const RenderedWriter& write);

}  // namespace accesspath
