// Why one access differs between two worlds: the statements on its path that the other world
// does not have as they are, and the step the other world refuses (with the denying statements).
// Internal to model/analysis/access_diff.cpp; kept apart so each file has one job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/analysis/access_diff.h"
#include "model/world/world.h"

namespace accesspath::diff_reasons {

// Every policy of a world by label (a managed policy attached twice is one policy), built once
// per world: a diff of a large world explains many accesses against the same two worlds.
class PolicyIndex {
 public:
  explicit PolicyIndex(const World& world);
  const Statement* find(const StatementRef& ref) const;
  bool has_same_statement(const std::string& label, const Statement& statement) const;

 private:
  std::multimap<std::string, const Policy*, std::less<>> by_label_;
};

// The statements of `path` (decided in the world of `here`) with no statement of the same
// meaning in the policy of the same label in `other`: added, changed or moved to another policy.
std::vector<StatementRef> changed_statements(const Counterexample& path, const PolicyIndex& here,
                                             const PolicyIndex& other);

struct Refusal {
  std::string reason;  // "step 2 (`role/x` sts:AssumeRole `role/y`): <why it is denied>"
  std::vector<StatementRef> denies;
};

// The first step of `path` that `other` refuses, with the same principal, action, resource and
// request context. An empty reason when every step is allowed there too (the difference is in
// which objects exist or can be written).
Refusal first_refused_step(const Counterexample& path, const World& other);

}  // namespace accesspath::diff_reasons
