// Exact decimal numbers for the Numeric condition operators.
//
// IAM: Condition operators, "Numeric condition operators" compare "a key to an
// integer or decimal value". Numbers are compared as exact decimals, not as
// doubles, so `12345678901234567` and `12345678901234568` stay different and
// `0.1 + 0.2`-style rounding never decides an authorization.
//
//   auto a = parse_decimal("10"), b = parse_decimal("9.50");
//   compare_decimal(*a, *b) > 0;  // 10 > 9.5
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace accesspath {

// A parsed number that points into the text it was parsed from. Normalised:
// no leading zeros in `integer`, no trailing zeros in `fraction`, and zero is
// never negative, so equal numbers have equal views.
struct DecimalView {
  bool negative = false;
  std::string_view integer;   // "" for zero
  std::string_view fraction;  // digits after the point, "" when none
};

// Accepts an optional sign, digits, and an optional `.` with digits
// (`10`, `-3`, `+2.5`, `.5`, `5.`). AWS does not document exponents or other
// forms; they are rejected (policy values with them are reported as errors,
// request values with them match nothing). Never allocates.
std::optional<DecimalView> parse_decimal(std::string_view text);

// <0, 0, >0 like strcmp.
int compare_decimal(const DecimalView& a, const DecimalView& b);

// An owning copy, for compiled policy values.
struct Decimal {
  bool negative = false;
  std::string integer;
  std::string fraction;

  static Decimal from(const DecimalView& v) {
    return {v.negative, std::string(v.integer), std::string(v.fraction)};
  }
  DecimalView view() const { return {negative, integer, fraction}; }
  bool operator==(const Decimal&) const = default;
};

}  // namespace accesspath
