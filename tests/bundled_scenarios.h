// The training set (scenarios/*.json) for tests that check something on every bundled file.
//
//   for (const auto& [file, scenario] : bundled_scenarios()) { ... }
#pragma once
#ifdef ACCESSPATH_SOURCE_DIR

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "model/world/scenario.h"
#include "model/world/scenario_file.h"

namespace accesspath::test_data {

// Every scenario file, sorted (the same order on every machine).
inline std::vector<std::string> bundled_scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct BundledScenario {
  std::string file;  // the file name, for messages
  Scenario scenario;
};

// Every scenario file loaded; one that does not load fails the calling test and is left out.
inline std::vector<BundledScenario> bundled_scenarios() {
  std::vector<BundledScenario> out;
  for (const auto& path : bundled_scenario_files()) {
    LoadResult r = load_scenario_file(path);
    std::string name = std::filesystem::path(path).filename().string();
    if (!r.scenario) {
      ADD_FAILURE() << name << " does not load";
      continue;
    }
    out.push_back({std::move(name), std::move(*r.scenario)});
  }
  return out;
}

}  // namespace accesspath::test_data
#endif  // ACCESSPATH_SOURCE_DIR
