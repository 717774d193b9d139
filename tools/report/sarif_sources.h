// Results about an imported world, placed where the user can act: a scenario written by
// `accesspath import` carries `sources` (docs/scenario-contract.md, "Sources"), the export file or
// Terraform plan each item and policy document came from, with its JSON pointer and Terraform
// address. A result at a scenario pointer under such an item is located in that file (below the
// document's pointer when the file holds the document as JSON, not as a string), with the
// Terraform address as a logical location of kind `resource` (after the pointer in the file) and
// the place in the generated scenario as a related location. A scenario without `sources` keeps its
// own locations.
//
// A world imported on the fly (`diff terraform:PLAN …`) has no scenario file: its `sources`, as
// the import made them (files as named on the command line), are given directly, and the place in
// the generated scenario is related by its pointer only.
//
//   SourcePlaces places(report.file, artifact, base_dir);
//   json where = places.locate("/buckets/0/policy/Statement/1");
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "tools/report/sarif_parts.h"

namespace accesspath::sarif_parts {

class SourcePlaces {
 public:
  // `scenario` is the file as the report names it, `artifact` that file read (sarif_parts.h).
  SourcePlaces(const std::string& scenario, const Artifact& artifact,
               std::filesystem::path base_dir);
  // `sources` of a world imported on the fly, files relative to the working directory;
  // `artifact` is where a place without a source is located.
  SourcePlaces(const nlohmann::json& sources, const Artifact& artifact,
               std::filesystem::path base_dir);

  // The SARIF location of a scenario pointer: in the source file when the scenario says where
  // that part came from, otherwise in the scenario itself.
  json locate(const std::string& pointer);
  // Where the result is in the generated scenario, when `locate` placed it in a source file
  // (for `relatedLocations`); null otherwise. For a world imported on the fly, the place by its
  // pointer only (a logical location: there is no file).
  json generated(const std::string& pointer);
  bool empty() const { return sources_.empty(); }

 private:
  struct Source {
    std::string file;  // as artifact_for takes it (relative to the working directory, or absolute)
    std::string pointer;
    std::string address;
  };
  const Artifact& artifact(const std::string& file);
  // Reads a `sources` object, naming relative files from `folder`.
  void read(const nlohmann::json& sources, const std::filesystem::path& folder);
  // The deepest scenario pointer at or above `pointer` with a source ("" and end() when none).
  std::map<std::string, Source>::const_iterator source_of(const std::string& pointer,
                                                          std::string* prefix) const;

  const Artifact& scenario_;
  std::filesystem::path base_dir_;
  bool generated_ = true;                  // the scenario is a file that `generated` can point into
  std::map<std::string, Source> sources_;  // scenario pointer -> source
  std::map<std::string, Artifact> files_;  // the source files read so far
};

}  // namespace accesspath::sarif_parts
