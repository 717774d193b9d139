// Levenshtein distance between two strings, byte by byte (case-sensitive: lowercase both to
// ignore case). For "did you mean" suggestions on error paths.
//
//   edit_distance("StringEqals", "StringEquals") == 1
#pragma once

#include <cstddef>
#include <string_view>

namespace accesspath {

std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace accesspath
