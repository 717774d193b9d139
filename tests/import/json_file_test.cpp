// Reading an import's JSON files (import/json_file.h): text that does not parse is a report entry
// with the line and column where it breaks, never an exception. nlohmann throws out_of_range,
// not parse_error, for a number beyond a double, and that one escaped from both importers (the
// terraform_plan fuzz target's check shows it; tests/fuzz_findings/terraform_plan/number-1e400.json
// replays it): the limits check that comes before the tree (import/import_limits.h) now refuses
// it, at its JSON pointer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/aws_export.h"
#include "import/json_file.h"
#include "import/terraform_plan.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;

TEST(ImportJsonFile, ANumberBeyondADoubleIsReportedWithItsPlaceNotThrown) {
  JsonTextProblem problem;
  EXPECT_FALSE(parse_json_text("{\n  \"a\": [1, 1e400]}", problem));
  EXPECT_EQ(problem.pointer, "/a/1");
  EXPECT_EQ(problem.message.rfind("the file is not read: number `1e400` is out of range", 0), 0u)
      << problem.message;
  EXPECT_FALSE(parse_json_text("-1e999", problem));
  EXPECT_NE(problem.message.find("number `-1e999` is out of range"), std::string::npos)
      << problem.message;
  // A syntax error is still placed by its line and column.
  EXPECT_FALSE(parse_json_text("{\n  \"a\": [1,, 2]}", problem));
  EXPECT_EQ(problem.pointer, "");
  EXPECT_EQ(problem.message.rfind("not valid JSON at line 2, column ", 0), 0u) << problem.message;

  fs::path dir = fs::path(::testing::TempDir()) / "import-number-beyond-a-double";
  fs::remove_all(dir);
  fs::create_directories(dir / "111122223333" / "iam");
  std::ofstream(dir / "plan.json") << R"({"format_version": "1.2", "values": 1e400})";
  std::ofstream(dir / "111122223333" / "iam" / "get-account-authorization-details.json")
      << R"({"RoleDetailList": [], "Policies": [1e400]})";

  ImportReport plan_report;
  std::optional<nlohmann::json> plan;
  ASSERT_NO_THROW(plan = import_terraform_plan((dir / "plan.json").string(), plan_report));
  EXPECT_FALSE(plan);
  EXPECT_EQ(testing::entries_with(plan_report, ImportEntry::Kind::kSkipped,
                                  {"plan.json: /values", "number `1e400` is out of range"}),
            1u)
      << testing::report_text(plan_report);

  ImportReport export_report;
  ASSERT_NO_THROW(import_aws_export(dir.string(), export_report));
  EXPECT_EQ(testing::entries_with(export_report, ImportEntry::Kind::kSkipped,
                                  {"get-account-authorization-details.json: /Policies/0",
                                   "number `1e400` is out of range"}),
            1u)
      << testing::report_text(export_report);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace accesspath
