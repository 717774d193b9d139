// Rule tests, the policy language version (model/policy/policy.cpp, `Version`; model/SEMANTICS.md,
// rule 14 and reading U17). IAM JSON policy elements: Version
// (IAM/reference_policies_elements_version.html): "IAM supports the following Version element
// values: 2012-10-17 ... 2008-10-17", the old one seen "on older existing policies", with policy
// variables as literal text. No AWS page says IAM refuses 2008-10-17 in an identity policy, so an
// export holding one must load: in an identity policy (inline or managed), a bucket policy and a
// key policy alike; any other value is refused at `/Version`.
#include <string>

#include <gtest/gtest.h>

#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kKey =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

// Alice with an inline and a managed identity policy, a bucket policy and a key policy, all of
// language version VERSION, each allowing alice one action with a literal `${aws:username}`.
std::string world(std::string_view version) {
  std::string doc = R"json({
    "format": 1, "name": "version", "accounts": [{"id": "111122223333"}],
    "managed_policies": {"arn:aws:iam::111122223333:policy/old": {"Version": VERSION,
      "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
                     "Resource": "arn:aws:s3:::data-bucket/${aws:username}/*"}]}},
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": VERSION, "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                          "Resource": "arn:aws:s3:::data-bucket/${aws:username}/*"}]},
      "arn:aws:iam::111122223333:policy/old"]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": VERSION, "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:ListBucket",
        "Resource": "arn:aws:s3:::data-bucket"}]}}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "policy": {"Version": VERSION, "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:DescribeKey",
        "Resource": "*"}]}}]
  })json";
  return replace(doc, "VERSION", version);
}

TEST(RulesGrammar, OldVersion2008LoadsInIdentityBucketAndKeyPolicies_Rule14_U17) {
  LoadResult r = load(world("\"2008-10-17\""));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  for (const auto& d : r.diagnostics.items())
    EXPECT_EQ(d.pointer.find("/Version"), std::string::npos) << d.to_string();
  const World& w = r.scenario->world;
  // Variables are literal text under 2008-10-17 (rule 14), in inline and managed policies alike.
  EXPECT_TRUE(denies(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/alice/x"));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", "arn:aws:s3:::data-bucket/${aws:username}/x"));
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", "arn:aws:s3:::data-bucket/alice/x"));
  // The bucket and key policies act as under 2012-10-17.
  EXPECT_TRUE(allows(w, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
  EXPECT_TRUE(allows(w, kAlice, "kms:DescribeKey", kKey));
}

TEST(RulesGrammar, VersionOtherThanTheTwoIamSupportsIsRefused_Rule14_U17) {
  for (std::string_view bad : {"\"2012-10-18\"", "\"2008\"", "20121017", "\"\""}) {
    LoadResult r = load(world(bad));
    EXPECT_FALSE(r.scenario) << bad;
    for (std::string_view at : {"/managed_policies/arn:aws:iam::111122223333:policy~1old/Version",
                                "/principals/0/policies/0/Version", "/buckets/0/policy/Version",
                                "/keys/0/policy/Version"})
      EXPECT_TRUE(has_diagnostic(r.diagnostics, at, Severity::kError, "`Version` must be"))
          << bad << " " << at << "\n"
          << describe(r.diagnostics);
  }
}

}  // namespace
}  // namespace accesspath::rules
