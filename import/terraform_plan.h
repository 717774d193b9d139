// `accesspath import terraform PLAN`: the JSON of `terraform show -json` (a plan or a state) read
// into a scenario document (docs/import.md, "Terraform"). Values known only after apply are
// reported by resource address, never invented; links known only through `configuration`
// references (a bucket's key before the key exists) are followed.
//
//   ImportReport report;
//   std::optional<nlohmann::json> scenario = import_terraform_plan("plan.json", report);
//   // or, with the text in hand: import_terraform_plan_text(text, "plan.json", report)
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"

namespace accesspath {

// The scenario, or nullopt when nothing usable was read (the report says why).
std::optional<nlohmann::json> import_terraform_plan(const std::string& file, ImportReport& report);
// The same from the plan's text, already read: the report names `file` as the file version
// does (which reads the file, within the import's limits, and calls this one).
std::optional<nlohmann::json> import_terraform_plan_text(const std::string& text,
                                                         const std::string& file,
                                                         ImportReport& report);

}  // namespace accesspath
