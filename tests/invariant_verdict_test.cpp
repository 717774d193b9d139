// invariant_verdict (model/analysis/invariant_verdict.h) gives check_invariant's answer:
// on every invariant of the bundled scenarios, and on generated worlds, edits
// and invariants.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/analysis/access_paths.h"
#include "model/analysis/invariant_verdict.h"
#include "model/world/scenario.h"
#include "properties/properties.h"
#include "tests/bundled_scenarios.h"

namespace accesspath {
namespace {

using nlohmann::json;

// S3 SSE-KMS, encryption context (rule 86): an object written under a bucket's S3 Bucket Key is
// read with the bucket ARN as its context. A key policy that allows decrypting only in that
// context lets alice read the objects she can write now (the bucket takes only k1): both checks
// say so (the written object keeps its Bucket Key in the world the reads are decided in).
TEST(InvariantVerdict, AWrittenObjectKeepsItsBucketKey_Rule86) {
  LoadResult r = load_scenario_text(R"json({
    "format": 1, "name": "written-under-a-bucket-key",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
         "Condition": {"StringEquals": {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::data-bucket"}}}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "RequireK1", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
                                            "arn:aws:kms:us-east-1:111122223333:key/k1"}}}]},
      "default_encryption": {"sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1",
                             "bucket_key": true}}],
    "invariants": [{"name": "alice never reads", "action": "s3:GetObject",
                    "resource": "arn:aws:s3:::data-bucket/*",
                    "never": ["arn:aws:iam::111122223333:user/alice"]}]
  })json",
                                    "bucket-key.json");
  ASSERT_TRUE(r.scenario);
  const Invariant& inv = r.scenario->invariants.at(0);
  InvariantOutcome checked = check_invariant(r.scenario->world, inv);
  EXPECT_EQ(checked.holds, std::optional<bool>(false)) << checked.reason;
  EXPECT_EQ(invariant_verdict(r.scenario->world, inv), std::optional<bool>(false));
}

#ifdef ACCESSPATH_SOURCE_DIR
TEST(InvariantVerdict, AgreesWithCheckInvariantOnTheBundledScenarios) {
  int compared = 0;
  for (const auto& [file, scenario] : test_data::bundled_scenarios()) {
    World w = scenario.world;
    for (const auto& inv : scenario.invariants) {
      EXPECT_EQ(invariant_verdict(w, inv), check_invariant(scenario.world, inv).holds)
          << file << ": " << inv.name;
      ++compared;
    }
  }
  EXPECT_GT(compared, 10);
}
#endif

}  // namespace
}  // namespace accesspath

namespace accesspath::properties {
namespace {

RC_GTEST_PROP(InvariantVerdict, AgreesWithCheckInvariantAfterATeamEdit, ()) {
  WorldDoc doc = *gen_world_doc();
  Vocabulary v = vocabulary_of(doc.doc);
  std::vector<std::string> declared = v.users;
  declared.insert(declared.end(), v.roles.begin(), v.roles.end());
  RC_PRE(!declared.empty() && !v.buckets.empty());
  Invariant inv;
  inv.name = "generated";
  inv.action = *pick<std::string>(
      {"s3:GetObject", "s3:PutObject", "s3:Get*", "kms:Decrypt", "s3:PutBucketPolicy"});
  std::string bucket = *pick(v.buckets);
  std::string suffix = *pick<std::string>({"/*", "/x*", "*"});
  if (inv.action.rfind("kms:", 0) == 0)
    inv.resource = "arn:aws:kms:*";
  else if (inv.action == "s3:PutBucketPolicy")
    inv.resource = "arn:aws:s3:::" + bucket;
  else
    inv.resource = "arn:aws:s3:::" + bucket + suffix;
  inv.is_only = *chance(50);
  std::string listed = *pick(declared);
  if (inv.is_only)
    inv.only = {listed};
  else
    inv.never = {listed};
  LoadResult loaded = load_scenario(doc.doc, "generated.json");
  RC_ASSERT(loaded.scenario.has_value());
  World w = loaded.scenario->world;
  TeamEdit edit = *gen_team_edit(doc.doc, {});
  properties::apply(edit, w);
  auto expected = check_invariant(w, inv).holds;
  RC_TAG(expected == std::nullopt ? "undecided" : *expected ? "holds" : "violated");
  World copy = w;
  RC_ASSERT(invariant_verdict(copy, inv) == expected);
  for (std::size_t b = 0; b < w.buckets.size(); ++b)  // the written objects are gone again
    RC_ASSERT(copy.buckets[b].objects.size() == w.buckets[b].objects.size());
}

}  // namespace
}  // namespace accesspath::properties
