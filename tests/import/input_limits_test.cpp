// Resource limits of the importers (import/import_limits.h): an export file or a plan past any
// of them (size, nesting, a string, the count of values) is a `skipped` entry naming the file and
// the JSON pointer of the value past it, read no further, never a crash or an unbounded
// allocation; a policy held in a string is checked against a policy's limits before it is parsed;
// files within the limits import as before.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "import/aws_export.h"
#include "import/json_file.h"
#include "import/terraform_plan.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;
using testing::entries_with;
using Kind = ImportEntry::Kind;

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

const std::string kValues = "/planned_values/root_module/resources/0/values";

// A plan whose one resource has `values`, written as it goes: `values` is `before`, `fill` times
// `unit`, then `after` (the test holds no 100 MB string either).
void write_plan(const fs::path& file, const std::string& before, const std::string& unit,
                std::size_t fill, const std::string& after) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [)"
      << R"({"address": "aws_iam_user.alice", "mode": "managed", "type": "aws_iam_user", )"
      << R"("name": "alice", "values": )" << before;
  std::string chunk;
  while (chunk.size() < (std::size_t{1} << 20) && chunk.size() < unit.size() * fill) chunk += unit;
  std::size_t per_chunk = chunk.size() / unit.size();
  for (std::size_t done = 0; done < fill; done += per_chunk)
    out.write(chunk.data(),
              static_cast<std::streamsize>(std::min(per_chunk, fill - done) * unit.size()));
  out << after << "}]}}}";
}

// Whether importing `plan` imports nothing, without throwing, and reports it once as `skipped`
// with every one of `parts`. The plan's folder is removed (a plan here is up to 257 MiB).
::testing::AssertionResult refused_once(const fs::path& plan,
                                        std::initializer_list<std::string> parts) {
  ImportReport report;
  std::optional<nlohmann::json> scenario;
  try {
    scenario = import_terraform_plan(plan.string(), report);
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw " << e.what();
  }
  fs::remove_all(plan.parent_path());
  if (scenario) return ::testing::AssertionFailure() << "imported a scenario";
  if (entries_with(report, Kind::kSkipped, parts) != 1)
    return ::testing::AssertionFailure() << testing::report_text(report);
  return ::testing::AssertionSuccess();
}

// The report of importing an export whose only file is `iam` (an authorization-details file).
ImportReport import_export_iam(const fs::path& dir, const std::string& iam) {
  fs::create_directories(dir / "111122223333" / "iam");
  std::ofstream(dir / "111122223333" / "iam" / "get-account-authorization-details.json",
                std::ios::binary | std::ios::trunc)
      << iam;
  ImportReport report;
  EXPECT_NO_THROW(import_aws_export(dir.string(), report));
  return report;
}

TEST(ImportLimits, APlanNested100000DeepNamesItsFileAndPointer) {
  fs::path plan = fresh_dir("import-plan-deep") / "plan.json";
  write_plan(plan, R"({"tags": )", "[", 100000, std::string(100000, ']') + "}");
  EXPECT_TRUE(refused_once(plan, {"plan.json: " + kValues + "/tags/0/0/",
                                  "the file is not read: nested more than 128 levels deep"}));
}

TEST(ImportLimits, APlanWithAHundredMegabyteStringNamesItsFileAndPointer) {
  fs::path plan = fresh_dir("import-plan-string") / "plan.json";
  write_plan(plan, R"({"name": ")", "a", std::size_t{100} << 20, "\"}");
  EXPECT_TRUE(refused_once(plan, {"plan.json: " + kValues +
                                  "/name: the file is not read: a string of 100 MiB; at most 16 "
                                  "MiB are allowed"}));
}

TEST(ImportLimits, APlanOfMoreThan32MiValuesNamesItsFileAndPointer) {
  fs::path plan = fresh_dir("import-plan-values") / "plan.json";
  write_plan(plan, R"({"tags": [0)", ",0", std::size_t{32} << 20, "]}");
  EXPECT_TRUE(refused_once(plan, {"plan.json: " + kValues + "/tags/",
                                  "the file is not read: the document has more than 33554432 "
                                  "values"}));
}

TEST(ImportLimits, APlanLargerThan256MiBIsNotRead) {
  // Refused by its size, before it is read (the file is sparse: nothing is written).
  fs::path plan = fresh_dir("import-plan-large") / "plan.json";
  std::ofstream(plan) << "{}";
  fs::resize_file(plan, (std::size_t{256} << 20) + (std::size_t{1} << 20));
  EXPECT_TRUE(refused_once(plan, {"skipped: " + plan.string() +
                                  ": the file is not read: it is 257 MiB, larger than 256 MiB, "
                                  "the most an import reads from one file"}));
}

TEST(ImportLimits, AnExportFilePastEachLimitNamesItsFileAndPointer) {
  fs::path dir = fresh_dir("import-export-limits");
  const std::string file = "get-account-authorization-details.json";

  ImportReport deep = import_export_iam(
      dir, R"({"RoleDetailList": [{"RoleName": "app", "Tags": )" + nested(100000) + "}]}");
  EXPECT_EQ(entries_with(deep, Kind::kSkipped,
                         {file + ": /RoleDetailList/0/Tags/0/0/",
                          "the file is not read: nested more than 128 levels deep"}),
            1u)
      << testing::report_text(deep);

  ImportReport long_string =
      import_export_iam(dir, R"({"RoleDetailList": [{"RoleName": ")" +
                                 std::string(std::size_t{17} << 20, 'r') + "\"}]}");
  EXPECT_EQ(entries_with(long_string, Kind::kSkipped,
                         {file + ": /RoleDetailList/0/RoleName: the file is not read: a string of "
                                 "17 MiB; at most 16 MiB are allowed"}),
            1u)
      << testing::report_text(long_string);
  fs::remove_all(dir);
}

TEST(ImportLimits, APolicyInAStringIsCheckedAgainstAPolicysLimits) {
  // get-bucket-policy's `Policy` is a string holding JSON: within the file's limits, but a policy
  // nested 100,000 deep is past a policy's (64 levels), at its place in the string.
  fs::path dir = fresh_dir("import-policy-string-limits");
  fs::create_directories(dir / "111122223333" / "s3" / "data");
  nlohmann::json policy = {
      {"Policy", R"({"Version": "2012-10-17", "Statement": )" + nested(100000) + "}"}};
  std::ofstream(dir / "111122223333" / "s3" / "data" / "get-bucket-policy.json") << policy.dump();
  ImportReport report;
  ASSERT_NO_THROW(import_aws_export(dir.string(), report));
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"get-bucket-policy.json: /Policy",
                          "the policy document is a string past a policy's limits at "
                          "`/Statement/0/0/",
                          "nested more than 64 levels deep"}),
            1u)
      << testing::report_text(report);
  fs::remove_all(dir);
}

TEST(ImportLimits, FilesWithinTheLimitsImportAsBefore) {
  for (std::string name : {"aws-seed-003", "terraform-seed-003.json"}) {
    ImportReport report;
    auto scenario = name.ends_with(".json") ? import_terraform_plan(testing::fixture(name), report)
                                            : import_aws_export(testing::fixture(name), report);
    EXPECT_TRUE(scenario) << name << "\n" << testing::report_text(report);
    EXPECT_EQ(entries_with(report, Kind::kSkipped, {"not read"}), 0u)
        << testing::report_text(report);
  }
}

}  // namespace
}  // namespace accesspath
