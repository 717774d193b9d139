// Every input the fuzzers found (tests/fuzz_findings/TARGET/NAME, saved by tools/fuzz.sh) replayed
// through the same checks as the fuzz target TARGET (fuzz/fuzz_checks.h): a crash, a hang or a
// violated property that was fixed stays fixed. README, "Fuzzing", lists what each one was.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"

namespace accesspath::fuzz {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::function<void(std::string_view)>>& checks() {
  static const std::map<std::string, std::function<void(std::string_view)>> all = {
      {"scenario", check_scenario},
      {"policy", check_policy},
      {"condition", check_condition},
      {"arn_wildcard", check_arn_wildcard},
      {"policy_variables", check_policy_variables},
      {"aws_export", check_aws_export},
      {"terraform_plan", check_terraform_plan},
      {"cloudtrail", check_cloudtrail},
      {"eval_lines", check_eval_lines},
  };
  return all;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FuzzFindings, EveryFindingIsReplayedByItsTargetsChecks) {
  fs::path root = fs::path(ACCESSPATH_SOURCE_DIR) / "tests" / "fuzz_findings";
  ASSERT_TRUE(fs::is_directory(root)) << root;
  std::size_t replayed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    std::string target = dir.path().filename().string();
    auto check = checks().find(target);
    ASSERT_NE(check, checks().end()) << "no fuzz target `" << target << "` (fuzz/fuzz_checks.h)";
    for (const auto& file : fs::directory_iterator(dir.path())) {
      SCOPED_TRACE(file.path().string());
      try {
        check->second(read_bytes(file.path()));
      } catch (const PropertyViolation& v) {
        ADD_FAILURE() << v.what();
      } catch (const std::exception& e) {
        ADD_FAILURE() << "exception: " << e.what();
      }
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u) << "no findings under " << root;
}

// The checks themselves are not vacuous: a property that fails is reported.
TEST(FuzzFindings, AWildcardDisagreementWouldBeReported) {
  EXPECT_NO_THROW(check_arn_wildcard("a*b?\naxxbc"));
  EXPECT_NO_THROW(check_policy_variables("home/${aws:username}/*\naws:username=a*"));
  EXPECT_THROW(violation("law", "input"), PropertyViolation);
}

// The readers' checks take their input formats (fuzz/*_check.cpp) and hold on plain inputs.
TEST(FuzzFindings, TheReadersChecksHoldOnPlainInputs) {
  using namespace std::literals;  // ""sv: the export's files are separated by NUL bytes
  EXPECT_NO_THROW(check_aws_export(
      "111122223333/iam/get-account-authorization-details.json\n{\"RoleDetailList\": []}\0"
      "111122223333/s3/b/get-bucket-policy.json\n{\"Policy\": \"{}\"}\0"
      "../escape.json\n{}"sv));
  EXPECT_NO_THROW(check_terraform_plan("{\"format_version\": \"1.2\"}"));
  EXPECT_NO_THROW(check_terraform_plan("{\n  \"values\": [1,\n"));
  EXPECT_NO_THROW(check_cloudtrail("{\"Records\": [{\"eventName\": \"GetObject\"}, 1]}"));
  EXPECT_NO_THROW(check_cloudtrail("{\"eventSource\": \"s3.amazonaws.com\"}\nnot json\n"));
  EXPECT_NO_THROW(check_eval_lines(
      "\x05{\"principal\": \"anonymous\", \"action\": \"s3:GetObject\", \"resource\": \"*\"}\n"
      "\n[1]\n{\"principal\": \"anonymous\"}"));
}

}  // namespace
}  // namespace accesspath::fuzz
