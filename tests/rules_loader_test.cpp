// Rule tests, bad input: every loader error names the file and the exact JSON
// pointer of the value that is wrong, says what would be valid, and the
// scenario is not returned (docs/scenario-contract.md, exit status 2).
#include <gtest/gtest.h>

#include "model/world/scenario_file.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

// A valid minimal scenario; each test breaks one thing.
constexpr std::string_view kValid = R"json({
  "format": 1, "name": "valid",
  "accounts": [{"id": "111122223333"}],
  "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
    {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*",
       "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}]}]}],
  "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}],
  "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
})json";

// The scenario is refused and an error sits at exactly `pointer`.
::testing::AssertionResult refused_at(std::string_view text, std::string_view pointer,
                                      std::string_view message_part) {
  LoadResult r = load_scenario_text(text, "bad.json");
  if (r.scenario) return ::testing::AssertionFailure() << "the scenario loaded";
  ::testing::AssertionResult at =
      has_diagnostic(r.diagnostics, pointer, Severity::kError, message_part);
  if (!at) return at;
  for (const auto& d : r.diagnostics.items())
    if (d.file != "bad.json")
      return ::testing::AssertionFailure() << "diagnostic without the file name: " << d.to_string();
  return ::testing::AssertionSuccess();
}

TEST(RulesLoader, ValidBaseScenarioLoads) {
  LoadResult r = load(kValid);
  EXPECT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_FALSE(r.diagnostics.has_errors());
}

TEST(RulesLoader, MalformedJsonReportsLineAndColumn) {
  // Line 3 lacks the comma after `"name": "x"`.
  const std::string text = "{\n  \"format\": 1,\n  \"name\": \"x\"\n  \"accounts\": []\n}\n";
  LoadResult r = load_scenario_text(text, "bad.json");
  EXPECT_FALSE(r.scenario);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.pointer, "");
  EXPECT_EQ(d.file, "bad.json");
  EXPECT_NE(d.message.find("line 4, column"), std::string::npos) << d.message;
}

TEST(RulesLoader, WrongTypeNamesThePointer) {
  EXPECT_TRUE(refused_at(replace(std::string(kValid), R"("accounts": [{"id": "111122223333"}])",
                                 R"("accounts": {"id": "111122223333"})"),
                         "/accounts", "must be a list of accounts, got an object"));
  EXPECT_TRUE(refused_at(replace(std::string(kValid), R"("format": 1)", R"("format": "1")"),
                         "/format", "must be the number 1"));
  EXPECT_TRUE(refused_at(replace(std::string(kValid), R"("region": "us-east-1")", R"("region": 1)"),
                         "/buckets/0/region", "got a number"));
}

TEST(RulesLoader, UnknownTopLevelKeySuggestsTheNearestKey) {
  EXPECT_TRUE(refused_at(replace(std::string(kValid), R"("buckets":)", R"("bukets":)"), "/bukets",
                         "did you mean `buckets`?"));
  EXPECT_TRUE(refused_at(replace(std::string(kValid), R"("principals":)", R"("principal":)"),
                         "/principal", "did you mean `principals`?"));
}

TEST(RulesLoader, InvalidArnsAreErrorsAtTheirPointer) {
  // An 11-digit account in a principal ARN.
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "arn:aws:iam::111122223333:user/alice",
                                 "arn:aws:iam::11112222333:user/alice"),
                         "/principals/0/arn", "not 12 digits"));
  // An empty region in a KMS key ARN.
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "arn:aws:kms:us-east-1:111122223333:key/k1",
                                 "arn:aws:kms::111122223333:key/k1"),
                         "/keys/0/arn", "empty region"));
  // An 11-digit account id.
  EXPECT_TRUE(refused_at(
      replace(std::string(kValid), R"({"id": "111122223333"})", R"({"id": "11112222333"})"),
      "/accounts/0/id", "exactly 12 digits"));
}

TEST(RulesLoader, UserAndRoleNamesUseOnlyTheCharactersIamAllows) {
  // IAM API Reference, CreateUser/CreateRole: letters, digits and _+=,.@- (no `*`: a declared
  // name never reads as a pattern).
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "arn:aws:iam::111122223333:user/alice",
                                 "arn:aws:iam::111122223333:user/ali*"),
                         "/principals/0/arn", "not a valid IAM user or role name"));
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "arn:aws:iam::111122223333:user/alice",
                                 "arn:aws:iam::111122223333:user/" + std::string(65, 'a')),
                         "/principals/0/arn", "at most 64 characters"));
  LoadResult ok =
      load_scenario_text(replace(std::string(kValid), "arn:aws:iam::111122223333:user/alice",
                                 "arn:aws:iam::111122223333:user/ops/a_l+i=c,e.@-1"),
                         "t.json");
  EXPECT_TRUE(ok.scenario) << "a path and every allowed character";
}

