// Generators of team edits: a change a team could make to what it owns (the
// buckets and keys of its accounts, its own users and roles), with new
// documents that favour the team's principals. Edits shrink toward the
// simplest kind (delete a bucket policy) and the smallest document (fewest
// statements, Allow, no Condition).
//
//   WorldDoc w = *gen_world_doc();
//   TeamEdit e = *gen_team_edit(w.doc, {"arn:aws:iam::111111111111:role/app"});
//   nlohmann::json after = w.doc;
//   properties::apply(e, after);
#pragma once

#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/settings.h"
#include "properties/team_edit.h"

namespace accesspath::properties {

// `team_principals`: ARNs of the team's users and roles; empty means any declared principal
// (and every account). When the team owns nothing the edit targets a bucket that does not exist
// and apply() returns false.
rc::Gen<TeamEdit> gen_team_edit(const nlohmann::json& world_doc,
                                const std::vector<std::string>& team_principals,
                                const GenSettings& s = {});

// What a team may change, by kind of edit: bucket names, key ARNs, principal ARNs.
// `explore` fills it from the team's permissions (edit_permissions.h); gen_team_edit
// from what the team's accounts own.
struct EditTargets {
  std::vector<std::string> bucket_policies;        // kRewriteBucketPolicy
  std::vector<std::string> bucket_policy_deletes;  // kDeleteBucketPolicy
  std::vector<std::string> bucket_encryptions;     // kSetDefaultEncryption
  std::vector<std::string> key_policies;           // kRewriteKeyPolicy
  std::vector<std::string> key_grants;             // kAddGrant
  std::vector<std::string> inline_policies;        // kPutIdentityPolicy: users and roles
  std::vector<std::string> managed_attachments;    // kAttachManagedPolicy: users and roles
  std::vector<std::string> trust_policies;         // kSetTrustPolicy: roles

  bool empty() const;
  bool operator==(const EditTargets&) const = default;
};

// Edits of exactly `targets`; new documents favour `team_principals`. When `targets` is
// empty the edit targets a bucket that does not exist and apply() returns false.
rc::Gen<TeamEdit> gen_team_edit(const nlohmann::json& world_doc, const EditTargets& targets,
                                const std::vector<std::string>& team_principals,
                                const GenSettings& s = {});

}  // namespace accesspath::properties
