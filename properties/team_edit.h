// A change a team could make to its part of a world, as a value: rewrite or
// delete a bucket policy, set a bucket's default encryption, rewrite a key
// policy, add a grant, put an inline identity policy, attach a new managed
// policy, set a role's trust policy. Applied to the scenario JSON.
//
//   TeamEdit e{TeamEditKind::kDeleteBucketPolicy, "data-0", "", {}};
//   nlohmann::json doc = world_doc;
//   if (properties::apply(e, doc)) load_scenario(doc, "edited.json");
//
// Call apply qualified: nlohmann::json brings std::apply in by argument-dependent lookup.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace accesspath::properties {

enum class TeamEditKind {
  kRewriteBucketPolicy,   // target: bucket name; document: the bucket policy
  kDeleteBucketPolicy,    // target: bucket name
  kSetDefaultEncryption,  // target: bucket name; document: {"sse": ..., "kms_key"?: ...}
  kRewriteKeyPolicy,      // target: key ARN; document: the key policy
  kAddGrant,              // target: key ARN; document: {"grantee", "operations", ...}
  kPutIdentityPolicy,     // target: user or role ARN; document: an inline policy
  kAttachManagedPolicy,   // target: user or role ARN; managed_arn: a new policy ARN; document: it
  kSetTrustPolicy,        // target: role ARN; document: the trust policy
};

std::string_view to_string(TeamEditKind kind);

struct TeamEdit {
  TeamEditKind kind = TeamEditKind::kDeleteBucketPolicy;
  std::string target;
  std::string managed_arn;  // kAttachManagedPolicy only
  nlohmann::json document;  // null for kDeleteBucketPolicy
  bool operator==(const TeamEdit&) const = default;
};

// Applies the edit to a scenario document. False (and `world_doc` unchanged)
// when the target is not declared.
bool apply(const TeamEdit& edit, nlohmann::json& world_doc);

nlohmann::json to_json(const TeamEdit& edit);
void showValue(const TeamEdit& edit, std::ostream& os);

}  // namespace accesspath::properties
