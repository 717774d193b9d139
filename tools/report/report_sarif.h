// Check reports as SARIF 2.1.0 (`accesspath check --format sarif`), for code
// scanning dashboards: one result per expectation or invariant that did not come
// out as expected and per lint warning, each at the file and JSON pointer it is
// about (with line and column when the file can be read), a counterexample as a
// code flow. The schema is schema/sarif-2.1.0.json.
//
//   SarifOptions o{.tool = {"accesspath", "0.1.0", ""}, .base_dir =
//   std::filesystem::current_path()}; std::cout << reports_to_sarif(reports, o).dump(2);
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis/check.h"

namespace accesspath {

struct ToolInfo {
  std::string name = "accesspath";
  std::string version;
  std::string information_uri;  // left out of the log when empty
};

struct SarifOptions {
  ToolInfo tool;
  // Relative file names are relative to this folder (SARIF's `SRCROOT`), as are absolute ones
  // inside it; the files are read from it to find the line and column of each pointer.
  std::filesystem::path base_dir;
};

nlohmann::ordered_json reports_to_sarif(const std::vector<ScenarioReport>& reports,
                                        const SarifOptions& options);

}  // namespace accesspath
