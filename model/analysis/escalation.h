// Escalation: the changes a start principal can make to the world with the permissions it has
// (policies, group membership, key states, other users' credentials: scenario contract, "via":
// "escalation"), applied again
// and again until nothing new opens, and the techniques it could use that accesspath does not
// follow (they make a "holds" undecided). Every change is asked of the evaluator first. Internal
// to analysis/ (model/SEMANTICS.md, "Escalation").
//
//   paths::Escalated e = paths::escalate(world, "arn:aws:iam::111122223333:user/dev");
//   e.applied  // the changes, in the order made; e.world: the world after them
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/counterexample.h"
#include "model/analysis/role_chains.h"
#include "model/world/world.h"
#include "model/world/world_edit.h"

namespace accesspath::paths {

struct Edit {
  PathStep step;  // who changed what, and the statements that allowed it
  // The change, as the world edits it makes in the most permissive form the permission allows,
  // given the world it is made in and the attacker's identities then (a rewritten policy
  // grants them everything).
  std::function<std::vector<WorldEdit>(const World&, const std::vector<std::string>& attacker)>
      changes;
  std::string key;  // what it changes, to apply each change once
};

// Makes the edit's changes to `world` (model/world/world_edit.h). False, and `world` unchanged,
// when one of them cannot be made (a key no longer in the state the change starts from). The
// caller reindexes.
bool apply(const Edit& edit, World& world, const std::vector<std::string>& attacker,
           std::string* why = nullptr);

struct Escalated {
  World world;
  std::vector<Edit> applied;  // in the order they were made
  // Changes the attacker is allowed to make that could not be made to the model (why, for
  // people): what they would open is unknown, so a "holds" after them is undecided.
  std::vector<std::string> failed;
};

// The changes the identities of a reach may make in a world: the techniques followed.
using Techniques = std::function<std::vector<Edit>(const World&, const Reach&)>;

// Applies every change the start principal can make, again and again, until nothing new opens
// (each change only adds permissions for the attacker, so this reaches a fixpoint). `techniques`:
// the known ones (model/SEMANTICS.md, "Escalation") unless given.
Escalated escalate(const World& start_world, const std::string& start,
                   const Techniques& techniques = {});

// The world after `edits`, or nullopt when one of them can no longer be made (an edit that an
// earlier, now dropped, one made possible: a permission it granted, a key state it changed).
std::optional<World> replay(const World& base, const std::vector<Edit>& edits,
                            const std::string& start);

// The first known escalation technique the identities could use that the edits above do not
// follow, for people; "" when there is none. An invariant that would otherwise hold is then
// undecided, never `holds` (scenario contract, "via": "escalation").
std::string unfollowed_technique(const World& w, const Reach& reach);

}  // namespace accesspath::paths
