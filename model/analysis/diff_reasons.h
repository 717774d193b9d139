// Why one access differs between two worlds: the statements on its path that the other world
// does not have as they are, and the step the other world refuses (with the denying statements).
// Internal to model/analysis/access_diff.cpp; kept apart so each file has one job.
#pragma once

#include <string>
#include <vector>

#include "model/analysis/access_diff.h"
#include "model/world/world.h"

namespace accesspath::diff_reasons {

// The statements of `path` (decided in `here`) with no statement of the same meaning in the
// policy of the same label in `other`: added, changed or moved to another policy.
std::vector<StatementRef> changed_statements(const Counterexample& path, const World& here,
                                             const World& other);

struct Refusal {
  std::string reason;  // "step 2 (`role/x` sts:AssumeRole `role/y`): <why it is denied>"
  std::vector<StatementRef> denies;
};

// The first step of `path` that `other` refuses, with the same principal, action, resource and
// request context. An empty reason when every step is allowed there too (the difference is in
// which objects exist or can be written).
Refusal first_refused_step(const Counterexample& path, const World& other);

}  // namespace accesspath::diff_reasons
