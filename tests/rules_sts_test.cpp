// Rule tests, AWS STS and role trust (model/SEMANTICS.md rules 98-100,
// U5, U13).
#include <gtest/gtest.h>

#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kBob = "arn:aws:iam::444455556666:user/bob";
constexpr std::string_view kCarol = "arn:aws:iam::444455556666:user/carol";
constexpr std::string_view kRole = "arn:aws:iam::111122223333:role/shared";

constexpr std::string_view kMayAssume =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
        "Resource": "arn:aws:iam::111122223333:role/shared"}]})";

// Role `shared` in A whose trust policy has one statement for `PRINCIPAL` (with `CONDITION`);
// alice in A, bob and carol in B with the identity policies given.
std::string trust_world(std::string_view principal, std::string_view alice = "",
                        std::string_view bob = "", std::string_view condition = "") {
  std::string doc = R"json({
    "format": 1, "name": "trust",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:role/shared", "trust_policy": {"Version": "2012-10-17",
        "Statement": [{"Sid": "Trust", "Effect": "Allow", "Principal": PRINCIPAL,
                       "Action": "sts:AssumeRole" CONDITION}]}},
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [ALICE]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [BOB]},
      {"arn": "arn:aws:iam::444455556666:user/carol"}]
  })json";
  doc = replace(doc, "PRINCIPAL", principal);
  doc = replace(doc, "ALICE", alice);
  doc = replace(doc, "BOB", bob);
  return replace(doc, " CONDITION",
                 condition.empty() ? "" : ", \"Condition\": " + std::string(condition));
}

// --- Rule 98: the trust policy must allow; across accounts the caller's IAM too -----------------

TEST(RulesSts, CrossAccountAssumeRoleNeedsTrustAndIdentityPolicy_Rule98) {
  const std::string_view trust_bob = R"({"AWS": "arn:aws:iam::444455556666:user/bob"})";
  World both = make_world(trust_world(trust_bob, "", kMayAssume));
  Decision d = decide(both, kBob, "sts:AssumeRole", kRole);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_EQ(d.checks.size(), 1u);
  const PolicyFinding* trust = finding(d.checks[0], "trust policy");
  ASSERT_NE(trust, nullptr) << explain(d);
  EXPECT_TRUE(lists_sid(trust->allows, "Trust"));

  World no_iam = make_world(trust_world(trust_bob));
  EXPECT_TRUE(denies(no_iam, kBob, "sts:AssumeRole", kRole));
  World no_trust =
      make_world(trust_world(R"({"AWS": "arn:aws:iam::444455556666:user/carol"})", "", kMayAssume));
  EXPECT_TRUE(denies(no_trust, kBob, "sts:AssumeRole", kRole));
}

TEST(RulesSts, TrustingAnAccountOnlyPotentiallyGrantsItsPrincipals_Rule98) {
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::444455556666:root"})", "", kMayAssume));
  EXPECT_TRUE(allows(w, kBob, "sts:AssumeRole", kRole));
  EXPECT_TRUE(denies(w, kCarol, "sts:AssumeRole", kRole));  // B did not delegate to carol
  EXPECT_TRUE(denies(w, kAlice, "sts:AssumeRole", kRole));  // another account entirely
}

// [U] (U5) no IAM User Guide sentence says it; the reading chosen (model/services/sts_service.cpp)
// follows rule 51: within one account a trust policy naming the user suffices.
TEST(RulesSts, SameAccountTrustNamingTheUserNeedsNoIdentityPolicy_Rule98_U5) {
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_TRUE(allows(w, kAlice, "sts:AssumeRole", kRole));
  // Naming the account instead delegates: alice then needs an identity policy.
  World account = make_world(trust_world(R"({"AWS": "111122223333"})"));
  EXPECT_TRUE(denies(account, kAlice, "sts:AssumeRole", kRole));
  World account_iam = make_world(trust_world(R"({"AWS": "111122223333"})", kMayAssume));
  EXPECT_TRUE(allows(account_iam, kAlice, "sts:AssumeRole", kRole));
}

