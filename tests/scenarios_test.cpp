// Every bundled scenario loads without errors and meets every expectation.
#include <gtest/gtest.h>

#include "model/analysis/check.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tests/bundled_scenarios.h"

namespace accesspath {
namespace {

using test_data::bundled_scenario_files;

TEST(Scenarios, TrainingSetIsLargeEnough) {
  std::size_t expectations = 0;
  auto files = bundled_scenario_files();
  for (const auto& f : files) {
    LoadResult r = load_scenario_file(f);
    ASSERT_TRUE(r.scenario) << f;
    expectations += r.scenario->expectations.size();
  }
  EXPECT_GE(files.size(), 5u);
  EXPECT_GE(expectations, 60u);
}

TEST(Scenarios, EveryExpectationIsMet) {
  for (const auto& file : bundled_scenario_files()) {
    SCOPED_TRACE(file);
    LoadResult r = load_scenario_file(file);
    for (const auto& d : r.diagnostics.items())
      EXPECT_NE(d.severity, Severity::kError) << d.to_string();
    ASSERT_TRUE(r.scenario);
    EXPECT_FALSE(r.scenario->description.empty()) << "every training scenario tells its story";
    ScenarioReport report = check_scenario(*r.scenario);
    for (const auto& e : report.expectations) {
      const Expectation& x = r.scenario->expectations[e.index];
      EXPECT_TRUE(e.ok) << "expectation " << e.index << " (" << x.pointer
                        << "): " << x.request.principal << " " << x.request.action << " "
                        << x.request.resource << " expected " << (x.expect_allow ? "allow" : "deny")
                        << "; why: " << x.why;
      EXPECT_FALSE(x.why.empty()) << "expectation " << e.index << " explains itself";
    }
  }
}

TEST(Scenarios, SeparationOfDutiesCoversTheKeyUserRemovalStep) {
  // Source 003's test 4: with authorized-users removed from the key policy, the same upload and
  // download that worked before are denied although IAM and the bucket policy still allow them.
  std::string dir = std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/";
  LoadResult before = load_scenario_file(dir + "separation-of-duties.json");
  LoadResult after = load_scenario_file(dir + "separation-of-duties-key-user-removed.json");
  ASSERT_TRUE(before.scenario);
  ASSERT_TRUE(after.scenario);
  auto find = [](const Scenario& s, const std::string& action, bool allow) {
    for (const auto& e : s.expectations)
      if (e.request.action == action &&
          e.request.principal.find("authorized-users") != std::string::npos &&
          e.expect_allow == allow)
        return true;
    return false;
  };
  EXPECT_TRUE(find(*before.scenario, "s3:GetObject", true));
  EXPECT_TRUE(find(*before.scenario, "s3:PutObject", true));
  EXPECT_TRUE(find(*after.scenario, "s3:GetObject", false));
  EXPECT_TRUE(find(*after.scenario, "s3:PutObject", false));
}

}  // namespace
}  // namespace accesspath
