// properties::explore: a violation planted one edit away is found within a
// bounded number of cases and shrunk to exactly that edit; the write-up replays
// under `check`; the same seed gives the same result; a team that may change
// nothing finds nothing; bad options are errors naming the option.
#include <gtest/gtest.h>

#include "model/analysis/check.h"
#include "model/world/scenario.h"
#include "properties/edit_permissions.h"
#include "properties/explore.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

// The bucket policy is all that keeps the intern (whose IAM policy allows s3:GetObject) out;
// the admin may delete or rewrite it. Deleting it is the single edit that breaks the invariant.
constexpr const char* kPlanted = R"({
  "format": 1, "name": "planted",
  "accounts": [{"id": "111111111111"}],
  "principals": [
    {"arn": "arn:aws:iam::111111111111:role/admin",
     "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Action": ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], "Resource": "arn:aws:s3:::data"}]}],
     "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}},
    {"arn": "arn:aws:iam::111111111111:user/intern",
     "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]}]}
  ],
  "buckets": [{"name": "data", "account": "111111111111", "region": "us-east-1",
    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
      "Condition": {"StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/reader"}}}]},
    "objects": [{"key": "report.csv", "sse": "AES256"}]}],
  "invariants": [{"name": "the intern never reads", "action": "s3:GetObject",
    "resource": "arn:aws:s3:::data/*", "never": ["arn:aws:iam::111111111111:user/intern"]}]
})";

constexpr const char* kAdmin = "arn:aws:iam::111111111111:role/admin";
constexpr const char* kIntern = "arn:aws:iam::111111111111:user/intern";

Scenario planted() {
  LoadResult r = load_scenario(json::parse(kPlanted), "planted.json");
  EXPECT_TRUE(r.scenario);
  return *r.scenario;
}

ExploreOptions options_for(std::vector<std::string> team) {
  ExploreOptions o;
  o.team = std::move(team);
  o.cases = 200;
  o.seed = 1;
  o.max_edits = 3;
  return o;
}

// The same world with a `lead` user who may change nothing itself but may assume the admin
// role (and the role trusts it): the lead's edits are the admin's, but only when explore
// follows the roles the team can assume.
std::string with_lead() {
  json doc = json::parse(kPlanted);
  for (auto& p : doc["principals"])
    if (p["arn"] == kAdmin)
      p["trust_policy"]["Statement"].push_back(
          {{"Effect", "Allow"},
           {"Principal", {{"AWS", "arn:aws:iam::111111111111:user/lead"}}},
           {"Action", "sts:AssumeRole"}});
  doc["principals"].push_back(
      {{"arn", "arn:aws:iam::111111111111:user/lead"},
       {"policies", json::array({{{"Version", "2012-10-17"},
                                  {"Statement", json::array({{{"Effect", "Allow"},
                                                              {"Action", "sts:AssumeRole"},
                                                              {"Resource", kAdmin}}})}}})}});
  return doc.dump();
}

TEST(Explore, FollowsTheRolesTheTeamCanAssumeOnlyWhenAsked) {
  LoadResult loaded = load_scenario(json::parse(with_lead()), "lead.json");
  ASSERT_TRUE(loaded.scenario);
  const std::string lead = "arn:aws:iam::111111111111:user/lead";

  std::vector<Actor> acting = team_acting_as(loaded.scenario->world, {lead}, true);
  ASSERT_EQ(acting.size(), 2u);
  EXPECT_EQ(acting[1].arn, kAdmin);
  EXPECT_EQ(acting[1].assumed_by, lead);
  EXPECT_EQ(team_acting_as(loaded.scenario->world, {lead}, false).size(), 1u);

  ExploreResult alone = explore(*loaded.scenario, options_for({lead}));
  EXPECT_FALSE(alone.finding) << "the lead may change nothing as itself";
  EXPECT_TRUE(alone.targets.empty());

  ExploreOptions o = options_for({lead});
  o.follow_roles = true;
  ExploreResult r = explore(*loaded.scenario, o);
  ASSERT_TRUE(r.finding) << "no violation within " << r.cases_run << " cases";
  ASSERT_EQ(r.finding->edits.size(), 1u);
  EXPECT_EQ(r.finding->edits[0].kind, TeamEditKind::kDeleteBucketPolicy);
  EXPECT_EQ(r.finding->actors[0], kAdmin);
  EXPECT_EQ(r.finding->assumed_by[0], lead);
  EXPECT_NE(describe(r.finding->edits[0], r.finding->actors[0], r.finding->assumed_by[0])
                .find("admin (assumed by lead)"),
            std::string::npos);
  EXPECT_NE(r.finding->scenario["description"].get<std::string>().find("assumed by lead"),
            std::string::npos);
}

