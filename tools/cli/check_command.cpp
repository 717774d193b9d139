// `accesspath check [--format text|json|sarif|junit] [-o OUT] FILE…`: every expectation and
// invariant of each file. Exit 0 all as expected, 1 some not, 2 a file could not be loaded
// (or OUT could not be written). Load errors always go to standard error as well.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <thread>

#include "model/analysis/check.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tools/cli/commands.h"
#include "tools/render/atomic_file.h"
#include "tools/report/report_json.h"
#include "tools/report/report_json_stream.h"
#include "tools/report/report_junit.h"
#include "tools/report/report_sarif.h"
#include "tools/report/report_text.h"

namespace accesspath {
namespace {

ScenarioReport load_failure(const std::string& file, const LoadResult& loaded) {
  ScenarioReport r;
  r.file = file;
  std::string message;
  for (const auto& d : loaded.diagnostics.items())
    if (d.severity == Severity::kError) message += (message.empty() ? "" : "\n") + d.to_string();
  r.error = message;
  r.diagnostics = loaded.diagnostics;
  return r;
}

std::string document(const std::vector<ScenarioReport>& reports, const std::string& format) {
  using nlohmann::json;
  if (format == "junit") return reports_to_junit(reports);
  std::error_code ec;
  SarifOptions o{.tool = {"accesspath", ACCESSPATH_VERSION, ACCESSPATH_HOMEPAGE_URL},
                 .base_dir = std::filesystem::current_path(ec)};
  return reports_to_sarif(reports, o).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  bool text = options.format == "text";
  std::ostringstream buffer;  // the text report when it goes to a file
  std::ostream& text_out = options.output.empty() ? out : buffer;
  // JSON is written as it is computed, each expectation once decided (memory flat in their number).
  bool json_stream = options.format == "json";
  CheckJsonStream json_doc(text_out);
  std::vector<ScenarioReport> reports;
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  bool load_failed = false;
  for (const auto& file : options.files) {
    // `check` never reads the scenario's source: without it, the expectations are read from the
    // text without a tree of them (the same scenario and diagnostics, a fraction of the memory),
    // and kept as text until each is decided.
    LoadResult loaded = load_scenario_file(
        file,
        LoadOptions{
            .keep_source = false, .defer_expectations = true, .limits = {}, .threads = threads});
    if (!loaded.scenario) {
      // A file that cannot be loaded is reported and the others still run (exit 2 at the end).
      load_failed = true;
      reports.push_back(load_failure(file, loaded));
      err << *reports.back().error << "\n";
      if (json_stream) json_doc.add_report(reports.back());
      continue;
    }
    if (json_stream) {
      json_doc.begin_checked();
      ScenarioReport r = check_scenario_rendered(
          *loaded.scenario, threads,
          [](const ExpectationResult& e, std::string& rendered) {
            CheckJsonStream::render_expectation(e, e.index > 0, rendered);
          },
          [&](std::string_view rendered) { json_doc.add_rendered(rendered); });
      r.diagnostics = loaded.diagnostics;
      json_doc.end_checked(r);
      reports.push_back(std::move(r));
      continue;
    }
    // Text shows only the expectations not met (all with --verbose): only those are kept.
    ScenarioReport r =
        text ? check_scenario(*loaded.scenario,
                              [&](const ExpectationResult& e) { return options.verbose || !e.ok; })
             : check_scenario(*loaded.scenario);
    r.diagnostics = loaded.diagnostics;
    if (text) text_out << report_to_text(r, options.verbose);
    reports.push_back(std::move(r));
  }
  if (text)
    text_out << summary_to_text(reports);
  else if (json_stream)
    json_doc.finish();
  else
    (options.output.empty() ? out : buffer) << document(reports, options.format);
  if (!options.output.empty()) {
    std::string why;
    if (!write_file_atomically(options.output, buffer.str(), &why)) {
      err << why << "\n";
      return 2;
    }
  }
  if (load_failed) return 2;
  bool all_ok =
      std::all_of(reports.begin(), reports.end(), [](const ScenarioReport& r) { return r.ok(); });
  return all_ok ? 0 : 1;
}

}  // namespace accesspath
