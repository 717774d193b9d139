// Fuzz target and its checks: the policy-variable expander (`${aws:username}`, `${key, 'default'}`,
// `${*}`).
//
// Input: the text of a Resource or condition value on the first line, then `key=value` lines of
// the request context. Properties:
// - text with a syntax problem (check_policy_variable_syntax) substitutes to nothing;
// - text without `${` substitutes to itself;
// - the pattern form is the literal form with `*` and `?` from request values and `${*}`, `${?}`
//   marked as literal characters, so the pattern always matches the literal text (a request value
//   is never a wildcard);
// - with a single value for every key the text reads (policy_variable_keys), well-formed text
//   always substitutes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "model/condition/policy_variables.h"
#include "model/core/wildcard.h"

using namespace accesspath;

namespace {

std::string unmark(std::string s) {
  for (char& c : s) {
    if (c == kLiteralStar) c = '*';
    if (c == kLiteralQuestion) c = '?';
  }
  return s;
}

void check(const std::string& text, const RequestContext& ctx, std::string_view what) {
  auto literal = substitute_policy_variables(text, ctx, SubstituteFor::kLiteral);
  auto pattern = substitute_policy_variables(text, ctx, SubstituteFor::kPattern);
  std::string input = "text `" + text + "` with " + std::string(what);
  if (literal.has_value() != pattern.has_value())
    fuzz::violation("literal and pattern substitution fail together", input);
  bool syntax_ok = check_policy_variable_syntax(text).empty();
  if (!syntax_ok && literal)
    fuzz::violation("malformed variables substitute to nothing", input + " -> `" + *literal + "`");
  if (!contains_policy_variable(text) && literal != text)
    fuzz::violation("text without variables substitutes to itself", input);
  if (!literal) return;
  if (unmark(*pattern) != *literal)
    fuzz::violation("the pattern form is the literal form with marked wildcards",
                    input + ": literal `" + *literal + "`, pattern `" + unmark(*pattern) + "`");
  if (!wildcard_match(*pattern, *literal, CaseMode::kSensitive))
    fuzz::violation("the pattern form matches the literal form",
                    input + ": literal `" + *literal + "`");
}

}  // namespace

void accesspath::fuzz::check_policy_variables(std::string_view input) {
  if (input.size() > 4096) return;
  auto parts = fuzz::split(input, '\n', 2);
  std::string text(parts[0]);
  for (char& c : text)
    if (c == kLiteralStar || c == kLiteralQuestion) c = '_';  // refused in policies
  fuzz::ContextValues values = fuzz::context_from_lines(parts.size() > 1 ? parts[1] : "");
  for (auto& [key, vs] : values)
    for (std::string& v : vs)
      for (char& c : v)
        if (c == kLiteralStar || c == kLiteralQuestion) c = '_';
  check(text, fuzz::to_request_context(values), "the given context");

  // Every key the text reads, with one value: well-formed text substitutes.
  fuzz::ContextValues full;
  for (const std::string& key : policy_variable_keys(text)) full[key] = {"v*?"};
  RequestContext full_ctx = fuzz::to_request_context(full);
  check(text, full_ctx, "one value per key");
  if (check_policy_variable_syntax(text).empty() &&
      !substitute_policy_variables(text, full_ctx, SubstituteFor::kLiteral))
    fuzz::violation("well-formed text substitutes when every key has one value", text);
}
