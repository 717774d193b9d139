// Searching the changes a team can make for one that breaks an invariant.
//
// A case is 1..max_edits team edits, drawn from what the team's own permissions
// allow (edit_permissions.h). The edits are made one after the other, each
// only if the team is still allowed to make it, and after each one every
// searched invariant is checked again. A violation is shrunk (fewer edits,
// simpler documents) as RapidCheck would, and written up as a scenario that
// `accesspath check` replays: the edited world, the violated invariant with
// `"expect": "violated"`, and the counterexample's steps as expectations.
//
// Bounded search, never a proof: "no violation" means none within `cases`
// cases of at most `max_edits` edits. The same options give the same result.
//
//   ExploreOptions o;
//   o.team = team_matching(scenario.world, "secure-bucket-admin");
//   ExploreResult r = explore(scenario, o);
//   if (r.finding) write(r.finding->scenario);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/scenario.h"
#include "properties/generators_team_edit.h"
#include "properties/settings.h"
#include "properties/team_edit.h"

namespace accesspath::properties {

// Declared users and roles whose ARN matches `pattern` (`*` and `?`), or whose name does when
// the pattern has no `:`. Empty when none does.
std::vector<std::string> team_matching(const World& world, const std::string& pattern);

// Who can make edits in `world`: the team's members, then (with `follow_roles`) every role a
// member can assume there, through chains, each once. An assumed role keeps the member that
// reaches it first, for the write-up ("deploy, assumed by bucket-admin").
struct Actor {
  std::string arn;
  std::string assumed_by;  // "" for a member of the team
};
std::vector<Actor> team_acting_as(const World& world, const std::vector<std::string>& team,
                                  bool follow_roles);
// "ci-deployer (assumed by release-manager)", or "release-manager" for a member acting as itself.
std::string actor_text(const std::string& actor, const std::string& assumed_by);

struct ExploreProgress {
  std::size_t cases = 0;          // cases run so far
  std::size_t edits_checked = 0;  // edits made and followed by a re-check
  std::size_t shrink_steps = 0;   // successful shrinks so far (0 while searching)
  bool shrinking = false;
};

struct ExploreOptions {
  std::vector<std::string> team;  // principal ARNs (team_matching)
  // Also make the edits the roles the team can assume are allowed (team_acting_as): a team
  // that can assume a role can do what the role may. Off: each member acts as itself only.
  bool follow_roles = false;
  std::vector<std::string> invariants;  // names to search; empty: every one that holds now
  std::size_t cases = 1000;
  std::uint64_t seed = 1;
  std::size_t max_edits = 3;
  std::size_t max_shrink_tries = 5000;  // candidates tried while shrinking
  GenSettings settings;
  std::function<void(const ExploreProgress&)> on_progress;  // now and then, for long runs
  std::function<bool()> should_stop;                        // polled between edits
};

struct ExploreFinding {
  std::string invariant;                // the violated invariant's name
  std::vector<TeamEdit> edits;          // shrunk, in the order they are made
  std::vector<std::string> actors;      // the team principal (or role it assumed) making each edit
  std::vector<std::string> assumed_by;  // for each actor: the member that assumed it, or ""
  std::string reason;                   // check_invariant's reason, in the edited world
  nlohmann::json scenario;              // the write-up `check` replays (and passes)
  std::size_t found_at_case = 0;        // 1-based
  std::size_t edits_before_shrinking = 0;
  std::size_t shrink_steps = 0;
};

struct SkippedInvariant {
  std::string name;
  std::string why;  // "already violated", "cannot be decided: ...", "expected to be violated"
};

struct ExploreResult {
  std::optional<ExploreFinding> finding;
  std::vector<std::string> searched;  // invariants searched
  std::vector<SkippedInvariant> skipped;
  EditTargets targets;  // what the team may edit in the unedited world
  std::size_t cases_run = 0;
  std::size_t edits_checked = 0;
  std::size_t edits_refused = 0;  // drawn, but the team was no longer allowed to make them
  bool stopped = false;           // should_stop said so before the search ended
  // Violations found on the loaded world that the scenario JSON, edited the same way, did not
  // reproduce. Always 0 unless properties::apply(edit, World&) has a bug.
  std::size_t unconfirmed = 0;
};

// An error in the options, named as the command line names it.
struct ExploreError {
  std::string option;  // "--team", "--invariant", ...
  std::string message;
};

// Checks the options against the scenario (team members declared, invariants known).
std::optional<ExploreError> validate(const Scenario& scenario, const ExploreOptions& options);

// `scenario.source` is the document the edits are applied to for the write-up.
ExploreResult explore(const Scenario& scenario, const ExploreOptions& options);

// One line per edit: "secure-bucket-admin: DeleteBucketPolicy secure-demo-bucket".
std::string describe(const TeamEdit& edit, const std::string& actor,
                     const std::string& assumed_by = "");

}  // namespace accesspath::properties
