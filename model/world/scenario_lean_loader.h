// Loading a scenario without a tree of its expectations (issue 11: `check` on 100,000
// expectations spent most of its loading time, and most of its memory, building one). The
// document's text is scanned for the `expectations` array (json_member_scan.h); the rest of the
// document is parsed and loaded as always, with `"expectations": []` in the array's place; each
// expectation is read from its own text: plain ones (plain_request_scan.h) without any tree, the
// others parsed alone and read by the loader's own code (expectation_reader.h).
//
// Exactness is the contract: this gives the scenario, expectations and diagnostics that
// load_scenario_text gives, or nullopt. Whenever anything is not as expected (the text past a
// limit or possibly past one, a syntax error anywhere, a problem in any expectation or anywhere
// else in the document) it gives nullopt, and the caller loads the text the usual way, whose
// code then reports every problem as it always did.
//
//   if (std::optional<LoadResult> r = load_scenario_lean(text, "check.json", JsonLimits{})) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/world/json_limits.h"
#include "model/world/scenario.h"

namespace accesspath {

// The scenario of `text` with Scenario::source the document with `"expectations": []`.
std::optional<LoadResult> load_scenario_lean(std::string_view text, const std::string& file,
                                             const JsonLimits& limits);

}  // namespace accesspath
