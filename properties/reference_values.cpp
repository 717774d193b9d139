#include "properties/reference_values.h"

#include <cstdlib>
#include <vector>

namespace accesspath::properties::reference {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!digit(c)) return false;
  return true;
}

int number_at(std::string_view s, std::size_t at, std::size_t n) {
  return std::atoi(std::string(s.substr(at, n)).c_str());
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil, http://howardhinnant.github.io/date_algorithms.html).
long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int hex(char c) {
  if (digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// IPv6 groups of one to four hex digits, appended as bytes; false on anything else.
bool hex_groups(std::string_view s, std::vector<std::uint8_t>& out) {
  if (s.empty()) return true;
  for (auto g : split(s, ':')) {
    if (g.empty() || g.size() > 4) return false;
    unsigned v = 0;
    for (char c : g) {
      if (hex(c) < 0) return false;
      v = v * 16 + static_cast<unsigned>(hex(c));
    }
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v & 0xff));
  }
  return true;
}

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (digit(c)) return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<long double> parse_number(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const std::size_t dot = s.find('.');
  if (!all_digits(s.substr(0, dot))) return std::nullopt;
  if (dot != std::string_view::npos && !all_digits(s.substr(dot + 1))) return std::nullopt;
  return std::strtold(std::string(text).c_str(), nullptr);
}

std::optional<long double> parse_date(std::string_view s) {
  if (all_digits(s)) return std::strtold(std::string(s).c_str(), nullptr);  // epoch seconds
  // YYYY-MM-DD
  if (s.size() < 10 || !all_digits(s.substr(0, 4)) || s[4] != '-' || !all_digits(s.substr(5, 2)) ||
      s[7] != '-' || !all_digits(s.substr(8, 2)))
    return std::nullopt;
  const int month = number_at(s, 5, 2), day = number_at(s, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  long double seconds =
      static_cast<long double>(days_from_civil(number_at(s, 0, 4), month, day)) * 86400;
  if (s.size() == 10) return seconds;
  // THH:MM:SS[.fraction]Z
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s.back() != 'Z' ||
      !all_digits(s.substr(11, 2)) || !all_digits(s.substr(14, 2)) || !all_digits(s.substr(17, 2)))
    return std::nullopt;
  const int h = number_at(s, 11, 2), m = number_at(s, 14, 2), sec = number_at(s, 17, 2);
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  seconds += h * 3600 + m * 60 + sec;
  std::string_view fraction = s.substr(19, s.size() - 20);
  if (fraction.empty()) return seconds;
  if (fraction[0] != '.' || !all_digits(fraction.substr(1))) return std::nullopt;
  return seconds + std::strtold(("0" + std::string(fraction)).c_str(), nullptr);
}

std::optional<Ip> parse_ip(std::string_view s) {
  Ip ip;
  if (s.find(':') == std::string_view::npos) {
    auto parts = split(s, '.');
    if (parts.size() != 4) return std::nullopt;
    for (std::size_t i = 0; i < 4; ++i) {
      // Leading zeros are refused, as the evaluator does (condition_ip.cpp): some parsers read
      // `010` as octal, and AWS, which writes aws:SourceIp itself, does not say.
      if (!all_digits(parts[i]) || parts[i].size() > 3 ||
          (parts[i].size() > 1 && parts[i][0] == '0'))
        return std::nullopt;
      const int v = number_at(parts[i], 0, parts[i].size());
      if (v > 255) return std::nullopt;
      ip.bytes[i] = static_cast<std::uint8_t>(v);
    }
    return ip;
  }
  ip.v6 = true;
  std::vector<std::uint8_t> head, tail;
  const std::size_t gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (!hex_groups(s, head) || head.size() != 16) return std::nullopt;
  } else {
    if (s.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    if (!hex_groups(s.substr(0, gap), head) || !hex_groups(s.substr(gap + 2), tail) ||
        head.size() + tail.size() > 14)
      return std::nullopt;
  }
  for (std::size_t i = 0; i < head.size(); ++i) ip.bytes[i] = head[i];
  for (std::size_t i = 0; i < tail.size(); ++i) ip.bytes[16 - tail.size() + i] = tail[i];
  return ip;
}

std::optional<IpRange> parse_cidr(std::string_view s) {
  const std::size_t slash = s.find('/');
  auto ip = parse_ip(s.substr(0, slash));
  if (!ip) return std::nullopt;
  const int bits = ip->v6 ? 128 : 32;
  if (slash == std::string_view::npos) return IpRange{*ip, bits};
  std::string_view n = s.substr(slash + 1);
  if (!all_digits(n) || n.size() > 3) return std::nullopt;
  const int prefix = number_at(n, 0, n.size());
  if (prefix > bits) return std::nullopt;
  return IpRange{*ip, prefix};
}

bool in_range(const Ip& ip, const IpRange& range) {
  if (ip.v6 != range.base.v6) return false;
  for (int i = 0; i < range.prefix; ++i) {
    const auto byte = static_cast<std::size_t>(i / 8);
    const unsigned bit = 0x80u >> (i % 8);
    if ((ip.bytes[byte] & bit) != (range.base.bytes[byte] & bit)) return false;
  }
  return true;
}

std::optional<std::string> decode_base64(std::string_view s) {
  if (s.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && padding < s.size() && s[s.size() - 1 - padding] == '=') ++padding;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s.substr(0, s.size() - padding)) {
    if (sextet(c) < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(sextet(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xffu);
    }
  }
  return out;
}

}  // namespace accesspath::properties::reference
