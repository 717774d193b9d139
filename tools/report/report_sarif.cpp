#include "tools/report/report_sarif.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "tools/report/check_findings.h"
#include "tools/report/json_locator.h"

namespace accesspath {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kBaseId = "SRCROOT";

// RFC 3986: everything but unreserved characters and `/` is percent-encoded, byte by byte.
std::string uri_path(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string file_uri(const fs::path& absolute) {
  std::string path = uri_path(absolute.generic_string());
  return "file://" + (path.starts_with('/') ? path : "/" + path);
}

// One scanned file: how SARIF names it, and its text for finding lines.
struct Artifact {
  json location;
  std::optional<std::string> text;
};

Artifact artifact_for(const std::string& file, const fs::path& base_dir) {
  Artifact a;
  fs::path p(file);
  fs::path on_disk = p.is_relative() && !base_dir.empty() ? base_dir / p : p;
  fs::path relative = p.is_relative() ? p.lexically_normal() : p.lexically_relative(base_dir);
  if (!relative.empty() && *relative.begin() != ".." && !base_dir.empty())
    a.location = {{"uri", uri_path(relative.generic_string())}, {"uriBaseId", kBaseId}};
  else if (p.is_relative())
    a.location = {{"uri", uri_path(relative.generic_string())}};
  else
    a.location = {{"uri", file_uri(p)}};
  std::ifstream in(on_disk, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    a.text = text.str();
  }
  return a;
}

json location(const Artifact& a, const std::string& pointer) {
  json physical = {{"artifactLocation", a.location}};
  if (a.text)
    if (std::optional<TextSpan> span = locate_pointer(*a.text, pointer)) {
      json region = {{"startLine", span->start.line}, {"startColumn", span->start.column}};
      if (span->end.line != span->start.line || span->end.column != span->start.column) {
        region["endLine"] = span->end.line;  // known when the value is whole in the text
        region["endColumn"] = span->end.column;
      }
      physical["region"] = std::move(region);
    }
  json l = {{"physicalLocation", physical}};
  if (!pointer.empty())
    l["logicalLocations"] = json::array({{{"fullyQualifiedName", pointer}, {"kind", "element"}}});
  return l;
}

std::size_t rule_index(std::string_view id) {
  const auto& rules = check_rules();
  for (std::size_t k = 0; k < rules.size(); ++k)
    if (rules[k].id == id) return k;
  return 0;
}

json result(std::string_view rule_id, const std::string& message, json where,
            const ScenarioReport& r) {
  const CheckRule* rule = find_check_rule(rule_id);
  json j = {{"ruleId", std::string(rule_id)},
            {"ruleIndex", rule_index(rule_id)},
            {"level", std::string(rule ? rule->level : "warning")},
            {"message", {{"text", message}}},
            {"locations", json::array({std::move(where)})}};
  if (!r.name.empty()) j["properties"] = {{"scenario", r.name}};
  return j;
}

// Where a step happens in the file: at the first statement that allowed it. A policy the
// attacker rewrote (model/access_paths.cpp labels it "… (as changed by the attacker)") has no
// statements in the file, so the step points at the policy itself.
std::string step_pointer(const PathStep& s, const std::string& fallback) {
  if (s.statements.empty()) return fallback;
  const StatementRef& first = s.statements.front();
  if (!first.policy.ends_with("(as changed by the attacker)")) return first.pointer;
  std::size_t at = first.pointer.rfind("/Statement/");
  return at == std::string::npos ? first.pointer : first.pointer.substr(0, at);
}

// The steps of a counterexample as one thread flow, each at the statement that allowed it.
json code_flow(const InvariantResult& i, const Artifact& a) {
  json steps = json::array();
  const auto& path = i.counterexample->steps;
  for (std::size_t k = 0; k < path.size(); ++k) {
    const PathStep& s = path[k];
    json where = location(a, step_pointer(s, i.pointer));
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

void add_results(const ScenarioReport& r, const Artifact& a, json& results) {
  for (const auto& d : r.diagnostics.items()) {
    if (d.severity == Severity::kError)
      results.push_back(result("scenario-invalid", d.message, location(a, d.pointer), r));
    else
      results.push_back(result(lint_rule_id(d), d.message, location(a, d.pointer), r));
  }
  if (r.error && r.diagnostics.items().empty())  // an error with no diagnostic behind it
    results.push_back(result("scenario-invalid", *r.error, location(a, ""), r));
  for (const auto& e : r.expectations) {
    if (e.ok) continue;
    json j = result("expectation-mismatch", expectation_failure(e), location(a, e.pointer), r);
    j["properties"]["expected"] = e.expect_allow ? "allow" : "deny";
    j["properties"]["decision"] = e.decision.allowed ? "allow" : "deny";
    results.push_back(std::move(j));
  }
  for (const auto& i : r.invariants) {
    for (const auto& w : i.warnings)
      results.push_back(result("invariant-warning", "invariant `" + i.name + "`: " + w,
                               location(a, i.pointer), r));
    if (i.ok) continue;
    json j = result(invariant_rule_id(i), invariant_failure(i), location(a, i.pointer), r);
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
  json d = {{"name", tool.name}, {"version", tool.version}};
  if (!tool.version.empty()) d["semanticVersion"] = tool.version;
  if (!tool.information_uri.empty()) d["informationUri"] = tool.information_uri;
  d["rules"] = std::move(rules);
  return d;
}

}  // namespace

json reports_to_sarif(const std::vector<ScenarioReport>& reports, const SarifOptions& options) {
  json results = json::array(), artifacts = json::array();
  bool loaded_all = true;
  for (const auto& r : reports) {
    Artifact a = artifact_for(r.file, options.base_dir);
    add_results(r, a, results);
    artifacts.push_back({{"location", a.location}, {"roles", json::array({"analysisTarget"})}});
    loaded_all = loaded_all && !r.error;
  }
  json run = {{"tool", {{"driver", driver(options.tool)}}}};
  if (!options.base_dir.empty()) {
    std::string base = file_uri(options.base_dir);
    if (!base.ends_with('/')) base += "/";
    run["originalUriBaseIds"] = {{kBaseId, {{"uri", base}}}};
  }
  run["invocations"] = json::array({{{"executionSuccessful", loaded_all}}});
  run["columnKind"] = "unicodeCodePoints";
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  return {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
}

}  // namespace accesspath
