// What the fuzz checks of the readers that take paths share (input_files.h).
#include "fuzz/input_files.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "model/world/scenario_file.h"

namespace accesspath::fuzz {

namespace fs = std::filesystem;

namespace {

// Owns the scratch folder: removed when the process exits normally (libFuzzer's -max_total_time
// and the test suite both do); a crash leaves it in the temporary folder.
struct Scratch {
  std::string dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "accesspath-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) violation("a scratch folder can be made", pattern);
    dir = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

const std::string& scratch_dir() {
  static const Scratch scratch;
  return scratch.dir;
}

void clear_scratch() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(scratch_dir(), ec)) fs::remove_all(e.path(), ec);
}

std::string write_scratch(const std::string& relative, std::string_view bytes) {
  fs::path path = fs::path(scratch_dir()) / relative;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec || fs::exists(path, ec)) return "";
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? path.string() : "";
}

bool safe_relative_path(std::string_view path, std::size_t depth) {
  std::vector<std::string_view> names = split(path, '/', depth + 1);
  if (names.size() > depth) return false;
  for (std::string_view name : names) {
    if (name.empty() || name == "." || name == "..") return false;
    for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
        return false;
  }
  return true;
}

const Scenario& fixed_scenario() {
  static const Scenario scenario = [] {
    std::string file = std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/separation-of-duties.json";
    LoadResult loaded = load_scenario_file(file);
    if (!loaded.scenario) violation("the fixed world loads", file);
    return *loaded.scenario;
  }();
  return scenario;
}

std::optional<nlohmann::json> check_import(
    std::string_view input, std::string_view input_root, const ImportReport& report,
    const std::function<std::optional<nlohmann::json>()>& import) {
  std::string shown(input);
  std::optional<nlohmann::json> scenario;
  try {
    scenario = import();
  } catch (const std::exception& e) {
    violation("bad input is a report entry, never an exception", e.what() + ("\n" + shown));
  }
  for (const ImportEntry& e : report.entries()) {
    // "" is the generated scenario (what the loader refused in it: scenario_builder.h).
    std::string_view file = e.file;
    if (!file.empty() && file != input_root &&
        !(file.starts_with(input_root) && file.substr(input_root.size()).starts_with('/')))
      violation("every report entry names a file of the input or the generated scenario",
                e.to_string() + "\n" + shown);
    if (!e.pointer.empty() && e.pointer.front() != '/')
      violation("a report entry's pointer is a JSON pointer", e.to_string() + "\n" + shown);
    if (e.message.empty()) violation("a report entry says what happened", shown);
  }
  if (!scenario) {
    // Skipped items, values unknown until apply, or a note on what has no place in a scenario:
    // an entry of any kind says why (aws_export.h, terraform_plan.h).
    if (report.entries().empty()) violation("an import that gives no scenario says why", shown);
    return scenario;
  }
  LoadResult loaded = load_scenario(*scenario, "imported.json");
  if (!loaded.scenario) {
    std::string why;
    for (const auto& d : loaded.diagnostics.items()) why += d.to_string() + "\n";
    violation("an imported scenario loads without errors",
              why + scenario->dump(1) + "\ninput:\n" + shown);
  }
  return scenario;
}

}  // namespace accesspath::fuzz
