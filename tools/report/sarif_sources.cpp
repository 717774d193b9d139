#include "tools/report/sarif_sources.h"

#include "tools/report/json_locator.h"

namespace accesspath::sarif_parts {

namespace fs = std::filesystem;

SourcePlaces::SourcePlaces(const std::string& scenario, const Artifact& artifact, fs::path base_dir)
    : scenario_(artifact), base_dir_(std::move(base_dir)) {
  if (!artifact.text) return;
  nlohmann::json doc = nlohmann::json::parse(*artifact.text, nullptr, false);
  if (!doc.is_object() || !doc.contains("sources")) return;
  // Source files are named relative to the scenario's folder (the import writes them so).
  read(doc["sources"], fs::path(scenario).parent_path());
}

SourcePlaces::SourcePlaces(const nlohmann::json& sources, const Artifact& artifact,
                           fs::path base_dir)
    : scenario_(artifact), base_dir_(std::move(base_dir)), generated_(false) {
  read(sources, fs::path());
}

void SourcePlaces::read(const nlohmann::json& sources, const fs::path& folder) {
  if (!sources.is_object()) return;
  for (const auto& [at, s] : sources.items()) {
    if (!s.is_object() || !s.contains("file") || !s["file"].is_string()) continue;
    std::string file = s["file"].get<std::string>();
    if (file.empty()) continue;
    fs::path p(file);
    if (p.is_relative()) p = (folder / p).lexically_normal();
    Source src{p.generic_string(), "", ""};
    if (s.contains("pointer") && s["pointer"].is_string()) src.pointer = s["pointer"];
    if (s.contains("address") && s["address"].is_string()) src.address = s["address"];
    sources_[at] = std::move(src);
  }
}

const Artifact& SourcePlaces::artifact(const std::string& file) {
  auto it = files_.find(file);
  if (it == files_.end()) it = files_.emplace(file, artifact_for(file, base_dir_)).first;
  return it->second;
}

std::map<std::string, SourcePlaces::Source>::const_iterator SourcePlaces::source_of(
    const std::string& pointer, std::string* prefix) const {
  *prefix = pointer;
  while (true) {
    if (auto found = sources_.find(*prefix); found != sources_.end()) return found;
    if (prefix->empty()) return sources_.end();
    *prefix = prefix->substr(0, prefix->rfind('/'));
  }
}

json SourcePlaces::generated(const std::string& pointer) {
  std::string prefix;
  if (source_of(pointer, &prefix) == sources_.end()) return nullptr;
  if (!generated_)  // no file: the place in the scenario the import made, by its pointer only
    return {
        {"logicalLocations", json::array({{{"fullyQualifiedName", pointer}, {"kind", "element"}}})},
        {"message", {{"text", "in the scenario the import generated (not written to a file)"}}}};
  json where = location(scenario_, pointer);
  where["message"] = {{"text", "in the generated scenario"}};
  return where;
}

json SourcePlaces::locate(const std::string& pointer) {
  std::string prefix;
  auto found = source_of(pointer, &prefix);
  if (found == sources_.end()) return location(scenario_, pointer);
  const Source& s = found->second;
  const Artifact& a = artifact(s.file);
  // Below the document's place when the file holds it as JSON (a string holds no pointers).
  std::string in_file = s.pointer;
  std::string below = s.pointer + pointer.substr(prefix.size());
  if (below != s.pointer && a.text)
    if (auto span = locate_pointer(*a.text, below); span && span->exact) in_file = below;
  json where = location(a, in_file);
  // The pointer in the file first (as everywhere in the log), then the Terraform address.
  if (!s.address.empty()) {
    if (!where.contains("logicalLocations")) where["logicalLocations"] = json::array();
    where["logicalLocations"].push_back({{"fullyQualifiedName", s.address}, {"kind", "resource"}});
  }
  return where;
}

}  // namespace accesspath::sarif_parts
