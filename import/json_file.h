// Reading one JSON input file of an import: a missing, unreadable, truncated or malformed file
// is an entry of the import's report (with the line and column where the JSON breaks), never an
// exception.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"

namespace accesspath {

// The parsed document, or nullopt after adding a `skipped` entry for `path` to `report`.
std::optional<nlohmann::json> read_json_file(const std::string& path, ImportReport& report);

// The parsed text, or nullopt with `why` ("not valid JSON at line 3, column 1: …").
std::optional<nlohmann::json> parse_json_text(const std::string& text, std::string* why);

}  // namespace accesspath
