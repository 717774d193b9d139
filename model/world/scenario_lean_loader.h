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

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/world/json_limits.h"
#include "model/world/plain_request_scan.h"
#include "model/world/requester_cache.h"
#include "model/world/scenario.h"

namespace accesspath {

// The scenario of `text` with Scenario::source the document with `"expectations": []`. With
// `keep` (the owner of `text`), the expectations are read to check them, on `threads` threads,
// then left as text in Scenario::deferred.
std::optional<LoadResult> load_scenario_lean(std::string_view text, const std::string& file,
                                             const JsonLimits& limits,
                                             std::shared_ptr<const void> keep = nullptr,
                                             unsigned threads = 1);

// Expectation `i` of a scenario loaded with deferred expectations, as it was read at load time
// (nullopt only if it cannot be read again, which loading has ruled out). `scratch` is reused.
std::optional<Expectation> read_deferred_expectation(const DeferredExpectations& deferred,
                                                     std::size_t i, RequesterCache& principals,
                                                     PlainExpectation& scratch);

}  // namespace accesspath
