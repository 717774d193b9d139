// `accesspath import aws DIR -o OUT` and `accesspath import terraform PLAN -o OUT`
// [--invariants FILE]: write a scenario file from an AWS CLI export or a Terraform plan
// (docs/import.md). Everything skipped is listed on standard error. Exit 0 when something usable
// was imported, 2 when nothing was (or --invariants is wrong, or OUT cannot be written); OUT is
// written whole or not at all.
#include <filesystem>

#include "import/aws_export.h"
#include "import/invariants_merge.h"
#include "import/terraform_plan.h"
#include "tools/cli/commands.h"
#include "tools/render/atomic_file.h"

namespace accesspath {
namespace {

// `sources` names the export files and plans relative to the scenario's folder, so that the
// scenario and its inputs can move together (docs/scenario-contract.md, "Sources").
void relative_to_output(nlohmann::json& scenario, const std::string& output) {
  namespace fs = std::filesystem;
  auto it = scenario.find("sources");
  if (it == scenario.end() || !it->is_object()) return;
  std::error_code ec;
  fs::path parent = fs::path(output).parent_path();
  fs::path folder = parent.empty() ? fs::current_path(ec) : fs::absolute(parent, ec);
  if (ec) return;
  for (auto& [at, source] : it->items()) {
    if (!source.is_object() || !source.contains("file") || !source["file"].is_string()) continue;
    fs::path file(source["file"].get<std::string>());
    if (file.empty()) continue;
    fs::path absolute = fs::absolute(file, ec);
    if (ec) continue;
    fs::path relative = absolute.lexically_normal().lexically_relative(folder.lexically_normal());
    if (!relative.empty()) source["file"] = relative.generic_string();
  }
}

}  // namespace

int run_import(const ImportCommandOptions& options, std::ostream& out, std::ostream& err) {
  (void)out;
  ImportReport report;
  std::optional<nlohmann::json> scenario;
  try {
    scenario = options.source == "aws" ? import_aws_export(options.input, report)
                                       : import_terraform_plan(options.input, report);
  } catch (const std::exception& e) {  // a bug, never bad input: that is reported above
    report.skipped(options.input, "", std::string("internal error, please report: ") + e.what());
  }
  if (!scenario) {
    report.print(err);
    err << options.input << ": nothing usable was read; `" << options.output
        << "` is not written\n";
    return 2;
  }
  if (!options.invariants.empty()) {
    Diagnostics errors;
    if (!merge_invariants(*scenario, options.invariants, report, errors)) {
      report.print(err);
      for (const auto& d : errors.items()) err << d.to_string() << "\n";
      err << "`" << options.output << "` is not written\n";
      return 2;
    }
  }
  report.print(err);
  relative_to_output(*scenario, options.output);
  std::string why;
  if (!write_file_atomically(options.output, scenario->dump(2) + "\n", &why)) {
    err << why << "\n";
    return 2;
  }
  return 0;
}

}  // namespace accesspath
