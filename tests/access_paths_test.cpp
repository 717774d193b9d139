// The access graph, path search and invariants on small hand-made worlds, and the law that
// a path exists exactly when the evaluator allows each of its steps.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "model/analysis/access_paths.h"
#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "tests/bundled_scenarios.h"
#include "tests/law_world.h"

namespace accesspath {
namespace {

// A counterexample step as a request, with the request context it needs.
Request replayed(const PathStep& step) {
  Request r{step.actor, step.action, step.target, {}, {}};
  add_needs_to_request(step.context, r.context, r.headers);
  return r;
}

// alice may assume `reader`; `reader` reads the SSE-KMS object; `admin` manages the bucket.
constexpr const char* kWorld = R"json({
  "format": 1, "name": "paths",
  "accounts": [{"id": "111111111111"}],
  "principals": [
    {"arn": "arn:aws:iam::111111111111:user/alice", "policies": [{"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/reader"}]}]},
    {"arn": "arn:aws:iam::111111111111:role/reader",
     "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}]},
     "policies": [{"Version": "2012-10-17", "Statement": [
      {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::data/*"}]}]},
    {"arn": "arn:aws:iam::111111111111:role/admin",
     "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]},
     "policies": [{"Version": "2012-10-17", "Statement": [
      {"Sid": "Manage", "Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]}]}]}],
  "buckets": [{"name": "data", "account": "111111111111", "region": "us-east-1",
    "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "RequireKms", "Effect": "Deny", "Principal": "*",
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data/*",
      "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
     {"Sid": "RequireKey", "Effect": "Deny", "Principal": "*",
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data/*",
      "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
        "arn:aws:kms:us-east-1:111111111111:key/k1"}}}]},
    "objects": [{"key": "secret.txt", "sse": "aws:kms",
                 "kms_key": "arn:aws:kms:us-east-1:111111111111:key/k1"}]}],
  "keys": [{"arn": "arn:aws:kms:us-east-1:111111111111:key/k1", "policy": {"Version": "2012-10-17", "Statement": [
    {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/reader"},
     "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}]}}]
})json";

constexpr const char* kAlice = "arn:aws:iam::111111111111:user/alice";
constexpr const char* kReader = "arn:aws:iam::111111111111:role/reader";
constexpr const char* kAdmin = "arn:aws:iam::111111111111:role/admin";
constexpr const char* kSecret = "arn:aws:s3:::data/secret.txt";

Scenario load(std::string_view text) {
  LoadResult r = load_scenario_text(text, "paths.json");
  for (const auto& d : r.diagnostics.items()) ADD_FAILURE() << d.to_string();
  return *r.scenario;
}

Invariant never(const std::string& who, bool escalation = false) {
  Invariant inv;
  inv.name = "never";
  inv.action = "s3:GetObject";
  inv.resource = "arn:aws:s3:::data/*";
  inv.never = {who};
  inv.via_escalation = escalation;
  return inv;
}

bool has_edge(const AccessGraph& g, const std::string& from, const std::string& to, EdgeKind kind) {
  auto f = g.find(from), t = g.find(to);
  if (!f || !t) return false;
  for (auto e : boost::make_iterator_range(boost::out_edges(*f, g.graph)))
    if (boost::target(e, g.graph) == *t && g.graph[e].kind == kind) return true;
  return false;
}

TEST(AccessGraph, EdgesAreWhatTheEvaluatorAllows) {
  Scenario s = load(kWorld);
  AccessGraph g = build_access_graph(s.world);
  EXPECT_TRUE(has_edge(g, kAlice, kReader, EdgeKind::kAssumeRole));
  EXPECT_FALSE(has_edge(g, kAlice, kAdmin, EdgeKind::kAssumeRole))
      << "alice has no sts:AssumeRole on admin";
  EXPECT_TRUE(has_edge(g, kReader, kSecret, EdgeKind::kRead));
  EXPECT_FALSE(has_edge(g, kAlice, kSecret, EdgeKind::kRead))
      << "alice reads only through the role";
  EXPECT_FALSE(has_edge(g, kAdmin, kSecret, EdgeKind::kRead))
      << "the key policy does not name admin";
  EXPECT_TRUE(has_edge(g, kAdmin, "arn:aws:s3:::data", EdgeKind::kAdmin));
  // Every considered outsider is a vertex (scenario contract, invariants).
  EXPECT_TRUE(g.find("anonymous").has_value());
  EXPECT_TRUE(g.find("arn:aws:iam::111111111111:user/accesspath-undeclared").has_value());
  // Each edge carries the statements that allowed it.
  auto f = g.find(kReader);
  for (auto e : boost::make_iterator_range(boost::out_edges(*f, g.graph)))
    if (g.graph[e].kind == EdgeKind::kRead) {
      const auto& st = g.graph[e].statements;
      EXPECT_TRUE(
          std::any_of(st.begin(), st.end(), [](const StatementRef& r) { return r.sid == "Read"; }));
      EXPECT_TRUE(
          std::any_of(st.begin(), st.end(), [](const StatementRef& r) { return r.sid == "Use"; }));
    }
}

TEST(AccessGraph, FromKeepsOnlyWhatThePrincipalReaches) {
  Scenario s = load(kWorld);
  AccessGraph g = build_access_graph(s.world, {.admin_edges = true, .from = std::string(kAlice)});
  EXPECT_TRUE(has_edge(g, kReader, kSecret, EdgeKind::kRead));
  EXPECT_FALSE(g.find(kAdmin).has_value());
}

TEST(Invariants, RoleChainIsFollowedEndToEnd) {
  Scenario s = load(kWorld);
  InvariantOutcome o = check_invariant(s.world, never(kAlice));
  ASSERT_EQ(o.holds, std::optional<bool>(false)) << o.reason;
  ASSERT_TRUE(o.counterexample);
  ASSERT_EQ(o.counterexample->steps.size(), 2u);
  EXPECT_EQ(o.counterexample->steps[0].kind, PathStep::Kind::kAssumeRole);
  EXPECT_EQ(o.counterexample->steps[0].target, kReader);
  EXPECT_EQ(o.counterexample->steps[1].kind, PathStep::Kind::kAccess);
  EXPECT_EQ(o.counterexample->steps[1].target, kSecret);
}

TEST(Invariants, KeyPolicyKeepsTheBucketAdminOut) {
  Scenario s = load(kWorld);
  InvariantOutcome o = check_invariant(s.world, never(kAdmin));
  EXPECT_EQ(o.holds, std::optional<bool>(true)) << o.reason;
  EXPECT_FALSE(o.counterexample);
}

TEST(Invariants, EscalationFindsThePolicyChangeThatOpensSseS3Uploads) {
  // The admin cannot decrypt, but it may rewrite the bucket policy: without the deny, the reader's
  // uploads without headers land under SSE-S3 (the default), which the admin reads without a key.
  Scenario s = load(kWorld);
  InvariantOutcome o = check_invariant(s.world, never(kAdmin, /*escalation=*/true));
  ASSERT_EQ(o.holds, std::optional<bool>(false)) << o.reason;
  const auto& steps = o.counterexample->steps;
  ASSERT_GE(steps.size(), 3u);
  EXPECT_EQ(steps.front().kind, PathStep::Kind::kChangePolicy);
  EXPECT_EQ(steps.front().action, "s3:PutBucketPolicy");
  auto write = std::find_if(steps.begin(), steps.end(), [](const PathStep& p) {
    return p.kind == PathStep::Kind::kWriteObject;
  });
  ASSERT_NE(write, steps.end());
  EXPECT_EQ(write->actor, kReader) << "the counterexample prefers another principal's data";
  EXPECT_NE(write->detail.find("SSE-S3"), std::string::npos);
  EXPECT_EQ(steps.back().kind, PathStep::Kind::kAccess);
  EXPECT_EQ(steps.back().actor, kAdmin);
}

TEST(Invariants, RequiringAwsKmsWithoutTheKeyLetsUploadsLandUnderAwsS3) {
  // Without the key-id requirement, an upload with `aws:kms` and no key id uses the AWS managed
  // key aws/s3, which every principal of the account may use through S3: the admin reads it.
  std::string text = kWorld;
  std::size_t at = text.find(R"(,
     {"Sid": "RequireKey")");
  ASSERT_NE(at, std::string::npos);
  std::size_t end = text.find("}}}]},", at);
  text.erase(at, end + 3 - at);
  Scenario s = load(text);
  InvariantOutcome o = check_invariant(s.world, never(kAdmin));
  ASSERT_EQ(o.holds, std::optional<bool>(false)) << o.reason;
  const auto& steps = o.counterexample->steps;
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].kind, PathStep::Kind::kWriteObject);
  EXPECT_NE(steps[0].detail.find("aws-s3"), std::string::npos) << steps[0].detail;
  EXPECT_EQ(steps[1].actor, kAdmin);
}

TEST(Invariants, OnlyListsEveryoneElse) {
  Scenario s = load(kWorld);
  Invariant inv = never(kAlice);
  inv.never.clear();
  inv.is_only = true;
  inv.only = {kReader};
  InvariantOutcome o = check_invariant(s.world, inv);
  ASSERT_EQ(o.holds, std::optional<bool>(false));
  EXPECT_EQ(o.counterexample->start, kAlice);
  inv.only = {kReader, kAlice};
  EXPECT_EQ(check_invariant(s.world, inv).holds, std::optional<bool>(true));
}

TEST(Invariants, PatternMatchingNothingWarnsInsteadOfSilentlyHolding) {
  Scenario s = load(kWorld);
  Invariant inv = never(kAdmin);
  inv.resource = "arn:aws:s3:::no-such-bucket/*";
  InvariantOutcome o = check_invariant(s.world, inv);
  EXPECT_EQ(o.holds, std::optional<bool>(true));
  ASSERT_FALSE(o.warnings.empty());
  EXPECT_NE(o.warnings.front().find("matches nothing"), std::string::npos);
}

TEST(Invariants, LoaderRejectsPrincipalPatternsThatNameNobodyAndUnknownActions) {
  nlohmann::json doc = nlohmann::json::parse(kWorld);
  doc["invariants"] = {{{"name", "typo"},
                        {"action", "s3:GetObject"},
                        {"resource", "arn:aws:s3:::data/*"},
                        {"never", {"arn:aws:iam::111111111111:role/reeder"}}},
                       {{"name", "bad action"},
                        {"action", "s3:ReadObject"},
                        {"resource", "arn:aws:s3:::data/*"},
                        {"never", {kAdmin}}}};
  LoadResult r = load_scenario(doc, "x.json");
  EXPECT_FALSE(r.scenario);
  bool pattern = false, action = false;
  for (const auto& d : r.diagnostics.items()) {
    pattern |= d.pointer == "/invariants/0/never/0" &&
               d.message.find("names no principal") != std::string::npos;
    action |= d.pointer == "/invariants/1/action";
  }
  EXPECT_TRUE(pattern);
  EXPECT_TRUE(action);
}

TEST(WhoCan, EveryPrincipalWithItsShortestPath) {
  Scenario s = load(kWorld);
  Invariant q = never(kAdmin);
  auto found = who_can(s.world, q);
  std::vector<std::string> who;
  for (const auto& f : found) who.push_back(f.principal);
  EXPECT_EQ(who, (std::vector<std::string>{kAlice, kReader}));
}

#ifdef ACCESSPATH_SOURCE_DIR
// who_can works the targets out once for every principal; it must name exactly the principals
// for which `never: [principal]` is violated, as check_invariant decides it one at a time.
TEST(WhoCan, NamesExactlyThePrincipalsCheckInvariantFindsOnTheBundledScenarios) {
  int compared = 0;
  for (const auto& [file, scenario] : test_data::bundled_scenarios()) {
    for (const auto& inv : scenario.invariants) {
      if (inv.via_escalation) continue;
      std::vector<std::string> found, expected;
      for (const auto& f : who_can(scenario.world, inv)) found.push_back(f.principal);
      for (const auto& p : considered_principals(scenario.world)) {
        Invariant one = inv;
        one.is_only = false;
        one.only.clear();
        one.never = {p};
        if (check_invariant(scenario.world, one).holds == false) expected.push_back(p);
      }
      EXPECT_EQ(found, expected) << file << ": " << inv.name;
      ++compared;
    }
  }
  EXPECT_GT(compared, 10);
}
#endif

// Law: a path exists exactly when the evaluator allows each of its steps. Every step of every
// path found is allowed; every principal the evaluator allows directly, or that can assume a
// role which can, is found.
RC_GTEST_PROP(AccessPathLaws, PathExistsExactlyWhenEachStepIsAllowed, ()) {
  using namespace laws;
  World w = load_world(*gen_world_doc());
  Invariant q;
  q.action = "s3:GetObject";
  q.resource = "arn:aws:s3:::data/*";
  auto found = who_can(w, q);
  std::set<std::string> can;
  for (const auto& f : found) {
    can.insert(f.principal);
    for (const auto& step : f.path.steps) {
      if (step.kind != PathStep::Kind::kAssumeRole)
        continue;  // reads of written objects need the new object
      RC_ASSERT(evaluate(w, replayed(step), {.explain = false}).allowed);
    }
    const PathStep& last = f.path.steps.back();
    if (last.target == kObjKms || last.target == kObjS3)
      RC_ASSERT(evaluate(w, replayed(last), {.explain = false}).allowed);
  }
  for (const auto& p : considered_principals(w)) {
    for (const char* obj : {kObjKms, kObjS3})
      if (evaluate(w, {p, "s3:GetObject", obj, {}, {}}, {.explain = false}).allowed)
        RC_ASSERT(can.count(p) == 1u);
    if (can.count(kRole) &&
        evaluate(w, {p, "sts:AssumeRole", kRole, {}, {}}, {.explain = false}).allowed)
      RC_ASSERT(can.count(p) == 1u);
  }
}

}  // namespace
}  // namespace accesspath
