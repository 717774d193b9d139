// A property suite of one's own over a bundled scenario, using accesspath's
// public API only (model/ and properties/ headers of the installed package).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>

#include "model/analysis/check.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "properties/properties.h"

namespace {

using accesspath::properties::fast_decider;
using accesspath::properties::gen_request;
using accesspath::properties::LawResult;
using accesspath::properties::statement_order_irrelevant;

nlohmann::json scenario_doc() {
  std::ifstream in(SCENARIO_FILE);
  return nlohmann::json::parse(in);
}

// The scenario's own expectations and invariants come out as it says (accesspath::model).
TEST(SeparationOfDuties, ChecksAsTheScenarioSays) {
  accesspath::LoadResult loaded = accesspath::load_scenario_file(SCENARIO_FILE);
  ASSERT_TRUE(loaded.scenario) << SCENARIO_FILE << " does not load";
  accesspath::ScenarioReport report = accesspath::check_scenario(*loaded.scenario);
  EXPECT_FALSE(report.expectations.empty());
  EXPECT_TRUE(report.ok());
}

// Shuffling (and duplicating) the statements of every policy of the world never changes the
// decision of any request about it (accesspath::properties: a generator and a law).
RC_GTEST_PROP(SeparationOfDuties, StatementOrderNeverChangesADecision, (std::uint64_t seed)) {
  static const nlohmann::json doc = scenario_doc();
  accesspath::Request request = *gen_request(doc);
  LawResult law = statement_order_irrelevant(fast_decider(), doc, request, seed);
  if (!law) RC_FAIL(law.counterexample);
}

}  // namespace
