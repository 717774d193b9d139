// Rule tests, resource limits on untrusted input (model/world/json_limits.h,
// model/policy/policy_limits.h). Scenario files and policies far beyond what AWS accepts are
// refused within bounded time and memory, with an error at the file and the JSON pointer (exit
// status 2), never a crash or a stack overflow; policies over AWS's size quotas are lint warnings
// citing the quota. Pages: IAM User Guide, "IAM and AWS STS quotas" (character limits, and the
// characters a policy may hold: tab, line feed, carriage return, U+0020 to U+00FF); IAM API
// Reference, CreatePolicy
// (`PolicyDocument` pattern); Amazon S3 User Guide, bucket policies (20 KB); AWS KMS Developer
// Guide, quotas (key policy document size, 32 KB); AWS Organizations quotas (SCPs, 5,120).
#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "model/policy/policy_limits.h"
#include "model/world/json_limits.h"
#include "model/world/scenario_file.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

namespace fs = std::filesystem;

// One user with one inline policy whose Statement array is `statements`.
std::string with_statements(const std::string& statements) {
  return R"({"format": 1, "name": "limits", "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [)" +
         statements + "]}]}]}";
}

std::string statement(std::string_view resource) {
  return R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": ")" + std::string(resource) +
         R"("})";
}

std::string statements(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ",";
    out += statement("arn:aws:s3:::data-bucket/reports/" + std::to_string(i) + "/*");
  }
  return out;
}

constexpr std::string_view kPolicy = "/principals/0/policies/0";

::testing::AssertionResult refused_at(std::string_view text, std::string_view pointer,
                                      std::string_view message_part) {
  LoadResult r = load_scenario_text(text, "big.json");
  if (r.scenario) return ::testing::AssertionFailure() << "the scenario loaded";
  for (const auto& d : r.diagnostics.items())
    if (d.file != "big.json") return ::testing::AssertionFailure() << "no file: " << d.to_string();
  return has_diagnostic(r.diagnostics, pointer, Severity::kError, message_part);
}

TEST(RulesInputLimits, IamQuotasPolicyWithinItsQuotaLoadsWithoutWarning) {
  LoadResult r = load_scenario_text(with_statements(statements(3)), "small.json");
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  for (const auto& d : r.diagnostics.items())
    EXPECT_EQ(d.message.find("quota"), std::string::npos) << d.to_string();
}

TEST(RulesInputLimits, IamQuotasPolicyOverItsQuotaIsALintWarningAndStillEvaluated) {
  // 100 statements of ~100 characters: over the 6,144 characters of a managed policy, under ten
  // times that. AWS would refuse to save it; the scenario may model a quota increase.
  LoadResult r = load_scenario_text(with_statements(statements(100)), "over.json");
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, kPolicy, Severity::kWarning, "quota is 6144"));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, kPolicy, Severity::kWarning, "IAM and AWS STS quotas"));
  EXPECT_EQ(r.scenario->world.principals.at(0).policies.at(0).policy->statements.size(), 100u);
}

TEST(RulesInputLimits, IamQuotasPolicyTenTimesOverItsQuotaIsRefused) {
  EXPECT_TRUE(refused_at(with_statements(statements(2000)), kPolicy, "over ten times"));
}

// The managed-policy quota binds the policies a customer creates (IAM and AWS STS quotas); AWS's
// own managed policies exceed it (ReadOnlyAccess has ~85,000 characters): such a policy loads
// without a quota warning, and the same document as a customer managed policy is refused.
TEST(RulesInputLimits, IamQuotasDoNotBindAwsManagedPolicies) {
  std::string big = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements(2000) + "]}";
  auto with_managed = [&](const std::string& arn) {
    return R"({"format": 1, "name": "limits", "accounts": [{"id": "111122223333"}],
      "managed_policies": {")" +
           arn + "\": " + big + R"(},
      "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [")" +
           arn + "\"]}]}";
  };
  LoadResult aws = load_scenario_text(with_managed("arn:aws:iam::aws:policy/ReadOnlyAccess"), "a");
  ASSERT_TRUE(aws.scenario) << describe(aws.diagnostics);
  for (const auto& d : aws.diagnostics.items())
    EXPECT_EQ(d.message.find("quota"), std::string::npos) << d.to_string();
  EXPECT_TRUE(refused_at(with_managed("arn:aws:iam::111122223333:policy/Big"),
                         "/managed_policies/arn:aws:iam::111122223333:policy~1Big",
                         "over ten times"));
  // Past ten times the longest document IAM returns, even AWS's own is not compiled.
  Diagnostics d;
  nlohmann::json huge = nlohmann::json::parse("{\"Version\": \"2012-10-17\", \"Statement\": [" +
                                              statements(14000) + "]}");
  EXPECT_FALSE(check_policy_size(huge, "", PolicyKind::kIdentity, d, PolicyOwner::kAws));
  EXPECT_TRUE(has_diagnostic(d, "", Severity::kError, "AWS managed policy"));
}

TEST(RulesInputLimits, QuotaDependsOnThePolicyKind) {
  EXPECT_EQ(policy_size_quota(PolicyKind::kIdentity), 6144u);
  EXPECT_EQ(policy_size_quota(PolicyKind::kTrust), 2048u);
  EXPECT_EQ(policy_size_quota(PolicyKind::kResource), 20480u);  // S3 bucket policy, 20 KB
  EXPECT_EQ(policy_size_quota(PolicyKind::kKeyPolicy), 32768u);
  EXPECT_EQ(policy_size_quota(PolicyKind::kScp), 5120u);
}

