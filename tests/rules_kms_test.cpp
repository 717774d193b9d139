// Rule tests, AWS KMS: key policies, delegation, cross-account use, grants,
// AWS managed keys, KMS condition keys and key states (model/SEMANTICS.md
// rules 56, 60-77).
#include <gtest/gtest.h>

#include "model/policy/kms_operations.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kRootA = "arn:aws:iam::111122223333:root";
constexpr std::string_view kBob = "arn:aws:iam::444455556666:user/bob";
constexpr std::string_view kCarol = "arn:aws:iam::444455556666:user/carol";
constexpr std::string_view kKey = "arn:aws:kms:us-east-1:111122223333:key/k1";
constexpr std::string_view kAlias = "arn:aws:kms:us-east-1:111122223333:alias/shared";

// Key k1 (alias shared) in account A with key policy `KEY_POLICY`; alice in A and bob and
// carol in B, each with the identity policies given.
std::string kms_world(std::string_view key_policy, std::string_view alice = "",
                      std::string_view bob = "", std::string_view carol = "") {
  std::string doc = R"json({
    "format": 1, "name": "kms",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [ALICE]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [BOB]},
      {"arn": "arn:aws:iam::444455556666:user/carol", "policies": [CAROL]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/shared"],
              "policy": KEY_POLICY}]
  })json";
  doc = replace(doc, "KEY_POLICY", key_policy);
  doc = replace(doc, "ALICE", alice);
  doc = replace(doc, "BOB", bob);
  return replace(doc, "CAROL", carol);
}

std::string key_policy(std::string_view principal_json, std::string_view actions_json = "\"kms:*\"",
                       std::string_view condition_json = "") {
  std::string doc = R"json({"Version": "2012-10-17", "Statement": [
      {"Sid": "KeyGrant", "Effect": "Allow", "Principal": PRINCIPAL, "Action": ACTIONS,
       "Resource": "*" CONDITION}]})json";
  doc = replace(doc, "PRINCIPAL", principal_json);
  doc = replace(doc, "ACTIONS", actions_json);
  return replace(doc, " CONDITION",
                 condition_json.empty() ? "" : ", \"Condition\": " + std::string(condition_json));
}

constexpr std::string_view kIamAllKms =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]})";

constexpr std::string_view kEnableIam = R"({"AWS": "arn:aws:iam::111122223333:root"})";

// --- Rules 60-63: the key policy is the gate ------------------------------------------------

TEST(RulesKms, NobodyIncludingRootHasAccessUnlessKeyPolicyAllows_Rule60) {
  World w = make_world(kms_world(key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})")));
  EXPECT_TRUE(denies(w, kRootA, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, kRootA, "kms:PutKeyPolicy", kKey));
  World delegated = make_world(kms_world(key_policy(kEnableIam)));
  EXPECT_TRUE(allows(delegated, kRootA, "kms:Decrypt", kKey));
}

TEST(RulesKms, KeyPolicyMustAllowIamAloneCannot_Rule61) {
  World w = make_world(
      kms_world(key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/admin"})"), kIamAllKms));
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 1u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kImplicitDeny);
  EXPECT_NE(d.checks[0].reason.find("identity policies alone cannot grant it"), std::string::npos)
      << explain(d);
  ASSERT_FALSE(d.checks[0].missing.empty());
  EXPECT_NE(d.checks[0].missing[0].find("key policy"), std::string::npos) << explain(d);

  World fixed = make_world(kms_world(key_policy(kEnableIam), kIamAllKms));
  EXPECT_TRUE(allows(fixed, kAlice, "kms:Decrypt", kKey));
}

TEST(RulesKms, IamPolicyCanDenyWithoutKeyPolicyPermission_Rule61) {
  const std::string iam = R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "NoDecrypt", "Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]})";
  World w =
      make_world(kms_world(key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"), iam));
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
  EXPECT_TRUE(allows(w, kAlice, "kms:Encrypt", kKey));
}

TEST(RulesKms, EnableIamPoliciesStatementOnlyDelegates_Rule62) {
  World w = make_world(kms_world(key_policy(kEnableIam)));
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(d.checks[0].reason.find("delegates to the account"), std::string::npos) << explain(d);
  World with_iam = make_world(kms_world(key_policy(kEnableIam), kIamAllKms));
  EXPECT_TRUE(allows(with_iam, kAlice, "kms:Decrypt", kKey));
}

TEST(RulesKms, KeyWithoutPolicyGetsTheDefaultKeyPolicy_Rule62) {
  const std::string doc = R"json({
    "format": 1, "name": "default-key-policy",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [IAM]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1"}]
  })json";
  LoadResult r = load(replace(doc, "IAM", ""));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/keys/0", Severity::kWarning, "default key policy"));
  EXPECT_TRUE(denies(r.scenario->world, kAlice, "kms:Decrypt", kKey));
  World with_iam = make_world(replace(doc, "IAM", kIamAllKms));
  EXPECT_TRUE(allows(with_iam, kAlice, "kms:Decrypt", kKey));
}

