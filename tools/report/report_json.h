// Decisions and check reports as JSON (the `--format json` contract of
// shared/design/scenario-format.md).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "model/check.h"
#include "model/decision.h"

namespace accesspath {

nlohmann::json decision_to_json(const Decision& decision);
nlohmann::json expectation_to_json(const ExpectationResult& e);
nlohmann::json report_to_json(const ScenarioReport& report);
// { "files": [ ... ] }
nlohmann::json reports_to_json(const std::vector<ScenarioReport>& reports);

}  // namespace accesspath
