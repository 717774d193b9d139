// Principals a world does not declare (scenario contract, "Principals that the file does not
// declare"), for accounts a policy names: a partner account a bucket policy grants to, an account
// a condition admits, a role named by ARN or by pattern. The stand-in outsider is of no account
// a policy names, so without these an "only ..." invariant held although the partner reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/analysis/check.h"
#include "model/world/considered_principals.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

// Alice reads through her own policy; the bucket policy's statement is `statement`.
std::string world(std::string_view statement) {
  return replace(R"json({"format": 1, "name": "partner",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}],
    "buckets": [{"name": "data", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [STATEMENT]},
      "objects": [{"key": "r.csv"}]}],
    "invariants": [{"name": "only alice reads", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::data/*", "only": ["arn:aws:iam::111122223333:user/alice"]}]})json",
                 "STATEMENT", statement);
}

InvariantResult verdict(const std::string& doc) {
  LoadResult r = load(doc);
  EXPECT_TRUE(r.scenario) << describe(r.diagnostics);
  if (!r.scenario) return {};
  return check_scenario(*r.scenario).invariants.at(0);
}

bool considers(const std::string& doc, std::string_view arn) {
  LoadResult r = load(doc);
  if (!r.scenario) return false;
  auto all = considered_principals(r.scenario->world);
  return std::find(all.begin(), all.end(), arn) != all.end();
}

constexpr std::string_view kPartnerUser = "arn:aws:iam::444455556666:user/accesspath-undeclared";

// IAM: Cross-account policy evaluation logic: a bucket policy that names another account lets
// that account's principals in, as far as their own account's policies allow (which the world
// does not describe).
TEST(PartnerAccounts, AnAccountABucketPolicyGrantsToIsConsidered_CrossAccountPolicyEvaluation) {
  std::string doc = world(R"json({"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::data/*"})json");
  EXPECT_TRUE(considers(doc, kPartnerUser));
  InvariantResult r = verdict(doc);
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(r.counterexample->steps.back().actor, kPartnerUser);
}

// IAM: AWS global condition context keys, aws:PrincipalAccount: a statement open to every
// principal but conditioned on another account's id admits that account's principals.
TEST(PartnerAccounts, AnAccountAConditionAdmitsIsConsidered_GlobalKeysPrincipalAccount) {
  InvariantResult r = verdict(world(R"json({"Effect": "Allow", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
      "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}})json"));
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(r.counterexample->steps.back().actor, kPartnerUser);
}

// IAM: AWS global condition context keys, aws:PrincipalArn: a role named by a pattern may exist
// in the undeclared account; a concrete name stands for it.
TEST(PartnerAccounts, ARoleNamedByPatternIsConsidered_GlobalKeysPrincipalArn) {
  std::string doc = world(R"json({"Effect": "Allow", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/etl-*"}}})json");
  EXPECT_TRUE(considers(doc, "arn:aws:iam::444455556666:role/etl-accesspath-undeclared"));
  InvariantResult r = verdict(doc);
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(r.counterexample->steps.back().actor,
            "arn:aws:iam::444455556666:role/etl-accesspath-undeclared");
}

// A role named by ARN in a Principal element is considered under its own name.
TEST(PartnerAccounts, ARoleNamedInAPrincipalElementIsConsidered_PrincipalElement) {
  std::string doc = world(R"json({"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:role/partner"}, "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::data/*"})json");
  EXPECT_TRUE(considers(doc, "arn:aws:iam::444455556666:role/partner"));
  InvariantResult r = verdict(doc);
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(r.counterexample->steps.back().actor, "arn:aws:iam::444455556666:role/partner");
}

// Declared accounts and accounts no policy names add nothing; a statement that names a partner
// but grants nothing it reads leaves the invariant holding.
TEST(PartnerAccounts, OnlyNamedUndeclaredAccountsAreAdded_PrincipalElement) {
  std::string doc = world(R"json({"Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::444455556666:root", "111122223333"]},
      "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data"})json");
  EXPECT_TRUE(considers(doc, kPartnerUser));
  EXPECT_FALSE(considers(doc, "arn:aws:iam::555566667777:user/accesspath-undeclared"));
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario);
  auto all = considered_principals(r.scenario->world);
  EXPECT_EQ(
      std::count(all.begin(), all.end(), "arn:aws:iam::111122223333:user/accesspath-undeclared"),
      1);
  EXPECT_EQ(verdict(doc).holds, std::optional<bool>(true));
}

}  // namespace
}  // namespace accesspath::rules
