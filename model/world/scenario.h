// A scenario: a world plus what should and should not be possible in it
// (docs/scenario-contract.md, format 1).
//
//   LoadResult r = load_scenario_file("scenarios/separation-of-duties.json");  // scenario_file.h
//   if (r.diagnostics.has_errors()) ...;
//   for (const auto& e : r.scenario->expectations) evaluate(r.scenario->world, e.request);
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/core/diagnostic.h"
#include "model/world/json_limits.h"
#include "model/world/request.h"
#include "model/world/world.h"

namespace accesspath {

struct Expectation {
  Request request;
  bool expect_allow = false;
  std::string why;
  std::string pointer;
};

struct Invariant {
  std::string name;
  std::string action;
  std::string resource;            // pattern with * and ?
  std::vector<std::string> never;  // exactly one of never / only is set
  std::vector<std::string> only;
  bool is_only = false;
  bool expect_holds = true;
  bool via_escalation = false;
  std::map<std::string, std::string> headers;
  std::map<std::string, std::vector<std::string>> context;
  std::string pointer;
};

// Expectations left as their text (LoadOptions::defer_expectations): the document and each
// element's span in it, read again where each is decided (read_deferred_expectation in
// scenario_lean_loader.h). What `check` holds for 1,000,000 expectations is then their text and
// 16 bytes each, not a million structs. Every element was read once at load time, so reading it
// again gives the same expectation.
struct DeferredExpectations {
  std::shared_ptr<const void> owner;  // holds `text` (null: nothing deferred)
  std::string_view text;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end) of each element
  JsonLimits element_limits;                               // an element's limits, read alone
  std::size_t size() const { return spans.size(); }
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  World world;
  std::vector<Expectation> expectations;
  DeferredExpectations deferred;  // empty unless loaded with LoadOptions::defer_expectations
  std::vector<Invariant> invariants;
  // The document as loaded (for round trips and re-writing); loaded with `keep_source` false,
  // the document with `"expectations": []` (LoadOptions).
  nlohmann::json source;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // nullopt when there are errors
  Diagnostics diagnostics;           // errors and lint warnings, each with file and JSON pointer
};

struct LoadOptions {
  // Keep the whole document as Scenario::source. Without it (`check`, which never reads the
  // source), the expectations are read from the text without building a tree of them (a 20 MB
  // file of 100,000 expectations: ≈0.1 GB and most of the loading time less), and `source`
  // holds the document with `"expectations": []`. The scenario, its expectations and the
  // diagnostics are the same either way (tests/scenario_lean_load_test.cpp).
  bool keep_source = true;
  // With keep_source false and the file read by load_scenario_file (or its text given as a
  // shared string): the expectations are checked as they load, then kept as text
  // (Scenario::deferred, `expectations` empty) when the lean reader could read them all.
  bool defer_expectations = false;
  JsonLimits limits;  // the bounds on the text (json_limits.h)
  // Threads that may read deferred expectations at load time (each is read to check it).
  unsigned threads = 1;
};

// Parses and validates a scenario document, collecting every diagnostic.
LoadResult load_scenario(const nlohmann::json& doc, const std::string& file);
// Parses JSON text first (syntax errors are reported with line and column).
LoadResult load_scenario_text(std::string_view text, const std::string& file,
                              const LoadOptions& options = {});
// The same from a text the scenario may keep (LoadOptions::defer_expectations): `owner` holds
// `text` as long as anyone needs it.
LoadResult load_scenario_text(std::string_view text, std::shared_ptr<const void> owner,
                              const std::string& file, const LoadOptions& options = {});
LoadResult load_scenario_text(std::shared_ptr<const std::string> text, const std::string& file,
                              const LoadOptions& options = {});
// Reading a file: load_scenario_file in scenario_file.h.

}  // namespace accesspath