TEST(RulesInputLimits, PolicySizeCountsCharactersWithoutWhitespace) {
  // AWS counts the policy without whitespace: {"a":["b","c"]} is 15 characters.
  auto doc = nlohmann::json::parse(R"({ "a" : [ "b" ,
      "c" ] })");
  EXPECT_EQ(policy_size(doc, 1000), 15u);
  EXPECT_EQ(policy_size(doc, 1000), doc.dump().size());
}

TEST(RulesInputLimits, IamQuotasCharactersBeyondLatin1AreALintWarning) {
  // IAM accepts U+0020 to U+00FF: `é` (U+00E9) is fine, `→` (U+2192) is not.
  LoadResult fine = load_scenario_text(with_statements(statement("arn:aws:s3:::b/caf\u00e9")), "a");
  ASSERT_TRUE(fine.scenario);
  EXPECT_FALSE(has_diagnostic(fine.diagnostics, kPolicy, Severity::kWarning, "U+00FF"));
  LoadResult beyond = load_scenario_text(with_statements(statement("arn:aws:s3:::b/\u2192")), "b");
  ASSERT_TRUE(beyond.scenario);
  EXPECT_TRUE(has_diagnostic(beyond.diagnostics, kPolicy, Severity::kWarning, "U+00FF"));
}

TEST(RulesInputLimits, IamQuotasControlCharactersInAPolicyAreRefused) {
  // U+0001 and U+0002 once stood for a literal `*` and `?` inside the matcher
  // (model/core/wildcard.h): a policy holding them matched what it did not say.
  EXPECT_TRUE(refused_at(with_statements(statement("arn:aws:s3:::b/\\u0001")),
                         "/principals/0/policies/0/Statement/0/Resource",
                         "control character U+0001"));
  EXPECT_TRUE(refused_at(with_statements(statement("arn:aws:s3:::b/\\u0002")),
                         "/principals/0/policies/0/Statement/0/Resource",
                         "control character U+0002"));
  EXPECT_TRUE(refused_at(with_statements(statement("arn:aws:s3:::b/\\u0000")),
                         "/principals/0/policies/0/Statement/0/Resource",
                         "control character U+0000"));
  // In a key too; tab, line feed and carriage return are allowed.
  EXPECT_TRUE(refused_at(R"({"format": 1, "na\u001fme": "x"})", "/na\x1fme", "in a key"));
  EXPECT_EQ(find_refused_character("a\tb\nc\rd"), std::string_view::npos);
}

TEST(RulesInputLimits, NumberBeyondADoubleIsRefused) {
  // A previous fuzzing run crashed the loader with this number (UBSan: inf cast to an integer).
  EXPECT_TRUE(refused_at(R"({"format": 1e400, "name": "x"})", "/format", "out of range"));
  EXPECT_TRUE(refused_at(R"({"format": 1, "name": "x", "accounts": [{"id": -1e999}]})",
                         "/accounts/0/id", "out of range"));
}

TEST(RulesInputLimits, DeepNestingIsRefusedWithoutRecursion) {
  // 1,000,000 nested arrays: the SAX pre-pass keeps its own stack, the tree is never built.
  std::string deep = R"({"format": 1, "name": "x", "accounts": )" + std::string(1000000, '[') +
                     std::string(1000000, ']') + "}";
  std::string pointer = "/accounts";
  for (int i = 0; i < 63; ++i) pointer += "/0";
  EXPECT_TRUE(refused_at(deep, pointer, "nested more than 64 levels"));
}

TEST(RulesInputLimits, HugeStringIsRefusedWithItsPointer) {
  std::string text = R"({"format": 1, "name": ")" + std::string(std::size_t{1} << 20, 'a') + "\"}";
  EXPECT_TRUE(refused_at(text, "/name", "a string of 1 MiB"));
}

TEST(RulesInputLimits, TooManyValuesAreRefused) {
  JsonLimits limits;
  limits.max_values = 1000;
  Diagnostics diags;
  EXPECT_FALSE(check_json_limits("[" + statements(300) + "]", diags, limits));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_NE(diags.items()[0].message.find("more than 1000 values"), std::string::npos);
}

TEST(RulesInputLimits, FileFarLargerThanAnyAccountIsRefusedBeforeItIsRead) {
  // 100 MiB, sparse: refused by its size, so the test neither writes nor reads 100 MiB.
  fs::path path = fs::temp_directory_path() / "accesspath-limits-100mb.json";
  { std::ofstream(path) << "{"; }
  fs::resize_file(path, std::uintmax_t{100} << 20);
  LoadResult r = load_scenario_file(path.string());
  fs::remove(path);
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "", Severity::kError, "the file is 100 MiB"));
  EXPECT_EQ(r.diagnostics.items().at(0).file, path.string());
}

TEST(RulesInputLimits, CliRefusesAHugePolicyWithExitStatus2) {
  fs::path path = fs::temp_directory_path() / "accesspath-limits-statements.json";
  { std::ofstream(path) << with_statements(statements(2000)); }
  std::string command = std::string("'") + ACCESSPATH_CLI + "' check '" + path.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    output.append(buffer.data(), n);
  int status = pclose(pipe);
  fs::remove(path);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << output;
  EXPECT_NE(output.find(path.string()), std::string::npos) << output;
  EXPECT_NE(output.find("/principals/0/policies/0"), std::string::npos) << output;
}

}  // namespace
}  // namespace accesspath::rules
