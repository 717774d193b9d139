// The property library (properties/) checked on itself: every generator makes
// valid input and every law holds, for the fast evaluator and for the reference.
// The differential test is in properties_differential_test.cpp.
// RC_PARAMS="max_success=1000" is the suite's default (tests/CMakeLists.txt).
//
// This file needs the accesspath_properties library (ACCESSPATH_HAVE_PROPERTIES
// comes with it); without it the suite is one skipped test.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#ifdef ACCESSPATH_HAVE_PROPERTIES

#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "properties/properties.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

std::string load_errors(const LoadResult& r) {
  std::string out = "the generated scenario does not load:";
  for (const auto& d : r.diagnostics.items()) out += "\n  " + d.to_string();
  return out;
}

World load_world(const json& doc) {
  LoadResult r = load_scenario(doc, "generated.json");
  if (!r.scenario) RC_FAIL(load_errors(r) + "\n" + doc.dump(2));
  return r.scenario->world;
}

std::vector<std::pair<std::string, Decider>> deciders() {
  return {{"fast", fast_decider()}, {"reference", reference_decider()}};
}

// A law, for each decider. The reference sits out a case it does not decide (a key the world
// leaves undescribed): it has no answer to check; properties_coverage_test.cpp measures how often.
template <typename Law>
void check_each_decider(const Law& law) {
  for (const auto& [name, decide] : deciders()) {
    LawResult result;
    try {
      result = law(decide);
    } catch (const ReferenceUnsupported&) {
      continue;
    }
    if (!result) RC_FAIL(name + ": " + result.counterexample);
  }
}

std::size_t size_of(const json& doc, const char* list) {
  return doc.contains(list) ? doc[list].size() : 0;
}

