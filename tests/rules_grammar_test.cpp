// Rule tests, policy grammar and element matching (model/SEMANTICS.md
// rules 1-18 and U7). Each test builds a tiny world from an inline scenario,
// asserts the decision, and asserts that the other outcome follows when one
// thing changes. Test names end in the rule number; model/SEMANTICS.md maps
// rules to tests.
#include <gtest/gtest.h>

#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kKey = "arn:aws:kms:us-east-1:111122223333:key/k1";

// One user whose inline policy is `POLICY`, one bucket, one queue-like resource.
std::string with_identity_policy(std::string_view policy) {
  std::string doc = R"json({
    "format": 1, "name": "grammar",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [POLICY]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"},
                {"name": "other-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  return replace(doc, "POLICY", policy);
}

// Account 111122223333 with alice, and the rest of a scenario (`"buckets": …`, `"resources": …`).
std::string alice_and(std::string_view rest) {
  return R"json({"format": 1, "name": "grammar", "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice"}], )json" +
         std::string(rest) + "}";
}

// --- Rule 1: Effect ---------------------------------------------------------

TEST(RulesGrammar, EffectIsExactlyAllowOrDenyCaseSensitive_Rule1) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]})json");
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/a.txt"));

  for (std::string_view bad : {"\"allow\"", "\"ALLOW\"", "\"Permit\""}) {
    LoadResult r = load(replace(doc, "\"Allow\"", bad));
    EXPECT_FALSE(r.scenario) << bad;
    EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Effect",
                               Severity::kError, "case sensitive"))
        << bad;
  }
}

// --- Rule 2: Action and Resource are required; key policies without Resource -

TEST(RulesGrammar, IdentityPolicyStatementWithoutResourceIsAnError_Rule2) {
  LoadResult r = load(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject"}]})json"));
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0",
                             Severity::kError, "`Resource` or `NotResource`"));
}

TEST(RulesGrammar, StatementWithoutActionIsAnError_Rule2) {
  LoadResult r = load(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Resource": "*"}]})json"));
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0",
                             Severity::kError, "`Action` or `NotAction`"));
}

TEST(RulesGrammar, KeyPolicyStatementWithoutResourceHasNoEffect_Rule2) {
  const std::string doc = R"json({
    "format": 1, "name": "key-policy-without-resource",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice"}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {
      "Version": "2012-10-17", "Statement": [
        {"Sid": "AliceDecrypts", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "kms:Decrypt"}]}}]
  })json";
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  // Accepted (as CreateKey/PutKeyPolicy accept it) but flagged, and it grants nothing.
  EXPECT_TRUE(
      has_diagnostic(r.diagnostics, "/keys/0/policy/Statement/0", Severity::kWarning, "no effect"));
  EXPECT_TRUE(denies(r.scenario->world, kAlice, "kms:Decrypt", kKey));

  World fixed = make_world(
      replace(doc, R"("Action": "kms:Decrypt")", R"("Action": "kms:Decrypt", "Resource": "*")"));
  EXPECT_TRUE(allows(fixed, kAlice, "kms:Decrypt", kKey));
}

