// `check --format json` streamed (tools/report/report_json_stream.h) is the document
// reports_to_json builds, byte for byte: on every bundled scenario, with a file that did not
// load among them, and with no file.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/bundled_scenarios.h"
#include "tools/report/report_json.h"
#include "tools/report/report_json_stream.h"

namespace accesspath {
namespace {

std::string whole(const std::vector<ScenarioReport>& reports) {
  return reports_to_json(reports).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

TEST(CheckJsonStream, IsTheWholeDocumentByteForByte) {
  std::vector<ScenarioReport> reports;
  std::ostringstream streamed;
  CheckJsonStream doc(streamed);
  std::size_t i = 0;
  for (const auto& [file, s] : test_data::bundled_scenarios()) {
    if (i++ == 1) {  // a file that did not load, among the others
      ScenarioReport failed;
      failed.file = "broken.json";
      failed.error = "broken.json: /: error: not valid JSON";
      doc.add_report(failed);
      reports.push_back(failed);
    }
    ScenarioReport kept = check_scenario(s);
    doc.begin_checked();
    ScenarioReport r =
        check_scenario(s, [&](const ExpectationResult& e) { doc.add_expectation(e); });
    doc.end_checked(r);
    EXPECT_EQ(r.streamed, kept.expectations.size()) << file;
    EXPECT_EQ(r.ok(), kept.ok()) << file;
    EXPECT_TRUE(r.expectations.empty());
    reports.push_back(std::move(kept));
  }
  doc.finish();
  ASSERT_GE(reports.size(), 3u);
  EXPECT_EQ(streamed.str(), whole(reports));
}

TEST(CheckJsonStream, NoFilesAndAFileWithoutExpectations) {
  std::ostringstream none;
  CheckJsonStream empty(none);
  empty.finish();
  EXPECT_EQ(none.str(), whole({}));
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  Scenario s = all.front().scenario;
  s.expectations.clear();
  std::ostringstream one;
  CheckJsonStream doc(one);
  doc.begin_checked();
  ScenarioReport r = check_scenario(s, [&](const ExpectationResult& e) { doc.add_expectation(e); });
  doc.end_checked(r);
  doc.finish();
  EXPECT_EQ(one.str(), whole({check_scenario(s)}));
}

}  // namespace
}  // namespace accesspath
