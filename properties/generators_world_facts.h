// Generators of the world facts condition keys and S3 read, added to a world
// skeleton before its policies are drawn: an account's organization and OU path
// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:ResourceOrgID,
// aws:ResourceOrgPaths), S3 Block Public Access on accounts and buckets, and the
// tags of buckets (with the ABAC switch), objects and keys (aws:ResourceTag/team,
// s3:ExistingObjectTag/team).
//
//   json doc = *gen_world_facts(*gen_world_skeleton());
//   doc["accounts"][0]["organization"];  // "o-aaaa111111", sometimes
#pragma once

#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/settings.h"

namespace accesspath::properties {

// The organizations a generated world may have, and their OU paths.
inline const std::vector<std::string> kOrganizations = {"o-aaaa111111", "o-bbbb222222"};
std::vector<std::string> ou_paths_of(const std::string& organization);

// The values of the `team` tag on principals, buckets, objects and keys.
inline const std::vector<std::string> kTeams = {"data", "ops"};
// The values of a principal's `badge` tag: base64 of "data" and "ops", for BinaryEquals.
inline const std::vector<std::string> kBadges = {"ZGF0YQ==", "b3Bz"};

rc::Gen<nlohmann::json> gen_world_facts(nlohmann::json skeleton, const GenSettings& s = {});

}  // namespace accesspath::properties