TEST(RulesSts, RoleSessionAssumesAnotherRoleTrustingItsRole_Rule98) {
  const std::string doc = R"json({
    "format": 1, "name": "role-chain",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:role/first"},
      {"arn": "arn:aws:iam::111122223333:role/second", "trust_policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/TRUSTED"},
                       "Action": "sts:AssumeRole"}]}}]
  })json";
  World w = make_world(replace(doc, "TRUSTED", "first"));
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:role/first", "sts:AssumeRole",
                     "arn:aws:iam::111122223333:role/second"));
  World other = make_world(replace(doc, "TRUSTED", "second"));
  EXPECT_TRUE(denies(other, "arn:aws:iam::111122223333:role/first", "sts:AssumeRole",
                     "arn:aws:iam::111122223333:role/second"));
}

TEST(RulesSts, AssumeRoleIsRefusedForAnonymousAndUndeclaredRoles_Rule98) {
  World w = make_world(trust_world("\"*\"", kMayAssume));
  Decision anon = decide(w, "anonymous", "sts:AssumeRole", kRole);
  EXPECT_FALSE(anon.allowed);
  ASSERT_FALSE(anon.checks.empty());
  EXPECT_EQ(anon.checks[0].outcome, Outcome::kRefused) << explain(anon);
  Decision unknown = decide(w, kAlice, "sts:AssumeRole", "arn:aws:iam::111122223333:role/ghost");
  EXPECT_FALSE(unknown.allowed);
  ASSERT_FALSE(unknown.checks.empty());
  EXPECT_EQ(unknown.checks[0].outcome, Outcome::kRefused) << explain(unknown);
}

// STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call
// AssumeRole", even when the trust policy names the account.
TEST(RulesSts, RootUserCannotAssumeRoles_Rule98) {
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:root"})", kMayAssume));
  EXPECT_TRUE(allows(w, kAlice, "sts:AssumeRole", kRole));
  Decision root = decide(w, "arn:aws:iam::111122223333:root", "sts:AssumeRole", kRole);
  EXPECT_FALSE(root.allowed);
  ASSERT_FALSE(root.checks.empty());
  EXPECT_EQ(root.checks[0].outcome, Outcome::kRefused) << explain(root);
}

// [X] (U13) Roles terms and concepts says a trust policy cannot name "*"; the Principal page says
// it can. The model loads such a trust policy and reads "*" like any resource policy: every
// principal of the role's account, and other accounts' principals whose IAM allows it.
TEST(RulesSts, StarInTrustPolicyIsReadAsEveryone_Rule100_U13) {
  World w = make_world(trust_world("\"*\""));
  EXPECT_TRUE(allows(w, kAlice, "sts:AssumeRole", kRole));
  EXPECT_TRUE(denies(w, kBob, "sts:AssumeRole", kRole));
  World with_iam = make_world(trust_world("\"*\"", "", kMayAssume));
  EXPECT_TRUE(allows(with_iam, kBob, "sts:AssumeRole", kRole));
}

// --- Rule 99: sts:ExternalId ----------------------------------------------------------------

TEST(RulesSts, ExternalIdMustBeSentAndMatch_Rule99) {
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::444455556666:root"})", "", kMayAssume,
                                   R"({"StringEquals": {"sts:ExternalId": "Unique-42"}})"));
  EXPECT_TRUE(allows(w, kBob, "sts:AssumeRole", kRole, {}, {{"sts:ExternalId", {"Unique-42"}}}));
  EXPECT_TRUE(denies(w, kBob, "sts:AssumeRole", kRole));  // missing: StringEquals is false
  EXPECT_TRUE(denies(w, kBob, "sts:AssumeRole", kRole, {}, {{"sts:ExternalId", {"unique-42"}}}));
  EXPECT_TRUE(denies(w, kBob, "sts:AssumeRole", kRole, {}, {{"sts:ExternalId", {"Other"}}}));
}

// --- Other STS calls ----------------------------------------------------------------------

// STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation.
// If an administrator attaches a policy to your identity that explicitly denies access to the
// sts:GetCallerIdentity action, you can still perform this operation."
TEST(RulesSts, GetCallerIdentityNeedsNoPermissionAndNoDenyStopsIt_StsGetCallerIdentity) {
  const std::string deny_all =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})";
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:root"})", deny_all));
  for (std::string_view resource : {"*", "arn:aws:iam::111122223333:user/alice"}) {
    EXPECT_TRUE(allows(w, kAlice, "sts:GetCallerIdentity", resource));  // explicit Deny of "*"
    EXPECT_TRUE(allows(w, kCarol, "sts:GetCallerIdentity", resource));  // no policy at all
    EXPECT_TRUE(allows(w, kRole, "sts:GetCallerIdentity", resource));   // a role session
    EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:root", "sts:GetCallerIdentity", resource));
  }
  Decision d = decide(w, kAlice, "STS:getcalleridentity", "*");
  EXPECT_TRUE(d.allowed);
  ASSERT_EQ(d.checks.size(), 1u) << explain(d);
  EXPECT_NE(d.checks[0].reason.find("needs no permission"), std::string::npos) << explain(d);
  // An unsigned request has no caller to describe.
  EXPECT_TRUE(denies(w, "anonymous", "sts:GetCallerIdentity", "*"));
}

// STS API Reference, GetFederationToken: called with an IAM user's long-term credentials (or the
// root user's); Service Authorization Reference, AWS STS: its resource type is `user`, which has
// no resource-based policy, so the caller's identity policies alone decide (peer case: an identity
// policy allowing it on the caller's own user ARN). Role sessions and anonymous callers cannot.
TEST(RulesSts, GetFederationTokenIsAuthorizedByTheUsersIdentityPolicies_StsGetFederationToken) {
  const std::string own_arn =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": "sts:GetFederationToken", "Resource": "arn:aws:iam::111122223333:user/alice"}]})";
  World w = make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:root"})", own_arn));
  Decision d = decide(w, kAlice, "sts:GetFederationToken", "arn:aws:iam::111122223333:user/alice");
  EXPECT_TRUE(d.allowed) << explain(d);
  // Only what the identity policy names: another resource, or a user without the policy, is not.
  EXPECT_TRUE(denies(w, kAlice, "sts:GetFederationToken",
                     "arn:aws:sts::111122223333:federated-user/partner"));
  EXPECT_TRUE(denies(w, kCarol, "sts:GetFederationToken", "arn:aws:iam::444455556666:user/carol"));
  // An explicit Deny wins (rule 47).
  const std::string allow_and_deny =
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"},
          {"Effect": "Deny", "Action": "sts:GetFederationToken",
           "Resource": "arn:aws:sts::111122223333:federated-user/*"}]})";
  World denied =
      make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:root"})", allow_and_deny));
  EXPECT_TRUE(allows(denied, kAlice, "sts:GetFederationToken", "*"));
  EXPECT_TRUE(denies(denied, kAlice, "sts:GetFederationToken",
                     "arn:aws:sts::111122223333:federated-user/partner"));
  // A role session and an anonymous request cannot call it, whatever the policies say.
  const std::string allow_all =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  World all = make_world(trust_world(R"({"AWS": "arn:aws:iam::111122223333:root"})", allow_all));
  EXPECT_TRUE(allows(all, kAlice, "sts:GetFederationToken", "*"));
  for (std::string_view caller : {kRole, std::string_view("anonymous")}) {
    Decision refused = decide(all, caller, "sts:GetFederationToken", "*");
    EXPECT_FALSE(refused.allowed) << caller;
    ASSERT_EQ(refused.checks.size(), 1u) << explain(refused);
    EXPECT_EQ(refused.checks[0].outcome, Outcome::kRefused);
    EXPECT_NE(refused.checks[0].reason.find("long-term credentials of an IAM user"),
              std::string::npos)
        << explain(refused);
  }
}

}  // namespace
}  // namespace accesspath::rules
