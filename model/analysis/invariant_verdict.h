// Whether an invariant holds, without a counterexample: the question a search
// (`accesspath explore`) asks after every edit, thousands of times a second.
//
// Same semantics as check_invariant (access_paths.h), reached with less work:
// no explanations; each AssumeRole question asked once however many principals
// share the chain; one writer per kind of new object instead of every writer, with
// the principals that certainly cannot write ruled out first (access_candidates.h);
// new objects only worked out when the declared resources are safe; and the objects
// that can be written now added to the world in place (and removed again) instead
// of to a copy.
// Escalation invariants (`"via": "escalation"`) are decided by check_invariant.
// tests/invariant_verdict_test.cpp checks both give the same answer.
//
//   std::optional<bool> holds = invariant_verdict(world, invariant);  // nullopt: cannot decide
#pragma once

#include <optional>

#include "model/world/scenario.h"
#include "model/world/world.h"

namespace accesspath {

// `world` is left as it was given (the written objects are removed before returning).
std::optional<bool> invariant_verdict(World& world, const Invariant& invariant);

}  // namespace accesspath
