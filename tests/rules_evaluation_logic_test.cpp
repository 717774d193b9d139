// Rule tests, evaluation logic: explicit deny, RCPs, SCPs, same-account and
// cross-account evaluation, permissions boundaries, bucket-policy lockout
// protection (model/SEMANTICS.md rules 47-59).
#include <gtest/gtest.h>

#include "model/analysis/access_graph.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kRootA = "arn:aws:iam::111122223333:root";
constexpr std::string_view kBob = "arn:aws:iam::444455556666:user/bob";
constexpr std::string_view kObject = "arn:aws:s3:::data-bucket/report.csv";
constexpr std::string_view kBucket = "arn:aws:s3:::data-bucket";

// --- Rule 47: an explicit deny anywhere wins --------------------------------------

TEST(RulesEvaluationLogic, ExplicitDenyAnywhereWins_Rule47) {
  const std::string doc = R"json({
    "format": 1, "name": "explicit-deny",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllS3", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "NoReads", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(doc);
  Decision d = decide(w, kAlice, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 1u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("bucket policy"), std::string::npos) << explain(d);
  const PolicyFinding* bp = finding(d.checks[0], "bucket policy");
  ASSERT_NE(bp, nullptr) << explain(d);
  EXPECT_TRUE(lists_sid(bp->denies, "NoReads"));
  const PolicyFinding* id = finding(d.checks[0], "inline policy #0");
  ASSERT_NE(id, nullptr) << explain(d);
  EXPECT_TRUE(lists_sid(id->allows, "AllS3"));  // the allow is reported, and overridden

  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kObject));
  World without = make_world(replace(doc, R"("Sid": "NoReads", "Effect": "Deny")",
                                     R"("Sid": "NoReads", "Effect": "Allow")"));
  EXPECT_TRUE(allows(without, kAlice, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, ExplicitDenyInBoundaryBeatsBucketPolicyGrant_Rule47) {
  const std::string doc = R"json({
    "format": 1, "name": "explicit-deny-boundary",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice",
      "policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
      "permissions_boundary": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Effect": "BOUNDARY_EFFECT", "Action": "s3:DeleteObject", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(replace(doc, "BOUNDARY_EFFECT", "Deny"));
  Decision d = decide(w, kAlice, "s3:DeleteObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("permissions boundary"), std::string::npos) << explain(d);
  World allowed_world = make_world(replace(doc, "BOUNDARY_EFFECT", "Allow"));
  EXPECT_TRUE(allows(allowed_world, kAlice, "s3:DeleteObject", kObject));
}

TEST(RulesEvaluationLogic, ExplicitDenyAppliesToRootUserToo_Rule47) {
  const std::string doc = R"json({
    "format": 1, "name": "root-denied",
    "accounts": [{"id": "111122223333"}],
    "principals": [],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kRootA, "s3:GetObject", kObject));
  // Otherwise the root user has full access in its account without any policy.
  EXPECT_TRUE(allows(w, kRootA, "s3:PutObject", kObject));
}

// --- Rule 48: RCPs -------------------------------------------------------------------