TEST(Explore, FindsThePlantedViolationAndShrinksItToTheSingleEdit) {
  Scenario s = planted();
  ExploreResult r = explore(s, options_for({kAdmin}));
  ASSERT_TRUE(r.finding) << "no violation within " << r.cases_run << " cases";
  const ExploreFinding& f = *r.finding;
  EXPECT_LE(f.found_at_case, 200u);
  ASSERT_EQ(f.edits.size(), 1u) << describe(f.edits.back(), f.actors.back());
  EXPECT_EQ(f.edits[0].kind, TeamEditKind::kDeleteBucketPolicy);
  EXPECT_EQ(f.edits[0].target, "data");
  EXPECT_EQ(f.actors[0], kAdmin);
  EXPECT_EQ(f.invariant, "the intern never reads");
  EXPECT_EQ(r.unconfirmed, 0u);

  // The write-up replays: it loads, and check passes with the invariant recorded as violated.
  LoadResult w = load_scenario(f.scenario, "explored.json");
  ASSERT_TRUE(w.scenario);
  ASSERT_EQ(w.scenario->invariants.size(), 1u);
  EXPECT_FALSE(w.scenario->invariants[0].expect_holds);
  EXPECT_FALSE(w.scenario->world.buckets[0].policy);
  EXPECT_TRUE(check_scenario(*w.scenario).ok());
  EXPECT_FALSE(w.scenario->expectations.empty());
}

TEST(Explore, TheSameSeedGivesTheSameResult) {
  Scenario s = planted();
  ExploreOptions o = options_for({kAdmin});
  o.seed = 42;
  ExploreResult a = explore(s, o), b = explore(s, o);
  ASSERT_TRUE(a.finding && b.finding);
  EXPECT_EQ(a.finding->found_at_case, b.finding->found_at_case);
  EXPECT_EQ(a.finding->edits_before_shrinking, b.finding->edits_before_shrinking);
  EXPECT_EQ(a.finding->scenario, b.finding->scenario);
  EXPECT_EQ(a.edits_checked, b.edits_checked);
}

TEST(Explore, ATeamThatMayChangeNothingFindsNothing) {
  Scenario s = planted();
  ExploreResult r = explore(s, options_for({kIntern}));
  EXPECT_FALSE(r.finding);
  EXPECT_TRUE(r.targets.empty());
  EXPECT_EQ(r.cases_run, 0u);
  EXPECT_EQ(r.searched, std::vector<std::string>{"the intern never reads"});
}

TEST(Explore, OnlyEditsTheTeamsPermissionsAllow) {
  Scenario s = planted();
  EditTargets t = permitted_edit_targets(s.world, {kAdmin});
  EXPECT_EQ(t.bucket_policies, std::vector<std::string>{"data"});
  EXPECT_EQ(t.bucket_policy_deletes, std::vector<std::string>{"data"});
  EXPECT_TRUE(t.bucket_encryptions.empty());  // no s3:PutEncryptionConfiguration
  EXPECT_TRUE(t.inline_policies.empty() && t.trust_policies.empty());
}

TEST(Explore, StopsWhenAskedAndReportsIt) {
  Scenario s = planted();
  ExploreOptions o = options_for({kAdmin});
  o.should_stop = [] { return true; };
  ExploreResult r = explore(s, o);
  EXPECT_TRUE(r.stopped);
  EXPECT_FALSE(r.finding);
}

TEST(Explore, BadOptionsNameTheOption) {
  Scenario s = planted();
  EXPECT_TRUE(team_matching(s.world, "nobody-*").empty());
  EXPECT_EQ(team_matching(s.world, "adm*"), std::vector<std::string>{kAdmin});
  EXPECT_EQ(team_matching(s.world, "arn:aws:iam::111111111111:user/*"),
            std::vector<std::string>{kIntern});
  auto no_team = validate(s, options_for({}));
  ASSERT_TRUE(no_team);
  EXPECT_EQ(no_team->option, "--team");
  ExploreOptions o = options_for({kAdmin});
  o.invariants = {"no such invariant"};
  auto unknown = validate(s, o);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->option, "--invariant");
  EXPECT_NE(unknown->message.find("the intern never reads"), std::string::npos);
  EXPECT_FALSE(validate(s, options_for({kAdmin})));
}

}  // namespace
}  // namespace accesspath::properties
