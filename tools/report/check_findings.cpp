#include "tools/report/check_findings.h"

#include <algorithm>
#include <array>

#include "tools/report/counterexample_text.h"

namespace accesspath {
namespace {

std::string backticked(std::string_view s) {
  return "`" + std::string(s) + "`";
}

// "a; b; c; +2 more"
std::string statement_list(const std::vector<StatementRef>& statements, std::size_t shown) {
  std::string out;
  for (std::size_t k = 0; k < statements.size(); ++k) {
    if (k == shown) return out + "; +" + std::to_string(statements.size() - shown) + " more";
    out += (k ? "; " : "") + statement_text(statements[k]);
  }
  return out;
}

std::string sentence_end(std::string text) {
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text + ".";
}

// Splits a JSON pointer into its (unescaped) tokens.
std::vector<std::string> tokens_of(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::string token;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    char c = pointer[i];
    if (c == '/') {
      if (i > 0) tokens.push_back(std::move(token));
      token.clear();
    } else if (c == '~' && i + 1 < pointer.size()) {
      token.push_back(pointer[++i] == '1' ? '/' : '~');
    } else {
      token.push_back(c);
    }
  }
  if (!pointer.empty()) tokens.push_back(std::move(token));
  return tokens;
}

}  // namespace

const std::vector<CheckRule>& check_rules() {
  static const std::vector<CheckRule> rules = {
      {"expectation-mismatch", "ExpectationMismatch", "error",
       "a request is decided differently from what the scenario expects",
       "An expectation of the scenario names a request and the decision it must get (allow or "
       "deny). The evaluator, following AWS's documented evaluation logic, decided it the other "
       "way: the message names the check that decided it and the statements that allowed it, or "
       "what is missing for an allow."},
      {"invariant-violated", "InvariantViolated", "error",
       "a principal reaches what an invariant says it must never reach",
       "The invariant was expected to hold, but a principal reaches the invariant's action and "
       "resource, directly or through role chains and policy changes it is allowed to make. The "
       "counterexample lists each step with the statements that allowed it."},
      {"invariant-not-violated", "InvariantNotViolated", "error",
       "an invariant the scenario expects to be violated holds",
       "The scenario marks this invariant as violated (a known hole it documents), but no "
       "principal reaches the invariant's action and resource any more: the world changed, or the "
       "expectation is stale."},
      {"invariant-undecided", "InvariantUndecided", "error", "an invariant cannot be decided",
       "The scenario uses something the analysis does not model (for example a condition key "
       "that the world does not fill), so the invariant is neither proved nor refuted. accesspath "
       "never guesses: the message says what is missing."},
      {"invariant-warning", "InvariantWarning", "warning",
       "an invariant's check needed a reading that may not be what was meant",
       "Deciding the invariant required an assumption or found something suspicious; the "
       "message says which."},
      {"scenario-invalid", "ScenarioInvalid", "error",
       "the file could not be read or is not a valid scenario",
       "The file is missing, is not valid JSON, or does not follow the scenario format; the "
       "location names the JSON pointer of the value that is wrong and the message says what "
       "would be valid. Nothing else in the file was checked."},
      {"lint-action", "LintAction", "warning",
       "an action that matches nothing or that IAM does not accept",
       "An `Action` or `NotAction` entry has white space around it, a wildcard in the service "
       "prefix, or names an action the service does not have, so the statement does not do what "
       "it appears to."},
      {"lint-resource", "LintResource", "warning",
       "a resource that matches nothing or that IAM does not accept",
       "A `Resource` or `NotResource` entry is not a well-formed ARN, has white space around it, "
       "or cannot match the statement's actions (object actions on a bucket ARN)."},
      {"lint-principal", "LintPrincipal", "warning",
       "a principal entry that may not name what "
       "was meant",
       "A `Principal` or `NotPrincipal` entry is malformed or names something AWS reads "
       "differently from how it looks."},
      {"lint-condition", "LintCondition", "warning",
       "a condition that cannot match or is read differently from how it looks",
       "A condition value cannot match any request (a malformed ARN, date, number, IP range or "
       "Boolean), or AWS reads it in a way the author may not expect (epoch seconds, UTC, "
       "literal `${…}`)."},
      {"lint-sid", "LintSid", "warning", "a statement id IAM does not accept",
       "IAM accepts only letters and digits in a `Sid`."},
      {"lint-policy-version", "LintPolicyVersion", "warning", "a policy without `Version`",
       "Without `\"Version\": \"2012-10-17\"` policy variables such as `${aws:username}` are "
       "literal text."},
      {"lint-policy-id", "LintPolicyId", "warning", "an `Id` in an identity policy",
       "`Id` belongs in resource policies; IAM ignores or rejects it in identity policies."},
      {"lint-kms-key", "LintKmsKey", "warning",
       "an encryption setting names a KMS key S3 may not resolve as meant",
       "The KMS key of a bucket's default encryption or an object is not a key ARN, is in "
       "another Region than the bucket, or is not declared in the scenario."},
      {"lint-key-policy", "LintKeyPolicy", "warning",
       "a key policy that is missing or has no effect",
       "A key without a policy gets the default key policy (it only delegates to the account's "
       "IAM policies); a key policy statement without `Resource` has no effect."},
      {"lint-scenario", "LintScenario", "warning",
       "something in the scenario that may not mean "
       "what it appears to",
       "A lint warning of the scenario loader that fits none of the more specific lint rules."},
  };
  return rules;
}