std::string with_rcps(std::string_view rcps) {
  std::string doc = R"json({
    "format": 1, "name": "rcps",
    "accounts": [{"id": "111122223333" RCPS}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  return replace(doc, " RCPS", rcps);
}

TEST(RulesEvaluationLogic, RcpDenyLimitsAccessToTheAccountsResources_Rule48) {
  World none = make_world(with_rcps(""));
  EXPECT_TRUE(allows(none, kBob, "s3:GetObject", kObject));

  World rcp = make_world(with_rcps(R"(, "rcps": [[{"Version": "2012-10-17", "Statement": [
      {"Sid": "OnlyOurPrincipals", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
       "Resource": "*",
       "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}]}]])"));
  Decision d = decide(rcp, kBob, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("resource control policy"), std::string::npos) << explain(d);
  // The RCP's own condition spares the account's principals.
  EXPECT_TRUE(allows(rcp, kAlice, "s3:GetObject", kObject));
}

// KMS: Resource control policies in AWS KMS gives an RCP that limits AWS service principals, and
// the data-perimeter RCPs exempt services only through aws:PrincipalIsAWSService: RCPs apply to
// service principals too.
TEST(RulesEvaluationLogic, RcpDenyAppliesToServicePrincipals_Rule48_Rule56) {
  const std::string doc = R"json({
    "format": 1, "name": "rcp-service",
    "accounts": [{"id": "111122223333" RCPS}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/app",
      "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}]
  })json";
  constexpr std::string_view kApp = "arn:aws:iam::111122223333:role/app";
  World none = make_world(replace(doc, " RCPS", ""));
  EXPECT_TRUE(allows(none, "ec2.amazonaws.com", "sts:AssumeRole", kApp));
  const std::string deny = R"(, "rcps": [[{"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*" COND}]}]])";
  World all = make_world(replace(doc, " RCPS", replace(deny, " COND", "")));
  Decision d = decide(all, "ec2.amazonaws.com", "sts:AssumeRole", kApp);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
  // The documented way to spare services: a condition on aws:PrincipalIsAWSService.
  World spared = make_world(
      replace(doc, " RCPS",
              replace(deny, " COND",
                      R"(, "Condition": {"Bool": {"aws:PrincipalIsAWSService": "false"}})")));
  EXPECT_TRUE(allows(spared, "ec2.amazonaws.com", "sts:AssumeRole", kApp));
}

// IAM: AWS global condition context keys, aws:PrincipalIsAWSService: "present in the request
// context for all signed API requests", true for a service principal, false for IAM identities;
// an unsigned request has no such key.
TEST(RulesEvaluationLogic, PrincipalIsAwsServiceIsSetForSignedRequests_Rule27) {
  const std::string doc = R"json({
    "format": 1, "name": "is-service",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"},
        {"Sid": "OnlyServices", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"Bool": {"aws:PrincipalIsAWSService": "false"}}}]},
      "objects": [{"key": "k", "sse": "AES256"}]}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/k"));
  EXPECT_TRUE(
      denies(w, "arn:aws:iam::111122223333:root", "s3:GetObject", "arn:aws:s3:::data-bucket/k"));
  // Anonymous: the key is absent, so Bool does not match and the Deny does not apply.
  EXPECT_TRUE(allows(w, "anonymous", "s3:GetObject", "arn:aws:s3:::data-bucket/k"));
}

TEST(RulesEvaluationLogic, RcpFullAwsAccessIsImpliedAtEveryLevel_Rule48) {
  // Levels with no Allow at all (only an inapplicable Deny, or nothing) block nothing.
  World w = make_world(with_rcps(R"(, "rcps": [[], [{"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]}]])"));
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, RcpOfThePrincipalsAccountDoesNotLimitOtherAccountsResources_Rule48) {
  const std::string doc = replace(with_rcps(""), R"({"id": "444455556666"})",
                                  R"({"id": "444455556666", "rcps": [[{"Version": "2012-10-17",
                                      "Statement": [{"Effect": "Deny", "Principal": "*",
                                      "Action": "*", "Resource": "*"}]}]]})");
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject));
}

// --- Rules 49, 55: SCPs -----------------------------------------------------------------

std::string with_scps(std::string_view scps) {
  std::string doc = R"json({
    "format": 1, "name": "scps",
    "accounts": [{"id": "111122223333" SCPS}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:*",
         "Resource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]}]}}]
  })json";
  return replace(doc, " SCPS", scps);
}

constexpr std::string_view kAllowAll =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
constexpr std::string_view kAllowSqs =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]})";

// The explanation names a managed SCP attached at two levels once: the same statement, read
// twice, is one reason.
TEST(RulesEvaluationLogic, ScpAtEveryLevelAllowsAndIsListedOnce_Rule49) {
  std::string doc = with_scps(
      R"(, "scps": [["arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"],
      ["arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"]])");
  doc = replace(doc, R"("format": 1, "name": "scps",)",
                R"("format": 1, "name": "scps", "managed_policies": {
      "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess": {"Version": "2012-10-17",
        "Statement": [{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}]}},)");
  World w = make_world(doc);
  Decision d = decide(w, kAlice, "s3:GetObject", kObject);
  ASSERT_TRUE(d.allowed) << explain(d);
  std::size_t scp = 0;
  for (const auto& s : allowing_statements(d)) scp += s.sid == "FullAWSAccess" ? 1u : 0u;
  EXPECT_EQ(scp, 1u) << explain(d);
}

