// `accesspath diff [--format text|json|sarif] [--fail-on added|removed|any|none]
// [--actions A,…] [--accept FILE] [--full] [--via escalation] [-o OUT] BASE NEW`: the accesses NEW
// adds and removes (model/analysis/access_diff.h). BASE and NEW are scenario files, or `aws:DIR` /
// `terraform:PLAN` (read as `import` reads them). Exit 0 when nothing --fail-on counts changed, 1
// when something did (an undecided entry counts: it may be a change), 2 when a world could not be
// read, the worlds cover different accounts, or the baseline is not valid.
#include <filesystem>
#include <future>
#include <sstream>

#include "import/aws_export.h"
#include "import/terraform_plan.h"
#include "model/analysis/access_diff.h"
#include "model/symbolic/context_search.h"
#include "model/world/scenario_file.h"
#include "tools/cli/commands.h"
#include "tools/render/atomic_file.h"
#include "tools/report/diff_baseline.h"
#include "tools/report/diff_report.h"

namespace accesspath {
namespace {

struct LoadedWorld {
  std::optional<Scenario> scenario;
  std::vector<UndecidedChange> unknown;  // values an import could not know
  std::vector<std::string> skipped;
  nlohmann::json sources;  // an import's `sources` (null for a scenario file)
};

// A scenario file, or an import (`aws:DIR`, `terraform:PLAN`). Errors go to `err`.
LoadedWorld load_world(const std::string& spec, const char* side, std::ostream& err) {
  LoadedWorld out;
  std::optional<nlohmann::json> doc;
  ImportReport report;
  const bool aws = spec.starts_with("aws:"), terraform = spec.starts_with("terraform:");
  LoadResult loaded;
  if (aws || terraform) {
    std::string input = spec.substr(spec.find(':') + 1);
    try {
      doc = aws ? import_aws_export(input, report) : import_terraform_plan(input, report);
    } catch (const std::exception& e) {  // a bug, never bad input
      report.skipped(input, "", std::string("internal error, please report: ") + e.what());
    }
    if (!doc) {
      report.print(err);
      err << input << ": nothing usable was read for " << side << "\n";
      return out;
    }
    for (const auto& e : report.entries()) {
      if (e.kind == ImportEntry::Kind::kUnknown)
        out.unknown.push_back({"*", "*", "*",
                               std::string(side) + ": " + e.file + ": " + e.pointer + ": " +
                                   e.message + " (the accesses it decides are unknown)"});
      else if (e.kind == ImportEntry::Kind::kSkipped)
        out.skipped.push_back(std::string(side) + ": " + e.to_string());
    }
    if (auto it = doc->find("sources"); it != doc->end()) out.sources = *it;
    loaded = load_scenario(*doc, spec);
  } else {
    loaded = load_scenario_file(spec);
  }
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) err << d.to_string() << "\n";
    return out;
  }
  out.scenario = std::move(loaded.scenario);
  return out;
}

std::vector<std::string> split_actions(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string a; std::getline(in, a, ',');)
    if (!a.empty()) out.push_back(a);
  return out;
}

bool fails(const DiffReport& r, const std::string& fail_on) {
  std::size_t added = 0;
  for (std::size_t i = 0; i < r.diff.added.size(); ++i) added += counts(r, i) ? 1u : 0u;
  const bool undecided = !r.diff.undecided.empty();
  if (fail_on == "added") return added > 0 || undecided;
  if (fail_on == "removed") return !r.diff.removed.empty() || undecided;
  if (fail_on == "any") return added > 0 || !r.diff.removed.empty() || undecided;
  return false;
}

}  // namespace

int run_diff(const DiffCommandOptions& o, std::ostream& out, std::ostream& err) {
  // The two worlds load side by side (loading is most of a small diff's time); NEW's messages
  // are printed after BASE's, as if loaded one after the other.
  std::ostringstream next_err;
  auto loading_next =
      std::async(std::launch::async, [&] { return load_world(o.next, "NEW", next_err); });
  LoadedWorld base = load_world(o.base, "BASE", err);
  LoadedWorld next = loading_next.get();
  err << next_err.str();
  if (!base.scenario || !next.scenario) return 2;
  std::optional<Baseline> baseline;
  if (!o.accept.empty()) {
    Diagnostics errors;
    baseline = load_baseline(o.accept, errors);
    for (const auto& d : errors.items()) err << d.to_string() << "\n";
    if (!baseline) return 2;
  }
  DiffOptions options{split_actions(o.actions), !o.full, o.via == "escalation"};
  DiffResult result = diff_scenarios(*base.scenario, *next.scenario, options);
  if (!result.diff) {
    for (const auto& d : result.errors.items()) err << d.to_string() << "\n";
    return 2;
  }
  DiffReport report{o.base,
                    o.next,
                    options.actions.empty() ? default_diff_actions() : options.actions,
                    std::move(*result.diff),
                    {},
                    std::move(base.sources),
                    std::move(next.sources)};
  for (auto* side : {&base, &next}) {
    report.diff.undecided.insert(report.diff.undecided.end(), side->unknown.begin(),
                                 side->unknown.end());
    report.diff.warnings.insert(report.diff.warnings.end(), side->skipped.begin(),
                                side->skipped.end());
  }
  if (baseline) apply_baseline(*baseline, analysis_time(), report);
  std::string text;
  if (o.format == "json") {
    text =
        diff_to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else if (o.format == "sarif") {
    std::error_code ec;
    SarifOptions s{.tool = {"accesspath", ACCESSPATH_VERSION, ACCESSPATH_HOMEPAGE_URL},
                   .base_dir = std::filesystem::current_path(ec)};
    text = diff_to_sarif(report, s).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
  } else {
    text = diff_to_text(report);
  }
  if (o.output.empty()) {
    out << text;
  } else if (std::string why; !write_file_atomically(o.output, text, &why)) {
    err << why << "\n";
    return 2;
  }
  return fails(report, o.fail_on) ? 1 : 0;
}

}  // namespace accesspath
