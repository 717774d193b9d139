// Reading the common shape of a request line without building a JSON tree, for `eval`'s hot
// path (issue 11: the whole pipeline as fast as the evaluator).
//
// A *plain* line is one JSON object whose members are `principal`, `action` and `resource`
// (strings), `headers` (an object of strings) and `context` (an object of strings, booleans or
// lists of them), each at most once, every string printable ASCII without escapes. Such a line
// is scanned in one pass into views of its own text. Anything else (escapes, numbers,
// non-ASCII, duplicate or unknown keys, malformed JSON) is not plain: the caller reads it with
// the full JSON reader, which accepts what it always accepted and names what is wrong. The scan
// decides only which reader runs, never what a line means (RequestStream laws test both).
//
// A plain *expectation* (an element of a scenario's `expectations`, read by `check` without a
// tree) is the same with two more members, `expect` and `why`, plain strings too; a request line
// with either is not plain (`eval` refuses those keys).
//
//   PlainRequest p;
//   if (scan_plain_request(R"({"principal":"anonymous", ...})", p)) ... *p.principal == "anonymous"
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace accesspath {

struct PlainRequest {
  std::optional<std::string_view> principal, action, resource;
  std::vector<std::pair<std::string_view, std::string_view>> headers;  // names as written
  struct ContextEntry {  // one value or a list: `values` either way (booleans as `true`/`false`)
    std::string_view key;
    std::vector<std::string_view> values;
  };
  std::vector<ContextEntry> context;
};

struct PlainExpectation {
  PlainRequest request;
  std::optional<std::string_view> expect, why;
};

// Fills `out` (cleared first, its storage kept) with the members of `line` as views into it;
// false when the line is not plain (see above), `out` then unspecified.
bool scan_plain_request(std::string_view line, PlainRequest& out);
// The same for one expectation's text.
bool scan_plain_expectation(std::string_view text, PlainExpectation& out);

}  // namespace accesspath
