// Reading a scenario file: the one place in model/ that touches the file system, kept apart so
// that the loader itself only ever sees a document or its text (load_scenario, load_scenario_text
// in scenario.h). For library users who want a world in one call; the CLI, the tests and the
// benchmarks use it too.
//
//   LoadResult r = load_scenario_file("scenarios/separation-of-duties.json");
//   if (!r.scenario) std::cerr << r.diagnostics.to_string();
#pragma once

#include <string>

#include "model/world/scenario.h"

namespace accesspath {

// Reads a file (a missing, unreadable or oversized file is a diagnostic, never an exception).
LoadResult load_scenario_file(const std::string& path, const LoadOptions& options = {});

}  // namespace accesspath
