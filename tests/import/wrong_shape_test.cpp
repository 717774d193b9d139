// Wrong-shaped input never stops an import: every value of every fixture file replaced, one at a
// time, by a value of each other type (a number, null, a string, a list, an object) gives a
// scenario that loads, or no scenario with the reason reported, and never an exception.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/aws_export.h"
#include "import/terraform_plan.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Every JSON pointer of `doc` (containers and leaves).
void pointers(const json& doc, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (doc.is_object())
    for (const auto& [k, v] : doc.items()) pointers(v, pointer_join(at, k), out);
  if (doc.is_array())
    for (std::size_t i = 0; i < doc.size(); ++i) pointers(doc[i], pointer_join(at, i), out);
}

// Values of every other type than `value`'s.
std::vector<json> others(const json& value) {
  std::vector<json> out;
  for (json v : {json(42), json(nullptr), json("x"), json::array(), json::object()})
    if (v.type() != value.type()) out.push_back(v);
  return out;
}

// Imports after each mutation; the result (if any) must load.
template <class Import>
void every_value_mutated(const fs::path& file, const fs::path& copy, Import run) {
  json original = json::parse(std::ifstream(file));
  std::vector<std::string> all;
  pointers(original, "", all);
  std::size_t imported = 0;
  for (const auto& p : all) {
    for (const json& other : others(original[json::json_pointer(p)])) {
      json doc = original;
      doc[json::json_pointer(p)] = other;
      std::ofstream(copy) << doc.dump();
      ImportReport report;
      std::optional<json> scenario;
      ASSERT_NO_THROW(scenario = run(report)) << file << " " << p;
      if (!scenario) {
        EXPECT_FALSE(report.entries().empty()) << file << " " << p;
        continue;
      }
      ++imported;
      LoadResult loaded = load_scenario(*scenario, "mutated.json");
      EXPECT_TRUE(loaded.scenario) << file << " " << p << "\n" << scenario->dump(2);
    }
  }
  EXPECT_GT(imported, 0u);
  std::ofstream(copy) << original.dump();
}

TEST(ImportWrongShape, EveryExportFileValueOfAnotherTypeIsReportedNotThrown) {
  fs::path source = testing::fixture("aws-organization");
  fs::path dir = fs::path(::testing::TempDir()) / "wrong-shape-export";
  fs::remove_all(dir);
  fs::copy(source, dir, fs::copy_options::recursive);
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    json probe = json::parse(std::ifstream(e.path()), nullptr, false);
    if (probe.is_discarded()) continue;  // the CLI's own error message, not JSON
    every_value_mutated(e.path(), e.path(), [&](ImportReport& report) {
      return import_aws_export(dir.string(), report);
    });
  }
}

TEST(ImportWrongShape, EveryPlanValueOfAnotherTypeIsReportedNotThrown) {
  fs::path copy = fs::path(::testing::TempDir()) / "wrong-shape-plan.json";
  every_value_mutated(
      testing::fixture("terraform-unknown-values.json"), copy,
      [&](ImportReport& report) { return import_terraform_plan(copy.string(), report); });
}

}  // namespace
}  // namespace accesspath