TEST(RulesKms, KeyPolicyNamingTheUserNeedsNoIamPolicy_Rule63) {
  World w = make_world(kms_world(key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})",
                                            R"(["kms:Decrypt", "kms:Encrypt"])")));
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_FALSE(d.checks.empty());
  const PolicyFinding* kp = finding(d.checks[0], "key policy");
  ASSERT_NE(kp, nullptr) << explain(d);
  EXPECT_TRUE(lists_sid(kp->allows, "KeyGrant"));
  EXPECT_TRUE(denies(w, kAlice, "kms:ScheduleKeyDeletion", kKey));  // not in the key policy

  World star = make_world(kms_world(key_policy("\"*\"", "\"kms:Decrypt\"")));
  EXPECT_TRUE(allows(star, kAlice, "kms:Decrypt", kKey));
}

// [U] (U6) the KMS guide does not say how a key-policy grant to a user ARN meets the user's
// permissions boundary; the reading chosen (model/authz/authorizer.cpp) follows the IAM rule for
// resource-based policies (rule 51): a grant naming the user is not limited by the boundary.
TEST(RulesKms, KeyPolicyGrantToUserArnIsNotLimitedByBoundary_Rule63_U6) {
  const std::string doc = kms_world(
      key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})", "\"kms:Decrypt\""));
  const std::string bounded =
      replace(doc, R"({"arn": "arn:aws:iam::111122223333:user/alice", "policies": []})",
              R"({"arn": "arn:aws:iam::111122223333:user/alice", "policies": [],
          "permissions_boundary": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}})");
  EXPECT_TRUE(allows(make_world(bounded), kAlice, "kms:Decrypt", kKey));
  // Delegation through the account, by contrast, is capped by the boundary.
  const std::string delegated = replace(
      replace(bounded, R"({"AWS": "arn:aws:iam::111122223333:user/alice"})", kEnableIam),
      R"("policies": [],)", std::string(R"("policies": [)") + std::string(kIamAllKms) + "],");
  EXPECT_TRUE(denies(make_world(delegated), kAlice, "kms:Decrypt", kKey));
}

// --- Rules 64-67: other accounts --------------------------------------------------------------

TEST(RulesKms, StarKeyPolicyOtherAccountsStillNeedIam_Rule64) {
  World w = make_world(kms_world(key_policy("\"*\"", "\"kms:Decrypt\""), "", kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, kCarol, "kms:Decrypt", kKey));  // no IAM policy in B
  EXPECT_TRUE(allows(w, "arn:aws:iam::999988887777:user/x", "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, "anonymous", "kms:Decrypt", kKey));
}

TEST(RulesKms, IamResourceStarCoversKeysInOtherAccounts_Rule78) {
  // bob's IAM policy says `"Resource": "*"`; with A's key policy open to B, that covers A's key.
  World w = make_world(
      kms_world(key_policy(R"({"AWS": "444455556666"})", "\"kms:Decrypt\""), "", kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  World own_keys_only = make_world(
      kms_world(key_policy(R"({"AWS": "444455556666"})", "\"kms:Decrypt\""), "",
                R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*",
          "Resource": "arn:aws:kms:*:444455556666:key/*"}]})"));
  EXPECT_TRUE(denies(own_keys_only, kBob, "kms:Decrypt", kKey));
}

TEST(RulesKms, CrossAccountIamDelegatesOnlyWhatTheKeyPolicyGrants_Rule65) {
  World w = make_world(
      kms_world(key_policy(R"({"AWS": "444455556666"})", "\"kms:Decrypt\""), "", kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, kBob, "kms:Encrypt", kKey));
  EXPECT_TRUE(denies(w, kCarol, "kms:Decrypt", kKey));  // no IAM allow in B
}

TEST(RulesKms, CrossAccountNeedsIamEvenWhenKeyPolicyNamesTheUser_Rule65) {
  const std::string policy =
      key_policy(R"({"AWS": "arn:aws:iam::444455556666:user/bob"})", "\"kms:Decrypt\"");
  World no_iam = make_world(kms_world(policy));
  Decision d = decide(no_iam, kBob, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(d.checks[0].reason.find("across accounts"), std::string::npos) << explain(d);

  World with_iam = make_world(kms_world(policy, "", kIamAllKms, kIamAllKms));
  EXPECT_TRUE(allows(with_iam, kBob, "kms:Decrypt", kKey));
  // Only the principals the key policy names.
  EXPECT_TRUE(denies(with_iam, kCarol, "kms:Decrypt", kKey));
}

// One table says, of each KMS operation, what rules 66 (across accounts), 69 (grant operations,
// their encryption-context constraints) and 77 (key states) need to know.
TEST(RulesKms, CryptographicOperationsWorkAcrossAccountsAndNeedAnEnabledKey_Rule66_Rule77) {
  for (const char* op : {"kms:decrypt", "kms:GenerateDataKey", "kms:sign", "kms:derivesharedsecret",
                         "kms:DescribeKey", "kms:creategrant", "kms:revokegrant"})
    EXPECT_TRUE(kms_operation_works_cross_account(op)) << op;
  for (const char* op : {"kms:putkeypolicy", "kms:schedulekeydeletion", "kms:createalias",
                         "kms:enablekey", "s3:getobject", "kms:", "decrypt"})
    EXPECT_FALSE(kms_operation_works_cross_account(op)) << op;
  for (const char* op : {"kms:decrypt", "kms:encrypt", "kms:getpublickey", "kms:creategrant"})
    EXPECT_TRUE(kms_operation_needs_enabled_key(op)) << op;
  for (const char* op : {"kms:describekey", "kms:retiregrant", "kms:listgrants", "kms:enablekey"})
    EXPECT_FALSE(kms_operation_needs_enabled_key(op)) << op;
}

TEST(RulesKms, GrantOperationsAndTheirEncryptionContext_Rule69) {
  EXPECT_TRUE(is_kms_grant_operation("Decrypt"));
  EXPECT_TRUE(is_kms_grant_operation("RetireGrant"));
  EXPECT_FALSE(is_kms_grant_operation("decrypt"));  // the enum is case sensitive
  EXPECT_FALSE(is_kms_grant_operation("ListGrants"));
  EXPECT_FALSE(is_kms_grant_operation("RevokeGrant"));
  EXPECT_TRUE(kms_operation_takes_encryption_context("GenerateDataKeyPair"));
  EXPECT_FALSE(kms_operation_takes_encryption_context("DescribeKey"));
  EXPECT_FALSE(kms_operation_takes_encryption_context("Sign"));
  std::size_t grantable = 0;
  for (const KmsOperation& op : kms_operations()) grantable += op.grantable;
  EXPECT_EQ(grantable, 19u);  // CreateGrant's "Valid Values"
}

TEST(RulesKms, OnlySomeOperationsWorkAcrossAccounts_Rule66) {
  World w = make_world(kms_world(key_policy(R"({"AWS": "444455556666"})"), "", kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  EXPECT_TRUE(allows(w, kBob, "kms:DescribeKey", kKey));
  EXPECT_TRUE(allows(w, kBob, "kms:CreateGrant", kKey));
  for (std::string_view op : {"kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:DisableKey"}) {
    Decision d = decide(w, kBob, op, kKey);
    EXPECT_FALSE(d.allowed) << op;
    ASSERT_FALSE(d.checks.empty());
    EXPECT_EQ(d.checks[0].outcome, Outcome::kRefused) << explain(d);
    EXPECT_NE(d.checks[0].reason.find("does not work across accounts"), std::string::npos)
        << explain(d);
  }
}

TEST(RulesKms, OtherAccountNamesTheKeyByKeyArnOrAliasArn_Rule67) {
  World w = make_world(kms_world(key_policy(R"({"AWS": "444455556666"})"), "", kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kAlias));
  // The same alias in bob's own account names nothing.
  Decision d = decide(w, kBob, "kms:Decrypt", "arn:aws:kms:us-east-1:444455556666:alias/shared");
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kRefused) << explain(d);
}

// --- Rule 69: grants ---------------------------------------------------------------------------

std::string grant_world(std::string_view grants, std::string_view alice_iam = "") {
  std::string doc = R"json({
    "format": 1, "name": "grants",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [ALICE]},
      {"arn": "arn:aws:iam::111122223333:role/worker"},
      {"arn": "arn:aws:iam::444455556666:user/bob"}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"},
         "Action": "kms:*", "Resource": "*"}]},
      "grants": GRANTS}]
  })json";
  return replace(replace(doc, "GRANTS", grants), "ALICE", alice_iam);
}

