// `accesspath replay` reports (docs/scenario-contract.md, further commands): JSON with
// `events`, `break`, `open` and `undecided` (lists of objects carrying `eventID`), counts per
// principal, action and bucket, and the records that could not be read; text for people.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "trail/replay.h"

namespace accesspath {

nlohmann::json replay_to_json(const ReplayReport& report);
std::string replay_to_text(const ReplayReport& report);

}  // namespace accesspath
