// `accesspath diff --format sarif`: one result per added access (rule `access-added`), at the
// statement of NEW that made the difference, with the path as a code flow and a stable
// fingerprint. For an imported world (a scenario written by `accesspath import`, or `aws:DIR` /
// `terraform:PLAN` read on the fly) the statement and the steps are placed where the import read
// them (sarif_sources.h): the export file or plan at the pointer inside it, with the Terraform
// address, and the place in the generated scenario (when there is one) as a related location;
// removed accesses are notes and undecided ones warnings. An accepted access
// (--accept) carries an accepted external suppression, so dashboards show it as reviewed.
#include "tools/report/check_findings.h"
#include "tools/report/counterexample_text.h"
#include "tools/report/diff_report.h"
#include "tools/report/sarif_parts.h"
#include "tools/report/sarif_sources.h"

namespace accesspath {
namespace {

using json = nlohmann::ordered_json;
using namespace sarif_parts;

struct DiffRule {
  const char* id;
  const char* name;
  const char* level;
  const char* text;
  const char* full;
};

constexpr DiffRule kRules[] = {
    {"access-added", "AccessAdded", "error",
     "NEW allows an access (principal, action, resource) that BASE does not",
     "A principal (declared, anonymous or an outsider) can perform a data or control action on a "
     "resource in NEW, end to end through role chains and in some request context, and could not "
     "in BASE. The location is the first statement of NEW on the path that BASE does not have as "
     "it is; the code flow is the path."},
    {"access-removed", "AccessRemoved", "note",
     "BASE allowed an access (principal, action, resource) that NEW does not",
     "A principal could perform the action on the resource in BASE and cannot in NEW, in any "
     "request context. The location is the first statement of BASE's path that NEW does not "
     "have as it is."},
    {"access-undecided", "AccessUndecided", "warning",
     "whether an access changed could not be decided; it may have been added or removed",
     "A question on the way had no decidable request context (a condition the analysis cannot "
     "reason about), or an imported world has values known only after apply: the access may "
     "have changed. Never counted as unchanged."},
};

json rules() {
  json out = json::array();
  for (const auto& r : kRules)
    out.push_back({{"id", r.id},
                   {"name", r.name},
                   {"shortDescription", {{"text", r.text}}},
                   {"fullDescription", {{"text", r.full}}},
                   {"defaultConfiguration", {{"level", r.level}}},
                   {"properties", {{"tags", json::array({"security", "access"})}}}});
  return out;
}

json result(std::size_t rule, const std::string& message, SourcePlaces& places,
            const std::string& pointer) {
  json j = {{"ruleId", kRules[rule].id},
            {"ruleIndex", rule},
            {"level", kRules[rule].level},
            {"message", {{"text", message}}},
            {"locations", json::array({places.locate(pointer)})}};
  if (json g = places.generated(pointer); !g.is_null())
    j["relatedLocations"] = json::array({std::move(g)});
  return j;
}

// The file a world came from; an imported world (`aws:DIR`, `terraform:PLAN`) has no statements
// at the scenario's pointers, so its locations carry the pointer only (logical location).
Artifact world_artifact(const std::string& spec, const std::filesystem::path& base_dir) {
  std::size_t colon = spec.find(':');
  bool imported =
      colon != std::string::npos && (spec.starts_with("aws:") || spec.starts_with("terraform:"));
  Artifact a = artifact_for(imported ? spec.substr(colon + 1) : spec, base_dir);
  if (imported) a.text.reset();
  return a;
}

// The places of one world: the sources of a world imported on the fly, else those its scenario
// file carries (none for a scenario written by hand).
SourcePlaces places_of(const std::string& spec, const Artifact& a, const nlohmann::json& sources,
                       const std::filesystem::path& base_dir) {
  if (!sources.is_null()) return SourcePlaces(sources, a, base_dir);
  return SourcePlaces(spec, a, base_dir);
}

json code_flow(const AccessChange& c, SourcePlaces& places) {
  json steps = json::array();
  for (std::size_t k = 0; k < c.path.steps.size(); ++k) {
    const PathStep& s = c.path.steps[k];
    json where = places.locate(step_pointer(s, ""));
    where["message"] = {{"text", std::to_string(k + 1) + ". " + step_text(s)}};
    steps.push_back({{"location", std::move(where)},
                     {"kinds", json::array({std::string(to_string(s.kind))})},
                     {"executionOrder", k + 1}});
  }
  return {{"message", {{"text", "how " + c.principal + " reaches " + c.resource}}},
          {"threadFlows", json::array({{{"locations", std::move(steps)}}})}};
}

std::string change_text(const AccessChange& c, bool added) {
  std::string out = "`" + c.principal + "` " + (added ? "can now" : "can no longer") + " `" +
                    c.action + "` `" + c.resource + "`";
  if (!c.changed.empty())
    out += std::string(added ? "; made possible by " : "; gone with ") +
           statement_text_list(c.changed);
  if (!c.other_side.empty()) out += std::string(added ? "; in BASE " : "; in NEW ") + c.other_side;
  return out;
}

// Where the finding is: the first statement that made the difference, else the statement that
// allowed the access itself.
std::string change_pointer(const AccessChange& c) {
  if (!c.changed.empty()) return c.changed.front().pointer;
  return c.path.steps.empty() ? "" : step_pointer(c.path.steps.back(), "");
}

}  // namespace

nlohmann::ordered_json diff_to_sarif(const DiffReport& r, const SarifOptions& options) {
  Artifact base = world_artifact(r.base, options.base_dir);
  Artifact next = world_artifact(r.next, options.base_dir);
  SourcePlaces base_places = places_of(r.base, base, r.base_sources, options.base_dir);
  SourcePlaces next_places = places_of(r.next, next, r.next_sources, options.base_dir);
  json results = json::array();
  for (std::size_t i = 0; i < r.diff.added.size(); ++i) {
    const AccessChange& c = r.diff.added[i];
    json j = result(0, change_text(c, true), next_places, change_pointer(c));
    j["partialFingerprints"] = {{"accesspathAccess/v1", access_fingerprint(c)}};
    if (!c.path.steps.empty()) j["codeFlows"] = json::array({code_flow(c, next_places)});
    j["properties"] = {{"principal", c.principal}, {"action", c.action}, {"resource", c.resource}};
    if (i < r.accepted.size() && r.accepted[i]) {
      const Acceptance& a = *r.accepted[i];
      if (!a.expired)
        j["suppressions"] = json::array(
            {{{"kind", "external"}, {"status", "accepted"}, {"justification", a.justification}}});
      else
        j["properties"]["acceptanceExpired"] = a.expires;
    }
    results.push_back(std::move(j));
  }
  for (const auto& c : r.diff.removed) {
    json j = result(1, change_text(c, false), base_places, change_pointer(c));
    j["partialFingerprints"] = {{"accesspathAccess/v1", access_fingerprint(c)}};
    results.push_back(std::move(j));
  }
  for (const auto& u : r.diff.undecided)
    results.push_back(
        result(2, "`" + u.principal + "` `" + u.action + "` `" + u.resource + "`: " + u.reason,
               next_places, ""));
  json artifacts = json::array();
  for (const Artifact* a : {&base, &next})
    if (a == &base || a->location != base.location)  // SARIF: artifacts are unique
      artifacts.push_back({{"location", a->location}, {"roles", json::array({"analysisTarget"})}});
  return sarif_log(
      tool_driver(options.tool.name, options.tool.version, options.tool.information_uri, rules()),
      options.base_dir, true, std::move(artifacts), std::move(results));
}

}  // namespace accesspath
