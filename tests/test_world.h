// Helpers for the rule tests (tests/rules_*_test.cpp): build a World from an
// inline scenario document and ask it one request.
//
//   World w = make_world(R"json({"format": 1, "name": "t", ...})json");
//   EXPECT_TRUE(allows(w, "arn:aws:iam::111122223333:user/alice", "s3:GetObject",
//                      "arn:aws:s3:::bucket/report.csv"));
//   std::string variant = replace(doc, "\"Deny\"", "\"Allow\"");  // the one change
//
// `allows` / `denies` return an AssertionResult that prints the whole
// explanation (every check, outcome and reason) when it fails.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/services/evaluator.h"
#include "model/world/scenario.h"

namespace accesspath::rules {

using Headers = std::map<std::string, std::string>;
using Context = std::map<std::string, std::vector<std::string>>;

// Account ids used throughout the rule tests.
inline constexpr std::string_view kAccountA = "111122223333";
inline constexpr std::string_view kAccountB = "444455556666";

inline std::string describe(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

inline LoadResult load(std::string_view json) {
  return load_scenario_text(json, "inline.json");
}

// The world of an inline scenario. A document that does not load fails the
// current test (with every diagnostic) and yields an empty world.
inline World make_world(std::string_view json) {
  LoadResult r = load(json);
  if (!r.scenario) {
    ADD_FAILURE() << "the inline scenario did not load:\n" << describe(r.diagnostics);
    return World{};
  }
  return std::move(r.scenario->world);
}

// Replaces every occurrence of `from` in `text`; fails the test when there is none,
// so a variant can never silently equal its base.
inline std::string replace(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = text.find(from);
  if (pos == std::string::npos) {
    ADD_FAILURE() << "replace: `" << from << "` does not occur in the scenario";
    return text;
  }
  while (pos != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos = text.find(from, pos + to.size());
  }
  return text;
}

inline Request request(std::string_view principal, std::string_view action,
                       std::string_view resource, Headers headers = {}, Context context = {}) {
  Request r;
  r.principal = std::string(principal);
  r.action = std::string(action);
  r.resource = std::string(resource);
  for (auto& [k, v] : headers) r.headers[to_lower(k)] = v;
  r.context = std::move(context);
  return r;
}

inline Decision decide(const World& world, std::string_view principal, std::string_view action,
                       std::string_view resource, Headers headers = {}, Context context = {}) {
  return evaluate(world,
                  request(principal, action, resource, std::move(headers), std::move(context)));
}

inline bool allowed(const World& world, std::string_view principal, std::string_view action,
                    std::string_view resource, Headers headers = {}, Context context = {}) {
  return decide(world, principal, action, resource, std::move(headers), std::move(context)).allowed;
}

inline std::string explain(const Decision& d) {
  std::string out = std::string(d.allowed ? "ALLOW" : "DENY") + " " + d.principal + " " + d.action +
                    " " + d.resource + "\n";
  for (const auto& c : d.checks) {
    out += "  [" + std::string(to_string(c.outcome)) + "] " + c.title + ": " + c.reason + "\n";
    for (const auto& p : c.policies) {
      out += "    " + p.label + ":";
      for (const auto& s : p.allows) out += " allow(" + s.sid + ")";
      for (const auto& s : p.denies) out += " deny(" + s.sid + ")";
      out += "\n";
    }
    for (const auto& n : c.notes) out += "    note: " + n + "\n";
  }
  return out;
}

inline ::testing::AssertionResult allows(const World& world, std::string_view principal,
                                         std::string_view action, std::string_view resource,
                                         Headers headers = {}, Context context = {}) {
  Decision d = decide(world, principal, action, resource, std::move(headers), std::move(context));
  if (d.allowed) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected allow, got:\n" << explain(d);
}

inline ::testing::AssertionResult denies(const World& world, std::string_view principal,
                                         std::string_view action, std::string_view resource,
                                         Headers headers = {}, Context context = {}) {
  Decision d = decide(world, principal, action, resource, std::move(headers), std::move(context));
  if (!d.allowed) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected deny, got:\n" << explain(d);
}

// The first diagnostic at exactly `pointer` with `severity`; nullptr when there is none.
inline const Diagnostic* diagnostic_at(const Diagnostics& diags, std::string_view pointer,
                                       Severity severity) {
  for (const auto& d : diags.items())
    if (d.pointer == pointer && d.severity == severity) return &d;
  return nullptr;
}

// An AssertionResult: a diagnostic of `severity` at `pointer` whose message contains `text`.
inline ::testing::AssertionResult has_diagnostic(const Diagnostics& diags, std::string_view pointer,
                                                 Severity severity, std::string_view text = {}) {
  for (const auto& d : diags.items())
    if (d.pointer == pointer && d.severity == severity && d.message.find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "no " << (severity == Severity::kError ? "error" : "warning") << " at `" << pointer
         << "` mentioning `" << text << "`; diagnostics were:\n"
         << describe(diags);
}

// Finds the policy finding whose label contains `label` in a check; nullptr when absent.
inline const PolicyFinding* finding(const Check& check, std::string_view label) {
  for (const auto& p : check.policies)
    if (p.label.find(label) != std::string::npos) return &p;
  return nullptr;
}

inline bool lists_sid(const std::vector<StatementRef>& refs, std::string_view sid) {
  for (const auto& r : refs)
    if (r.sid == sid) return true;
  return false;
}

}  // namespace accesspath::rules
