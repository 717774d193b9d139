// The evaluation memo (model/services/evaluation_memo.h) never changes an answer: the
// same requests and invariants, decided with and without it, across a chain of
// team edits that share one memo (as explore shares it across a whole search).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/analysis/access_paths.h"
#include "model/services/evaluation_memo.h"
#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "properties/properties.h"
#include "properties/team_edit.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

World load_world(const json& doc) {
  LoadResult r = load_scenario(doc, "generated.json");
  if (!r.scenario) RC_FAIL("the generated scenario does not load\n" + doc.dump(2));
  return r.scenario->world;
}

bool allowed(const World& w, const Request& r) {
  return evaluate(w, r, {.explain = false}).allowed;
}

RC_GTEST_PROP(EvaluationMemo, AnswersAsWithoutItAcrossEdits, ()) {
  WorldDoc w = *gen_world_doc();
  auto edits = *rc::gen::container<std::vector<TeamEdit>>(3, gen_team_edit(w.doc, {}));
  auto requests = *rc::gen::container<std::vector<Request>>(6, gen_request(w.doc));
  World base = load_world(w.doc);
  std::vector<World> worlds = {base};
  for (const auto& e : edits) {
    World next = worlds.back();
    if (properties::apply(e, next)) worlds.push_back(std::move(next));
  }
  worlds.push_back(base);  // back to the start: answers from before the edits come back
  EvaluationMemo memo;
  for (std::size_t i = 0; i < worlds.size(); ++i)
    for (const auto& r : requests) {
      bool plain = allowed(worlds[i], r);
      ScopedEvaluationMemo use(memo);
      if (allowed(worlds[i], r) != plain)
        RC_FAIL("world " + std::to_string(i) + " (after " + std::to_string(i) +
                " edits): the memo answers otherwise for\n" + rc::toString(r));
    }
  RC_CLASSIFY(memo.hits() > 0, "some answers reused");
}

// Everything the evaluation reads is part of the key, the world facts too: two worlds that differ
// only in a bucket's tags, its ABAC status or an account's organization never share an answer.
TEST(EvaluationMemo, TagsAbacAndOrganizationsArePartOfTheKey) {
  const json doc = json::parse(R"json({"format": 1, "name": "facts",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666", "organization": "o-a1b2c3d4e5"}],
    "principals": [{"arn": "arn:aws:iam::444455556666:user/partner", "policies": [{
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "buckets": [{"name": "data", "account": "111122223333", "region": "us-east-1",
      "tags": {"team": "data"}, "abac": true, "objects": [{"key": "a.csv"}],
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:ListBucket",
         "Resource": "arn:aws:s3:::data",
         "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}},
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::data/*",
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}}]})json");
  const World base = load_scenario(doc, "facts.json").scenario->world;
  World retagged = base, abac_off = base, left_org = base;
  retagged.buckets[0].tags["team"] = "ops";
  abac_off.buckets[0].abac = false;
  left_org.accounts[1].organization = "o-other00000";
  Request list{
      "arn:aws:iam::444455556666:user/partner", "s3:ListBucket", "arn:aws:s3:::data", {}, {}};
  Request get{list.principal, "s3:GetObject", "arn:aws:s3:::data/a.csv", {}, {}};
  EvaluationMemo memo;
  ScopedEvaluationMemo use(memo);
  EXPECT_TRUE(allowed(base, list));
  EXPECT_FALSE(allowed(retagged, list));
  EXPECT_FALSE(allowed(abac_off, list));
  EXPECT_TRUE(allowed(base, get));
  EXPECT_FALSE(allowed(left_org, get));
  EXPECT_TRUE(allowed(base, list));  // and the first answers still come back
  EXPECT_GT(memo.hits(), 0u);
}

// A hit needs the full key to be equal, not only its digest: with every digest forced equal,
// distinct questions still never share an answer.
RC_GTEST_PROP(EvaluationMemo, DistinctQuestionsNeverShareAnAnswerEvenWhenDigestsCollide, ()) {
  WorldDoc w = *gen_world_doc();
  auto requests = *rc::gen::container<std::vector<Request>>(8, gen_request(w.doc));
  World world = load_world(w.doc);
  EvaluationMemo memo;
  memo.collide_digests_for_testing();
  for (int round = 0; round < 2; ++round)
    for (const auto& r : requests) {
      bool plain = allowed(world, r);
      ScopedEvaluationMemo use(memo);
      if (allowed(world, r) != plain) RC_FAIL("the memo answers otherwise for\n" + rc::toString(r));
    }
}

TEST(EvaluationMemo, AHitNeedsTheFullKeyNotOnlyTheDigest) {
  World world;
  Request a;
  a.principal = "arn:aws:iam::111122223333:user/a";
  a.action = "s3:GetObject";
  a.resource = "arn:aws:s3:::b/one";
  Request b = a;
  b.resource = "arn:aws:s3:::b/two";
  Requester who;
  who.arn = a.principal;
  EvaluationMemo memo;
  memo.collide_digests_for_testing();
  ASSERT_EQ(memo.digest(world, who, a), memo.digest(world, who, b));
  EXPECT_FALSE(memo.find(world, who, a).has_value());
  memo.store(true);
  EXPECT_FALSE(memo.find(world, who, b).has_value());  // same digest, another question: a miss
  memo.store(false);
  EXPECT_EQ(memo.find(world, who, b), false);
  EXPECT_FALSE(memo.find(world, who, a).has_value());  // its answer made room for b's
  memo.store(true);
  EXPECT_EQ(memo.find(world, who, a), true);
  EXPECT_EQ(memo.hits(), 2u);
}

RC_GTEST_PROP(EvaluationMemo, InvariantsComeOutTheSameAfterAnEdit, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  std::vector<std::string> declared = v.users;
  declared.insert(declared.end(), v.roles.begin(), v.roles.end());
  RC_PRE(!declared.empty() && !v.buckets.empty());
  Invariant inv;
  inv.name = "generated";
  inv.action = *pick<std::string>({"s3:GetObject", "s3:PutObject"});
  inv.resource = "arn:aws:s3:::" + *pick(v.buckets) + "/*";
  inv.never = {*pick(declared)};
  TeamEdit e = *gen_team_edit(w.doc, {});
  World before = load_world(w.doc);
  World after = before;
  properties::apply(e, after);
  EvaluationMemo memo;
  for (const World* world : {&before, &after, &before}) {
    auto plain = check_invariant(*world, inv).holds;
    ScopedEvaluationMemo use(memo);
    RC_ASSERT(check_invariant(*world, inv).holds == plain);
  }
}

}  // namespace
}  // namespace accesspath::properties