TEST(RulesEvaluationLogic, ScpLevelWithoutAllowIsAnExplicitDeny_Rule49) {
  World open = make_world(with_scps(std::string(R"(, "scps": [[)") + std::string(kAllowAll) +
                                    "], [" + std::string(kAllowAll) + "]]"));
  EXPECT_TRUE(allows(open, kAlice, "s3:GetObject", kObject));

  World narrow = make_world(with_scps(std::string(R"(, "scps": [[)") + std::string(kAllowAll) +
                                      "], [" + std::string(kAllowSqs) + "]]"));
  Decision d = decide(narrow, kAlice, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("service control policy at level 1"), std::string::npos)
      << explain(d);
  // An SCP never grants: SQS passes the SCPs, but alice's identity policy does not allow it.
  Decision sqs = decide(narrow, kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q");
  EXPECT_FALSE(sqs.allowed);
  ASSERT_FALSE(sqs.checks.empty());
  EXPECT_EQ(sqs.checks[0].outcome, Outcome::kImplicitDeny) << explain(sqs);
}

TEST(RulesEvaluationLogic, ScpDenyStatementDenies_Rule49) {
  World w = make_world(with_scps(std::string(R"(, "scps": [[)") + std::string(kAllowAll) +
                                 R"(, {"Version": "2012-10-17", "Statement": [
      {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}]])"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));
  Decision d = decide(w, kAlice, "s3:DeleteObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("service control policy"), std::string::npos) << explain(d);
}

TEST(RulesEvaluationLogic, ScpLimitsTheMemberAccountsRootUser_Rule55) {
  World none = make_world(with_scps(""));
  EXPECT_TRUE(allows(none, kRootA, "s3:DeleteObject", kObject));
  World w = make_world(with_scps(std::string(R"(, "scps": [[)") + std::string(kAllowAll) +
                                 R"(, {"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}]])"));
  EXPECT_TRUE(denies(w, kRootA, "s3:DeleteObject", kObject));
}

TEST(RulesEvaluationLogic, ScpDoesNotLimitPrincipalsOfOtherAccounts_Rule55) {
  // Account A's SCP allows nothing of S3 to A's principals, but bob (account B) is not governed
  // by it, even on A's bucket.
  World w = make_world(with_scps(std::string(R"(, "scps": [[)") + std::string(kAllowSqs) + "]]"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kObject));
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject));
}

// --- Rule 50: within one account either side suffices; key and trust policies must allow -----

