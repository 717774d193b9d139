// Prints a loaded World back as a scenario document (format 1). model/ has no
// world printer (only to_json(Policy)), so the round-trip law
// scenario_json_round_trip_is_identity uses this one.
//
//   LoadResult r = load_scenario(doc, "x.json");
//   nlohmann::json printed = world_to_json(r.scenario->world);
//   load_scenario(printed, "printed.json");  // the same world
//
// Policies print through model's to_json(Policy); attached managed policies
// print as their ARN, everything else (boundaries, SCPs, RCPs) as documents.
// The aws/s3 keys the loader adds (AWS creates them on first use) are left
// out, so loading the printout adds them again.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/world/world.h"

namespace accesspath::properties {

nlohmann::json world_to_json(const World& world, const std::string& name = "round-trip");

}  // namespace accesspath::properties
