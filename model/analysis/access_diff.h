// What does a change open? The accesses a NEW world allows that a BASE world does not (added),
// and the reverse (removed), for the actions that guard data and control.
//
// Each world is decided as invariants decide it (access_paths.h): the considered principals
// (declared, anonymous, the outsiders), end to end through role chains, over every request
// context, on the declared resources plus the objects that can be written now. An access that
// exists only under a condition is still an access. What cannot be decided in either world is
// `undecided` with the reason, never a silent "nothing added".
//
//   DiffResult r = diff_scenarios(base, next, {});
//   if (!r.errors.has_errors())
//     for (const AccessChange& c : r.diff->added) std::cout << c.principal << " " << c.action;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/analysis/counterexample.h"
#include "model/core/diagnostic.h"
#include "model/world/scenario.h"

namespace accesspath {

// The actions compared when none are given: reading plaintext (s3:GetObject with the KMS
// Decrypt S3 makes), writing (s3:PutObject with its encryption), direct KMS use, sts:AssumeRole,
// and every permission that changes a policy (the escalation actions of the scenario contract).
const std::vector<std::string>& default_diff_actions();

struct DiffOptions {
  std::vector<std::string> actions;  // empty: default_diff_actions(); patterns with * and ?
  // Decide only the pairs the change can affect (model/world/world_changes.h): when only buckets
  // and keys changed, only their resources are asked about; when principals changed, every pair
  // of the principals whose reach meets a changed one, and the others only about what changed.
  // Gives exactly the full comparison (tests/access_diff_test.cpp checks it on random team edits).
  bool incremental = true;
  // `--via escalation`: also compare, for each principal considered in both worlds, what it can
  // reach after every change it can make (model/analysis/escalation.h), BASE and NEW each
  // escalated on its own. Every pair is then decided (a change can open anything).
  bool via_escalation = false;
};

struct AccessChange {
  std::string principal;  // ARN, "anonymous", or an outsider's ARN
  std::string action;
  std::string resource;
  Counterexample path;  // added: in NEW; removed: in BASE
  // Added: the statements on the path that BASE does not have as they are (new or changed).
  // Removed: the statements on BASE's path that NEW no longer has as they are.
  std::vector<StatementRef> changed;
  // Added: why the same request was refused in BASE ("" when BASE had no such principal or
  // resource); removed: why it is refused in NEW.
  std::string other_side;
  // The statements that denied the same request on the other side (a deny that was fixed).
  std::vector<StatementRef> other_side_denies;
  // Found only through escalation (DiffOptions::via_escalation): the path starts with the changes
  // the principal made (every change it could make, in the order made), then the access in the
  // world after them; `changed` and `other_side` compare that world with BASE's (NEW's)
  // escalated one.
  bool via_escalation = false;
};

struct UndecidedChange {
  std::string principal;  // "*" when the question is not about one principal
  std::string action;     // "*" likewise
  std::string resource;   // "*" likewise
  std::string reason;     // which world, and why
};

struct AccessDiff {
  std::vector<AccessChange> added;
  std::vector<AccessChange> removed;
  std::vector<UndecidedChange> undecided;
  std::vector<std::string> warnings;
};

struct DiffResult {
  std::optional<AccessDiff> diff;  // nullopt when the worlds cannot be compared
  Diagnostics errors;              // each with the file and the JSON pointer
};

// Worlds over different account sets cannot be compared (the outsiders differ): an error naming
// the file and the account's place.
DiffResult diff_scenarios(const Scenario& base, const Scenario& next,
                          const DiffOptions& options = {});

}  // namespace accesspath
