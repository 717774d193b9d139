#include "model/condition/condition_date.h"

namespace accesspath {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` digits at `i`; advances `i`.
bool read_fixed(std::string_view s, std::size_t& i, std::size_t n, int& out) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!is_digit(s[i + k])) return false;
    v = v * 10 + (s[i + k] - '0');
  }
  i += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
// low-level date algorithms", days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// Up to nine fraction digits become nanoseconds; further digits are ignored.
std::int32_t read_fraction(std::string_view s, std::size_t& i) {
  std::int32_t nanos = 0;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (digits < 9) {
      nanos = nanos * 10 + (s[i] - '0');
      ++digits;
    }
    ++i;
  }
  for (; digits < 9; ++digits) nanos *= 10;
  return nanos;
}

std::optional<ParsedDate> parse_epoch(std::string_view s) {
  std::size_t i = 0;
  bool negative = i < s.size() && s[i] == '-';
  if (negative) ++i;
  std::size_t start = i;
  std::int64_t seconds = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (i - start >= 15) return std::nullopt;  // beyond any plausible date; avoids overflow
    seconds = seconds * 10 + (s[i++] - '0');
  }
  if (i == start) return std::nullopt;
  std::int32_t nanos = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t frac_start = i;
    nanos = read_fraction(s, i);
    if (i == frac_start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  ParsedDate out;
  out.epoch = true;
  out.instant = {negative ? -seconds : seconds, nanos};
  if (negative && nanos > 0) out.instant = {-seconds - 1, 1'000'000'000 - nanos};
  return out;
}

// `Z`, `+hh:mm`, `-hh:mm`, or nothing (assumed UTC). Sets `offset_seconds` to
// what must be subtracted from local time to get UTC.
bool parse_zone(std::string_view s, std::size_t& i, std::int64_t& offset_seconds, bool& assumed) {
  offset_seconds = 0;
  assumed = i == s.size();
  if (assumed) return true;
  if (s[i] == 'Z') return ++i == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  int sign = s[i++] == '-' ? -1 : 1;
  int hh = 0, mm = 0;
  if (!read_fixed(s, i, 2, hh) || !expect(s, i, ':') || !read_fixed(s, i, 2, mm)) return false;
  if (hh > 23 || mm > 59) return false;
  offset_seconds = sign * (hh * 3600 + mm * 60);
  return i == s.size();
}

std::optional<ParsedDate> parse_iso(std::string_view s) {
  std::size_t i = 0;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  ParsedDate out;
  if (!read_fixed(s, i, 4, year) || !expect(s, i, '-') || !read_fixed(s, i, 2, month))
    return std::nullopt;
  if (month < 1 || month > 12) return std::nullopt;
  out.partial = true;
  if (i < s.size()) {
    if (!expect(s, i, '-') || !read_fixed(s, i, 2, day)) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (i < s.size()) {
    out.partial = false;
    if (!expect(s, i, 'T') || !read_fixed(s, i, 2, hour) || !expect(s, i, ':') ||
        !read_fixed(s, i, 2, minute))
      return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!read_fixed(s, i, 2, second)) return std::nullopt;
      if (i < s.size() && s[i] == '.') {
        std::size_t frac_start = ++i;
        out.instant.nanos = read_fraction(s, i);
        if (i == frac_start) return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (!parse_zone(s, i, offset, out.assumed_utc)) return std::nullopt;
  }
  out.instant.seconds =
      days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return out;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // "YYYY-" starts an ISO date; anything else must be epoch seconds.
  if (text.size() > 4 && text[4] == '-' && is_digit(text[0])) return parse_iso(text);
  return parse_epoch(text);
}

}  // namespace accesspath
