// The reference evaluator's reading of typed condition values: numbers, dates,
// IP addresses and ranges, base64, as the IAM User Guide describes them
// (IAM JSON policy elements: Condition operators), with no code from model/.
//
//   reference::parse_number("-1.5");                      // -1.5
//   reference::parse_date("2025-01-01T00:00:00Z");        // 1735689600 (seconds)
//   reference::in_range(*reference::parse_ip("203.0.113.7"),
//   *reference::parse_cidr("203.0.113.0/24")); reference::decode_base64("ZGF0YQ=="); // "data"
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accesspath::properties::reference {

// Numeric condition operators: integers and decimals ("-12", "3.5"). nullopt otherwise.
std::optional<long double> parse_number(std::string_view text);

// Date condition operators: ISO 8601 ("2025-01-01", "2025-01-01T00:00:00Z", with a fraction of a
// second) or epoch seconds ("1735689600"), as seconds since the epoch. nullopt otherwise.
std::optional<long double> parse_date(std::string_view text);

struct Ip {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first four
};

// Dotted IPv4, or IPv6 in colon-hex groups with at most one `::`. nullopt otherwise.
std::optional<Ip> parse_ip(std::string_view text);

struct IpRange {
  Ip base;
  int prefix = 0;
};

// "a.b.c.d/n" or "x::y/n"; a bare address is a /32 (IPv4) or /128 (IPv6) range (rule 40).
std::optional<IpRange> parse_cidr(std::string_view text);

// The first `prefix` bits agree; an IPv4 address is never in an IPv6 range, nor the reverse.
bool in_range(const Ip& ip, const IpRange& range);

// Standard base64 with its `=` padding (RFC 4648 section 4); nullopt for anything else.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace accesspath::properties::reference
