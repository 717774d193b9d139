// Rule tests, action names (model/policy/policy.cpp `check_action`,
// model/policy/documented_actions.h; model/SEMANTICS.md, rule 5). An action AWS documents (Service
// Authorization Reference, "Actions, resources, and condition keys for AWS Identity and Access
// Management / Amazon S3 / AWS KMS / AWS STS") loads without a lint warning and matches its
// requests, whether or not accesspath's action catalog describes it; a name AWS does not document
// (a typo, an API operation whose action has another name) draws "not an IAM action" and matches
// nothing (IAM Access Analyzer, "Invalid action"). AWS's own managed policies use 261 such
// documented actions the catalog does not describe (iam:GetGroup, s3:GetAccessGrant,
// kms:ListKeyRotations, ...).
#include <string>

#include <gtest/gtest.h>

#include "model/policy/documented_actions.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";

std::string with_actions(std::string_view actions) {
  return R"json({"format": 1, "name": "actions", "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": [)json" +
         std::string(actions) + R"json(], "Resource": "*"}]}]}]})json";
}

TEST(RulesGrammar, DocumentedActionsLoadWithoutWarningUndocumentedOnesWarn_Rule5) {
  LoadResult r = load(with_actions(
      R"("iam:GetGroup", "IAM:listroles", "s3:GetAccessGrant", "kms:ListKeyRotations",
         "sts:DecodeAuthorizationMessage", "s3:GetObjects", "s3:HeadBucket")"));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  const std::string at = "/principals/0/policies/0/Statement/0/Action/";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(diagnostic_at(r.diagnostics, at + std::to_string(i), Severity::kWarning), nullptr)
        << i << "\n"
        << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, at + "5", Severity::kWarning, "not an IAM action"));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, at + "6", Severity::kWarning, "s3:ListBucket"));
  // A documented action the catalog does not describe is evaluated like any other.
  const World& w = r.scenario->world;
  EXPECT_TRUE(allows(w, kAlice, "iam:GetGroup", "arn:aws:iam::111122223333:group/readers"));
  EXPECT_TRUE(allows(w, kAlice, "iam:ListRoles", "*"));
}

TEST(RulesGrammar, DocumentedActionNamesCompareWithoutCase_Rule4) {
  EXPECT_TRUE(is_documented_action("iam:GetGroup"));
  EXPECT_TRUE(is_documented_action("IAM:GETGROUP"));
  EXPECT_TRUE(is_documented_action("s3:GetObject"));
  EXPECT_FALSE(is_documented_action("s3:HeadBucket"));
  EXPECT_FALSE(is_documented_action("s3:GetObjects"));
  EXPECT_FALSE(is_documented_action("ec2:RunInstances"));  // a service the list does not cover
  EXPECT_FALSE(is_documented_action("GetObject"));
}

}  // namespace
}  // namespace accesspath::rules