bool any_has(const json& doc, const char* list, const char* key) {
  if (!doc.contains(list)) return false;
  for (const auto& item : doc[list])
    if (item.contains(key)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Generators make valid input.

RC_GTEST_PROP(PropertiesGenerators, EveryGeneratedWorldLoadsWithoutErrors, ()) {
  WorldDoc w = *gen_world_doc();
  LoadResult r = load_scenario(w.doc, "generated.json");
  if (!r.scenario) RC_FAIL(load_errors(r) + "\n" + w.doc.dump(2));
  RC_CLASSIFY(size_of(w.doc, "accounts") > 1, "several accounts");
  RC_CLASSIFY(any_has(w.doc, "accounts", "scps") || any_has(w.doc, "accounts", "rcps"),
              "organization policies");
  RC_CLASSIFY(any_has(w.doc, "keys", "grants") || any_has(w.doc, "keys", "state"),
              "grants or key states");
}

RC_GTEST_PROP(PropertiesGenerators, EveryGeneratedPolicyParsesForItsPlace, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  PolicyUse use =
      *pick<PolicyUse>({PolicyUse::kIdentity, PolicyUse::kBoundary, PolicyUse::kBucket,
                        PolicyUse::kKey, PolicyUse::kTrust, PolicyUse::kScp, PolicyUse::kRcp});
  std::string attached;
  if (use == PolicyUse::kBucket) attached = *pick(v.buckets);
  if (use == PolicyUse::kKey) attached = *gen_arn(v, ArnKind::kKey);
  if (use == PolicyUse::kTrust) attached = *gen_arn(v, ArnKind::kRole);
  json policy = *gen_policy(v, use, attached);
  Diagnostics diags;
  parse_policy(policy, "", to_policy_kind(use), diags);
  std::string errors;
  for (const auto& d : diags.items()) errors += d.to_string() + "\n";
  RC_TAG(std::string(to_string(use)));
  if (diags.has_errors()) RC_FAIL(errors + policy.dump(2));
}

RC_GTEST_PROP(PropertiesGenerators, EveryGeneratedRequestNamesAKnownKindOfPrincipal, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  World world = load_world(w.doc);
  RC_TAG(r.action.substr(0, r.action.find(':')));
  RC_ASSERT(resolve_requester(world, r.principal).has_value());
}

RC_GTEST_PROP(PropertiesGenerators, EveryTeamEditKeepsTheWorldLoadable, ()) {
  WorldDoc w = *gen_world_doc();
  Vocabulary v = vocabulary_of(w.doc);
  std::vector<std::string> declared = v.users;
  declared.insert(declared.end(), v.roles.begin(), v.roles.end());
  std::vector<std::string> team;
  for (const auto& p : declared)
    if (*chance(50)) team.push_back(p);
  TeamEdit edit = *gen_team_edit(w.doc, team);
  json after = w.doc;
  bool applied = properties::apply(edit, after);
  RC_TAG(std::string(to_string(edit.kind)));
  RC_CLASSIFY(!applied, "nothing to edit");
  LoadResult r = load_scenario(after, "edited.json");
  if (!r.scenario) RC_FAIL(load_errors(r) + "\n" + rc::toString(edit));
}

// ---------------------------------------------------------------------------
// Laws, for the fast evaluator and for the reference.

RC_GTEST_PROP(PropertiesLaws, AddingDenyNeverGrants, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  auto sites = policy_sites(w.doc);
  RC_PRE(!sites.empty());
  PolicySite site = *pick(sites);
  json statement = *gen_statement(vocabulary_of(w.doc), site.use, site.attached_to);
  check_each_decider([&](const Decider& decide) {
    return adding_deny_never_grants(decide, w.doc, r, site, statement);
  });
}

RC_GTEST_PROP(PropertiesLaws, RemovingAllowNeverGrants, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  auto sites = policy_sites(w.doc);
  RC_PRE(!sites.empty());
  PolicySite site = *pick(sites);
  json policy = w.doc[site.pointer];
  std::size_t n = statements_array(policy).size();
  RC_PRE(n > 0);
  std::size_t index = *uniform_index(n);
  check_each_decider([&](const Decider& decide) {
    return removing_allow_never_grants(decide, w.doc, r, site, index);
  });
}

RC_GTEST_PROP(PropertiesLaws, StatementOrderIrrelevant, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  auto seed = *rc::gen::arbitrary<std::uint64_t>();
  check_each_decider(
      [&](const Decider& decide) { return statement_order_irrelevant(decide, w.doc, r, seed); });
}

RC_GTEST_PROP(PropertiesLaws, StringAndSingletonArrayEquivalent, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  check_each_decider([&](const Decider& decide) {
    return string_and_singleton_array_equivalent(decide, w.doc, r);
  });
}

RC_GTEST_PROP(PropertiesLaws, PolicyRoundTripPreservesDecision, ()) {
  WorldDoc w = *gen_world_doc();
  Request r = *gen_request(w.doc);
  check_each_decider([&](const Decider& decide) {
    return policy_round_trip_preserves_decision(decide, w.doc, r);
  });
}

RC_GTEST_PROP(PropertiesLaws, ScenarioJsonRoundTripIsIdentity, ()) {
  WorldDoc w = *gen_world_doc();
  auto requests = *rc::gen::container<std::vector<Request>>(5, gen_request(w.doc));
  LawResult law = scenario_json_round_trip_is_identity(w.doc, requests);
  if (!law) RC_FAIL(law.counterexample);
}

// The forms that take the loaded world (what the scenario fuzz target calls) hold exactly when
// the document-taking forms do.
RC_GTEST_PROP(PropertiesLaws, LoadedWorldFormsAgreeWithDocumentForms, ()) {
  WorldDoc w = *gen_world_doc();
  auto requests = *rc::gen::container<std::vector<Request>>(3, gen_request(w.doc));
  World world = load_or_throw(w.doc);
  bool each = true;
  for (const Request& r : requests)
    each = each && policy_round_trip_preserves_decision(fast_decider(), w.doc, r).holds;
  RC_ASSERT(policy_round_trip_preserves_decisions(world, w.doc, requests).holds == each);
  RC_ASSERT(scenario_json_round_trip_is_identity(world, w.doc, requests).holds ==
            scenario_json_round_trip_is_identity(w.doc, requests).holds);
}

}  // namespace
}  // namespace accesspath::properties

#else

TEST(Properties, NeedsTheAccesspathPropertiesLibrary) {
  GTEST_SKIP() << "link accesspath_tests with accesspath_properties to run the property suite";
}

#endif
