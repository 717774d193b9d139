// What a check found, in words, for the CI formats (SARIF and JUnit): a stable
// rule id per kind of finding, a title per expectation and invariant, and a
// message a security engineer can act on without the scenario file open.
//
//   for (const auto& e : report.expectations)
//     if (!e.ok) std::cout << expectation_failure(e) << "\n";
//   // "`arn:…:role/x` is allowed `s3:GetObject` on `arn:…`, but the scenario expects deny; …"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/analysis/check.h"
#include "model/analysis/counterexample.h"
#include "model/core/diagnostic.h"

namespace accesspath {

struct CheckRule {
  std::string_view id;     // stable: "expectation-mismatch", "lint-condition", …
  std::string_view name;   // PascalCase, as SARIF suggests
  std::string_view level;  // "error" or "warning"
  std::string_view short_description;
  std::string_view full_description;
};

// Every rule a check can report, in a fixed order.
const std::vector<CheckRule>& check_rules();
// The rule with this id, or nullptr.
const CheckRule* find_check_rule(std::string_view id);

// The lint rule of a loader warning, from the place it points at
// ("…/Condition/…" is `lint-condition`, "…/Action/0" is `lint-action`, …).
std::string_view lint_rule_id(const Diagnostic& warning);
// "expectation-mismatch"; for invariants "invariant-violated", "invariant-not-violated" (the
// scenario expects a violation) or "invariant-undecided".
std::string_view invariant_rule_id(const InvariantResult& invariant);

// "expectation 0: deny `arn:…` `s3:GetObject` `arn:…`"
std::string expectation_title(const ExpectationResult& e);
// "invariant 1: `name`"
std::string invariant_title(const InvariantResult& i);

// Why an expectation did not come out as expected: the decision's key line.
std::string expectation_failure(const ExpectationResult& e);
// Why an invariant did not come out as expected; a counterexample's steps in one paragraph.
std::string invariant_failure(const InvariantResult& i);
// One step of a counterexample: "<actor> <action> <target>: <detail>, allowed by <statements>".
std::string step_text(const PathStep& step);

}  // namespace accesspath