const CheckRule* find_check_rule(std::string_view id) {
  for (const auto& r : check_rules())
    if (r.id == id) return &r;
  return nullptr;
}

std::string_view lint_rule_id(const Diagnostic& d) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kFields = {{
      {"Action", "lint-action"},
      {"NotAction", "lint-action"},
      {"Resource", "lint-resource"},
      {"NotResource", "lint-resource"},
      {"Principal", "lint-principal"},
      {"NotPrincipal", "lint-principal"},
      {"Sid", "lint-sid"},
      {"Id", "lint-policy-id"},
      {"kms_key", "lint-kms-key"},
  }};
  std::vector<std::string> tokens = tokens_of(d.pointer);
  // Anything inside a condition block is about the condition (its keys may be named like
  // fields); otherwise the innermost field of the policy grammar the pointer passes decides.
  if (std::find(tokens.begin(), tokens.end(), "Condition") != tokens.end()) return "lint-condition";
  for (auto t = tokens.rbegin(); t != tokens.rend(); ++t)
    for (const auto& [field, id] : kFields)
      if (*t == field) return id;
  const std::string& m = d.message;
  if (m.starts_with("KMS key")) return "lint-kms-key";
  if (m.find("`Version`") != std::string::npos) return "lint-policy-version";
  if (m.starts_with("key has no `policy`") || m.starts_with("key policy")) return "lint-key-policy";
  return "lint-scenario";
}

std::string_view invariant_rule_id(const InvariantResult& i) {
  if (!i.holds) return "invariant-undecided";
  return *i.holds ? "invariant-not-violated" : "invariant-violated";
}

std::string expectation_title(const ExpectationResult& e) {
  return "expectation " + std::to_string(e.index) + ": " + (e.expect_allow ? "allow " : "deny ") +
         backticked(e.decision.principal) + " " + backticked(e.decision.action) + " " +
         backticked(e.decision.resource);
}

std::string invariant_title(const InvariantResult& i) {
  return "invariant " + std::to_string(i.index) + ": " + backticked(i.name);
}

std::string expectation_failure(const ExpectationResult& e) {
  const Decision& d = e.decision;
  std::string out = backticked(d.principal) + (d.allowed ? " is allowed " : " is denied ") +
                    backticked(d.action) + " on " + backticked(d.resource) +
                    ", but the scenario expects " + (e.expect_allow ? "allow" : "deny") + ".";
  if (const Check* blocking = d.blocking_check()) {
    out += " " + blocking->title + ": " + (blocking->reason.empty() ? "denied" : blocking->reason);
    out = sentence_end(out);
    for (std::size_t k = 0; k < blocking->missing.size(); ++k)
      out += (k == 0 ? " To allow, add " : "; ") + blocking->missing[k];
    if (!blocking->missing.empty()) out = sentence_end(out);
  } else {
    for (const auto& c : d.checks) {
      std::vector<StatementRef> allows;
      for (const auto& f : c.policies)
        for (const auto& s : f.allows) allows.push_back(s);
      if (!allows.empty()) out += " " + c.title + ": allowed by " + statement_list(allows, 3) + ".";
    }
  }
  if (!e.why.empty()) out += " The scenario says: " + sentence_end(e.why);
  return out;
}

std::string step_text(const PathStep& s) {
  std::string out = s.actor + " " + s.action + " " + s.target;
  if (!s.detail.empty()) out += ": " + s.detail;
  if (!s.statements.empty()) out += ", allowed by " + statement_list(s.statements, 3);
  return out;
}

std::string invariant_failure(const InvariantResult& i) {
  std::string out = "invariant " + backticked(i.name);
  if (!i.holds) {
    out += " cannot be decided";
    if (!i.reason.empty()) out += ": " + i.reason;
    return sentence_end(out) + " accesspath does not guess an answer.";
  }
  if (*i.holds) {
    out += " holds, but the scenario expects it to be violated";
    if (!i.reason.empty()) out += ": " + i.reason;
    return sentence_end(out);
  }
  out += " is violated";
  if (!i.reason.empty()) out += ": " + i.reason;
  out = sentence_end(out);
  if (i.counterexample) {
    const auto& steps = i.counterexample->steps;
    out += " " + i.counterexample->start + " gets there in " + std::to_string(steps.size()) +
           (steps.size() == 1 ? " step:" : " steps:");
    for (std::size_t k = 0; k < steps.size(); ++k)
      out += " " + std::to_string(k + 1) + ". " + sentence_end(step_text(steps[k]));
  }
  return out;
}

}  // namespace accesspath
