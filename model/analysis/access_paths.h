// Access paths: the access graph of a world, and invariants decided over it.
//
//   AccessGraph g = build_access_graph(world);
//   InvariantOutcome o = check_invariant(world, invariant);
//   if (o.holds == false) render(o.counterexample);
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/analysis/access_graph.h"
#include "model/analysis/counterexample.h"
#include "model/world/considered_principals.h"
#include "model/world/scenario.h"

namespace accesspath {

struct GraphOptions {
  bool admin_edges = true;          // include policy-administration edges
  std::optional<std::string> from;  // only what this principal reaches (and the path there)
};

// Vertices: declared users and roles, the outsiders the contract names, service principals
// in trust policies, buckets, objects (declared and writable-now), keys. Edges: AssumeRole,
// Read, Write, KeyUse, Admin, each from the evaluator.
AccessGraph build_access_graph(const World& world, const GraphOptions& options = {});

// The roles `start` can become through role chains (each step needs the role's trust policy and
// sts:AssumeRole), shortest chains first; `start` itself is not listed.
std::vector<std::string> roles_reachable_from(const World& world, const std::string& start);

struct InvariantOutcome {
  std::optional<bool> holds;  // nullopt: cannot decide (reason says why); never a guessed true
  std::string reason;
  std::optional<Counterexample> counterexample;  // when violated: one shortest path
  std::vector<std::string> warnings;             // e.g. "the resource pattern matches no object"
};

InvariantOutcome check_invariant(const World& world, const Invariant& invariant);

// Every considered principal that can perform `query.action` on something matching
// `query.resource` (end to end, through role chains; with `via_escalation`, after the policy
// changes it can make), each with one shortest path. `query.never`/`only` are ignored.
struct AccessFinding {
  std::string principal;
  Counterexample path;
};
std::vector<AccessFinding> who_can(const World& world, const Invariant& query,
                                   std::vector<std::string>* warnings = nullptr);

}  // namespace accesspath
