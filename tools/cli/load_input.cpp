#include "tools/cli/load_input.h"

#include "model/world/scenario_file.h"

namespace accesspath {

std::optional<Scenario> load_or_report(const std::string& file, std::ostream& err) {
  LoadResult loaded = load_scenario_file(file);
  if (!loaded.scenario)
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) err << d.to_string() << "\n";
  return std::move(loaded.scenario);
}

}  // namespace accesspath
