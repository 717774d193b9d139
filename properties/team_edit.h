// A change a team could make to its part of a world: the model's WorldEdit
// (model/world/world_edit.h) with the kinds a team makes to what it owns (rewrite or delete a
// bucket policy, set a bucket's default encryption, rewrite a key policy, add a grant, put an
// inline identity policy, attach a new managed policy, set a role's trust policy). Applied to a
// World by the model; here also to the scenario JSON, to write a counterexample's scenario file
// (a law checks both give the same world).
//
//   TeamEdit e{TeamEditKind::kDeleteBucketPolicy, "data-0", "", nullptr, ""};
//   nlohmann::json doc = world_doc;
//   if (properties::apply(e, doc)) load_scenario(doc, "edited.json");
//   if (properties::apply(e, world)) world.reindex();
//
// Call apply qualified: nlohmann::json brings std::apply in by argument-dependent lookup.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "model/world/world_edit.h"

namespace accesspath::properties {

using TeamEdit = WorldEdit;
using TeamEditKind = WorldEditKind;
using accesspath::apply;    // on a World (model/world/world_edit.h)
using accesspath::to_json;  // to_string too, by argument-dependent lookup

// Applies the edit to a scenario document. False (and `world_doc` unchanged)
// when the target is not declared.
bool apply(const TeamEdit& edit, nlohmann::json& world_doc);

void showValue(const TeamEdit& edit, std::ostream& os);

}  // namespace accesspath::properties
