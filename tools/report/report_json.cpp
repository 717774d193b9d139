#include "tools/report/report_json.h"

#include <string_view>
#include <unordered_map>

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
  // Condition keys the world does not describe (model/condition/unknown_keys.h); `undecided`: the
  // decision depends on them.
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

namespace {

void field(JsonText& j, const JsonKey& key, std::string_view value) {
  j.key(key);
  j.string(value);
}

void write_statement(const StatementRef& s, JsonText& j) {
  j.begin_object();
  field(j, "effect", s.effect == Effect::kAllow ? "Allow" : "Deny");
  field(j, "pointer", s.pointer);
  field(j, "sid", s.sid);
  if (!s.via.empty()) {
    field(j, "via", s.via);
  }
  j.end_object();
}

void write_finding(const PolicyFinding& f, JsonText& j) {
  j.begin_object();
  j.key("allows");
  j.begin_array();
  for (const auto& s : f.allows) write_statement(s, j);
  j.end_array();
  j.key("denies");
  j.begin_array();
  for (const auto& s : f.denies) write_statement(s, j);
  j.end_array();
  field(j, "kind", to_string(f.kind));
  field(j, "pointer", f.pointer);
  field(j, "policy", f.label);
  j.end_object();
}

// The text of policy findings, kept per thread: over many decisions the same policy is consulted
// with the same outcome again and again (`check` of 100,000 expectations writes a few thousand
// distinct findings 600,000 times, 70% of its output). The key is everything the text depends
// on, each string with its length; the texts are dropped when there are too many.
class FindingTexts {
 public:
  std::string_view text(const PolicyFinding& f, int indent, int depth) {
    key_.clear();
    add(static_cast<std::size_t>(indent + 1));
    add(static_cast<std::size_t>(depth));
    add(static_cast<std::size_t>(f.kind));
    add(f.label);
    add(f.pointer);
    for (const auto* list : {&f.allows, &f.denies}) {
      add(list->size());
      for (const StatementRef& st : *list) {
        add(static_cast<std::size_t>(st.effect));
        add(st.sid);
        add(st.pointer);
        add(st.via);
      }
    }
    if (auto it = texts_.find(key_); it != texts_.end()) return it->second;
    std::string text;
    {
      JsonText j(text, indent, depth);
      write_finding(f, j);
    }
    if (texts_.size() >= kMaxTexts) texts_.clear();
    return texts_.emplace(key_, std::move(text)).first->second;
  }

 private:
  static constexpr std::size_t kMaxTexts = 4096;
  void add(std::size_t n) { key_.append(reinterpret_cast<const char*>(&n), sizeof n); }
  void add(std::string_view s) {
    add(s.size());
    key_.append(s);
  }
  std::string key_;
  std::unordered_map<std::string, std::string> texts_;
};

void write_check(const Check& c, JsonText& j) {
  thread_local FindingTexts findings;
  j.begin_object();
  field(j, "action", c.action);
  field(j, "check", c.title);
  j.key("missing");
  j.strings(c.missing);
  j.key("notes");
  j.strings(c.notes);
  field(j, "outcome", to_string(c.outcome));
  j.key("policies");
  j.begin_array();
  for (const auto& f : c.policies) j.raw_value(findings.text(f, j.indent(), j.next_depth()));
  j.end_array();
  field(j, "reason", c.reason);
  field(j, "resource", c.resource);
  j.end_object();
}

}  // namespace

// Keys in the order dump() sorts them (std::map), so the text is the same as decision_to_json's.
void write_decision_json(const Decision& d, JsonText& j) {
  j.begin_object();
  field(j, "action", d.action);
  j.key("checks");
  j.begin_array();
  for (const auto& c : d.checks) write_check(c, j);
  j.end_array();
  field(j, "decision", d.allowed ? "allow" : "deny");
  field(j, "principal", d.principal);
  field(j, "resource", d.resource);
  if (!d.undecided.empty()) {
    field(j, "undecided", d.undecided);
  }
  if (!d.unknown_keys.empty()) {
    j.key("unknown_keys");
    j.strings(d.unknown_keys);
  }
  j.end_object();
}

void write_expectation_json(const ExpectationResult& e, JsonText& j) {
  j.begin_object();
  field(j, "decision", e.decision.allowed ? "allow" : "deny");
  field(j, "expect", e.expect_allow ? "allow" : "deny");
  j.key("explanation");
  write_decision_json(e.decision, j);
  j.key("index");
  j.number(e.index);
  j.key("ok");
  j.boolean(e.ok);
  j.end_object();
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
