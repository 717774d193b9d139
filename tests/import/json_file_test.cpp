// Reading an import's JSON files (import/json_file.h): text that does not parse is a report entry
// with the line and column where it breaks, never an exception. nlohmann throws out_of_range,
// not parse_error, for a number beyond a double, and that one escaped from both importers (the
// terraform_plan fuzz target's check shows it; tests/fuzz_findings/terraform_plan/number-1e400.json
// replays it).
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
  std::string why;
  EXPECT_FALSE(parse_json_text("{\n  \"a\": [1, 1e400]}", &why));
  EXPECT_EQ(why, "not valid JSON: a number beyond a double at line 2, column 16");
  EXPECT_FALSE(parse_json_text("-1e999", &why));
  EXPECT_NE(why.find("a number beyond a double at line 1"), std::string::npos) << why;

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
                                  {"plan.json", "a number beyond a double at line 1, column 41"}),
            1u)
      << testing::report_text(plan_report);

  ImportReport export_report;
  ASSERT_NO_THROW(import_aws_export(dir.string(), export_report));
  EXPECT_EQ(testing::entries_with(
                export_report, ImportEntry::Kind::kSkipped,
                {"get-account-authorization-details.json", "a number beyond a double at line 1"}),
            1u)
      << testing::report_text(export_report);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace accesspath
