// The generators of the property library that properties_test.cpp does not cover
// on their own: names, condition blocks, principal elements, statements,
// skeletons, requesters, edits of given targets, edits applied to a loaded world,
// and labeled datasets. Each makes valid input (loads, parses for its place).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/analysis/check.h"
#include "model/core/arn.h"
#include "model/services/evaluator.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"
#include "properties/properties.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

std::string errors_of(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError) out += "\n  " + d.to_string();
  return out;
}

std::optional<Scenario> load(const json& doc) {
  LoadResult r = load_scenario(doc, "generated.json");
  if (!r.scenario) RC_FAIL("does not load:" + errors_of(r.diagnostics) + "\n" + doc.dump(2));
  return r.scenario;
}

PolicyUse any_use() {
  return *pick<PolicyUse>({PolicyUse::kIdentity, PolicyUse::kBoundary, PolicyUse::kBucket,
                           PolicyUse::kKey, PolicyUse::kTrust, PolicyUse::kScp, PolicyUse::kRcp});
}

// A policy of one statement parses for `use` without errors.
void statement_parses(const json& statement, PolicyUse use) {
  json policy = {{"Version", "2012-10-17"}, {"Statement", json::array({statement})}};
  Diagnostics diags;
  parse_policy(policy, "", to_policy_kind(use), diags);
  RC_TAG(std::string(to_string(use)));
  if (diags.has_errors()) RC_FAIL(errors_of(diags) + "\n" + statement.dump(2));
}

RC_GTEST_PROP(PropertiesGeneratorsNames, ExactArnsParseAndHaveNoWildcards, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  ArnKind kind = *pick<ArnKind>({ArnKind::kUser, ArnKind::kRole, ArnKind::kRoot, ArnKind::kSession,
                                 ArnKind::kPrincipal, ArnKind::kBucket, ArnKind::kObject,
                                 ArnKind::kKey, ArnKind::kKeyAlias});
  std::string arn = *gen_arn(v, kind);
  RC_ASSERT(parse_arn(arn).has_value());
  RC_ASSERT(arn.find('*') == std::string::npos);
  if (kind == ArnKind::kUser || kind == ArnKind::kRole || kind == ArnKind::kSession ||
      kind == ArnKind::kPrincipal || kind == ArnKind::kRoot)
    RC_ASSERT(resolve_requester(load(w.doc)->world, arn).has_value());
}

RC_GTEST_PROP(PropertiesGeneratorsNames, ActionsAndResourcesParseInAStatement, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  PolicyUse use = *pick<PolicyUse>({PolicyUse::kIdentity, PolicyUse::kBoundary, PolicyUse::kScp});
  json statement = {{"Effect", "Allow"},
                    {"Action", *gen_action(use)},
                    {"Resource", *gen_resource_pattern(v, use, "")}};
  statement_parses(statement, use);
}

RC_GTEST_PROP(PropertiesGeneratorsConditions, ConditionBlocksParseWithGeneratedOperators, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  json block = *gen_condition_block(v, PolicyUse::kIdentity);
  for (const auto& [op, clause] : block.items()) {
    RC_ASSERT(is_generated_condition_operator(op));
    RC_ASSERT(clause.is_object() && !clause.empty());
  }
  statement_parses(
      {{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}, {"Condition", block}},
      PolicyUse::kIdentity);
}

RC_GTEST_PROP(PropertiesGeneratorsPolicies, PrincipalElementsParseInResourcePolicies, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  PolicyUse use = *pick<PolicyUse>({PolicyUse::kBucket, PolicyUse::kKey, PolicyUse::kTrust});
  json statement = {{"Effect", "Allow"}, {"Principal", *gen_principal_element(v, use)}};
  statement["Action"] = use == PolicyUse::kTrust ? "sts:AssumeRole"
                        : use == PolicyUse::kKey ? "kms:Decrypt"
                                                 : "s3:GetObject";
  if (use != PolicyUse::kTrust) statement["Resource"] = "*";
  statement_parses(statement, use);
}

RC_GTEST_PROP(PropertiesGeneratorsPolicies, StatementsParseForTheirPlace, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  PolicyUse use = any_use();
  std::string attached;
  if (use == PolicyUse::kBucket) attached = *pick(v.buckets);
  if (use == PolicyUse::kKey) attached = *gen_arn(v, ArnKind::kKey);
  if (use == PolicyUse::kTrust) attached = *gen_arn(v, ArnKind::kRole);
  statement_parses(*gen_statement(v, use, attached), use);
}

RC_GTEST_PROP(PropertiesGeneratorsWorld, SkeletonsLoadWithoutPolicies, ()) {
  json skeleton = *gen_world_skeleton();
  auto s = load(skeleton);
  RC_ASSERT(!s->world.accounts.empty());
  RC_ASSERT(!s->world.buckets.empty());
  for (const auto& b : s->world.buckets) RC_ASSERT(b.policy == nullptr);
}

RC_GTEST_PROP(PropertiesGeneratorsRequest, RequestersResolve, ()) {
  WorldDoc w = *gen_world_doc();
  std::string who = *gen_requester(vocabulary_of(w.doc));
  RC_ASSERT(resolve_requester(load(w.doc)->world, who).has_value());
}

