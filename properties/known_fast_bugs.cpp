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

std::vector<KnownBug> known_bugs() {
  std::vector<KnownBug> bugs(6);
  // Rule 30: "The NotPrincipal element with a Deny effect will always deny any IAM principal
  // that has a permissions boundary policy attached, regardless of the values specified in the
  // NotPrincipal element" (IAM: NotPrincipal, key points). model/authorizer.cpp
  // not_principal_exempts() answers "exempt" for NotPrincipal "*" / {"AWS": "*"} before it
  // looks at the boundary.
  bugs[0].reading.notprincipal_star_exempts_boundary = true;
  bugs[0].name = "NotPrincipal \"*\" exempts a principal with a permissions boundary (rule 30)";
  // Rules 48, 56: RCPs restrict AWS service principals too (KMS: Resource control policies in
  // AWS KMS, the example RCP for service principals; AWS's data-perimeter RCPs exempt services
  // only through aws:PrincipalIsAWSService). model/authorizer.cpp authorize() skips RCPs when the
  // requester is a service principal.
  bugs[1].reading.rcps_skip_service_principals = true;
  bugs[1].name = "RCPs are not applied to AWS service principals (rules 48, 56)";
  // aws:PrincipalIsAWSService "is present in the request context for all signed API requests"
  // (IAM: AWS global condition context keys); model/requester.cpp add_principal_keys() never sets
  // it, so conditions on it see a missing key.
  bugs[2].reading.omit_principal_is_aws_service = true;
  bugs[2].name = "aws:PrincipalIsAWSService is missing from the request context";
  // STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call
  // AssumeRole. You must use credentials for an IAM user or an IAM role to call AssumeRole."
  // model/sts_service.cpp evaluate_sts() lets the root user assume a role whose trust policy names
  // its account (or "*").
  bugs[3].reading.root_may_assume_roles = true;
  bugs[3].name = "the root user may call sts:AssumeRole";
  // KMS API Reference, GrantConstraints: "in a grant constraint, the key in each key-value pair is
  // not case sensitive, but the value is case sensitive". model/authorizer.cpp grant_allows()
  // compares the constraint's keys with the request's exactly.
  bugs[4].reading.grant_constraint_keys_case_sensitive = true;
  bugs[4].name = "grant constraints compare encryption context keys case-sensitively";
  // KMS API Reference, GrantConstraints: "Grant constraints are not applied to operations that do
  // not support an encryption context, such as ... DescribeKey or RetireGrant". model/ applies
  // them to every operation, so a constrained grant never allows DescribeKey.
  bugs[5].reading.grant_constraints_on_every_operation = true;
  bugs[5].name = "grant constraints are applied to operations without an encryption context";
  return bugs;
}

}  // namespace

std::optional<std::string> known_fast_bug(const nlohmann::json& doc, const Request& r) {
  ReferenceAnswer truth = reference_decide(doc, r);
  if (truth.verdict == Verdict::kUnsupported) return std::nullopt;
  const std::vector<KnownBug> bugs = known_bugs();
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
