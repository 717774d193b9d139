// Reading one JSON input file of an import: a missing, unreadable, truncated or malformed file,
// or one past the import's limits (import_limits.h), is an entry of the import's report (with the
// line and column where the JSON breaks, or the JSON pointer of the value past a limit), never an
// exception, and never a tree built before the limits are checked.
#pragma once

#include <istream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/import_limits.h"
#include "import/import_report.h"

namespace accesspath {

// Why a text is not read: `pointer` is the value past a limit ("" for the whole text, or for a
// syntax error, whose line and column `message` gives).
struct JsonTextProblem {
  std::string pointer;
  std::string message;
};

// The parsed document, or nullopt after adding a `skipped` entry for `path` to `report`.
std::optional<nlohmann::json> read_json_file(const std::string& path, ImportReport& report);
// The same for the text of the file `path`, already read (parse_json_text, its problem reported).
std::optional<nlohmann::json> read_json_text(const std::string& text, const std::string& path,
                                             ImportReport& report);

// The problem of a file past `max_bytes`; `size` is "3000 MiB, larger", or "larger" when the size
// is not known.
JsonTextProblem file_too_large(const std::string& size, std::size_t max_bytes);

// All of `in`, or nullopt with `problem` when it holds more than `max_bytes`: reading stops there,
// so a file larger than any real input is never held whole.
std::optional<std::string> read_at_most(std::istream& in, std::size_t max_bytes,
                                        JsonTextProblem& problem);

// The parsed text, or nullopt with `problem` ("not valid JSON at line 3, column 1: …", or a
// value past `limits` at its pointer). Control characters in strings are data here, not refused
// (model/world/json_data_limits.h).
std::optional<nlohmann::json> parse_json_text(const std::string& text, JsonTextProblem& problem,
                                              const JsonLimits& limits = kImportJsonLimits);

}  // namespace accesspath
