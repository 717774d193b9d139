// A change to a world, as a value: the one edit model of accesspath. A team's edit that
// `explore` tries (rewrite a bucket policy, add a grant, ...) and a step of the escalation search
// (an attacker lifting a boundary, joining a group, re-enabling a key, ...) are both WorldEdits,
// applied to a World here and nowhere else; the scenario text of an edit (to write a
// counterexample's file) is properties::apply(edit, json), checked against this one by a law.
//
//   WorldEdit e{WorldEditKind::kDeleteBucketPolicy, "data-0", "", nullptr, ""};
//   std::string why;
//   if (!apply(e, world, &why)) err << why;  // world unchanged on failure
//   world.reindex();
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "model/world/world.h"

namespace accesspath {

enum class WorldEditKind {
  // The changes a team makes to what it owns (properties/: TeamEdit).
  kRewriteBucketPolicy,   // target: bucket name; document: the bucket policy
  kDeleteBucketPolicy,    // target: bucket name
  kSetDefaultEncryption,  // target: bucket name; document: {"sse": ..., "kms_key"?: ...}
  kRewriteKeyPolicy,      // target: key ARN; document: the key policy
  kAddGrant,              // target: key ARN; document: {"grantee", "operations", "constraints"?}
  kPutIdentityPolicy,     // target: user, role or group ARN; document: an inline policy
  kAttachManagedPolicy,   // target: user or role ARN; managed_arn: a new policy ARN; document: it
  kSetTrustPolicy,        // target: role ARN; document: the trust policy
  // The further changes the escalation search follows.
  kSetKeyState,              // target: key ARN; document: {"from": state, "to": state}
  kRemoveBoundary,           // target: user or role ARN
  kAddUserToGroup,           // target: group ARN; document: the user's ARN
  kSetManagedPolicyVersion,  // target: managed policy ARN; document: its new default version
  // target: user ARN; document: {"holder": who gets the credentials, "action": the IAM call}
  kCreateCredentials,
};

// "RewriteBucketPolicy", "SetKeyState", ...: the names in JSON and in explore's write-ups.
std::string_view to_string(WorldEditKind kind);

struct WorldEdit {
  WorldEditKind kind = WorldEditKind::kDeleteBucketPolicy;
  std::string target;
  std::string managed_arn;  // kAttachManagedPolicy only
  nlohmann::json document;  // null where the kind takes none
  // How explanations name a policy the edit puts in place; "" gives the usual name
  // ("bucket policy of `data`").
  std::string label;
  bool operator==(const WorldEdit&) const = default;
};

// Applies the edit. False (with `why`, and `world` unchanged) when the target is not declared,
// the new document is not valid where it goes (a policy with errors, a grant without grantee),
// or the change cannot be made (a key state change from a state the key is not in). The caller
// calls world.reindex() after its edits.
bool apply(const WorldEdit& edit, World& world, std::string* why = nullptr);

// The calls to AWS that make the edit (each must be allowed): PutBucketPolicy for a rewritten
// bucket policy, CreatePolicy and AttachRolePolicy for a new managed policy, ... The principal
// is left empty for the caller to fill.
std::vector<Request> calls_for(const WorldEdit& edit);

nlohmann::json to_json(const WorldEdit& edit);

}  // namespace accesspath
