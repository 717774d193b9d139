// Check reports as text: one line per expectation or invariant, details only
// for the ones that did not come out as expected.
#pragma once

#include <string>
#include <vector>

#include "model/analysis/check.h"

namespace accesspath {

std::string report_to_text(const ScenarioReport& report, bool verbose);
std::string summary_to_text(const std::vector<ScenarioReport>& reports);

}  // namespace accesspath
