// What the fuzz checks in fuzz/ share: bounded JSON parsing of the fuzzer's bytes, splitting an
// input into parts, and reporting a violated property (PropertyViolation: the fuzz entry point
// aborts on it, so libFuzzer saves the input and tools/fuzz.sh keeps it under
// tests/fuzz_findings/; the test suite fails on it).
//
//   void check_thing(std::string_view input) {
//     auto doc = accesspath::fuzz::parse_json(input);
//     if (!doc) return;
//     if (!property_holds(*doc)) accesspath::fuzz::violation("property", doc->dump());
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/condition/request_context.h"

namespace accesspath::fuzz {

// A property that did not hold: what() is the property, a newline, and the input that broke it.
struct PropertyViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws PropertyViolation.
[[noreturn]] void violation(std::string_view property, std::string_view detail);

// The bytes as JSON, through the same limits as scenario files (check_json_limits); nullopt
// when they are not JSON or are past a limit.
std::optional<nlohmann::json> parse_json(std::string_view text);

// The input cut at the first `count - 1` occurrences of `separator` (fewer parts when it has
// fewer).
std::vector<std::string_view> split(std::string_view text, char separator, std::size_t count);

// Condition keys (lowercased) and their values from `key=value` lines; a key given twice is
// multivalued.
using ContextValues = std::map<std::string, std::vector<std::string>>;
ContextValues context_from_lines(std::string_view lines);
RequestContext to_request_context(const ContextValues& values);

}  // namespace accesspath::fuzz
