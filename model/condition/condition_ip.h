// IPv4 and IPv6 addresses and CIDR ranges for IpAddress / NotIpAddress.
//
// IAM: Condition operators, "IP address condition operators": values are in
// CIDR format (`203.0.113.0/24`, `2001:DB8:1234:5678::/64`), and "if you specify
// an IP address without the associated routing prefix, IAM uses the default
// prefix value of /32" (rule 40). For a bare IPv6 address the same rule gives
// /128 (the whole address), which is what /32 means for IPv4.
//
//   auto range = parse_cidr("203.0.113.0/24", nullptr);
//   auto addr = parse_ip("203.0.113.7");
//   range->contains(*addr) == true;
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accesspath {

struct IpAddr {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4
  bool operator==(const IpAddr&) const = default;
};

struct IpRange {
  IpAddr base;  // host bits cleared
  int prefix = 0;
  bool host_bits_set = false;  // the policy wrote `203.0.113.7/24`: it still means the /24

  // An IPv4 address never falls in an IPv6 range or the reverse, including
  // IPv4-mapped IPv6 addresses (`::ffff:203.0.113.7`): AWS does not document
  // cross-family matching, so no match is the reading that grants nothing extra.
  bool contains(const IpAddr& addr) const;
  bool operator==(const IpRange&) const = default;
};

// Dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail).
// Never allocates.
std::optional<IpAddr> parse_ip(std::string_view text);

// `address[/prefix]`. On failure `*why` says what is wrong.
std::optional<IpRange> parse_cidr(std::string_view text, std::string* why);

}  // namespace accesspath
