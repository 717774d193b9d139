#include "model/check.h"

#include "model/access_paths.h"
#include "model/evaluator.h"

namespace accesspath {
namespace {

// Web and SAML identities are outsiders the contract names (further world facts) that accesspath
// does not model as requesters yet: a role whose trust policy lets a `Federated` provider's
// identities assume it (sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML; IAM: Creating a
// role for web identity or OpenID Connect federation, IAM/id_roles_create_for-idp_oidc.html, and
// for SAML 2.0 federation, IAM/id_roles_create_for-idp_saml.html) hands what it can do to every
// such identity. An `only` invariant that holds for the principals accesspath does consider is
// then undecided when such a role can do what the invariant is about: never a silent "holds".
// Returns the reason, or "" when no federated role can.
std::string federated_outsider_gap(const World& world, const Invariant& inv) {
  if (!inv.is_only) return "";
  for (const auto& p : world.principals) {
    if (p.kind != PrincipalKind::kRole || !p.trust_policy) continue;
    for (const auto& s : p.trust_policy->statements) {
      if (s.effect != Effect::kAllow || !s.principal || s.not_principal) continue;
      const PrincipalEntry* provider = nullptr;
      for (const auto& e : s.principal->entries)
        if (e.type == PrincipalEntry::Type::kFederated) provider = &e;
      if (!provider) continue;
      const bool web = statement_matches_action(s, "sts:assumerolewithwebidentity");
      const bool saml = statement_matches_action(s, "sts:assumerolewithsaml");
      if (!web && !saml) continue;
      Invariant probe = inv;
      probe.is_only = false;
      probe.only.clear();
      probe.never = {p.arn};
      InvariantOutcome can = check_invariant(world, probe);
      if (can.holds == true) continue;
      return "identities of the provider `" + provider->value + "` may assume `" + p.arn + "` (`" +
             (web ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRoleWithSAML") +
             "`, trust policy statement at " + s.pointer + "), and that role " +
             (can.holds ? "can" : "may be able to") + " `" + inv.action +
             "`; accesspath does not model federated identities as requesters yet, so it cannot "
             "say that only the listed principals can";
    }
  }
  return "";
}

}  // namespace

std::size_t ScenarioReport::expectations_met() const {
  std::size_t met = streamed - streamed_not_met;
  for (const auto& e : expectations) met += e.ok ? 1 : 0;
  return met;
}

bool ScenarioReport::ok() const {
  if (error || streamed_not_met > 0) return false;
  for (const auto& e : expectations)
    if (!e.ok) return false;
  for (const auto& i : invariants)
    if (!i.ok) return false;
  return true;
}

ScenarioReport check_scenario(const Scenario& scenario) {
  return check_scenario(scenario, nullptr);
}

ScenarioReport check_scenario(const Scenario& scenario, const ExpectationSink& sink) {
  ScenarioReport report;
  report.file = scenario.file;
  report.name = scenario.name;
  for (std::size_t i = 0; i < scenario.expectations.size(); ++i) {
    const Expectation& e = scenario.expectations[i];
    ExpectationResult r;
    r.index = i;
    r.pointer = e.pointer;
    r.why = e.why;
    r.expect_allow = e.expect_allow;
    r.decision = evaluate(scenario.world, e.request);
    // A decision that depends on condition keys the world does not describe is no answer
    // (unknown_keys.h): never a silent pass.
    r.ok = r.decision.allowed == e.expect_allow && r.decision.undecided.empty();
    if (sink && !sink(r)) {
      ++report.streamed;
      report.streamed_not_met += r.ok ? 0 : 1;
    } else {
      report.expectations.push_back(std::move(r));
    }
  }
  for (std::size_t i = 0; i < scenario.invariants.size(); ++i) {
    const Invariant& inv = scenario.invariants[i];
    InvariantResult r;
    r.index = i;
    r.pointer = inv.pointer;
    r.name = inv.name;
    r.expect_holds = inv.expect_holds;
    InvariantOutcome o = check_invariant(scenario.world, inv);
    if (o.holds == true)
      if (std::string gap = federated_outsider_gap(scenario.world, inv); !gap.empty()) {
        o.holds = std::nullopt;
        o.reason = std::move(gap);
      }
    r.holds = o.holds;
    r.reason = std::move(o.reason);
    r.counterexample = std::move(o.counterexample);
    r.warnings = std::move(o.warnings);
    // An undecided invariant is never ok: the contract forbids a guessed answer.
    r.ok = r.holds.has_value() && *r.holds == inv.expect_holds;
    report.invariants.push_back(std::move(r));
  }
  return report;
}

}  // namespace accesspath
