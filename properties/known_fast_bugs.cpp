#include "properties/known_fast_bugs.h"

#include <bit>
#include <utility>
#include <vector>

#include "properties/reference_evaluator.h"

namespace accesspath::properties {
namespace {

struct KnownBug {
  reference::Emulation reading;  // the fast evaluator's reading, emulated by the reference
  const char* name;
};

// Each entry: the reading the fast evaluator was found to use (emulated by the reference) and a
// name. Empty now: the six bugs the differential test found (rule 30 NotPrincipal "*" with a
// boundary; RCPs on service principals; aws:PrincipalIsAWSService; root calling AssumeRole;
// grant-constraint key case; constraints on DescribeKey) are fixed in model/ and covered by
// PropertiesDifferential.FormerFastBugsStayFixed and the rule tests.
std::vector<KnownBug> known_bugs() {
  return {};
}

}  // namespace

std::optional<std::string> known_fast_bug(const nlohmann::json& doc, const Request& r) {
  ReferenceAnswer truth = reference_decide(doc, r);
  if (truth.verdict == Verdict::kUnsupported) return std::nullopt;
  const std::vector<KnownBug> bugs = known_bugs();
  if (bugs.empty()) return std::nullopt;
  auto reading_of = [&](std::size_t subset) {
    reference::Emulation e;
    for (std::size_t i = 0; i < bugs.size(); ++i) {
      if (!(subset & (std::size_t{1} << i))) continue;
      const auto& b = bugs[i].reading;
      e.notprincipal_star_exempts_boundary |= b.notprincipal_star_exempts_boundary;
      e.rcps_skip_service_principals |= b.rcps_skip_service_principals;
      e.omit_principal_is_aws_service |= b.omit_principal_is_aws_service;
      e.root_may_assume_roles |= b.root_may_assume_roles;
      e.grant_constraint_keys_case_sensitive |= b.grant_constraint_keys_case_sensitive;
      e.grant_constraints_on_every_operation |= b.grant_constraints_on_every_operation;
    }
    return e;
  };
  // A case runs into the known bugs exactly when reading it the fast evaluator's way (all the
  // bugs at once) changes the answer; it is named by the smallest set of bugs that does.
  const std::size_t all = (std::size_t{1} << bugs.size()) - 1;
  if (reference_decide(doc, r, reading_of(all)).verdict == truth.verdict) return std::nullopt;
  for (std::size_t size = 1; size <= bugs.size(); ++size)
    for (std::size_t subset = 1; subset <= all; ++subset) {
      if (static_cast<std::size_t>(std::popcount(subset)) != size) continue;
      if (reference_decide(doc, r, reading_of(subset)).verdict == truth.verdict) continue;
      std::string names;
      for (std::size_t i = 0; i < bugs.size(); ++i)
        if (subset & (std::size_t{1} << i))
          names += (names.empty() ? "" : " + ") + std::string(bugs[i].name);
      return names;
    }
  return std::nullopt;
}

}  // namespace accesspath::properties
