// The indexed access graph builder skips only questions the evaluator would certainly deny:
// on generated organisations, on random small worlds and on every bundled scenario it gives the
// exhaustive builder's graph exactly (same vertices, same edges in the same order, same
// statements), and the readers of each bucket it gives are those the evaluator gives when
// asked about every principal, role chain and object.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <sstream>

#include "model/analysis/access_graph_builder.h"
#include "model/analysis/access_graph_exhaustive.h"
#include "model/analysis/access_paths.h"
#include "model/analysis/bucket_readers.h"
#include "model/analysis/invariant_verdict.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"
#include "tests/bundled_scenarios.h"
#include "tests/law_world.h"
#include "tools/orggen/org_generator.h"

namespace accesspath {
namespace {

// Every vertex, then every vertex's out-edges in order, as text: equal texts, equal graphs.
std::string describe(const AccessGraph& g) {
  std::ostringstream out;
  for (auto v : boost::make_iterator_range(boost::vertices(g.graph))) {
    const AccessVertex& x = g.graph[v];
    out << "V " << to_string(x.kind) << " " << x.id << " | " << x.label << " | " << x.account
        << " | " << x.detail << "\n";
  }
  for (auto v : boost::make_iterator_range(boost::vertices(g.graph)))
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g.graph))) {
      const AccessEdge& a = g.graph[e];
      out << "E " << g.graph[v].id << " -> " << g.graph[boost::target(e, g.graph)].id << " "
          << to_string(a.kind) << " " << a.action << " | " << a.detail << " |";
      for (const auto& s : a.statements)
        out << " [" << s.policy << "/" << s.sid << "/" << s.pointer << "/" << s.via << "]";
      out << "\n";
    }
  return out.str();
}

// The readers of each bucket, asking the evaluator about everything: every role chain from
// every considered principal, every declared object.
std::vector<std::vector<std::string>> readers_exhaustively(const World& w) {
  std::vector<std::vector<std::string>> out(w.buckets.size());
  for (const auto& start : considered_principals(w)) {
    auto who = resolve_requester(w, start);
    if (!who) continue;
    std::vector<std::pair<std::string, Requester>> identities{{start, *who}};
    std::set<std::string> seen{start};
    for (std::size_t i = 0; i < identities.size(); ++i)
      for (const auto& role : w.principals) {
        if (role.kind != PrincipalKind::kRole || seen.count(role.arn)) continue;
        Request assume{
            identities[i].first, assume_role_action(identities[i].second), role.arn, {}, {}};
        if (!allowed_in_some_context(w, identities[i].second, assume)) continue;
        seen.insert(role.arn);
        identities.emplace_back(role.arn, *resolve_requester(w, role.arn));
      }
    for (std::size_t b = 0; b < w.buckets.size(); ++b) {
      bool reads = false;
      for (const auto& [principal, as] : identities)
        for (const auto& o : w.buckets[b].objects)
          reads = reads ||
                  allowed_in_some_context(
                      w, as, {principal, "s3:GetObject", w.buckets[b].arn() + "/" + o.key, {}, {}})
                      .has_value();
      if (reads) out[b].push_back(start);
    }
  }
  for (auto& r : out) std::sort(r.begin(), r.end());
  return out;
}

void expect_same_answers(const World& w, const std::string& what) {
  for (bool admin : {true, false}) {
    AccessGraph indexed = build_access_graph(w, {.admin_edges = admin, .from = std::nullopt});
    AccessGraph exhaustive =
        build_access_graph_exhaustive(w, {.admin_edges = admin, .from = std::nullopt});
    ASSERT_EQ(describe(indexed), describe(exhaustive)) << what << (admin ? "" : " without admin");
    if (admin) {
      EXPECT_EQ(readers_per_bucket(w, indexed).readers, readers_exhaustively(w)) << what;
    }
  }
}

Scenario generated(const orggen::OrgShape& shape) {
  LoadResult r = load_scenario(orggen::generate_org(shape), "generated.json");
  for (const auto& d : r.diagnostics.items())
    if (d.severity == Severity::kError) ADD_FAILURE() << d.to_string();
  return std::move(*r.scenario);
}

