// Dates and times for the Date condition operators.
//
// IAM: Condition operators, "Date condition operators": values use "one of the
// W3C implementations of the ISO 8601 date formats" (www.w3.org/TR/NOTE-datetime:
// `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`,
// `YYYY-MM-DDThh:mm:ss.sTZD`, with TZD `Z` or `±hh:mm`) "or in epoch (UNIX)
// time". Wildcards are not permitted (rule 41).
//
//   auto t = parse_date("2020-01-01T00:00:01Z");
//   auto u = parse_date("1577836801");  // epoch seconds, the same instant
//   t->instant == u->instant;
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace accesspath {

// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds.
struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;  // 0..999'999'999
  auto operator<=>(const Instant&) const = default;
};

struct ParsedDate {
  Instant instant;
  bool epoch = false;        // written as epoch seconds
  bool assumed_utc = false;  // a time without `Z` or offset, read as UTC
  bool partial = false;      // `YYYY-MM` or `YYYY-MM-DD`: the first instant of that period
};

// Never allocates.
//
// Decisions where AWS is silent (IAM: Condition operators, Date):
// - Text of digits only (optionally signed, optionally with a fraction) is epoch
//   seconds, so `2020` is 2020 seconds after the epoch, not the year 2020: the
//   W3C year-only form collides with the epoch form, and request keys such as
//   aws:EpochTime carry digits. Callers warn about four-digit policy values.
// - `YYYY-MM` and `YYYY-MM-DD` mean their first instant in UTC.
// - A time without a zone designator, which W3C does not allow, is read as UTC.
std::optional<ParsedDate> parse_date(std::string_view text);

}  // namespace accesspath
