#include "model/condition/condition_number.h"

namespace accesspath {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t count_digits(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i - from;
}

// Compares non-negative magnitudes.
int compare_magnitude(const DecimalView& a, const DecimalView& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  // Fractions without trailing zeros compare lexicographically ("5" > "25").
  int c = a.fraction.compare(b.fraction);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

std::optional<DecimalView> parse_decimal(std::string_view text) {
  DecimalView v;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) v.negative = text[i++] == '-';
  std::size_t int_len = count_digits(text, i);
  std::string_view integer = text.substr(i, int_len);
  i += int_len;
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    std::size_t frac_len = count_digits(text, i + 1);
    fraction = text.substr(i + 1, frac_len);
    i += 1 + frac_len;
  }
  if (i != text.size() || (integer.empty() && fraction.empty())) return std::nullopt;
  while (!integer.empty() && integer.front() == '0') integer.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  v.integer = integer;
  v.fraction = fraction;
  if (integer.empty() && fraction.empty()) v.negative = false;  // -0 == 0
  return v;
}

int compare_decimal(const DecimalView& a, const DecimalView& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int magnitude = compare_magnitude(a, b);
  return a.negative ? -magnitude : magnitude;
}

}  // namespace accesspath
