// Helpers of the import tests: fixture paths, report lookups, and "check decides the imported
// world exactly as it decides the hand-written one".
#pragma once

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"
#include "import/invariants_merge.h"
#include "model/analysis/check.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"

namespace accesspath::testing {

inline std::string fixture(const std::string& name) {
  return std::string(ACCESSPATH_SOURCE_DIR) + "/tests/fixtures/import/" + name;
}

// The report's entries of `kind` whose text contains every one of `parts`.
inline std::size_t entries_with(const ImportReport& report, ImportEntry::Kind kind,
                                std::initializer_list<std::string> parts) {
  std::size_t n = 0;
  for (const auto& e : report.entries()) {
    if (e.kind != kind) continue;
    std::string text = e.to_string();
    bool all = true;
    for (const auto& p : parts) all = all && text.find(p) != std::string::npos;
    n += all ? 1 : 0;
  }
  return n;
}

inline std::string report_text(const ImportReport& report) {
  std::string out;
  for (const auto& e : report.entries()) out += e.to_string() + "\n";
  return out;
}

// Loads `doc`, failing the test with every diagnostic when it does not load.
inline Scenario load_or_fail(const nlohmann::json& doc) {
  LoadResult r = load_scenario(doc, "imported.json");
  std::string diags;
  for (const auto& d : r.diagnostics.items()) diags += d.to_string() + "\n";
  EXPECT_TRUE(r.scenario.has_value()) << diags << doc.dump(2);
  return r.scenario ? *r.scenario : Scenario{};
}

// Every expectation decided the same and every invariant with the same outcome.
inline void expect_same_verdicts(const Scenario& imported, const Scenario& hand_written) {
  ScenarioReport a = check_scenario(imported);
  ScenarioReport b = check_scenario(hand_written);
  ASSERT_EQ(a.expectations.size(), b.expectations.size());
  ASSERT_EQ(a.invariants.size(), b.invariants.size());
  for (std::size_t i = 0; i < a.expectations.size(); ++i)
    EXPECT_EQ(a.expectations[i].decision.allowed, b.expectations[i].decision.allowed)
        << "expectation " << i << ": " << b.expectations[i].why;
  for (std::size_t i = 0; i < a.invariants.size(); ++i)
    EXPECT_EQ(a.invariants[i].holds, b.invariants[i].holds) << a.invariants[i].name;
  EXPECT_TRUE(b.ok());
  EXPECT_TRUE(a.ok());
}

// Merges seed 003's expectations and invariants into an imported world and expects `check` to
// decide them exactly as it decides scenarios/separation-of-duties.json, which it returns.
inline Scenario expect_decided_as_seed_003(nlohmann::json scenario, ImportReport& report) {
  Diagnostics errors;
  EXPECT_TRUE(merge_invariants(scenario, fixture("seed-003-invariants.json"), report, errors));
  Scenario imported = load_or_fail(scenario);
  LoadResult hand = load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                       "/scenarios/separation-of-duties.json");
  EXPECT_TRUE(hand.scenario);
  if (!hand.scenario) return Scenario{};
  expect_same_verdicts(imported, *hand.scenario);
  return *hand.scenario;
}

}  // namespace accesspath::testing
