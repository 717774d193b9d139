// Generators of whole scenario documents, in dependency order: accounts and
// the names of users, roles, groups and managed policies; KMS keys (customer
// keys, sometimes disabled, sometimes an AWS managed aws/s3 key); buckets and
// objects under SSE-S3, SSE-KMS (by key ARN, key id, alias or aws/s3) and
// SSE-C; then every policy, boundary, trust policy, grant, SCP and RCP, drawn
// from the names above. Every generated document loads without errors.
//
//   RC_GTEST_PROP(MySuite, NobodyOutsideReadsTheData, ()) {
//     WorldDoc w = *gen_world_doc();
//     World world = load_scenario(w.doc, "generated.json").scenario->world;
//     ...
//   }
#pragma once

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/settings.h"
#include "properties/show.h"

namespace accesspath::properties {

// The world without any policy: accounts, principals, groups, managed policy
// names, keys, buckets and objects. Policies are filled by gen_world_doc.
rc::Gen<nlohmann::json> gen_world_skeleton(const GenSettings& s = {});

// Fills every policy slot of a skeleton with documents that name its things.
rc::Gen<nlohmann::json> gen_world_policies(const nlohmann::json& skeleton,
                                           const GenSettings& s = {});

// A whole scenario: 1-3 accounts, users, roles with trust chains, buckets with
// objects, keys, grants, SCPs, RCPs and boundaries, each "sometimes".
rc::Gen<WorldDoc> gen_world_doc(const GenSettings& s = {});

}  // namespace accesspath::properties
