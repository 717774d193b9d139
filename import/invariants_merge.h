// `import … --invariants FILE`: a team's invariants and expectations travel with the imported
// world. FILE is a JSON object with `invariants` and/or `expectations` (each as in a scenario
// file), optionally `name` and `description`; a whole scenario file also works (its world is
// ignored, which the report notes). The merged scenario is loaded once more: a wrong invariant
// or expectation is an error naming FILE and its JSON pointer there.
//
//   if (!merge_invariants(scenario, "team-invariants.json", report)) return 2;
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"
#include "model/core/diagnostic.h"

namespace accesspath {

// False, with every error in `errors` (file and pointer in FILE), when FILE cannot be read or
// something in it is wrong; `scenario` is then unchanged.
bool merge_invariants(nlohmann::json& scenario, const std::string& file, ImportReport& report,
                      Diagnostics& errors);

}  // namespace accesspath
