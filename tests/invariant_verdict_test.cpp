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
