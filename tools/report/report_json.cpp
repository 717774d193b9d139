#include "tools/report/report_json.h"

#include "tools/report/counterexample_text.h"

namespace accesspath {
namespace {

using nlohmann::json;

json statement_json(const StatementRef& s) {
  json j = {{"sid", s.sid},
            {"pointer", s.pointer},
            {"effect", s.effect == Effect::kAllow ? "Allow" : "Deny"}};
  if (!s.via.empty()) j["via"] = s.via;
  return j;
}

}  // namespace

json decision_to_json(const Decision& d) {
  json checks = json::array();
  for (const auto& c : d.checks) {
    json policies = json::array();
    for (const auto& f : c.policies) {
      json allows = json::array(), denies = json::array();
      for (const auto& s : f.allows) allows.push_back(statement_json(s));
      for (const auto& s : f.denies) denies.push_back(statement_json(s));
      policies.push_back({{"policy", f.label},
                          {"pointer", f.pointer},
                          {"kind", std::string(to_string(f.kind))},
                          {"allows", allows},
                          {"denies", denies}});
    }
    checks.push_back({{"check", c.title},
                      {"action", c.action},
                      {"resource", c.resource},
                      {"outcome", std::string(to_string(c.outcome))},
                      {"reason", c.reason},
                      {"policies", policies},
                      {"missing", c.missing},
                      {"notes", c.notes}});
  }
  json out = {{"decision", d.allowed ? "allow" : "deny"},
              {"principal", d.principal},
              {"action", d.action},
              {"resource", d.resource},
              {"checks", checks}};
  // Condition keys the world does not describe (model/unknown_keys.h); `undecided`: the decision
  // depends on them.
  if (!d.unknown_keys.empty()) out["unknown_keys"] = d.unknown_keys;
  if (!d.undecided.empty()) out["undecided"] = d.undecided;
  return out;
}

json expectation_to_json(const ExpectationResult& e) {
  return {{"index", e.index},
          {"expect", e.expect_allow ? "allow" : "deny"},
          {"decision", e.decision.allowed ? "allow" : "deny"},
          {"ok", e.ok},
          {"explanation", decision_to_json(e.decision)}};
}

json report_to_json(const ScenarioReport& r) {
  json exps = json::array(), invs = json::array(), warnings = json::array();
  for (const auto& e : r.expectations) exps.push_back(expectation_to_json(e));
  for (const auto& i : r.invariants) {
    json j = {{"index", i.index},
              {"name", i.name},
              {"expect", i.expect_holds ? "holds" : "violated"},
              {"holds", i.holds ? json(*i.holds) : json(nullptr)},
              {"ok", i.ok}};
    if (!i.reason.empty()) j["reason"] = i.reason;
    j["counterexample"] =
        i.counterexample ? counterexample_to_json(*i.counterexample) : json(nullptr);
    j["warnings"] = i.warnings;
    invs.push_back(std::move(j));
  }
  for (const auto& d : r.diagnostics.items())
    if (d.severity == Severity::kWarning)
      warnings.push_back({{"pointer", d.pointer}, {"message", d.message}});
  return {{"file", r.file},       {"name", r.name},
          {"expectations", exps}, {"invariants", invs},
          {"warnings", warnings}, {"error", r.error ? json(*r.error) : json(nullptr)}};
}

json reports_to_json(const std::vector<ScenarioReport>& reports) {
  json files = json::array();
  for (const auto& r : reports) files.push_back(report_to_json(r));
  return {{"files", files}};
}

}  // namespace accesspath