TEST(RulesKms, GrantAllowsListedOperationsWithoutKeyPolicyOrIam_Rule69) {
  const std::string doc = grant_world(R"([
      {"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["Decrypt"]},
      {"grantee": "arn:aws:iam::111122223333:role/worker", "operations": ["GenerateDataKey"]},
      {"grantee": "arn:aws:iam::444455556666:user/bob", "operations": ["Decrypt"]}])");
  World w = make_world(doc);
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_NE(finding(d.checks[0], "grant to"), nullptr) << explain(d);
  EXPECT_TRUE(denies(w, kAlice, "kms:Encrypt", kKey));  // not a granted operation
  // A role grantee covers the role's sessions.
  EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:role/worker", "kms:GenerateDataKey", kKey));
  // A grantee in another account needs no IAM policy.
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));

  World no_grants = make_world(grant_world("[]"));
  EXPECT_TRUE(denies(no_grants, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(no_grants, kBob, "kms:Decrypt", kKey));
}

// KMS API Reference, CreateGrant: `Operations` takes only KMS's listed values, spelled exactly;
// KMS refuses any other ("Member must satisfy enum value set"), so the file does not load.
TEST(RulesKms, GrantOperationsAreKmsGrantOperations_Rule69) {
  LoadResult ok = load(grant_world(R"([{"grantee": "arn:aws:iam::111122223333:user/alice",
      "operations": ["Decrypt", "GenerateDataKeyPairWithoutPlaintext", "DeriveSharedSecret",
                     "RetireGrant", "VerifyMac"]}])"));
  ASSERT_TRUE(ok.scenario) << describe(ok.diagnostics);
  for (std::string_view bad : {"Fly", "decrypt", "ReEncrypt", "ScheduleKeyDeletion", ""}) {
    LoadResult r = load(grant_world(R"([{"grantee": "arn:aws:iam::111122223333:user/alice",
        "operations": ["Decrypt", ")" +
                                    std::string(bad) + R"("]}])"));
    EXPECT_FALSE(r.scenario) << bad;
    EXPECT_TRUE(has_diagnostic(r.diagnostics, "/keys/0/grants/0/operations/1", Severity::kError,
                               "is not a KMS grant operation"))
        << bad << "\n"
        << describe(r.diagnostics);
  }
}

TEST(RulesKms, GrantNeverOverridesAnExplicitDeny_Rule69) {
  World w = make_world(grant_world(
      R"([{"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["Decrypt"]}])",
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]})"));
  Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
}

