// Finding one array member of a JSON document in its text, without building a tree: where the
// top-level object's `key` member is, and the byte span of each element of its array. `check`
// reads a scenario's 100,000 expectations this way (scenario_lean_loader.h) instead of building
// a tree of them (≈100 MB for a 20 MB file).
//
// The scan follows JSON's grammar (strings with their escapes, nesting, commas and colons) but
// does not decode strings or validate numbers, literals or UTF-8: whoever reads the pieces reads
// them with a strict reader. It counts what json_limits.h bounds over the whole document (values,
// depth, the longest string as written), so that limits can be judged over the whole document
// when the pieces are parsed apart. Whenever the text is not simply shaped it answers nullopt and
// the caller reads the document whole, as before:
//   - the top-level value is not an object, or the text is malformed where the scan looks;
//   - a top-level key is written with an escape (it might spell `key`);
//   - `key` appears twice (JSON readers keep the last, a rule the caller need not repeat);
//   - `key`'s value is not an array, or `key` is absent;
//   - nesting deeper than `max_depth` (the scan stops there: no deep recursion, no deep stack).
//
//   std::optional<ArrayMemberSpans> s = scan_array_member(text, "expectations", 64);
//   // text.substr(s->elements[0].first, s->elements[0].second - s->elements[0].first): `{...}`
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace accesspath {

struct ArrayMemberSpans {
  std::size_t array_begin = 0, array_end = 0;  // the array's `[` and one past its `]`
  std::vector<std::pair<std::size_t, std::size_t>> elements;  // [begin, end) of each element
  std::size_t values = 0;          // values in the whole document, as json_limits counts them
  std::size_t depth = 0;           // the deepest nesting of arrays and objects
  std::size_t longest_string = 0;  // bytes between the quotes of the longest string or key
};

std::optional<ArrayMemberSpans> scan_array_member(std::string_view text, std::string_view key,
                                                  std::size_t max_depth);

}  // namespace accesspath