TEST(OrgGenerator, GivesTheShapeAskedForAndLoadsWithoutErrors) {
  orggen::OrgShape shape = orggen::OrgShape::for_principals(300, 7);
  Scenario s = generated(shape);
  EXPECT_EQ(s.world.principals.size(), 300u);
  EXPECT_EQ(s.world.buckets.size(), 60u);
  std::size_t customer_keys = 0;
  for (const auto& k : s.world.keys) customer_keys += k.synthesized ? 0 : 1;
  EXPECT_EQ(customer_keys, 15u);
  EXPECT_GE(s.world.accounts.size(), 2u);
  // Its expectations hold (the file is a usable scenario, not only a world).
  for (const auto& e : s.expectations)
    EXPECT_EQ(evaluate(s.world, e.request, {.explain = false}).allowed, e.expect_allow) << e.why;
}

// who_can on an organisation with many roles (its role chains go through the candidate index)
// names exactly the principals for which invariant_verdict, which asks every AssumeRole
// question, finds `never: [principal]` violated.
TEST(WhoCan, AgreesWithTheVerdictOfEachPrincipalOnAGeneratedOrganisation) {
  Scenario s = generated(orggen::OrgShape::for_principals(120, 5));
  std::size_t roles = 0;
  for (const auto& p : s.world.principals) roles += p.kind == PrincipalKind::kRole ? 1 : 0;
  ASSERT_GE(roles, 16u) << "enough roles for the indexed role chains";
  Invariant query;
  query.name = "who";
  query.action = "s3:GetObject";
  query.resource = "arn:aws:s3:::" + s.world.buckets.front().name + "/*";
  std::vector<std::string> found, expected;
  for (const auto& f : who_can(s.world, query)) found.push_back(f.principal);
  World w = s.world;
  for (const auto& p : considered_principals(s.world)) {
    Invariant one = query;
    one.never = {p};
    if (invariant_verdict(w, one) == false) expected.push_back(p);
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(found, expected);
}

TEST(OrgGenerator, IsDeterministicPerSeed) {
  auto a = orggen::generate_org(orggen::OrgShape::for_principals(120, 3)).dump();
  auto b = orggen::generate_org(orggen::OrgShape::for_principals(120, 3)).dump();
  auto c = orggen::generate_org(orggen::OrgShape::for_principals(120, 4)).dump();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

// Small generated organisations: every shape of policy the generator writes, across seeds.
class IndexedGraphOnGeneratedOrgs : public testing::TestWithParam<int> {};

TEST_P(IndexedGraphOnGeneratedOrgs, EqualsTheExhaustiveGraphAndReaders) {
  const int seed = GetParam();
  orggen::OrgShape shape;
  shape.seed = static_cast<std::uint64_t>(seed);
  shape.principals = 10 + (seed * 7) % 50;
  shape.accounts = 2 + seed % 3;
  shape.buckets = 3 + seed % 9;
  shape.keys = 1 + seed % 5;
  Scenario s = generated(shape);
  expect_same_answers(s.world, "seed " + std::to_string(seed));
}

INSTANTIATE_TEST_SUITE_P(Seeds, IndexedGraphOnGeneratedOrgs, testing::Range(1, 41));

// Large enough to be split across threads (blocks of requesters taken in turn): the graph is
// still the exhaustive one, in the same order.
TEST(IndexedGraph, EqualsTheExhaustiveGraphWhenAskedFromSeveralThreads) {
  Scenario s = generated(orggen::OrgShape::for_principals(300, 11));
  const GraphOptions options{.admin_edges = true, .from = std::nullopt};
  std::string exhaustive = describe(build_access_graph_exhaustive(s.world, options));
  for (std::size_t threads : {1u, 3u})
    EXPECT_EQ(describe(build_access_graph_with_threads(s.world, options, threads)), exhaustive)
        << threads << " threads";
}

// Every bundled scenario: the hand-written policies of the training set.
TEST(IndexedGraph, EqualsTheExhaustiveGraphOnEveryBundledScenario) {
  int checked = 0;
  for (const auto& [file, scenario] : test_data::bundled_scenarios()) {
    expect_same_answers(scenario.world, file);
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

// Random policies (NotAction, NotResource, wildcards, conditions, cross-account principals).
RC_GTEST_PROP(IndexedGraph, EqualsTheExhaustiveGraphOnRandomWorlds, ()) {
  World w = laws::load_world(*laws::gen_world_doc());
  for (bool admin : {true, false})
    RC_ASSERT(
        describe(build_access_graph(w, {.admin_edges = admin, .from = std::nullopt})) ==
        describe(build_access_graph_exhaustive(w, {.admin_edges = admin, .from = std::nullopt})));
  RC_ASSERT(readers_per_bucket(w, build_access_graph(w)).readers == readers_exhaustively(w));
}

}  // namespace
}  // namespace accesspath
