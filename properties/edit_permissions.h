// Which team edits the team's own permissions allow, asked of the evaluator:
// each edit is the API call AWS would receive (PutBucketPolicy on the bucket,
// CreateGrant on the key, UpdateAssumeRolePolicy on the role, ...), made by a
// principal of the team as itself (a role as its session). To count the roles a
// team can assume, pass them as members (explore's `follow_roles` does, with
// team_acting_as in explore.h).
//
//   EditTargets t = permitted_edit_targets(world, {"arn:aws:iam::111122223333:role/admin"});
//   auto actor = permitted_actor(world, edit, team);  // nullopt: nobody in the team may
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/world/request.h"
#include "model/world/world.h"
#include "properties/generators_team_edit.h"
#include "properties/team_edit.h"

namespace accesspath::properties {

// Every (kind, target) some team principal may edit in `world`. A grant is asked without
// the grant's own condition keys (kms:GrantOperations, ...); permitted_actor asks with them.
EditTargets permitted_edit_targets(const World& world, const std::vector<std::string>& team);

// The first team principal allowed every call of `edit` in `world`, or nullopt.
std::optional<std::string> permitted_actor(const World& world, const TeamEdit& edit,
                                           const std::vector<std::string>& team);

// KMS PutKeyPolicy's lockout safety check (KMS API Reference, PutKeyPolicy,
// BypassPolicyLockoutSafetyCheck): the new key policy must still let the caller call
// PutKeyPolicy. True for every other kind of edit. `after` is the world with the edit made.
bool passes_lockout_check(const World& after, const TeamEdit& edit, const std::string& actor);

}  // namespace accesspath::properties
