// Laws of access decisions, named like theorems (as Cedar's
// Thm/Authorization.lean names forbid_trumps_permit, order_and_dup_independent),
// as reusable functions: give them a decider (the fast evaluator, the
// reference, or your own) and inputs from the generators, and they say
// whether the law held and, if not, print the whole counterexample.
//
//   RC_GTEST_PROP(MyLaws, AddingADenyNeverGrants, ()) {
//     WorldDoc w = *gen_world_doc();
//     Request r = *gen_request(w.doc);
//     auto sites = policy_sites(w.doc);
//     RC_PRE(!sites.empty());
//     PolicySite site = *rc::gen::elementOf(sites);
//     nlohmann::json deny = *gen_statement(vocabulary_of(w.doc), site.use, site.attached_to);
//     LawResult law = adding_deny_never_grants(fast_decider(), w.doc, r, site, deny);
//     if (!law) RC_FAIL(law.counterexample);
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "model/world/world.h"
#include "properties/policy_sites.h"

namespace accesspath::properties {

// Loads a generated scenario document; std::runtime_error with the diagnostics and the
// document when it does not load.
World load_or_throw(const nlohmann::json& world_doc);

// Decides a request in a scenario document.
using Decider = std::function<bool(const nlohmann::json& world_doc, const Request& request)>;

// Loads the document (std::runtime_error with the diagnostics when it does not
// load) and asks model's evaluate().
bool fast_allows(const nlohmann::json& world_doc, const Request& request);
Decider fast_decider();
// Thrown by reference_decider() for a case the reference does not decide (a key the world leaves
// undescribed, an operator AWS does not document on a set, ...).
struct ReferenceUnsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The reference evaluator; an unsupported case throws ReferenceUnsupported.
Decider reference_decider();

struct LawResult {
  bool holds = true;
  bool vacuous = false;        // the law's premise did not hold: nothing was checked
  std::string counterexample;  // when it does not hold (or why it was vacuous)
  explicit operator bool() const { return holds; }
};

// A denied request stays denied when a Deny statement is added to any policy
// (Cedar: unchanged_deny_when_add_forbid; rule 47). `statement` gets Effect Deny.
LawResult adding_deny_never_grants(const Decider& decide, const nlohmann::json& world_doc,
                                   const Request& request, const PolicySite& site,
                                   nlohmann::json statement);

// A denied request stays denied when the Allow statement at `index` of a policy
// is removed (vacuous when it is not an Allow, and for a bucket policy under Block Public
// Access's RestrictPublicBuckets, where removing a public statement can grant: rule 95).
LawResult removing_allow_never_grants(const Decider& decide, const nlohmann::json& world_doc,
                                      const Request& request, const PolicySite& site,
                                      std::size_t index);

// Shuffling (and duplicating a statement of) every policy never changes a
// decision (Cedar: order_and_dup_independent; rule 3). `seed` picks the shuffle.
LawResult statement_order_irrelevant(const Decider& decide, const nlohmann::json& world_doc,
                                     const Request& request, std::uint64_t seed);

// Writing "x" as ["x"] and ["x"] as "x" in Action, Resource, Principal and
// Condition values never changes a decision (IAM grammar: <string> or [<string>, ...]).
LawResult string_and_singleton_array_equivalent(const Decider& decide,
                                                const nlohmann::json& world_doc,
                                                const Request& request);

// Parsing every policy with model's parse_policy and printing it back with
// to_json changes neither the statements' meaning nor the decision.
LawResult policy_round_trip_preserves_decision(const Decider& decide,
                                               const nlohmann::json& world_doc,
                                               const Request& request);
// The same law for many requests on one document already loaded into `world` (the fast
// evaluator): the policies are parsed and printed back once and the printed document is loaded
// once, where the form above does both again for each request and loads both documents for each
// decision. Holds exactly when the form above holds with fast_decider() for every request.
LawResult policy_round_trip_preserves_decisions(const World& world, const nlohmann::json& world_doc,
                                                const std::vector<Request>& requests);

// load -> world_to_json -> load gives a world that prints the same and decides
// every request the same (fast evaluator).
LawResult scenario_json_round_trip_is_identity(const nlohmann::json& world_doc,
                                               const std::vector<Request>& requests);
// The same with the document already loaded into `world` (not loaded again).
LawResult scenario_json_round_trip_is_identity(const World& world, const nlohmann::json& world_doc,
                                               const std::vector<Request>& requests);

// The fast evaluator and the reference decide the same. Vacuous when the
// reference does not support the document (counterexample says why).
LawResult fast_agrees_with_reference(const nlohmann::json& world_doc, const Request& request);
// The same with the document already loaded into `world` (for many requests on one world).
LawResult fast_agrees_with_reference(const World& world, const nlohmann::json& world_doc,
                                     const Request& request);

// "world: <indented JSON>\nrequest: <indented JSON>", for counterexamples.
std::string describe(const nlohmann::json& world_doc, const Request& request);

}  // namespace accesspath::properties