TEST(RulesLoader, MalformedKeyArnInAConditionIsAWarning) {
  // Source 003's mistake: a key ARN with an empty region and an 11-digit account in an
  // encryption requirement can never match what S3 puts in the request.
  const std::string text = replace(
      std::string(kValid),
      R"("buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}])",
      R"("buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
        "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
          "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data-bucket/*",
          "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
                                             "arn:aws:kms::11112222333:key/k1"}}}]}}])");
  LoadResult r = load(text);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics,
                             "/buckets/0/policy/Statement/0/Condition/StringNotEquals/"
                             "s3:x-amz-server-side-encryption-aws-kms-key-id",
                             Severity::kWarning, "empty region"));
}

TEST(RulesLoader, UnknownConditionOperator) {
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "StringEquals", "StringEqualz"),
                         "/principals/0/policies/0/Statement/0/Condition/StringEqualz",
                         "unknown condition operator"));
}

TEST(RulesLoader, UndeclaredAccount) {
  EXPECT_TRUE(refused_at(
      replace(std::string(kValid), R"("account": "111122223333")", R"("account": "999988887777")"),
      "/buckets/0/account", "not declared in `accounts`"));
  EXPECT_TRUE(refused_at(replace(std::string(kValid), "arn:aws:iam::111122223333:user/alice",
                                 "arn:aws:iam::999988887777:user/alice"),
                         "/principals/0/arn", "not declared in `accounts`"));
}

TEST(RulesLoader, UndeclaredManagedPolicy) {
  const std::string text = replace(std::string(kValid), R"("policies": [
    {"Version")",
                                   R"("policies": ["arn:aws:iam::111122223333:policy/missing",
    {"Version")");
  EXPECT_TRUE(refused_at(text, "/principals/0/policies/0", "not declared in `managed_policies`"));
}

TEST(RulesLoader, MissingFile) {
  LoadResult r = load_scenario_file("/nonexistent/accesspath/missing.json");
  EXPECT_FALSE(r.scenario);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.file, "/nonexistent/accesspath/missing.json");
  EXPECT_EQ(d.pointer, "");
  EXPECT_NE(d.message.find("cannot read"), std::string::npos) << d.message;
}

TEST(RulesLoader, EveryProblemIsReportedNotJustTheFirst) {
  std::string text = replace(std::string(kValid), R"("buckets":)", R"("bukets":)");
  text = replace(text, "StringEquals", "StringEqualz");
  text = replace(text, "arn:aws:kms:us-east-1:111122223333:key/k1",
                 "arn:aws:kms::111122223333:key/k1");
  LoadResult r = load(text);
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/bukets", Severity::kError));
  EXPECT_TRUE(has_diagnostic(r.diagnostics,
                             "/principals/0/policies/0/Statement/0/Condition/StringEqualz",
                             Severity::kError));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/keys/0/arn", Severity::kError));
}

// IAM User Guide, Principal element: a federated principal is a SAML or OIDC provider's ARN or a
// web identity provider's host name; IAM refuses anything else ("Invalid principal in policy").
TEST(RulesLoader, MalformedIdentityProviderIsRefused_PrincipalElementFederated) {
  auto with_provider = [](std::string_view provider) {
    const std::string role = R"json(}, {"arn": "arn:aws:iam::111122223333:role/web",
      "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "PROVIDER"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}}],
  "keys")json";
    return replace(std::string(kValid), "}],\n  \"keys\"", replace(role, "PROVIDER", provider));
  };
  for (std::string_view good :
       {"cognito-identity.amazonaws.com", "accounts.google.com", "www.amazon.com",
        "arn:aws:iam::111122223333:saml-provider/Okta",
        "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"}) {
    LoadResult r = load(with_provider(good));
    EXPECT_TRUE(r.scenario) << good << "\n" << describe(r.diagnostics);
  }
  for (std::string_view bad :
       {"arn:aws:iam::111122223333:saml-provider", "arn:aws:iam::111122223333:saml-provider/",
        "arn:aws:iam::1111:oidc-provider/x.example.com", "arn:aws:iam::111122223333:user/alice",
        "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:saml-provider/*", "okta", "*",
        "my provider.com"})
    EXPECT_TRUE(refused_at(with_provider(bad),
                           "/principals/1/trust_policy/Statement/0/Principal/Federated",
                           "Invalid principal in policy"))
        << bad;
}

}  // namespace
}  // namespace accesspath::rules
