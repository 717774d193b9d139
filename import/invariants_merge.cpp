#include "import/invariants_merge.h"

#include <fstream>

#include "import/json_file.h"
#include "model/world/scenario.h"

namespace accesspath {

bool merge_invariants(nlohmann::json& scenario, const std::string& file, ImportReport& report,
                      Diagnostics& errors) {
  using nlohmann::json;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.error("", "cannot read the file (it does not exist or is not readable)");
    errors.set_file(file);
    return false;
  }
  // The team's invariants and expectations are a part of a scenario: a scenario file's limits.
  const JsonLimits limits;
  JsonTextProblem problem;
  std::optional<std::string> text = read_at_most(in, limits.max_bytes, problem);
  std::optional<json> doc;
  if (text) doc = parse_json_text(*text, problem, limits);
  if (!doc || !doc->is_object()) {
    if (doc) problem = {"", "expected an object with `invariants` and `expectations`"};
    errors.error(problem.pointer, problem.message);
    errors.set_file(file);
    return false;
  }
  json merged = scenario;
  for (const auto& [key, value] : doc->items()) {
    if (key == "invariants" || key == "expectations") {
      if (!value.is_array()) {
        errors.error("/" + key, "`" + key + "` must be a list");
        continue;
      }
      merged[key] = value;
      // Results about them are placed in the team's file (docs/scenario-contract.md, "Sources").
      merged["sources"]["/" + key] = {{"file", file}, {"pointer", "/" + key}};
    } else if (key == "name" || key == "description") {
      if (value.is_string()) merged[key] = value;
    } else if (key == "format" || key == "$schema" || key == "accounts" ||
               key == "managed_policies" || key == "groups" || key == "principals" ||
               key == "buckets" || key == "keys" || key == "resources" || key == "sources") {
      if (key != "format" && key != "$schema")
        report.note(file, "/" + key, "`" + key + "` is ignored: the world is the imported one");
    } else {
      errors.error("/" + pointer_token(key),
                   "unknown key `" + key +
                       "`; expected `invariants`, `expectations`, `name` or "
                       "`description`");
    }
  }
  if (!errors.has_errors()) {
    // The team's entries keep their pointers: the generated scenario has none of its own.
    LoadResult loaded = load_scenario(merged, "");
    for (const auto& d : loaded.diagnostics.items()) {
      if (d.severity != Severity::kError) continue;
      bool theirs =
          d.pointer.rfind("/invariants", 0) == 0 || d.pointer.rfind("/expectations", 0) == 0;
      errors.error(d.pointer, theirs ? d.message : "in the imported world: " + d.message);
    }
  }
  errors.set_file(file);
  if (errors.has_errors()) return false;
  scenario = std::move(merged);
  return true;
}

}  // namespace accesspath
