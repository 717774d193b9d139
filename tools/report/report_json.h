// Decisions and check reports as JSON (the `--format json` contract of
// docs/scenario-contract.md).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis/check.h"
#include "model/authz/decision.h"
#include "tools/report/json_text.h"

namespace accesspath {

nlohmann::json decision_to_json(const Decision& decision);
// The same documents written straight as text (the text dump() prints of the json above, compact
// or indented), without building a json value: the hot paths of `eval` and `check`.
void write_decision_json(const Decision& decision, JsonText& out);
void write_expectation_json(const ExpectationResult& e, JsonText& out);
nlohmann::json expectation_to_json(const ExpectationResult& e);
nlohmann::json report_to_json(const ScenarioReport& report);
// { "files": [ ... ] }
nlohmann::json reports_to_json(const std::vector<ScenarioReport>& reports);

}  // namespace accesspath