TEST(RulesEvaluationLogic, SameAccountIdentityOrResourcePolicySuffices_Rule50) {
  const std::string doc = R"json({
    "format": 1, "name": "either-suffices",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::data-bucket/*"}]}]},
      {"arn": "arn:aws:iam::111122223333:user/carol"},
      {"arn": "arn:aws:iam::111122223333:user/dave"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/carol"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));  // identity
  EXPECT_TRUE(
      allows(w, "arn:aws:iam::111122223333:user/carol", "s3:GetObject", kObject));  // bucket
  Decision d = decide(w, "arn:aws:iam::111122223333:user/dave", "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kImplicitDeny);
  EXPECT_FALSE(d.checks[0].missing.empty()) << explain(d);
}

TEST(RulesEvaluationLogic, KeyPolicyIsAnExceptionIdentityAloneDoesNotSuffice_Rule50) {
  const std::string doc = R"json({
    "format": 1, "name": "key-policy-exception",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"},
         "Action": "kms:*", "Resource": "*"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1"));
  World delegated = make_world(
      replace(doc, "arn:aws:iam::111122223333:user/admin", "arn:aws:iam::111122223333:root"));
  EXPECT_TRUE(
      allows(delegated, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1"));
}

TEST(RulesEvaluationLogic, TrustPolicyIsAnExceptionIdentityAloneDoesNotSuffice_Rule50) {
  const std::string doc = R"json({
    "format": 1, "name": "trust-policy-exception",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::111122223333:role/admin", "trust_policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                       "Action": "sts:AssumeRole"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kAlice, "sts:AssumeRole", "arn:aws:iam::111122223333:role/admin"));
  World trusted = make_world(replace(doc, R"({"Service": "ec2.amazonaws.com"})",
                                     R"({"AWS": "arn:aws:iam::111122223333:root"})"));
  EXPECT_TRUE(allows(trusted, kAlice, "sts:AssumeRole", "arn:aws:iam::111122223333:role/admin"));
}

// --- Rules 51-53: resource-policy grants vs boundaries; boundaries ------------------------

std::string bounded_alice_with_grant_to(std::string_view principal_json) {
  std::string doc = R"json({
    "format": 1, "name": "grant-vs-boundary",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice",
       "permissions_boundary": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}},
      {"arn": "arn:aws:iam::111122223333:role/reader",
       "permissions_boundary": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": PRINCIPAL, "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  return replace(doc, "PRINCIPAL", principal_json);
}

TEST(RulesEvaluationLogic, GrantToUserArnIsNotLimitedByBoundary_Rule51) {
  World w =
      make_world(bounded_alice_with_grant_to(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, GrantToRoleArnIsLimitedByBoundary_Rule51) {
  const std::string_view reader = "arn:aws:iam::111122223333:role/reader";
  World w = make_world(
      bounded_alice_with_grant_to(R"({"AWS": "arn:aws:iam::111122223333:role/reader"})"));
  EXPECT_TRUE(denies(w, reader, "s3:GetObject", kObject));
  // The same role without the boundary is allowed by the grant alone.
  World unbounded = make_world(
      replace(bounded_alice_with_grant_to(R"({"AWS": "arn:aws:iam::111122223333:role/reader"})"),
              R"({"arn": "arn:aws:iam::111122223333:role/reader",
       "permissions_boundary": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}})",
              R"({"arn": "arn:aws:iam::111122223333:role/reader"})"));
  EXPECT_TRUE(allows(unbounded, reader, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, GrantToRoleSessionArnIsNotLimitedByBoundary_Rule51) {
  World w = make_world(bounded_alice_with_grant_to(
      R"({"AWS": "arn:aws:sts::111122223333:assumed-role/reader/accesspath"})"));
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:role/reader", "s3:GetObject", kObject));
}

// When the boundary caps a grant to the role ARN, the explanation says so and suggests what the
// boundary does not cap: a grant to the role session ARN (rule 51), not the role ARN again.
TEST(RulesEvaluationLogic, BoundaryCappedRoleGrantSuggestsTheSessionArn_Rule51) {
  const std::string_view reader = "arn:aws:iam::111122223333:role/reader";
  const std::string doc =
      bounded_alice_with_grant_to(R"({"AWS": "arn:aws:iam::111122223333:role/reader"})");
  Decision d = decide(make_world(doc), reader, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(d.checks[0].reason.find("caps grants to the role ARN"), std::string::npos)
      << explain(d);
  bool session_suggested = false;
  for (const auto& m : d.checks[0].missing) {
    EXPECT_EQ(m.find("to `arn:aws:iam::111122223333:role/reader`"), std::string::npos) << m;
    session_suggested |=
        m.find("arn:aws:sts::111122223333:assumed-role/reader/accesspath") != std::string::npos;
  }
  EXPECT_TRUE(session_suggested) << explain(d);
  // Following the suggestion allows.
  World fixed =
      make_world(replace(doc, R"("arn:aws:iam::111122223333:role/reader"})",
                         R"("arn:aws:sts::111122223333:assumed-role/reader/accesspath"})"));
  EXPECT_TRUE(allows(fixed, reader, "s3:GetObject", kObject));
}

// IAM: Principal ("IAM role principals", "All principals") and Policy evaluation logic:
// identity-based policy types such as permissions boundaries or session policies do not limit
// the permissions a wildcard (`*`) Principal grants, narrowed by a condition such as
// aws:PrincipalArn or not, unless they deny explicitly. For users, roles and role sessions.
TEST(RulesEvaluationLogic, GrantToEveryoneIsNotLimitedByBoundary_Rule51) {
  const std::string_view reader = "arn:aws:iam::111122223333:role/reader";
  const std::string_view session = "arn:aws:sts::111122223333:assumed-role/reader/accesspath";
  for (std::string_view everyone : {R"("*")", R"({"AWS": "*"})"}) {
    World w = make_world(bounded_alice_with_grant_to(everyone));
    EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject)) << everyone;
    EXPECT_TRUE(allows(w, reader, "s3:GetObject", kObject)) << everyone;
    EXPECT_TRUE(allows(w, session, "s3:GetObject", kObject)) << everyone;
    EXPECT_TRUE(allows(w, "anonymous", "s3:GetObject", kObject)) << everyone;
    // AWS documents the rule for grants naming the user or the session, not `*`: the explanation
    // says the reading (the one that reports more access) is uncertain.
    auto noted = [&](std::string_view who) {
      Decision d = decide(w, who, "s3:GetObject", kObject);
      for (const auto& c : d.checks)
        for (const auto& n : c.notes)
          if (n.find("uncertain reading") != std::string::npos &&
              n.find("permissions boundary") != std::string::npos)
            return true;
      return false;
    };
    EXPECT_TRUE(noted(reader)) << everyone;
    EXPECT_TRUE(noted(kAlice)) << everyone;
    EXPECT_FALSE(noted("anonymous")) << everyone;  // no boundary, nothing uncertain
  }
  // Narrowed to the role by aws:PrincipalArn: still not capped by the role's boundary.
  World narrowed =
      make_world(replace(bounded_alice_with_grant_to(R"("*")"), R"("Action": "s3:GetObject",)",
                         R"("Action": "s3:GetObject", "Condition": {"ArnEquals":
                 {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/reader"}},)"));
  EXPECT_TRUE(allows(narrowed, reader, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(narrowed, kAlice, "s3:GetObject", kObject));
  // An explicit Deny in the boundary still wins (rule 47).
  World denied = make_world(replace(bounded_alice_with_grant_to(R"("*")"),
                                    R"({"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]})",
                                    R"({"Effect": "Allow", "Action": "sqs:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]})"));
  EXPECT_TRUE(denies(denied, kAlice, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(denied, reader, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, BoundaryCapsIdentityPolicyAndGrantsNothingAlone_Rule53) {
  const std::string doc = R"json({
    "format": 1, "name": "boundary",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice",
      "policies": [IDENTITY],
      "permissions_boundary": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  World w = make_world(replace(doc, "IDENTITY", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));
  Decision d = decide(w, kAlice, "s3:PutObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(d.checks[0].reason.find("permissions boundary"), std::string::npos) << explain(d);
  ASSERT_FALSE(d.checks[0].missing.empty());
  EXPECT_NE(d.checks[0].missing[0].find("permissions boundary"), std::string::npos) << explain(d);

  // The boundary by itself grants nothing.
  World boundary_only = make_world(replace(doc, "IDENTITY", ""));
  EXPECT_TRUE(denies(boundary_only, kAlice, "s3:GetObject", kObject));
}

TEST(RulesEvaluationLogic, IdentityBoundaryAndScpMustAllAllow_Rule52) {
  const std::string doc = R"json({
    "format": 1, "name": "identity-boundary-scp",
    "accounts": [{"id": "111122223333", "scps": [[SCP]]}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice",
      "policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]}],
      "permissions_boundary": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  World w = make_world(replace(doc, "SCP", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]})"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", kObject));   // boundary
  EXPECT_TRUE(denies(w, kAlice, "s3:ListBucket", kBucket));  // identity
  World scp = make_world(replace(doc, "SCP", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]})"));
  EXPECT_TRUE(denies(scp, kAlice, "s3:GetObject", kObject));  // SCP
}

// --- Rules 57, 58: cross-account ---------------------------------------------------------

std::string cross_account(std::string_view grant, std::string_view bob_policies) {
  std::string doc = R"json({
    "format": 1, "name": "cross-account",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [{"arn": "arn:aws:iam::444455556666:user/bob", "policies": [BOB]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [GRANT]}}]
  })json";
  return replace(replace(doc, "GRANT", grant), "BOB", bob_policies);
}

constexpr std::string_view kGrantBobGet =
    R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"})";
constexpr std::string_view kGrantAccountBGet =
    R"({"Effect": "Allow", "Principal": {"AWS": "444455556666"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"})";
constexpr std::string_view kGrantNobody =
    R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"})";
constexpr std::string_view kBobMayUseS3 =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
        "Resource": "arn:aws:s3:::data-bucket/*"}]})";

TEST(RulesEvaluationLogic, CrossAccountNeedsBothSides_Rule57) {
  EXPECT_TRUE(
      allows(make_world(cross_account(kGrantBobGet, kBobMayUseS3)), kBob, "s3:GetObject", kObject));

  Decision no_identity =
      decide(make_world(cross_account(kGrantBobGet, "")), kBob, "s3:GetObject", kObject);
  EXPECT_FALSE(no_identity.allowed);
  ASSERT_FALSE(no_identity.checks.empty());
  EXPECT_NE(no_identity.checks[0].reason.find("no identity policy"), std::string::npos)
      << explain(no_identity);

  Decision no_grant =
      decide(make_world(cross_account(kGrantNobody, kBobMayUseS3)), kBob, "s3:GetObject", kObject);
  EXPECT_FALSE(no_grant.allowed);
  ASSERT_FALSE(no_grant.checks.empty());
  EXPECT_NE(no_grant.checks[0].reason.find("does not grant it"), std::string::npos)
      << explain(no_grant);
}

TEST(RulesEvaluationLogic, AccountGrantIsPassedOnByIdentityPolicyAtMostWhatWasGiven_Rule58) {
  World w = make_world(cross_account(kGrantAccountBGet, kBobMayUseS3));
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kBob, "s3:PutObject", kObject));  // B was given GetObject only

  World star = make_world(cross_account(
      kGrantAccountBGet,
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"));
  EXPECT_TRUE(allows(star, kBob, "s3:GetObject", kObject));

  World elsewhere = make_world(cross_account(
      kGrantAccountBGet,
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::bob-own-bucket/*"}]})"));
  EXPECT_TRUE(denies(elsewhere, kBob, "s3:GetObject", kObject));
}

// --- Rule 59: bucket-policy lockout protection for the bucket owner's root user -----------------

TEST(RulesEvaluationLogic, BucketOwnerRootCanAlwaysManageTheBucketPolicy_Rule59) {
  const std::string doc = R"json({
    "format": 1, "name": "lockout",
    "accounts": [{"id": "111122223333" SCPS}, {"id": "444455556666"}],
    "principals": [],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]}]}}]
  })json";
  World w = make_world(replace(doc, " SCPS", ""));
  for (std::string_view action :
       {"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"})
    EXPECT_TRUE(allows(w, kRootA, action, kBucket)) << action;
  // Every other action of the root user is subject to the deny.
  EXPECT_TRUE(denies(w, kRootA, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kRootA, "s3:PutBucketAcl", kBucket));
  // Only the bucket owner's root user.
  EXPECT_TRUE(denies(w, "arn:aws:iam::444455556666:root", "s3:GetBucketPolicy", kBucket));

  // Organizations policies can still block it.
  World scp =
      make_world(replace(doc, " SCPS", R"(, "scps": [[{"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:PutBucketPolicy", "Resource": "*"}]}]])"));
  EXPECT_TRUE(denies(scp, kRootA, "s3:PutBucketPolicy", kBucket));
  EXPECT_TRUE(allows(scp, kRootA, "s3:DeleteBucketPolicy", kBucket));
}

// S3 API Reference, PutBucketPolicy (and GetBucketPolicy, DeleteBucketPolicy): the caller must
// belong to the bucket owner's account, whatever the policies grant (405 Method Not Allowed).
TEST(RulesEvaluationLogic, OnlyTheOwnerAccountManagesTheBucketPolicy_PutBucketPolicy) {
  World w = make_world(R"json({
    "format": 1, "name": "owner-only",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]}]}}]
  })json");
  for (std::string_view action :
       {"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"}) {
    EXPECT_TRUE(allows(w, kAlice, action, kBucket)) << action;
    EXPECT_TRUE(denies(w, "arn:aws:iam::444455556666:user/bob", action, kBucket)) << action;
    EXPECT_TRUE(denies(w, "anonymous", action, kBucket)) << action;
  }
  // Other bucket actions follow the policies as usual.
  EXPECT_TRUE(allows(w, "arn:aws:iam::444455556666:user/bob", "s3:PutBucketTagging", kBucket));
}

}  // namespace
}  // namespace accesspath::rules
