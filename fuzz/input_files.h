// What the fuzz checks of the readers share (the importers, CloudTrail, eval lines): a scratch
// folder of the process's own for the inputs a reader must take as a file (gzip trail files),
// the fixed world events and request lines are decided against, and the properties every import
// must have.
//
//   std::string text(input);
//   ImportReport report;
//   fuzz::check_import(input, "plan.json", report,
//                      [&] { return import_terraform_plan_text(text, "plan.json", report); });
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "import/import_report.h"
#include "model/world/scenario.h"

namespace accesspath::fuzz {

// The scratch folder (created on first use under the system's temporary folder, removed at
// exit): every file a check writes is below it.
const std::string& scratch_dir();
// Removes everything in the scratch folder.
void clear_scratch();
// Writes `bytes` to `relative` (folders created) in the scratch folder and returns its path; ""
// when it cannot (a file is in the way of a folder). `relative` must not leave the folder: its
// callers only pass names they checked (safe_relative_path).
std::string write_scratch(const std::string& relative, std::string_view bytes);
// Whether `path` is a relative path of plain names ([A-Za-z0-9._-], no `.` or `..`), at most
// `depth` of them: safe to write below the scratch folder whatever the fuzzer put in it.
bool safe_relative_path(std::string_view path, std::size_t depth);

// scenarios/separation-of-duties.json, loaded once: the world of the CloudTrail fixtures
// (tests/fixtures/cloudtrail/) and of the eval request seeds.
const Scenario& fixed_scenario();

// Runs an import (`accesspath import aws|terraform`) that fills `report`, and checks the
// properties every import has:
// - bad input is a report entry, never an exception;
// - a scenario that is returned loads without errors through the ordinary loader;
// - no scenario: the report says why (an entry);
// - every report entry has a place: a file of the input (`input_root`, the file or folder the
//   import was given, or a file below it; or "", the generated scenario), and a JSON pointer
//   that is "" or starts with `/`.
// Returns what the import returned.
std::optional<nlohmann::json> check_import(
    std::string_view input, std::string_view input_root, const ImportReport& report,
    const std::function<std::optional<nlohmann::json>()>& import);

}  // namespace accesspath::fuzz
