#include "tools/report/report_sarif.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "tools/report/check_findings.h"
#include "tools/report/sarif_parts.h"
#include "tools/report/sarif_sources.h"

namespace accesspath {
namespace {

using json = nlohmann::ordered_json;
using namespace sarif_parts;

std::size_t rule_index(std::string_view id) {
  const auto& rules = check_rules();
  for (std::size_t k = 0; k < rules.size(); ++k)
    if (rules[k].id == id) return k;
  return 0;
}

json result(std::string_view rule_id, const std::string& message, SourcePlaces& places,
            const std::string& pointer, const ScenarioReport& r) {
  const CheckRule* rule = find_check_rule(rule_id);
  json j = {{"ruleId", std::string(rule_id)},
            {"ruleIndex", rule_index(rule_id)},
            {"level", std::string(rule ? rule->level : "warning")},
            {"message", {{"text", message}}},
            {"locations", json::array({places.locate(pointer)})}};
  if (json g = places.generated(pointer); !g.is_null())
    j["relatedLocations"] = json::array({std::move(g)});
  if (!r.name.empty()) j["properties"] = {{"scenario", r.name}};
  return j;
}

// The steps of a counterexample as one thread flow, each at the statement that allowed it.
json code_flow(const InvariantResult& i, SourcePlaces& places) {
  json steps = json::array();
  const auto& path = i.counterexample->steps;
  for (std::size_t k = 0; k < path.size(); ++k) {
    const PathStep& s = path[k];
    json where = places.locate(step_pointer(s, i.pointer));
    where["message"] = {{"text", std::to_string(k + 1) + ". " + step_text(s)}};
    steps.push_back({{"location", std::move(where)},
                     {"kinds", json::array({std::string(to_string(s.kind))})},
                     {"executionOrder", k + 1}});
  }
  std::string summary =
      "how " + i.counterexample->start + " reaches what invariant `" + i.name + "` forbids";
  return {{"message", {{"text", summary}}},
          {"threadFlows", json::array({{{"locations", std::move(steps)}}})}};
}

void add_results(const ScenarioReport& r, SourcePlaces& a, json& results) {
  for (const auto& d : r.diagnostics.items()) {
    if (d.severity == Severity::kError)
      results.push_back(result("scenario-invalid", d.message, a, d.pointer, r));
    else
      results.push_back(result(lint_rule_id(d), d.message, a, d.pointer, r));
  }
  if (r.error && r.diagnostics.items().empty())  // an error with no diagnostic behind it
    results.push_back(result("scenario-invalid", *r.error, a, "", r));
  for (const auto& e : r.expectations) {
    if (e.ok) continue;
    json j = result("expectation-mismatch", expectation_failure(e), a, e.pointer, r);
    j["properties"]["expected"] = e.expect_allow ? "allow" : "deny";
    j["properties"]["decision"] = e.decision.allowed ? "allow" : "deny";
    results.push_back(std::move(j));
  }
  for (const auto& i : r.invariants) {
    for (const auto& w : i.warnings)
      results.push_back(
          result("invariant-warning", "invariant `" + i.name + "`: " + w, a, i.pointer, r));
    if (i.ok) continue;
    json j = result(invariant_rule_id(i), invariant_failure(i), a, i.pointer, r);
    j["properties"]["invariant"] = i.name;
    if (i.counterexample && !i.counterexample->steps.empty())
      j["codeFlows"] = json::array({code_flow(i, a)});
    results.push_back(std::move(j));
  }
}

json driver(const ToolInfo& tool) {
  json rules = json::array();
  for (const auto& r : check_rules())
    rules.push_back({{"id", std::string(r.id)},
                     {"name", std::string(r.name)},
                     {"shortDescription", {{"text", std::string(r.short_description)}}},
                     {"fullDescription", {{"text", std::string(r.full_description)}}},
                     {"defaultConfiguration", {{"level", std::string(r.level)}}},
                     {"properties", {{"tags", json::array({"security", "access"})}}}});
  return tool_driver(tool.name, tool.version, tool.information_uri, std::move(rules));
}

}  // namespace

json reports_to_sarif(const std::vector<ScenarioReport>& reports, const SarifOptions& options) {
  json results = json::array(), artifacts = json::array();
  bool loaded_all = true;
  for (const auto& r : reports) {
    Artifact a = artifact_for(r.file, options.base_dir);
    SourcePlaces places(r.file, a, options.base_dir);
    add_results(r, places, results);
    artifacts.push_back({{"location", a.location}, {"roles", json::array({"analysisTarget"})}});
    loaded_all = loaded_all && !r.error;
  }
  return sarif_log(driver(options.tool), options.base_dir, loaded_all, std::move(artifacts),
                   std::move(results));
}

}  // namespace accesspath
