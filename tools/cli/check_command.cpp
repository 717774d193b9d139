#include <algorithm>

#include "model/check.h"
#include "model/scenario.h"
#include "tools/cli/commands.h"
#include "tools/report/report_json.h"
#include "tools/report/report_text.h"

namespace accesspath {

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<ScenarioReport> reports;
  bool load_failed = false;
  for (const auto& file : options.files) {
    LoadResult loaded = load_scenario_file(file);
    if (!loaded.scenario) {
      // A file that cannot be loaded is reported and the others still run (exit 2 at the end).
      load_failed = true;
      ScenarioReport r;
      r.file = file;
      std::string message;
      for (const auto& d : loaded.diagnostics.items())
        if (d.severity == Severity::kError)
          message += (message.empty() ? "" : "\n") + d.to_string();
      r.error = message;
      r.diagnostics = loaded.diagnostics;
      reports.push_back(std::move(r));
      if (options.format == "text") err << message << "\n";
      continue;
    }
    ScenarioReport r = check_scenario(*loaded.scenario);
    r.diagnostics = loaded.diagnostics;
    if (options.format == "text") out << report_to_text(r, options.verbose);
    reports.push_back(std::move(r));
  }
  if (options.format == "json")
    out << reports_to_json(reports).dump(2) << "\n";
  else
    out << summary_to_text(reports);
  if (load_failed) return 2;
  bool all_ok =
      std::all_of(reports.begin(), reports.end(), [](const ScenarioReport& r) { return r.ok(); });
  return all_ok ? 0 : 1;
}

}  // namespace accesspath
