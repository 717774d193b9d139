// Fuzz target and its checks: ARN parsing and IAM wildcard matching.
//
// Input: a pattern, a newline, a text. Properties:
// - wildcard_match agrees with the reference matcher of properties/ (a plain dynamic-programming
//   table), both case-sensitively and not;
// - a compiled WildcardPattern answers what wildcard_match answers;
// - arn_like agrees with the reference's ArnLike;
// - parse_arn and parse_arn_view agree, and a parsed ARN prints back as the text it came from.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "model/core/arn.h"
#include "model/core/wildcard.h"
#include "properties/reference_match.h"

using namespace accesspath;

namespace {

// kLiteralStar and kLiteralQuestion only come out of policy-variable substitution (a policy
// holding them is refused by the loader); the reference knows nothing of them.
std::string without_literal_markers(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == kLiteralStar || c == kLiteralQuestion) c = '_';
  return out;
}

void check_wildcards(const std::string& pattern, const std::string& text) {
  for (bool ignore_case : {false, true}) {
    CaseMode mode = ignore_case ? CaseMode::kInsensitive : CaseMode::kSensitive;
    bool fast = wildcard_match(pattern, text, mode);
    bool reference = properties::reference::glob(pattern, text, ignore_case);
    if (fast != reference)
      fuzz::violation("wildcard_match agrees with the reference matcher",
                      "pattern `" + pattern + "`, text `" + text + "`, ignore case " +
                          (ignore_case ? "yes" : "no") + ": fast " + (fast ? "true" : "false"));
    if (WildcardPattern(pattern).matches(text, mode) != fast)
      fuzz::violation("WildcardPattern::matches agrees with wildcard_match",
                      "pattern `" + pattern + "`, text `" + text + "`");
  }
}

void check_arns(const std::string& pattern, const std::string& text) {
  auto arn = parse_arn(text);
  auto view = parse_arn_view(text);
  if (arn.has_value() != view.has_value())
    fuzz::violation("parse_arn and parse_arn_view accept the same texts", text);
  if (arn) {
    if (arn->to_string() != text)
      fuzz::violation("a parsed ARN prints back as written", text + " -> " + arn->to_string());
    if (arn->partition != view->partition || arn->service != view->service ||
        arn->region != view->region || arn->account != view->account ||
        arn->resource != view->resource || arn->resource_type() != view->resource_type())
      fuzz::violation("parse_arn and parse_arn_view split the same parts", text);
    (void)validate_arn(text, true);
    (void)arn->resource_name();
  }
  bool fast = arn_like(pattern, text);
  bool reference = false;
  try {
    reference = properties::reference::arn_like(pattern, text);
  } catch (const properties::reference::Unsupported&) {
    return;
  }
  if (fast != reference)
    fuzz::violation(
        "arn_like agrees with the reference ArnLike",
        "pattern `" + pattern + "`, value `" + text + "`: fast " + (fast ? "true" : "false"));
}

}  // namespace

void accesspath::fuzz::check_arn_wildcard(std::string_view input) {
  if (input.size() > 4096) return;  // quadratic matchers: long inputs only slow the search down
  auto parts = fuzz::split(input, '\n', 2);
  std::string pattern = without_literal_markers(parts[0]);
  std::string text = without_literal_markers(parts.size() > 1 ? parts[1] : "");
  check_wildcards(pattern, text);
  check_arns(pattern, text);
}
