// Disagreements between the fast evaluator (model/) and the reference that were
// investigated and found to be bugs in the fast one, while they are open. The
// differential test, the fuzzer and `generate` skip exactly the cases a known bug
// changes, so the suites stay green until model/ is fixed; delete an entry when
// its bug is fixed.
//
//   if (auto bug = known_fast_bug(world_doc, request)) RC_DISCARD(*bug);
//
// None is open. The seven bugs the differential test found (model/SEMANTICS.md, "Known
// differences") are fixed, and PropertiesDifferential.FormerFastBugsStayFixed keeps them fixed.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/world/request.h"

namespace accesspath::properties {

// The name of the known bug this case runs into, or nullopt.
std::optional<std::string> known_fast_bug(const nlohmann::json& world_doc, const Request& request);

}  // namespace accesspath::properties
