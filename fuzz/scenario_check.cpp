// Fuzz target and its checks: the scenario loader, on whole files.
//
// Input: a scenario file's text. The loader must never crash, hang or exhaust memory, whatever
// the text (json_limits.h, policy_limits.h). For a file that loads, with its expectations'
// requests (the first few):
// - load -> print (world_to_json) -> load gives a world that prints the same and decides the same
//   (scenario_json_round_trip_is_identity);
// - every policy parsed and printed back decides the same (policy_round_trip_preserves_decision);
// - the fast evaluator decides as the reference evaluator of properties/ does, where the
//   reference supports the world and the case is not a known fast-evaluator bug
//   (fast_agrees_with_reference, known_fast_bugs.h).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "model/world/scenario.h"
#include "properties/known_fast_bugs.h"
#include "properties/laws.h"

using namespace accesspath;
using namespace accesspath::properties;

void accesspath::fuzz::check_scenario(std::string_view input) {
  if (input.size() > (std::size_t{1} << 20)) return;
  std::string_view text = input;
  LoadResult loaded = load_scenario_text(text, "fuzz.json");
  if (loaded.scenario.has_value() == loaded.diagnostics.has_errors())
    fuzz::violation("a scenario loads exactly when it has no errors", text);
  if (!loaded.scenario) return;
  const Scenario& s = *loaded.scenario;

  std::vector<Request> requests;
  for (const Expectation& e : s.expectations) {
    requests.push_back(e.request);
    if (requests.size() == 4) break;
  }
  // The laws get the world loaded above rather than loading `s.source` again: loading is
  // deterministic, so they check what their document-taking forms check, with 3 loads an input
  // instead of up to 11 (properties/laws.h).
  try {
    if (LawResult law = scenario_json_round_trip_is_identity(s.world, s.source, requests); !law)
      fuzz::violation("scenario_json_round_trip_is_identity", law.counterexample);
    // On the inputs with requests, as before (the law decides each request).
    if (!requests.empty())
      if (LawResult law = policy_round_trip_preserves_decisions(s.world, s.source, requests); !law)
        fuzz::violation("policy_round_trip_preserves_decision", law.counterexample);
    for (const Request& r : requests) {
      if (known_fast_bug(s.source, r)) continue;
      if (LawResult law = fast_agrees_with_reference(s.world, s.source, r); !law)
        fuzz::violation("fast_agrees_with_reference", law.counterexample);
    }
  } catch (const fuzz::PropertyViolation&) {
    throw;
  } catch (const std::exception& e) {
    fuzz::violation("the laws run on every scenario that loads",
                    std::string(e.what()) + "\n" + std::string(text));
  }
}