TEST(RulesKms, GrantConstraintsOnEncryptionContext_Rule69) {
  World equals = make_world(grant_world(R"([
      {"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["Decrypt"],
       "constraints": {"EncryptionContextEquals": {"dept": "finance"}}}])"));
  EXPECT_TRUE(allows(equals, kAlice, "kms:Decrypt", kKey, {},
                     {{"kms:EncryptionContext:dept", {"finance"}}}));
  EXPECT_TRUE(
      denies(equals, kAlice, "kms:Decrypt", kKey, {}, {{"kms:EncryptionContext:dept", {"hr"}}}));
  EXPECT_TRUE(denies(equals, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(
      equals, kAlice, "kms:Decrypt", kKey, {},
      {{"kms:EncryptionContext:dept", {"finance"}}, {"kms:EncryptionContext:project", {"x"}}}));

  World subset = make_world(grant_world(R"([
      {"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["Decrypt"],
       "constraints": {"EncryptionContextSubset": {"dept": "finance"}}}])"));
  EXPECT_TRUE(allows(
      subset, kAlice, "kms:Decrypt", kKey, {},
      {{"kms:EncryptionContext:dept", {"finance"}}, {"kms:EncryptionContext:project", {"x"}}}));
  EXPECT_TRUE(
      denies(subset, kAlice, "kms:Decrypt", kKey, {}, {{"kms:EncryptionContext:dept", {"hr"}}}));
}

// KMS API Reference, GrantConstraints: "in a grant constraint, the key in each key-value pair is
// not case sensitive, but the value is case sensitive".
TEST(RulesKms, GrantConstraintKeysIgnoreCaseValuesDoNot_Rule69) {
  for (const char* kind : {"EncryptionContextEquals", "EncryptionContextSubset"}) {
    SCOPED_TRACE(kind);
    World w = make_world(replace(grant_world(R"([
        {"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["Decrypt"],
         "constraints": {"KIND": {"Department": "finance"}}}])"),
                                 "KIND", kind));
    EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", kKey, {},
                       {{"kms:EncryptionContext:Department", {"finance"}}}));
    EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", kKey, {},
                       {{"kms:EncryptionContext:department", {"finance"}}}));
    EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey, {},
                       {{"kms:EncryptionContext:Department", {"Finance"}}}));
  }
}

// Same page: "Grant constraints are not applied to operations that do not support an encryption
// context, such as ... DescribeKey or RetireGrant".
TEST(RulesKms, GrantConstraintsDoNotApplyToDescribeKey_Rule69) {
  World w = make_world(grant_world(R"([
      {"grantee": "arn:aws:iam::111122223333:user/alice", "operations": ["DescribeKey", "Decrypt"],
       "constraints": {"EncryptionContextSubset": {"dept": "finance"}}}])"));
  EXPECT_TRUE(allows(w, kAlice, "kms:DescribeKey", kKey));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));  // a cryptographic operation: constrained
  EXPECT_TRUE(
      allows(w, kAlice, "kms:Decrypt", kKey, {}, {{"kms:EncryptionContext:dept", {"finance"}}}));
}

// --- Rules 56, 70, 71: AWS managed keys (aws/s3) -----------------------------------------------

