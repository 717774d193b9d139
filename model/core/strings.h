// ASCII case helpers for the names AWS compares without regard to case: condition key names,
// action names, service prefixes (IAM JSON policy elements: Action, Condition). Only ASCII letters
// change case: AWS's names are ASCII, and a byte-wise rule never splits a UTF-8 sequence.
//
//   iequals("aws:SourceIp", "AWS:sourceip") == true
//   to_lower("s3:GetObject") == "s3:getobject"
#pragma once

#include <string>
#include <string_view>

namespace accesspath {

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

}  // namespace accesspath