RC_GTEST_PROP(PropertiesGeneratorsTeamEdit, EditsOfGivenTargetsStayWithinThem, ()) {
  WorldDoc w = *gen_world_doc();
  EditTargets all;
  for (const auto& b : w.doc.value("buckets", json::array()))
    if (*chance(50)) all.bucket_policies.push_back(b["name"]);
  for (const auto& k : w.doc.value("keys", json::array()))
    if (k.value("managed", "customer") != "aws" && *chance(50)) all.key_grants.push_back(k["arn"]);
  for (const auto& p : w.doc.value("principals", json::array()))
    if (*chance(50)) all.inline_policies.push_back(p["arn"]);
  RC_PRE(!all.empty());
  TeamEdit e = *gen_team_edit(w.doc, all, {});
  auto in = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  RC_TAG(std::string(to_string(e.kind)));
  if (e.kind == TeamEditKind::kRewriteBucketPolicy)
    RC_ASSERT(in(all.bucket_policies, e.target));
  else if (e.kind == TeamEditKind::kAddGrant)
    RC_ASSERT(in(all.key_grants, e.target));
  else if (e.kind == TeamEditKind::kPutIdentityPolicy)
    RC_ASSERT(in(all.inline_policies, e.target));
  else
    RC_FAIL("an edit of a kind with no target: " + rc::toString(e));
  json after = w.doc;
  RC_ASSERT(properties::apply(e, after));
  load(after);
}

// The fast route (edit the loaded world) and the JSON route (edit the document, load it) give
// the same world: explore searches on the first and writes up the second.
RC_GTEST_PROP(PropertiesGeneratorsTeamEdit, EditingTheWorldEqualsEditingTheJson, ()) {
  WorldDoc w = *gen_world_doc();
  TeamEdit e = *gen_team_edit(w.doc, {});
  json after = w.doc;
  bool applied_json = properties::apply(e, after);
  World world = load(w.doc)->world;
  bool applied_world = properties::apply(e, world);
  RC_ASSERT(applied_json == applied_world);
  RC_TAG(std::string(to_string(e.kind)));
  World loaded = load(after)->world;
  RC_ASSERT(world_to_json(world).dump(2) == world_to_json(loaded).dump(2));
}

RC_GTEST_PROP(PropertiesGeneratorsDataset, LabeledWorldsPassCheck, ()) {
  auto seed = *rc::gen::arbitrary<std::uint64_t>();
  LabeledWorld w = labeled_world(seed, *count(0, 1000), 4);
  auto s = load(w.scenario);
  RC_ASSERT(s->expectations.size() == w.requests.size());
  ScenarioReport report = check_scenario(*s);
  for (const auto& e : report.expectations)
    if (!e.ok)
      RC_FAIL("expectation " + std::to_string(e.index) + " not met\n" + w.scenario.dump(2));
  for (const auto& e : w.scenario["expectations"]) RC_ASSERT(!e["why"].get<std::string>().empty());
  RC_CLASSIFY(std::any_of(w.requests.begin(), w.requests.end(),
                          [](const LabeledRequest& r) { return r.decision.allowed; }),
              "some allowed");
}

// A disagreement with the reference is never dropped silently: it is kept, to be reported.
TEST(PropertiesGeneratorsDataset, DisagreementsWithTheReferenceAreKept) {
  std::size_t drawn = 0;
  // A referee that contradicts the evaluator on every request, as a wrong evaluator would.
  auto contrary = [&drawn](const json& doc, const Request& r) -> std::optional<bool> {
    ++drawn;
    auto s = load(doc);
    return !evaluate(s->world, r).allowed;
  };
  LabeledWorld w = labeled_world(7, 3, 4, {}, contrary);
  EXPECT_TRUE(w.requests.empty());
  EXPECT_EQ(w.disagreements.size(), drawn);
  ASSERT_FALSE(w.disagreements.empty());
  EXPECT_TRUE(w.scenario["expectations"].empty());
  const Disagreement& d = w.disagreements.front();
  EXPECT_NE(d.evaluator_allows, d.reference_allows);
  std::string line = describe(w, d);
  EXPECT_NE(line.find("generated-7-3"), std::string::npos) << line;
  EXPECT_NE(line.find(request_to_json(d.request).dump()), std::string::npos) << line;
  // A referee that agrees, or does not know, leaves nothing to report.
  auto agreeing = [](const json&, const Request&) -> std::optional<bool> { return std::nullopt; };
  EXPECT_TRUE(labeled_world(7, 3, 4, {}, agreeing).disagreements.empty());
  EXPECT_TRUE(labeled_world(7, 3).disagreements.empty());
}

TEST(PropertiesGeneratorsDataset, SameSeedAndIndexGiveTheSameWorld) {
  EXPECT_EQ(labeled_world(7, 3).scenario, labeled_world(7, 3).scenario);
  EXPECT_NE(labeled_world(7, 3).scenario, labeled_world(7, 4).scenario);
}

}  // namespace
}  // namespace accesspath::properties
