// Rule tests, principal forms (model/SEMANTICS.md rules 19-30, U4).
// Account 111122223333 owns the resources; 444455556666 is another account.
#include <gtest/gtest.h>

#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kBob = "arn:aws:iam::444455556666:user/bob";
constexpr std::string_view kReader = "arn:aws:iam::111122223333:role/reader";
constexpr std::string_view kObject = "arn:aws:s3:::data-bucket/report.csv";

// Alice (A, no policies), Bob (B, may read data-bucket), role reader (A, no policies),
// and data-bucket in A whose policy is `POLICY`.
std::string with_bucket_policy(std::string_view policy) {
  std::string doc = R"json({
    "format": 1, "name": "principals",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice"},
      {"arn": "arn:aws:iam::111122223333:role/reader"},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::data-bucket/*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/nobody"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
                 "policy": POLICY}]
  })json";
  return replace(doc, "POLICY", policy);
}

std::string allow_get_to(std::string_view principal_json) {
  std::string policy = R"json({"Version": "2012-10-17", "Statement": [
      {"Sid": "Grant", "Effect": "Allow", "Principal": PRINCIPAL, "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket/*"}]})json";
  return with_bucket_policy(replace(policy, "PRINCIPAL", principal_json));
}

// --- Rules 19, 20: account principals ----------------------------------------------

TEST(RulesPrincipals, AccountArnAndAccountIdBehaveTheSame_Rule19) {
  for (std::string_view form :
       {R"({"AWS": "arn:aws:iam::444455556666:root"})", R"({"AWS": "444455556666"})"}) {
    World w = make_world(allow_get_to(form));
    // The ARN form is not limited to the root user: bob, an IAM user of B, is covered.
    EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject)) << form;
    EXPECT_TRUE(allows(w, "arn:aws:iam::444455556666:root", "s3:GetObject", kObject)) << form;
  }
  World other = make_world(allow_get_to(R"({"AWS": "777788889999"})"));
  EXPECT_TRUE(denies(other, kBob, "s3:GetObject", kObject));
}

TEST(RulesPrincipals, AccountPrincipalDelegatesOtherAccountMustStillGrant_Rule20) {
  World w = make_world(allow_get_to(R"({"AWS": "444455556666"})"));
  // nobody is in account B but has no identity policy: the delegation alone is not enough.
  Decision d = decide(w, "arn:aws:iam::444455556666:user/nobody", "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(d.checks[0].reason.find("no identity policy"), std::string::npos) << explain(d);
}

// [U] (U4) AWS does not state the same-account S3 case: the Principal page's delegation ("an
// administrator in that account must then grant access") is said of another account, and within
// an account "either the identity-based policy or the resource-based policy" suffices. A third
// party observed a denial. accesspath takes the reading that reports more access (allowed) and
// says in the explanation that it is uncertain; KMS key policies, which document delegation
// (rule 61), and trust policies (rule 98) still need the identity policy.
TEST(RulesPrincipals, SameAccountBucketPolicyNamingTheAccountAllowsWithAnUncertainNote_Rule20_U4) {
  for (std::string_view form :
       {R"({"AWS": "arn:aws:iam::111122223333:root"})", R"({"AWS": "111122223333"})"}) {
    World w = make_world(allow_get_to(form));
    Decision d = decide(w, kAlice, "s3:GetObject", kObject);
    EXPECT_TRUE(d.allowed) << form << "\n" << explain(d);
    bool noted = false;
    for (const auto& c : d.checks)
      for (const auto& n : c.notes) noted |= n.find("uncertain reading") != std::string::npos;
    EXPECT_TRUE(noted) << explain(d);
    // Another account's principals still need their own identity policy (rule 20).
    EXPECT_TRUE(denies(w, "arn:aws:iam::444455556666:user/nobody", "s3:GetObject", kObject));
    EXPECT_TRUE(denies(w, "anonymous", "s3:GetObject", kObject));
  }
  World direct = make_world(allow_get_to(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  Decision d = decide(direct, kAlice, "s3:GetObject", kObject);
  EXPECT_TRUE(d.allowed);
  for (const auto& c : d.checks)  // documented: nothing uncertain
    for (const auto& n : c.notes) EXPECT_EQ(n.find("uncertain"), std::string::npos) << n;
}

// --- Rule 21: everyone ------------------------------------------------------------------

TEST(RulesPrincipals, StarAndAwsStarAreEquivalentAndIncludeAnonymous_Rule21) {
  for (std::string_view form : {R"("*")", R"({"AWS": "*"})"}) {
    World w = make_world(allow_get_to(form));
    // Same account: nothing more is needed.
    EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kObject)) << form;
    EXPECT_TRUE(allows(w, "anonymous", "s3:GetObject", kObject)) << form;
    // Another account: its own identity policy must allow too.
    EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject)) << form;
    EXPECT_TRUE(denies(w, "arn:aws:iam::444455556666:user/nobody", "s3:GetObject", kObject))
        << form;
    // An undeclared account's administrator is assumed to grant everything (scenario contract).
    EXPECT_TRUE(allows(w, "arn:aws:iam::999988887777:user/x", "s3:GetObject", kObject)) << form;
  }
  World none = make_world(allow_get_to(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_TRUE(denies(none, "anonymous", "s3:GetObject", kObject));
}

// --- Rule 22: no partial wildcards; groups are not principals ------------------------------

TEST(RulesPrincipals, WildcardInPrincipalArnIsAnError_Rule22) {
  LoadResult r = load(allow_get_to(R"({"AWS": "arn:aws:iam::111122223333:role/app-*"})"));
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/policy/Statement/0/Principal/AWS",
                             Severity::kError, "aws:PrincipalArn"));
}

TEST(RulesPrincipals, StarWithArnLikeOnPrincipalArnMatchesAPattern_Rule22) {
  const std::string doc = R"json({
    "format": 1, "name": "principal-pattern",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/app-reader"},
                   {"arn": "arn:aws:iam::111122223333:role/batch"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*"}}}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:role/app-reader", "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, "arn:aws:iam::111122223333:role/batch", "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, "anonymous", "s3:GetObject", kObject));
}

TEST(RulesPrincipals, GroupArnAsPrincipalGrantsItsMembersNothing_Rule22) {
  World w = make_world(R"json({
    "format": 1, "name": "group-as-principal",
    "accounts": [{"id": "111122223333"}],
    "groups": [{"arn": "arn:aws:iam::111122223333:group/readers", "policies": []}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice",
                    "groups": ["arn:aws:iam::111122223333:group/readers"]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:group/readers"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json");
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kObject));
}

// --- Rules 23, 24: role and role-session principals ----------------------------------------

TEST(RulesPrincipals, RoleArnPrincipalCoversSessionsButBoundaryLimits_Rule23) {
  const std::string doc = R"json({
    "format": 1, "name": "role-principal",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/reader" BOUNDARY}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "ReaderRole", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(replace(doc, " BOUNDARY", ""));
  Decision d = decide(w, kReader, "s3:GetObject", kObject);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_FALSE(d.checks.empty());
  const PolicyFinding* bp = finding(d.checks[0], "bucket policy");
  ASSERT_NE(bp, nullptr) << explain(d);
  ASSERT_FALSE(bp->allows.empty());
  EXPECT_EQ(bp->allows[0].sid, "ReaderRole");
  EXPECT_EQ(bp->allows[0].via, "names the role");

  World bounded = make_world(replace(doc, " BOUNDARY", R"(, "permissions_boundary": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]})"));
  Decision b = decide(bounded, kReader, "s3:GetObject", kObject);
  EXPECT_FALSE(b.allowed);
  ASSERT_FALSE(b.checks.empty());
  EXPECT_EQ(b.checks[0].outcome, Outcome::kImplicitDeny) << explain(b);
  // The grant still matched; the boundary is what stops it.
  const PolicyFinding* bbp = finding(b.checks[0], "bucket policy");
  ASSERT_NE(bbp, nullptr) << explain(b);
  EXPECT_TRUE(lists_sid(bbp->allows, "ReaderRole")) << explain(b);
}

TEST(RulesPrincipals, SessionArnPrincipalIsNotLimitedByBoundary_Rule24) {
  const std::string doc = R"json({
    "format": 1, "name": "session-principal",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/reader", "permissions_boundary": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow",
         "Principal": {"AWS": "arn:aws:sts::111122223333:assumed-role/reader/batch-job"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, "arn:aws:sts::111122223333:assumed-role/reader/batch-job", "s3:GetObject",
                     kObject));
  // Another session of the same role is not named.
  EXPECT_TRUE(
      denies(w, "arn:aws:sts::111122223333:assumed-role/reader/other", "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kReader, "s3:GetObject", kObject));  // the default session `accesspath`
}

// --- Rule 25: the user name in a principal ARN is case sensitive ---------------------------

TEST(RulesPrincipals, UserNameInPrincipalArnIsCaseSensitive_Rule25) {
  World w = make_world(allow_get_to(R"({"AWS": "arn:aws:iam::111122223333:user/Alice"})"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kObject));
  World exact = make_world(allow_get_to(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_TRUE(allows(exact, kAlice, "s3:GetObject", kObject));
}

// --- Rule 26: service principals -------------------------------------------------------

TEST(RulesPrincipals, ServicePrincipalsInOneServiceArray_Rule26) {
  World w = make_world(R"json({
    "format": 1, "name": "service-principals",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/worker", "trust_policy": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
         "Action": "sts:AssumeRole"}]}}]
  })json");
  const std::string_view role = "arn:aws:iam::111122223333:role/worker";
  EXPECT_TRUE(allows(w, "ec2.amazonaws.com", "sts:AssumeRole", role));
  EXPECT_TRUE(allows(w, "lambda.amazonaws.com", "sts:AssumeRole", role));
  EXPECT_TRUE(denies(w, "ecs-tasks.amazonaws.com", "sts:AssumeRole", role));
  EXPECT_TRUE(denies(w, kAlice, "sts:AssumeRole", role));
}

// --- Rule 27: aws:PrincipalArn and aws:PrincipalAccount -----------------------------------

TEST(RulesPrincipals, PrincipalArnOfASessionIsTheRoleArn_Rule27) {
  const std::string doc = with_bucket_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket/*",
       "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/reader"}}}]})json");
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kReader, "s3:GetObject", kObject));
  EXPECT_TRUE(allows(w, "arn:aws:sts::111122223333:assumed-role/reader/some-session",
                     "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kObject));

  World by_session = make_world(
      replace(doc, R"("aws:PrincipalArn": "arn:aws:iam::111122223333:role/reader")",
              R"("aws:PrincipalArn": "arn:aws:sts::111122223333:assumed-role/reader/accesspath")"));
  EXPECT_TRUE(denies(by_session, kReader, "s3:GetObject", kObject));
}

TEST(RulesPrincipals, RootPrincipalArnConditionMatchesOnlyTheRootUser_Rule27) {
  World w = make_world(with_bucket_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket/*",
       "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::444455556666:root"}}}]})json"));
  EXPECT_TRUE(allows(w, "arn:aws:iam::444455556666:root", "s3:GetObject", kObject));
  // bob has an identity allow, but the condition names only the root user.
  EXPECT_TRUE(denies(w, kBob, "s3:GetObject", kObject));
}

TEST(RulesPrincipals, AnonymousHasNoPrincipalArnAndPrincipalAccountAnonymous_Rule27) {
  const std::string doc = with_bucket_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
       "Resource": "arn:aws:s3:::data-bucket/*", "Condition": CONDITION}]})json");
  World by_account = make_world(
      replace(doc, "CONDITION", R"({"StringEquals": {"aws:PrincipalAccount": "anonymous"}})"));
  EXPECT_TRUE(allows(by_account, "anonymous", "s3:GetObject", kObject));
  EXPECT_TRUE(denies(by_account, kAlice, "s3:GetObject", kObject));

  World by_null =
      make_world(replace(doc, "CONDITION", R"({"Null": {"aws:PrincipalArn": "true"}})"));
  EXPECT_TRUE(allows(by_null, "anonymous", "s3:GetObject", kObject));
  EXPECT_TRUE(denies(by_null, kAlice, "s3:GetObject", kObject));
}

// --- Rule 28: NotPrincipal in resource policies; never in trust policies, SCPs or RCPs --------

// IAM: NotPrincipal (current) calls Allow with NotPrincipal "not supported", but IAM Access
// Analyzer's policy checks report it as a security warning ("can grant permissions to anonymous
// principals") and the earlier NotPrincipal page said it "allows all principals except the one
// named"; no AWS page says S3 refuses such a bucket policy. It loads with a warning and grants
// every principal it does not list.
TEST(RulesPrincipals, NotPrincipalWithAllowLoadsWithAWarningAndGrantsEveryoneElse_Rule28) {
  const std::string doc = with_bucket_policy(R"json({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/alice",
                                                  "arn:aws:iam::111122223333:root"]},
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]})json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/policy/Statement/0/NotPrincipal",
                             Severity::kWarning, "anonymous"));
  const World& w = r.scenario->world;
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kObject));   // listed (with her account)
  EXPECT_TRUE(allows(w, kReader, "s3:GetObject", kObject));  // not listed
  EXPECT_TRUE(allows(w, "anonymous", "s3:GetObject", kObject));
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kObject));  // another account, with its IAM allow
  // Listing alice without her account does not leave her out (rule 29, read the same way).
  World user_only = make_world(replace(doc, R"(,
                                                  "arn:aws:iam::111122223333:root")",
                                       ""));
  EXPECT_TRUE(allows(user_only, kAlice, "s3:GetObject", kObject));
  // Such a policy is public to S3 Block Public Access (rule 95): nothing pins its principals.
  World restricted = make_world(replace(doc, R"("region": "us-east-1",)",
                                        R"("region": "us-east-1", "block_public_access":
                                           {"RestrictPublicBuckets": true},)"));
  EXPECT_TRUE(denies(restricted, kBob, "s3:GetObject", kObject));
  EXPECT_TRUE(allows(restricted, kReader, "s3:GetObject", kObject));
}

TEST(RulesPrincipals, NotPrincipalIsNotSupportedInTrustPoliciesAndScps_Rule28) {
  LoadResult r = load(R"json({
    "format": 1, "name": "not-principal-places",
    "accounts": [{"id": "111122223333", "scps": [[{"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
       "Action": "*", "Resource": "*"}]}]]}],
    "principals": [{"arn": "arn:aws:iam::111122223333:role/reader", "trust_policy": {
      "Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "sts:AssumeRole"}]}}]
  })json");
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/principals/0/trust_policy/Statement/0/NotPrincipal",
                             Severity::kError, "is not supported"));
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/accounts/0/scps/0/0/Statement/0/NotPrincipal",
                             Severity::kError));
}

// --- Rules 29, 30: NotPrincipal with Deny --------------------------------------------------

// A bucket open to the account's principals, and a Deny to everyone except `EXEMPT`.
std::string deny_all_but(std::string_view exempt, std::string_view reader_extra = "") {
  std::string doc = R"json({
    "format": 1, "name": "not-principal-deny",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice" ALICE_EXTRA},
      {"arn": "arn:aws:iam::111122223333:role/reader"},
      {"arn": "arn:aws:iam::111122223333:user/mallory"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"},
        {"Sid": "OnlyExempt", "Effect": "Deny", "NotPrincipal": {"AWS": EXEMPT},
         "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  return replace(replace(doc, "EXEMPT", exempt), " ALICE_EXTRA", reader_extra);
}

TEST(RulesPrincipals, NotPrincipalMustListTheAccountOfTheExemptedPrincipal_Rule29) {
  World role_only = make_world(deny_all_but(R"(["arn:aws:iam::111122223333:role/reader"])"));
  Decision d = decide(role_only, kReader, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);

  World with_account = make_world(deny_all_but(
      R"(["arn:aws:iam::111122223333:role/reader", "arn:aws:iam::111122223333:root"])"));
  EXPECT_TRUE(allows(with_account, kReader, "s3:GetObject", kObject));
  EXPECT_TRUE(
      denies(with_account, "arn:aws:iam::111122223333:user/mallory", "s3:GetObject", kObject));

  World session_role_account = make_world(deny_all_but(
      R"(["arn:aws:sts::111122223333:assumed-role/reader/accesspath",
          "arn:aws:iam::111122223333:role/reader", "arn:aws:iam::111122223333:root"])"));
  EXPECT_TRUE(allows(session_role_account, kReader, "s3:GetObject", kObject));

  World user = make_world(deny_all_but(
      R"(["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"])"));
  EXPECT_TRUE(allows(user, kAlice, "s3:GetObject", kObject));
  World user_only = make_world(deny_all_but(R"(["arn:aws:iam::111122223333:user/alice"])"));
  EXPECT_TRUE(denies(user_only, kAlice, "s3:GetObject", kObject));
}

TEST(RulesPrincipals, NotPrincipalDenyAlwaysDeniesPrincipalsWithABoundary_Rule30) {
  const std::string exempt =
      R"(["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"])";
  World plain = make_world(deny_all_but(exempt));
  EXPECT_TRUE(allows(plain, kAlice, "s3:GetObject", kObject));

  World bounded = make_world(deny_all_but(exempt, R"(, "permissions_boundary": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})"));
  Decision d = decide(bounded, kAlice, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
  const PolicyFinding* bp = finding(d.checks[0], "bucket policy");
  ASSERT_NE(bp, nullptr);
  EXPECT_TRUE(lists_sid(bp->denies, "OnlyExempt")) << explain(d);
}

// Rule 30 says "regardless of the values specified in the NotPrincipal element": even a
// NotPrincipal that exempts everyone ({"AWS": "*"}) denies a principal with a boundary.
TEST(RulesPrincipals, NotPrincipalStarStillDeniesPrincipalsWithABoundary_Rule30) {
  World plain = make_world(deny_all_but(R"("*")"));
  EXPECT_TRUE(allows(plain, kAlice, "s3:GetObject", kObject));
  World bounded = make_world(deny_all_but(R"("*")", R"(, "permissions_boundary": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})"));
  Decision d = decide(bounded, kAlice, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
}

}  // namespace
}  // namespace accesspath::rules
