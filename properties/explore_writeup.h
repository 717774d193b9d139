// The write-up of an explore finding: a scenario `accesspath check` replays.
// The unedited scenario with the edits made, the violated invariant recorded as
// `"expect": "violated"`, and the counterexample's requests (role assumptions,
// the write of a new object, the forbidden access) as expectations with their
// allowing statements as `why`. The original expectations are left out: they
// describe the world before the edits.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/scenario.h"
#include "properties/explore.h"
#include "properties/team_edit.h"

namespace accesspath::properties {

// nullopt when the edited document does not load or does not violate `broken` (the search
// applies edits to the loaded world; this re-does them on the JSON, as a user would).
// `reason` receives check_invariant's reason in the edited world.
std::optional<nlohmann::json> write_up(const Scenario& scenario, const Invariant& broken,
                                       const std::vector<TeamEdit>& edits,
                                       const std::vector<std::string>& actors,
                                       const std::vector<std::string>& assumed_by,
                                       const ExploreOptions& options, std::string* reason);

}  // namespace accesspath::properties