// alice (A) and bob (B) may read data-bucket and call every KMS action in IAM; the bucket policy
// grants account B; objects are under aws/s3 (declared explicitly) or customer key k1.
std::string managed_key_world(std::string_view account_a_extra = "") {
  std::string doc = R"json({
    "format": 1, "name": "aws-managed-key",
    "accounts": [{"id": "111122223333" EXTRA}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:*"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:*"], "Resource": "*"}]}]}],
    "keys": [
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/aws-s3", "aliases": ["alias/aws/s3"],
       "managed": "aws"},
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "policy": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                       "Action": "kms:Decrypt", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data-bucket/*"}]},
      "objects": [{"key": "managed.csv", "sse": "aws:kms"},
                  {"key": "cmk.csv", "sse": "aws:kms",
                   "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"}]}]
  })json";
  return replace(doc, " EXTRA", account_a_extra);
}

constexpr std::string_view kManagedKey = "arn:aws:kms:us-east-1:111122223333:key/aws-s3";
constexpr std::string_view kManagedObject = "arn:aws:s3:::data-bucket/managed.csv";

TEST(RulesKms, AwsManagedKeyWorksThroughS3ForItsOwnAccount_Rule70) {
  World w = make_world(managed_key_world());
  Decision d = decide(w, kAlice, "s3:GetObject", kManagedObject);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[1].action, "kms:Decrypt");
  EXPECT_EQ(d.checks[1].resource, kManagedKey);
  EXPECT_EQ(d.checks[1].outcome, Outcome::kAllow);
}

TEST(RulesKms, AwsManagedKeyCannotBeUsedDirectly_Rule70) {
  World w = make_world(managed_key_world());
  // alice's IAM allows kms:*, but the aws/s3 policy allows use only via S3.
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kManagedKey));
  EXPECT_TRUE(denies(w, kAlice, "kms:Encrypt", kManagedKey));
  // The account may still describe it (the second statement of the aws/s3 policy, delegated).
  EXPECT_TRUE(allows(w, kAlice, "kms:DescribeKey", kManagedKey));
  EXPECT_TRUE(denies(w, kAlice, "kms:PutKeyPolicy", kManagedKey));
}

// [U] (U3, rule 71) the aws/s3 key policy is taken from public copies of "auto-s3-2":
// kms:CallerAccount pins its use to the owning account.
TEST(RulesKms, AwsManagedKeyRefusesOtherAccountsEvenViaS3_Rule71) {
  World w = make_world(managed_key_world());
  Decision d = decide(w, kBob, "s3:GetObject", kManagedObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kAllow);  // S3 itself allows bob
  EXPECT_EQ(d.checks[1].action, "kms:Decrypt");
  EXPECT_NE(d.checks[1].outcome, Outcome::kAllow) << explain(d);
}

TEST(RulesKms, AwsManagedKeyIsProvidedWhenNotDeclared_Rule71) {
  World w = make_world(R"json({
    "format": 1, "name": "implicit-aws-s3",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "eu-west-1",
                 "objects": [{"key": "managed.csv", "sse": "aws:kms"}]}]
  })json");
  Decision d = decide(w, kAlice, "s3:GetObject", kManagedObject);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_EQ(d.checks.size(), 2u);
  EXPECT_NE(d.checks[1].resource.find("arn:aws:kms:eu-west-1:111122223333:key/"),
            std::string::npos);
}

TEST(RulesKms, AliasAwsPrefixIsReservedForAwsManagedKeys_Rule71) {
  LoadResult r = load(R"json({
    "format": 1, "name": "reserved-alias",
    "accounts": [{"id": "111122223333"}],
    "principals": [],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/aws/s3"],
      "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}]
  })json");
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/keys/0/aliases/0", Severity::kError, "reserved"));
}

TEST(RulesKms, RcpsDoNotApplyToAwsManagedKeys_Rule56) {
  const std::string rcp = R"(, "rcps": [[{"Version": "2012-10-17", "Statement": [
      {"Sid": "NoDecrypt", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}]])";
  World w = make_world(managed_key_world(rcp));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kManagedObject));
  Decision cmk = decide(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/cmk.csv");
  EXPECT_FALSE(cmk.allowed);
  ASSERT_EQ(cmk.checks.size(), 2u) << explain(cmk);
  EXPECT_EQ(cmk.checks[1].outcome, Outcome::kExplicitDeny) << explain(cmk);
  EXPECT_NE(cmk.checks[1].reason.find("resource control policy"), std::string::npos)
      << explain(cmk);

  World no_rcp = make_world(managed_key_world());
  EXPECT_TRUE(allows(no_rcp, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/cmk.csv"));
}

// --- Rules 72-76: KMS condition keys ----------------------------------------------------------

// Key k1's policy grants alice kms:Decrypt under `CONDITION`; alice may read data-bucket.
std::string conditioned_key_world(std::string_view condition) {
  std::string doc = R"json({
    "format": 1, "name": "kms-conditions",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                               "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/finance"],
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Conditional", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "kms:Decrypt", "Resource": "*", "Condition": CONDITION}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "objects": [
        {"key": "reports/q1.csv", "sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"},
        {"key": "reports/q2.csv", "sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"},
        {"key": "bk.csv", "sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1",
         "bucket_key": true}]}]
  })json";
  return replace(doc, "CONDITION", condition);
}

constexpr std::string_view kQ1 = "arn:aws:s3:::data-bucket/reports/q1.csv";
constexpr std::string_view kQ2 = "arn:aws:s3:::data-bucket/reports/q2.csv";

TEST(RulesKms, ViaServiceAllowsOnlyCallsMadeByTheService_Rule72) {
  World w = make_world(conditioned_key_world(
      R"({"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}})"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kQ1));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));  // direct call
  World other_region = make_world(conditioned_key_world(
      R"({"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}})"));
  EXPECT_TRUE(denies(other_region, kAlice, "s3:GetObject", kQ1));
}

TEST(RulesKms, CallerAccountPinsTheCallersAccount_Rule73) {
  const std::string policy = key_policy(
      "\"*\"", "\"kms:Decrypt\"", R"({"StringEquals": {"kms:CallerAccount": "444455556666"}})");
  World w = make_world(kms_world(policy, kIamAllKms, kIamAllKms));
  EXPECT_TRUE(allows(w, kBob, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));
  World own = make_world(
      kms_world(replace(policy, "\"444455556666\"", "\"111122223333\""), kIamAllKms, kIamAllKms));
  EXPECT_TRUE(allows(own, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(own, kBob, "kms:Decrypt", kKey));
}

TEST(RulesKms, RequestAliasOnlyWhenTheRequestNamesAnAlias_Rule74) {
  World w = make_world(
      conditioned_key_world(R"({"StringEquals": {"kms:RequestAlias": "alias/finance"}})"));
  EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:alias/finance"));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));  // same key, named by key ARN
}

// [U] (U12) which key identifier S3 passes to KMS is not documented; the reading in
// model/services/s3_service.cpp is that S3 passes the key ARN from the object metadata, so
// kms:RequestAlias is absent from S3's calls.
TEST(RulesKms, RequestAliasIsAbsentFromS3Calls_Rule74_U12) {
  World w = make_world(
      conditioned_key_world(R"({"StringEquals": {"kms:RequestAlias": "alias/finance"}})"));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kQ1));
  World if_exists = make_world(
      conditioned_key_world(R"({"StringEqualsIfExists": {"kms:RequestAlias": "alias/finance"}})"));
  EXPECT_TRUE(allows(if_exists, kAlice, "s3:GetObject", kQ1));
}

// KMS condition keys, kms:ResourceAliases: it is the key's aliases "regardless of how the
// request named it", for any operation authorized on a particular key. S3's Decrypt call is
// such an operation; the model does not put kms:ResourceAliases into the context of the KMS call
// S3 makes, so an IAM policy keyed on the key's aliases denies SSE-KMS downloads.
TEST(RulesKms, ResourceAliasesArePresentInS3Calls_Rule75) {
  World w = make_world(R"json({
    "format": 1, "name": "resource-aliases-via-s3",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/finance"}}}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/finance"],
      "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "objects": [{"key": "reports/q1.csv", "sse": "aws:kms",
                   "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"}]}]
  })json");
  EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", kKey));  // direct: the model does set the key
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kQ1));  // via S3: should be the same
}

TEST(RulesKms, EncryptionContextConditionOnTheObjectArn_Rule76) {
  const std::string condition =
      R"({"StringEquals": {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::data-bucket/reports/q1.csv"}})";
  World w = make_world(conditioned_key_world(condition));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kQ1));
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", kQ2));
  // The context-key name is case-insensitive.
  World upper = make_world(conditioned_key_world(
      replace(condition, "kms:EncryptionContext:aws:s3:arn", "KMS:ENCRYPTIONCONTEXT:AWS:S3:ARN")));
  EXPECT_TRUE(allows(upper, kAlice, "s3:GetObject", kQ1));
  // The value is compared as the operator says (StringEquals: case-sensitive).
  World value_case =
      make_world(conditioned_key_world(replace(condition, "reports/q1.csv", "REPORTS/q1.csv")));
  EXPECT_TRUE(denies(value_case, kAlice, "s3:GetObject", kQ1));
}

// Rule 40: when S3 calls KMS for the caller, KMS sees S3's address, not the caller's.
TEST(RulesKms, CallersSourceIpIsAbsentFromTheKmsCallS3Makes_Rule40) {
  World w =
      make_world(conditioned_key_world(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  const Context office = {{"aws:SourceIp", {"203.0.113.7"}}};
  EXPECT_TRUE(allows(w, kAlice, "kms:Decrypt", kKey, {}, office));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey, {}, {{"aws:SourceIp", {"198.51.100.1"}}}));
  Decision d = decide(w, kAlice, "s3:GetObject", kQ1, {}, office);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kAllow);
  EXPECT_EQ(d.checks[1].outcome, Outcome::kImplicitDeny) << explain(d);
}

// Rule 46: aws:ViaAWSService is true for the call S3 makes with the caller's credentials and
// false for a direct call.
TEST(RulesKms, ViaAwsServiceIsTrueOnlyForTheCallS3Makes_Rule46) {
  World w = make_world(conditioned_key_world(R"({"Bool": {"aws:ViaAWSService": "true"}})"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kQ1));
  EXPECT_TRUE(denies(w, kAlice, "kms:Decrypt", kKey));
  World direct = make_world(conditioned_key_world(R"({"Bool": {"aws:ViaAWSService": "false"}})"));
  EXPECT_TRUE(allows(direct, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(denies(direct, kAlice, "s3:GetObject", kQ1));
}

// --- Rule 77: key states ----------------------------------------------------------------------

std::string key_in_state(std::string_view state) {
  std::string doc = R"json({
    "format": 1, "name": "key-state",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"],
                                               "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "state": "STATE",
      "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "objects": [{"key": "reports/q1.csv", "sse": "aws:kms",
                   "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"}]}]
  })json";
  return replace(doc, "STATE", state);
}

TEST(RulesKms, DisabledOrPendingDeletionKeyRefusesCryptoButDescribeKeyWorks_Rule77) {
  World enabled = make_world(key_in_state("Enabled"));
  EXPECT_TRUE(allows(enabled, kAlice, "kms:Decrypt", kKey));
  EXPECT_TRUE(allows(enabled, kAlice, "s3:GetObject", kQ1));

  for (std::string_view state : {"Disabled", "PendingDeletion"}) {
    World w = make_world(key_in_state(state));
    Decision d = decide(w, kAlice, "kms:Decrypt", kKey);
    EXPECT_FALSE(d.allowed) << state;
    ASSERT_FALSE(d.checks.empty());
    EXPECT_EQ(d.checks[0].outcome, Outcome::kRefused) << explain(d);
    EXPECT_NE(d.checks[0].reason.find(state), std::string::npos) << explain(d);
    EXPECT_TRUE(denies(w, kAlice, "kms:GenerateDataKey", kKey)) << state;
    EXPECT_TRUE(allows(w, kAlice, "kms:DescribeKey", kKey)) << state;
    EXPECT_TRUE(allows(w, kAlice, "kms:GetKeyPolicy", kKey)) << state;
    EXPECT_TRUE(allows(w, kAlice, "kms:PutKeyPolicy", kKey)) << state;
    // Through S3 as well.
    Decision s3 = decide(w, kAlice, "s3:GetObject", kQ1);
    EXPECT_FALSE(s3.allowed) << explain(s3);
  }
}

// --- Aliases: CreateAlias, UpdateAlias, DeleteAlias ----------------------------------------

constexpr std::string_view kKey2 = "arn:aws:kms:us-east-1:111122223333:key/k2";
constexpr std::string_view kNewAlias = "arn:aws:kms:us-east-1:111122223333:alias/new";

// Keys k1 (alias `shared`, key policy KEY1) and k2 (key policy KEY2) in account A; alice in A
// with the identity policies ALICE and the boundary BOUNDARY (a JSON fragment or nothing); bob
// in B may do anything KMS allows.
std::string alias_world(std::string_view key1, std::string_view key2, std::string_view alice,
                        std::string_view boundary = "") {
  std::string doc = R"json({
    "format": 1, "name": "kms-aliases",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [ALICE] BOUNDARY},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [IAM_ALL]}],
    "keys": [
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/shared"],
       "policy": KEY1},
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k2", "policy": KEY2},
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/aws-s3", "aliases": ["alias/aws/s3"],
       "managed": "aws"}]
  })json";
  doc = replace(doc, "KEY1", key1);
  doc = replace(doc, "KEY2", key2);
  doc = replace(doc, "ALICE", alice);
  doc = replace(doc, "IAM_ALL", kIamAllKms);
  return replace(doc, " BOUNDARY", boundary);
}

std::string iam_allowing(std::string_view actions_json, std::string_view resources_json) {
  return replace(replace(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ACTIONS, "Resource": RESOURCES}]})",
                         "ACTIONS", actions_json),
                 "RESOURCES", resources_json);
}

const std::string kAliceKeyPolicy =
    key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})");
const std::string kAdminKeyPolicy =
    key_policy(R"({"AWS": "arn:aws:iam::111122223333:user/admin"})");
const std::string kIamOnAliases =
    iam_allowing(R"(["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"])",
                 R"("arn:aws:kms:us-east-1:111122223333:alias/*")");

Headers target(std::string_view key) {
  return {{"TargetKeyId", std::string(key)}};
}

// KMS: Controlling access to aliases, and the API Reference of CreateAlias, UpdateAlias and
// DeleteAlias ("Required permissions"): the operation on the alias comes from an IAM policy only
// (an alias has no resource policy). A key policy naming the user covers the key half, not this.
TEST(RulesKms, AliasOperationsNeedIdentityPermissionOnTheAlias_KmsAliases) {
  World w = make_world(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, ""));
  Decision d = decide(w, kAlice, "kms:CreateAlias", kNewAlias, target(kKey));
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);  // one check per half
  EXPECT_EQ(d.checks[0].resource, kNewAlias);
  EXPECT_NE(d.checks[0].title.find("on the alias"), std::string::npos) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kImplicitDeny) << explain(d);
  EXPECT_NE(d.checks[0].reason.find("no identity policy"), std::string::npos) << explain(d);
  ASSERT_FALSE(d.checks[0].missing.empty());
  EXPECT_NE(d.checks[0].missing[0].find(kNewAlias), std::string::npos) << explain(d);
  EXPECT_EQ(d.checks[1].resource, kKey);
  EXPECT_EQ(d.checks[1].outcome, Outcome::kAllow) << explain(d);  // the key policy names alice
  EXPECT_TRUE(denies(w, kAlice, "kms:DeleteAlias", kAlias));
  EXPECT_TRUE(denies(w, kAlice, "kms:UpdateAlias", kAlias, target(kKey2)));

  World granted = make_world(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, kIamOnAliases));
  EXPECT_TRUE(allows(granted, kAlice, "kms:CreateAlias", kNewAlias, target(kKey)));
  EXPECT_TRUE(allows(granted, kAlice, "kms:DeleteAlias", kAlias));
  EXPECT_TRUE(allows(granted, kAlice, "kms:UpdateAlias", kAlias, target(kKey2)));
  // A key id in TargetKeyId is read in the alias's account and Region.
  EXPECT_TRUE(allows(granted, kAlice, "kms:CreateAlias", kNewAlias, target("k2")));
}

// Same pages: the key half comes from the key policy, or from an IAM policy the key policy
// delegates to (rules 60-63); an IAM policy naming only the alias does not cover the key.
TEST(RulesKms, AliasOperationsNeedPermissionOnTheKey_KmsAliases) {
  World key_says_no = make_world(alias_world(kAdminKeyPolicy, kAdminKeyPolicy, kIamOnAliases));
  Decision d = decide(key_says_no, kAlice, "kms:CreateAlias", kNewAlias, target(kKey));
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kAllow) << explain(d);
  EXPECT_EQ(d.checks[1].resource, kKey);
  EXPECT_NE(finding(d.checks[1], "key policy"), nullptr) << explain(d);
  EXPECT_EQ(d.checks[1].outcome, Outcome::kImplicitDeny) << explain(d);

  const std::string delegating = key_policy(kEnableIam);
  World alias_only = make_world(alias_world(delegating, delegating, kIamOnAliases));
  EXPECT_TRUE(denies(alias_only, kAlice, "kms:CreateAlias", kNewAlias, target(kKey)));
  World both = make_world(
      alias_world(delegating, delegating, iam_allowing(R"("kms:CreateAlias")", R"("*")")));
  EXPECT_TRUE(allows(both, kAlice, "kms:CreateAlias", kNewAlias, target(kKey)));
}

// KMS API Reference, UpdateAlias (and Controlling access to aliases): the caller needs the
// operation on the alias, on the key the alias points to now and on the new target key, which
// the request names by TargetKeyId (the request header `TargetKeyId` here).
TEST(RulesKms, UpdateAliasNeedsTheCurrentAndTheNewKey_KmsAliases) {
  World w = make_world(alias_world(kAliceKeyPolicy, kAdminKeyPolicy, kIamOnAliases));
  Decision d = decide(w, kAlice, "kms:UpdateAlias", kAlias, target(kKey2));
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 3u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kAllow) << explain(d);  // the alias
  EXPECT_EQ(d.checks[1].resource, kKey);                          // the current key
  EXPECT_EQ(d.checks[1].outcome, Outcome::kAllow) << explain(d);
  EXPECT_EQ(d.checks[2].resource, kKey2);  // the new key
  EXPECT_EQ(d.checks[2].outcome, Outcome::kImplicitDeny) << explain(d);

  World current_refuses = make_world(alias_world(kAdminKeyPolicy, kAliceKeyPolicy, kIamOnAliases));
  EXPECT_TRUE(denies(current_refuses, kAlice, "kms:UpdateAlias", kAlias, target(kKey2)));
  World both = make_world(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, kIamOnAliases));
  EXPECT_TRUE(allows(both, kAlice, "kms:UpdateAlias", kAlias, target(kKey2)));

  // Without TargetKeyId there is no new key to authorize: refused, saying how to name it.
  Decision missing = decide(both, kAlice, "kms:UpdateAlias", kAlias);
  EXPECT_FALSE(missing.allowed);
  ASSERT_EQ(missing.checks.size(), 1u) << explain(missing);
  EXPECT_EQ(missing.checks[0].outcome, Outcome::kRefused);
  EXPECT_NE(missing.checks[0].reason.find("TargetKeyId"), std::string::npos) << explain(missing);
}

// The alias half is an ordinary identity-side authorization: permissions boundaries and SCPs
// limit it (rules 49, 53), even where the key policy names the user (U6 covers the key half only).
TEST(RulesKms, AliasPermissionIsLimitedByBoundariesAndScps_KmsAliases) {
  const std::string iam_all(kIamAllKms);
  World bounded = make_world(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, iam_all, R"(,
      "permissions_boundary": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]})"));
  Decision d = decide(bounded, kAlice, "kms:CreateAlias", kNewAlias, target(kKey));
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_NE(d.checks[0].reason.find("permissions boundary"), std::string::npos) << explain(d);
  EXPECT_EQ(d.checks[1].outcome, Outcome::kAllow) << explain(d);

  World scp = make_world(replace(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, iam_all),
                                 R"({"id": "111122223333"})",
                                 R"({"id": "111122223333", "scps": [[{"Version": "2012-10-17",
                                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                                    {"Effect": "Deny", "Action": "kms:*Alias", "Resource": "*"}]}]]})"));
  EXPECT_TRUE(denies(scp, kAlice, "kms:CreateAlias", kNewAlias, target(kKey)));
  World free = make_world(alias_world(kAliceKeyPolicy, kAliceKeyPolicy, iam_all));
  EXPECT_TRUE(allows(free, kAlice, "kms:CreateAlias", kNewAlias, target(kKey)));
}

// KMS API Reference, CreateAlias / UpdateAlias / DeleteAlias: "Cross-account use: No"; the alias
// and its key are in one account and Region; TargetKeyId is a key id or key ARN of a customer
// managed key; `alias/aws/` names are reserved (rule 79); an alias name exists once.
TEST(RulesKms, AliasOperationsAreRefusedWhereKmsRefusesThem_KmsAliases) {
  const std::string key_for_all = key_policy(R"("*")");
  World w = make_world(alias_world(key_for_all, key_for_all, std::string(kIamAllKms)));
  auto refused = [&](std::string_view who, std::string_view action, std::string_view alias,
                     Headers headers, std::string_view why) {
    Decision d = decide(w, who, action, alias, std::move(headers));
    EXPECT_FALSE(d.allowed) << explain(d);
    ASSERT_EQ(d.checks.size(), 1u) << explain(d);
    EXPECT_EQ(d.checks[0].outcome, Outcome::kRefused) << explain(d);
    EXPECT_NE(d.checks[0].reason.find(why), std::string::npos) << explain(d);
  };
  refused(kBob, "kms:DeleteAlias", kAlias, {}, "across accounts");
  refused(kBob, "kms:CreateAlias", kNewAlias, target(kKey), "across accounts");
  refused(kAlice, "kms:CreateAlias", kAlias, target(kKey2), "already exists");
  refused(kAlice, "kms:DeleteAlias", kNewAlias, {}, "NotFound");
  refused(kAlice, "kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:alias/aws/mine",
          target(kKey), "reserved");
  refused(kAlice, "kms:CreateAlias", kNewAlias,
          target("arn:aws:kms:us-east-1:111122223333:key/aws-s3"), "AWS managed key");
  refused(kAlice, "kms:CreateAlias", kNewAlias, target("alias/shared"), "not an alias");
  refused(kAlice, "kms:CreateAlias", kNewAlias, target("arn:aws:kms:us-west-2:111122223333:key/k1"),
          "same account and Region");
  refused(kAlice, "kms:CreateAlias", kKey, target(kKey2), "alias ARN");
  EXPECT_TRUE(allows(w, kAlice, "kms:CreateAlias", kNewAlias, target(kKey2)));
}

}  // namespace
}  // namespace accesspath::rules
