// Applying a team edit to a loaded World directly: the same change as
// properties::apply on the scenario JSON followed by load_scenario, without
// re-loading the whole file. `explore` tries thousands of edits a second this
// way; the property suite checks both routes give the same world.
//
//   World w = load_scenario(doc, "x.json").scenario->world;
//   std::string why;
//   if (!properties::apply(edit, w, &why)) err << why;
#pragma once

#include <string>

#include "model/world/world.h"
#include "properties/team_edit.h"

namespace accesspath::properties {

// False (with `why`, and `world` unchanged) when the target is not declared or the new
// document is not valid where it goes (a policy with errors, a grant without grantee, ...).
bool apply(const TeamEdit& edit, World& world, std::string* why = nullptr);

}  // namespace accesspath::properties
