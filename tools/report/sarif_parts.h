// The parts of a SARIF 2.1.0 log every report shares (`check --format sarif`, `diff --format
// sarif`): how a file is named (relative to SRCROOT), a location at a JSON pointer with its line
// and column, the location of a counterexample step, and the log around the results.
//
//   Artifact a = artifact_for("world.json", base_dir);
//   json where = location(a, "/buckets/0/policy/Statement/1");
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/analysis/counterexample.h"

namespace accesspath::sarif_parts {

using json = nlohmann::ordered_json;

// One scanned file: how SARIF names it, and its text for finding lines.
struct Artifact {
  json location;
  std::optional<std::string> text;
};

Artifact artifact_for(const std::string& file, const std::filesystem::path& base_dir);
// A location at the value `pointer` names ("" = the whole file), with its region when found.
json location(const Artifact& a, const std::string& pointer);
// Where a step happens in the file: at the first statement that allowed it (`fallback` when none).
std::string step_pointer(const PathStep& s, const std::string& fallback);
// `tool.driver`: the tool (information_uri left out when empty) and the rules it reports.
json tool_driver(const std::string& name, const std::string& version,
                 const std::string& information_uri, json rules);
// The whole log: one run of `driver` over `artifacts` with `results`.
json sarif_log(json driver, const std::filesystem::path& base_dir, bool successful, json artifacts,
               json results);

}  // namespace accesspath::sarif_parts
