// Fuzz target and its checks: the Terraform importer (`accesspath import terraform PLAN`,
// import_terraform_plan), on the JSON of `terraform show -json`.
//
// Input: the plan's (or state's) text. Properties: those of every import (check_import: the
// scenario loads, no scenario says why, every report entry has a place); bad input is a report
// entry, never an exception; text that is not JSON is one skipped entry saying where the JSON
// breaks (a line and column inside the text), or naming by its JSON pointer the value before the
// break that is past the import's limits (import/import_limits.h; `1e400` is one).
#include <algorithm>
#include <cstddef>
#include <regex>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "fuzz/input_files.h"
#include "import/terraform_plan.h"

using namespace accesspath;

void accesspath::fuzz::check_terraform_plan(std::string_view input) {
  if (input.size() > (std::size_t{1} << 20)) return;
  // The text entry point: what import_terraform_plan does once it has read the file.
  const std::string file = "plan.json", shown(input);
  ImportReport report;
  std::optional<nlohmann::json> scenario = fuzz::check_import(
      input, file, report, [&] { return import_terraform_plan_text(shown, file, report); });
  if (nlohmann::json::accept(input)) return;
  if (scenario || report.entries().size() != 1)
    fuzz::violation("text that is not JSON is one report entry", shown);
  const std::string& message = report.entries().front().message;
  if (message.rfind("the file is not read: ", 0) == 0) return;  // at its pointer (check_import)
  static const std::regex place(R"(at line ([0-9]+), column ([0-9]+)$)");
  std::smatch m;
  if (!std::regex_search(message, m, place))
    fuzz::violation("text that is not JSON is reported with the line and column", message);
  std::size_t lines = 1 + static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  if (std::stoul(m[1]) > lines || std::stoul(m[2]) > input.size() + 1)
    fuzz::violation("the line and column of bad JSON are inside the text", message + "\n" + shown);
}
