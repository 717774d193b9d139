// `accesspath import terraform PLAN`: the JSON of `terraform show -json` (a plan or a state) read
// into a scenario document (docs/import.md, "Terraform"). Values known only after apply are
// reported by resource address, never invented; links known only through `configuration`
// references (a bucket's key before the key exists) are followed.
//
//   ImportReport report;
//   std::optional<nlohmann::json> scenario = import_terraform_plan("plan.json", report);
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"

namespace accesspath {

// The scenario, or nullopt when nothing usable was read (the report says why).
std::optional<nlohmann::json> import_terraform_plan(const std::string& file, ImportReport& report);

}  // namespace accesspath
