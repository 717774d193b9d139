// Bounds on untrusted JSON, checked before the document is built.
//
// Scenario files and policies come from anywhere. nlohmann::json builds a tree whose size and
// depth follow the input, and the loader walks it recursively, so a file of 100 MB strings or
// 100,000 nested arrays would exhaust memory or the stack. check_json_limits() runs a SAX pass
// first (nlohmann's SAX parser keeps its own stack, so it never recurses) and stops at the first
// value past a limit, naming its JSON pointer. It also refuses what AWS refuses in every policy
// document: control characters other than tab, line feed and carriage return (IAM API Reference,
// CreatePolicy, `PolicyDocument`: "\u0009\u000A\u000D\u0020-\u00FF" and beyond), and numbers
// beyond the range of a double (`1e400`).
//
//   Diagnostics diags;
//   if (check_json_limits(text, diags)) doc = nlohmann::json::parse(text);
//   // else diags has one error such as "/a/0/b: nested 65 deep; at most 64 levels are allowed"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/core/diagnostic.h"

namespace accesspath {

struct JsonLimits {
  // The whole text. The largest organisation the scale benchmark generates (10,000 principals)
  // is a few MB; AWS's largest single policy (a 32 KB key policy) is far below.
  std::size_t max_bytes = std::size_t{64} << 20;
  // Nesting of arrays and objects. A scenario nests about 10 deep.
  std::size_t max_depth = 64;
  // One string or key, in bytes. No AWS policy is longer than 32 KB as a whole.
  std::size_t max_string_bytes = std::size_t{64} << 10;
  // Values of any kind (each array or object counts once, as does each scalar).
  std::size_t max_values = std::size_t{4} << 20;
};

// True when `text` is within `limits` and has no character AWS refuses; otherwise appends one
// error (with the JSON pointer of the offending value) to `diags` and returns false. Text that is
// not JSON at all passes: the caller's parser reports the syntax error with line and column.
bool check_json_limits(std::string_view text, Diagnostics& diags, const JsonLimits& limits = {});

// The messages of the limits, shared by the checker and the parser of json_parse.h: empty when
// the string or key `s` is within `limits` and has no refused character.
std::string text_limit_problem(std::string_view s, std::string_view what, const JsonLimits& limits);
std::string too_many_values_problem(const JsonLimits& limits);
std::string too_deep_problem(const JsonLimits& limits);
std::string out_of_range_problem(std::string_view number_text);
std::string too_large_problem(std::size_t bytes, const JsonLimits& limits);

// The first character AWS refuses in a string of a policy (a control character other than tab,
// line feed and carriage return), as its offset; npos when there is none.
std::size_t find_refused_character(std::string_view s);

}  // namespace accesspath