// S3 refuses a bucket policy statement without `Resource` ("Statement is missing required
// element", aws-cdk#35296); another resource policy's statement without it means that resource
// (IAM JSON policy elements: Resource).
TEST(RulesGrammar,
     BucketPolicyStatementWithoutResourceIsRefusedOtherResourcePoliciesMeanTheirResource_Rule2) {
  LoadResult r = load(alice_and(R"json(
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data-bucket"},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:ListBucket"}]}}])json"));
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/policy/Statement/1", Severity::kError,
                             "Statement is missing required element"))
      << describe(r.diagnostics);
  EXPECT_EQ(diagnostic_at(r.diagnostics, "/buckets/0/policy/Statement/0", Severity::kError),
            nullptr);

  World w = make_world(alice_and(R"json(
    "resources": [{"arn": "arn:aws:sqs:us-east-1:111122223333:jobs", "policy": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "sqs:SendMessage"}]}}])json"));
  EXPECT_TRUE(allows(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs"));
  EXPECT_TRUE(denies(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:other"));
}

// --- Rule 3: OR across statements and policies --------------------------------

TEST(RulesGrammar, AllowsAreOredAcrossStatementsAndPolicies_Rule3) {
  const std::string doc = R"json({
    "format": 1, "name": "or-across-policies",
    "accounts": [{"id": "111122223333"}],
    "managed_policies": {"arn:aws:iam::111122223333:policy/writer": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}},
    "groups": [{"arn": "arn:aws:iam::111122223333:group/listers", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket",
         "Resource": "arn:aws:s3:::data-bucket"}]}]}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice",
      "groups": ["arn:aws:iam::111122223333:group/listers"],
      "policies": [
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/a/*"},
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/b/*"}]},
        "arn:aws:iam::111122223333:policy/writer"]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/a/1"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/b/1"));
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/c/1"));
  EXPECT_TRUE(allows(w, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/c/1"));
  EXPECT_TRUE(denies(w, kAlice, "s3:DeleteObject", "arn:aws:s3:::data-bucket/a/1"));

  // A Deny in any one of them still overrides the allows of the others (rule 47).
  World denied = make_world(replace(doc, R"({"Sid": "List", "Effect": "Allow")",
                                    R"({"Effect": "Deny", "Action": "s3:GetObject",
                                        "Resource": "arn:aws:s3:::data-bucket/a/*"},
                                       {"Sid": "List", "Effect": "Allow")"));
  EXPECT_TRUE(denies(denied, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/a/1"));
  EXPECT_TRUE(allows(denied, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/b/1"));
}

// --- Rules 4-6: Action, wildcards in actions, NotAction ------------------------

TEST(RulesGrammar, ActionNamesAreCaseInsensitive_Rule4) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "S3:getOBJECT", "Resource": "arn:aws:s3:::data-bucket/*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, kAlice, "s3:getobject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/x"));
}

TEST(RulesGrammar, WildcardAnywhereInActionName_Rule5) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*Object*", "Resource": "arn:aws:s3:::data-bucket*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, kAlice, "s3:DeleteObjectVersion", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));

  World get_only = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data-bucket/*"}]})json"));
  EXPECT_TRUE(allows(get_only, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(get_only, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/x"));
}

// [U] (U9) `?` in actions is documented only for resources and conditions; the model's
// matcher (model/core/wildcard.h) treats it as one character in actions too.
TEST(RulesGrammar, QuestionMarkInActionMatchesOneCharacter_Rule5_U9) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:?etObject", "Resource": "arn:aws:s3:::data-bucket/*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/x"));
}

TEST(RulesGrammar, ActionStarMatchesEveryServiceAndAction_Rule5) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
  EXPECT_TRUE(allows(w, kAlice, "s3:ListAllMyBuckets", "*"));

  World none = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})json"));
  EXPECT_TRUE(denies(none, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
}

// IAM: Grammar of the IAM JSON policy language, `action_string`: "a service namespace, a colon,
// and the name of an action". `s3:` names no action: IAM Access Analyzer reports such an action
// as "Invalid action", and invalid actions "do not affect the permissions granted by the policy"
// (AWS managed policies carry some). So it loads with a warning and matches nothing: it is
// neither `s3:*` nor an error. A missing service (`:GetObject`, `GetObject`) stays an error.
TEST(RulesGrammar, ActionWithNothingAfterTheColonMatchesNothingAndWarns_Rule5) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:", "sqs:"], "Resource": "*"}]})json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Action/0",
                             Severity::kWarning, "names no action"));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Action/1",
                             Severity::kWarning, "names no action"));
  const World& w = r.scenario->world;
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:ListAllMyBuckets", "*"));
  EXPECT_TRUE(denies(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
  for (std::string_view bad : {"\":GetObject\"", "\"GetObject\""}) {
    LoadResult e = load(replace(doc, R"(["s3:", "sqs:"])", bad));
    EXPECT_FALSE(e.scenario) << bad;
    EXPECT_TRUE(has_diagnostic(e.diagnostics, "/principals/0/policies/0/Statement/0/Action",
                               Severity::kError, "service:action"))
        << bad;
  }
}

TEST(RulesGrammar, NotActionWithAllowGrantsEverythingElseIncludingOtherServices_Rule6) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
  EXPECT_TRUE(denies(w, kAlice, "iam:CreateUser", "arn:aws:iam::111122223333:user/eve"));

  // Within the statement's Resource scope only.
  World scoped = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::data-bucket/*"}]})json"));
  EXPECT_TRUE(allows(scoped, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(scoped, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/x"));
}

TEST(RulesGrammar, NotActionWithDenyDeniesEverythingElseAndGrantsNothing_Rule6) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*"},
      {"Sid": "OnlyReads", "Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}]})json");
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  Decision put = decide(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/x");
  EXPECT_FALSE(put.allowed);
  ASSERT_FALSE(put.checks.empty());
  EXPECT_EQ(put.checks[0].outcome, Outcome::kExplicitDeny) << explain(put);

  // Without the Allow the Deny+NotAction grants nothing, not even s3:GetObject.
  World deny_only = make_world(
      replace(doc, R"("Sid": "S3", "Effect": "Allow")", R"("Sid": "S3", "Effect": "Deny")"));
  Decision get = decide(deny_only, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/x");
  EXPECT_FALSE(get.allowed);
  ASSERT_FALSE(get.checks.empty());
  EXPECT_EQ(get.checks[0].outcome, Outcome::kImplicitDeny) << explain(get);
}

// --- Rule 7: a resource is an ARN or `*` ---------------------------------------------

TEST(RulesGrammar, NonArnResourceIsAnErrorInIdentityPoliciesAWarningElsewhere_Rule7) {
  LoadResult identity = load(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "data-bucket/*"}]})json"));
  EXPECT_FALSE(identity.scenario);
  EXPECT_TRUE(has_diagnostic(identity.diagnostics, "/principals/0/policies/0/Statement/0/Resource",
                             Severity::kError, "must be in ARN format"));

  LoadResult bucket = load(R"json({
    "format": 1, "name": "non-arn-in-bucket-policy",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:GetObject", "Resource": "data-bucket/*"}]}}]
  })json");
  ASSERT_TRUE(bucket.scenario) << describe(bucket.diagnostics);
  EXPECT_TRUE(has_diagnostic(bucket.diagnostics, "/buckets/0/policy/Statement/0/Resource",
                             Severity::kWarning, "not an ARN"));
  EXPECT_TRUE(denies(bucket.scenario->world, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
}

// What IAM refuses is an error, in IAM's words: a resource that is not an ARN ("must be in ARN
// format"), an S3 ARN with a region ("can not contain region information", aws-cdk#22445), an
// action with two colons ("Actions/Condition can contain only one colon"). What IAM stores but can
// never match (AWS managed policies carry `arn:aws:kms:*::*` and `arn:*:kms:*:::*`; a placeholder
// account; a service that does not exist, Access Analyzer's "Invalid service in action") loads
// with a warning at its JSON pointer and matches nothing (IAM policy validation check reference).
TEST(RulesGrammar, WhatIamStoresLoadsWithAWarningWhatItRefusesIsAnError_Rule7) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "kms:Decrypt",
       "Resource": ["arn:aws:kms:*::*", "arn:*:kms:*:::*", "arn:aws:kms:us-east-1:account-id:key/k1"]},
      {"Effect": "Allow", "Action": ["s4:GetObject", "s3:GetObject"],
       "Resource": "arn:aws:s3:::data-bucket/*"},
      {"Effect": "Allow", "Action": "s3:GetDataAccess",
       "Resource": "arn:aws:s3:us-east-1:111122223333:access-grants/default"}]})json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  const std::string st = "/principals/0/policies/0/Statement/";
  EXPECT_TRUE(
      has_diagnostic(r.diagnostics, st + "0/Resource/0", Severity::kWarning, "empty account"));
  EXPECT_TRUE(
      has_diagnostic(r.diagnostics, st + "0/Resource/1", Severity::kWarning, "empty account"));
  EXPECT_TRUE(
      has_diagnostic(r.diagnostics, st + "0/Resource/2", Severity::kWarning, "not 12 digits"));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, st + "1/Action/0", Severity::kWarning,
                             "not an AWS service prefix"));
  // S3 resource types other than buckets and objects carry a Region and an account.
  EXPECT_EQ(diagnostic_at(r.diagnostics, st + "2/Resource", Severity::kWarning), nullptr);
  const World& w = r.scenario->world;
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));  // they match no key
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s4:GetObject", "arn:aws:s3:::data-bucket/x"));

  struct Refused {
    std::string_view from, to, pointer, words;
  };
  for (const Refused& bad : {
           Refused{"\"arn:aws:kms:*::*\"", "\"arn:aws:s3:us-east-1::data-bucket/*\"",
                   "0/Resource/0", "can not contain region information"},
           Refused{"\"arn:aws:kms:*::*\"", "\"data-bucket/*\"", "0/Resource/0",
                   "must be in ARN format"},
           Refused{"\"s4:GetObject\"", "\"s3:Get:Object\"", "1/Action/0",
                   "can contain only one colon"},
       }) {
    LoadResult e = load(replace(doc, bad.from, bad.to));
    EXPECT_FALSE(e.scenario) << bad.to;
    EXPECT_TRUE(
        has_diagnostic(e.diagnostics, st + std::string(bad.pointer), Severity::kError, bad.words))
        << bad.to << "\n"
        << describe(e.diagnostics);
  }
}

// --- Rules 8-9: wildcards in resource ARNs ---------------------------------------

TEST(RulesGrammar, ResourceStarMatchesAnyRunIncludingSlashAndQuestionMarkOneCharacter_Rule8) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
         "arn:aws:s3:::data-bucket/*/test/*", "arn:aws:s3:::other-bucket/file?.txt"]}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/a/b/test/c.txt"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x/test/y/z"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/a/prod/c.txt"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/file1.txt"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/file10.txt"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/file.txt"));
}

TEST(RulesGrammar, StarAtEndOfSegmentExpandsBeyondColons_Rule9) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "logs:PutLogEvents",
       "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:app*"}]})json");
  World w = make_world(doc);
  // The trailing `*` of the resource segment runs on past `:log-stream:`.
  EXPECT_TRUE(allows(w, kAlice, "logs:PutLogEvents",
                     "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1"));
  EXPECT_TRUE(denies(w, kAlice, "logs:PutLogEvents",
                     "arn:aws:logs:us-east-1:111122223333:log-group:web:log-stream:s1"));
  World exact = make_world(replace(doc, "log-group:app*", "log-group:app"));
  EXPECT_TRUE(denies(exact, kAlice, "logs:PutLogEvents",
                     "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1"));
}

TEST(RulesGrammar, StarInRegionSegmentMatchesRegionsWithThatPrefix_Rule9) {
  const std::string doc = R"json({
    "format": 1, "name": "star-in-region",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:Decrypt",
         "Resource": "arn:aws:kms:us-*:111122223333:key/*"}]}]}],
    "keys": [
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                       "Action": "kms:*", "Resource": "*"}]}},
      {"arn": "arn:aws:kms:eu-west-1:111122223333:key/k2", "policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                       "Action": "kms:*", "Resource": "*"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1"));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k2"));
  World all = make_world(replace(doc, "arn:aws:kms:us-*:", "arn:aws:kms:*:"));
  EXPECT_TRUE(allows(all, kAlice, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k2"));
}

// IAM: Resource, "You can't use a wildcard in the service segment". The model accepts such a
// resource silently and matches it like any other pattern (see the report).
TEST(RulesGrammar, WildcardInServiceSegmentIsFlagged_Rule9) {
  LoadResult r = load(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s*:::data-bucket/*"}]})json"));
  bool flagged = false;
  for (const auto& d : r.diagnostics.items())
    flagged |= d.pointer == "/principals/0/policies/0/Statement/0/Resource";
  EXPECT_TRUE(flagged) << describe(r.diagnostics);
}

// --- Rule 10: resource matching is case sensitive ----------------------------------

// [U] (U8) AWS states case sensitivity only for IAM user names and StringLike/ArnLike; the
// model compares every resource ARN case-sensitively (S3 keys are case sensitive).
TEST(RulesGrammar, ResourceMatchingIsCaseSensitive_Rule10_U8) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/Reports/*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/Reports/q1.csv"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/reports/q1.csv"));
}

// --- Rule 11: bucket ARN vs object ARN --------------------------------------------

TEST(RulesGrammar, BucketArnNeverMatchesObjectOperations_Rule11) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Sid": "ReadData", "Effect": "Allow", "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket"}]})json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Resource",
                             Severity::kWarning, "never matches"));
  EXPECT_TRUE(denies(r.scenario->world, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));

  LoadResult fixed = load(replace(doc, R"("Resource": "arn:aws:s3:::data-bucket")",
                                  R"("Resource": "arn:aws:s3:::data-bucket/*")"));
  ASSERT_TRUE(fixed.scenario) << describe(fixed.diagnostics);
  EXPECT_FALSE(diagnostic_at(fixed.diagnostics, "/principals/0/policies/0/Statement/0/Resource",
                             Severity::kWarning));
  EXPECT_TRUE(allows(fixed.scenario->world, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
}

TEST(RulesGrammar, BucketOperationsNeedTheBucketArn_Rule11) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data-bucket/*"}]})json");
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
  World fixed =
      make_world(replace(doc, "\"arn:aws:s3:::data-bucket/*\"", "\"arn:aws:s3:::data-bucket\""));
  EXPECT_TRUE(allows(fixed, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
}

// --- Rule 12: NotResource ---------------------------------------------------------

TEST(RulesGrammar, NotResourceWithAllowAllowsEverythingElse_Rule12) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject",
       "NotResource": "arn:aws:s3:::data-bucket/secret/*"}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/public/x"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/secret/x"));
  // Only for the statement's actions.
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/public/x"));
}

TEST(RulesGrammar, NotResourceWithDenyDeniesEverythingElse_Rule12) {
  World w = make_world(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Sid": "OnlyDataBucket", "Effect": "Deny", "Action": "s3:*",
       "NotResource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]}]})json"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
  Decision d = decide(w, kAlice, "s3:GetObject", "arn:aws:s3:::other-bucket/x");
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  const PolicyFinding* p = finding(d.checks[0], "inline policy #0");
  ASSERT_NE(p, nullptr) << explain(d);
  EXPECT_TRUE(lists_sid(p->denies, "OnlyDataBucket")) << explain(d);
  // Actions outside the statement are not denied.
  EXPECT_TRUE(allows(w, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
}

// --- Rule 13: several values are alternatives ---------------------------------------

TEST(RulesGrammar, ArraysInActionResourceAndPrincipalAreAlternatives_Rule13) {
  const std::string doc = R"json({
    "format": 1, "name": "arrays-are-or",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                       "Resource": ["arn:aws:s3:::data-bucket/*", "arn:aws:s3:::other-bucket/*"]}]}]},
      {"arn": "arn:aws:iam::111122223333:user/bob"},
      {"arn": "arn:aws:iam::111122223333:user/carol"},
      {"arn": "arn:aws:iam::111122223333:user/dave"}],
    "buckets": [
      {"name": "data-bucket", "account": "111122223333", "region": "us-east-1"},
      {"name": "other-bucket", "account": "111122223333", "region": "us-east-1",
       "policy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:user/bob",
                                                    "arn:aws:iam::111122223333:user/carol"]},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other-bucket/*"}]}}]
  })json";
  World w = make_world(doc);
  for (std::string_view action : {"s3:GetObject", "s3:PutObject"})
    for (std::string_view obj : {"arn:aws:s3:::data-bucket/x", "arn:aws:s3:::other-bucket/x"})
      EXPECT_TRUE(allows(w, kAlice, action, obj)) << action << " " << obj;
  EXPECT_TRUE(denies(w, kAlice, "s3:DeleteObject", "arn:aws:s3:::data-bucket/x"));
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:user/bob", "s3:GetObject",
                     "arn:aws:s3:::other-bucket/x"));
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:user/carol", "s3:GetObject",
                     "arn:aws:s3:::other-bucket/x"));
  EXPECT_TRUE(denies(w, "arn:aws:iam::111122223333:user/dave", "s3:GetObject",
                     "arn:aws:s3:::other-bucket/x"));
}

// --- Rules 14, 16: policy variables ------------------------------------------------

TEST(RulesGrammar, VariablesAreSubstitutedOnlyUnderVersion2012_Rule14) {
  const std::string policy = R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket/home/${aws:username}/*"}]})json";
  World w = make_world(with_identity_policy(policy));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/home/alice/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/home/bob/x"));

  for (std::string_view version : {"", "\"Version\": \"2008-10-17\", "}) {
    LoadResult r =
        load(with_identity_policy(replace(policy, "\"Version\": \"2012-10-17\", ", version)));
    ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
    if (version.empty()) {
      EXPECT_TRUE(
          has_diagnostic(r.diagnostics, "/principals/0/policies/0", Severity::kWarning, "literal"));
    }
    // The variable is literal text: it no longer names alice's folder...
    EXPECT_TRUE(
        denies(r.scenario->world, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/home/alice/x"));
    // ...but matches a key that spells it out.
    EXPECT_TRUE(allows(r.scenario->world, kAlice, "s3:GetObject",
                       "arn:aws:s3:::data-bucket/home/${aws:username}/x"));
  }
}

TEST(RulesGrammar, ResourceWithVariableWithoutValueMatchesNothing_Rule16) {
  const std::string doc = R"json({
    "format": 1, "name": "variable-without-value",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "TAGS"
      "policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/team/${aws:PrincipalTag/team}/*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  World tagged = make_world(replace(doc, R"("TAGS")", R"("tags": {"team": "red"},)"));
  EXPECT_TRUE(allows(tagged, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team/red/x"));
  EXPECT_TRUE(denies(tagged, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team/blue/x"));

  World untagged = make_world(replace(doc, R"("TAGS")", ""));
  EXPECT_TRUE(denies(untagged, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team/red/x"));
  EXPECT_TRUE(denies(untagged, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team//x"));
  EXPECT_TRUE(denies(untagged, kAlice, "s3:GetObject",
                     "arn:aws:s3:::data-bucket/team/${aws:PrincipalTag/team}/x"));

  // A default value applies when the key is missing.
  World defaulted = make_world(replace(replace(doc, R"("TAGS")", ""), "${aws:PrincipalTag/team}",
                                       "${aws:PrincipalTag/team, 'shared'}"));
  EXPECT_TRUE(allows(defaulted, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team/shared/x"));
  EXPECT_TRUE(denies(defaulted, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/team/red/x"));
}

// --- Rule 17: which elements belong where ---------------------------------------------

TEST(RulesGrammar, PrincipalInIdentityPolicyIsAnError_Rule17) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]})json");
  LoadResult r = load(doc);
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Principal",
                             Severity::kError, "not allowed"));
  LoadResult fixed =
      load(replace(doc, R"("Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},)", ""));
  EXPECT_TRUE(fixed.scenario) << describe(fixed.diagnostics);
}

TEST(RulesGrammar, ResourcePolicyStatementNeedsPrincipal_Rule17) {
  LoadResult r = load(R"json({
    "format": 1, "name": "bucket-policy-without-principal",
    "accounts": [{"id": "111122223333"}],
    "principals": [],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json");
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/policy/Statement/0", Severity::kError,
                             "needs a `Principal`"));
}

TEST(RulesGrammar, IamSidIsAlphanumericKeyPolicySidMayHaveSpaces_Rule17) {
  LoadResult r = load(R"json({
    "format": 1, "name": "sid-characters",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Sid": "Read data", "Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {
      "Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions",
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kms:*", "Resource": "*"}]}}]
  })json");
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Sid",
                             Severity::kWarning, "letters and digits"));
  EXPECT_FALSE(diagnostic_at(r.diagnostics, "/keys/0/policy/Statement/0/Sid", Severity::kWarning));
}

// IAM: Grammar, "Policy grammar notes": the `id_block` "must not be included in
// identity-based policies". The model accepts `Id` in identity policies without a diagnostic.
// IAM refuses the policies it stores when statements repeat a Sid ("Statement IDs (SID) in a
// single policy must be unique") and a trust policy that names resources ("Has prohibited field
// Resource"); a bucket policy may repeat a Sid.
TEST(RulesGrammar, IamRefusesRepeatedSidsAndResourcesInTrustPolicies_Rule17) {
  LoadResult twice = load(with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Sid": "Other", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
      {"Sid": "Read", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]})json"));
  EXPECT_FALSE(twice.scenario);
  EXPECT_TRUE(has_diagnostic(twice.diagnostics, "/principals/0/policies/0/Statement/2/Sid",
                             Severity::kError, "must be unique"))
      << describe(twice.diagnostics);
  EXPECT_EQ(diagnostic_at(twice.diagnostics, "/principals/0/policies/0/Statement/0/Sid",
                          Severity::kError),
            nullptr);

  LoadResult bucket = load(alice_and(R"json(
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"},
        {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data-bucket"}]}}]
  )json"));
  EXPECT_TRUE(bucket.scenario) << describe(bucket.diagnostics);

  LoadResult trust = load(R"json({"format": 1, "name": "trust-policy-with-resource",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/app", "trust_policy": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole", "Resource": "*"}]}}]})json");
  EXPECT_FALSE(trust.scenario);
  EXPECT_TRUE(has_diagnostic(trust.diagnostics, "/principals/0/trust_policy/Statement/0/Resource",
                             Severity::kError, "Has prohibited field Resource"))
      << describe(trust.diagnostics);
}

TEST(RulesGrammar, IdInIdentityPolicyIsFlagged_Rule17) {
  LoadResult r = load(with_identity_policy(R"json({"Version": "2012-10-17", "Id": "ReadPolicy",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                     "Resource": "arn:aws:s3:::data-bucket/*"}]})json"));
  bool flagged = false;
  for (const auto& d : r.diagnostics.items()) flagged |= d.pointer == "/principals/0/policies/0/Id";
  EXPECT_TRUE(flagged) << describe(r.diagnostics);
}

// --- Rule 18: KMS keys in IAM policies are named by key ARN ------------------------------

TEST(RulesGrammar, IamPolicyNamesKmsKeyByKeyArnNotAlias_Rule18) {
  const std::string doc = R"json({
    "format": 1, "name": "kms-key-by-alias-in-iam",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:Decrypt",
         "Resource": "arn:aws:kms:us-east-1:111122223333:alias/finance"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/finance"],
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "kms:*", "Resource": "*"}]}}]
  })json";
  World w = make_world(doc);
  // The alias ARN names the alias, not the key: neither naming the key by ARN nor by its alias
  // is authorized.
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:alias/finance"));
  World by_arn = make_world(replace(doc, "arn:aws:kms:us-east-1:111122223333:alias/finance\"}",
                                    "arn:aws:kms:us-east-1:111122223333:key/k1\"}"));
  EXPECT_TRUE(allows(by_arn, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(
      allows(by_arn, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:alias/finance"));
}

TEST(RulesGrammar, KeyPolicyResourceStarMeansThisKey_Rule18) {
  World w = make_world(R"json({
    "format": 1, "name": "key-policy-star",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice"}],
    "keys": [
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                       "Action": "kms:Decrypt", "Resource": "*"}]}},
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k2", "policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                       "Action": "kms:*", "Resource": "*"}]}}]
  })json");
  EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", kKey));
  // k1's "*" does not reach k2: k2's own policy only delegates, and alice has no IAM policy.
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k2"));
}

// --- U7: white space around a resource ----------------------------------------------------

// [U] (U7) AWS does not document this. The reading in model/policy/policy.cpp: the statement is
// kept, a warning is given, and the resource matches nothing.
TEST(RulesGrammar, LeadingSpaceInResourceMatchesNothingAndWarns_U7) {
  const std::string doc = with_identity_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": " arn:aws:s3:::data-bucket/*"}]})json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/policies/0/Statement/0/Resource",
                             Severity::kWarning, "white space"));
  EXPECT_TRUE(denies(r.scenario->world, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));

  World fixed = make_world(replace(doc, "\" arn:aws:s3", "\"arn:aws:s3"));
  EXPECT_TRUE(allows(fixed, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/x"));
}

}  // namespace
}  // namespace accesspath::rules
