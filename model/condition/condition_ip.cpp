#include "model/condition/condition_ip.h"

namespace accesspath {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted quad into out[0..3]. Leading zeros are rejected: some parsers read
// `010` as octal, and AWS does not say which reading it uses.
bool parse_v4(std::string_view s, std::uint8_t* out) {
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0 && (i >= s.size() || s[i++] != '.')) return false;
    std::size_t start = i;
    int value = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 3) value = value * 10 + (s[i++] - '0');
    std::size_t len = i - start;
    if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) return false;
    out[part] = static_cast<std::uint8_t>(value);
  }
  return i == s.size();
}

// Colon-separated 16-bit groups (one side of a `::`), optionally ending in an
// IPv4 tail when `allow_v4_tail`. Writes up to `max_groups` groups; returns the
// number written, or -1.
int parse_groups(std::string_view s, std::uint16_t* groups, int max_groups, bool allow_v4_tail) {
  if (s.empty()) return 0;
  int count = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t end = s.find(':', i);
    std::string_view group = s.substr(i, end == std::string_view::npos ? end : end - i);
    if (end == std::string_view::npos && allow_v4_tail &&
        group.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (count + 2 > max_groups || !parse_v4(group, v4)) return -1;
      groups[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      groups[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      return count;
    }
    if (group.empty() || group.size() > 4 || count >= max_groups) return -1;
    int value = 0;
    for (char c : group) {
      int h = hex_value(c);
      if (h < 0) return -1;
      value = value * 16 + h;
    }
    groups[count++] = static_cast<std::uint16_t>(value);
    if (end == std::string_view::npos) return count;
    i = end + 1;
  }
}

bool parse_v6(std::string_view s, std::uint8_t* out) {
  std::uint16_t head[8] = {}, tail[8] = {};
  int head_n = 0, tail_n = 0;
  std::size_t gap = s.find("::");
  if (gap == std::string_view::npos) {
    head_n = parse_groups(s, head, 8, true);
    if (head_n != 8) return false;
  } else {
    if (s.find("::", gap + 1) != std::string_view::npos) return false;  // one `::` at most
    head_n = parse_groups(s.substr(0, gap), head, 7, false);
    tail_n = parse_groups(s.substr(gap + 2), tail, 7, true);
    if (head_n < 0 || tail_n < 0 || head_n + tail_n > 7) return false;
  }
  std::uint16_t all[8] = {};
  for (int k = 0; k < head_n; ++k) all[k] = head[k];
  for (int k = 0; k < tail_n; ++k) all[8 - tail_n + k] = tail[k];
  for (int k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<std::uint8_t>(all[k] >> 8);
    out[2 * k + 1] = static_cast<std::uint8_t>(all[k] & 0xff);
  }
  return true;
}

// Clears the bits after `prefix`; reports whether any were set.
bool mask(IpAddr& addr, int prefix) {
  bool had_host_bits = false;
  int total = addr.v6 ? 128 : 32;
  for (int bit = prefix; bit < total; ++bit) {
    auto byte = static_cast<std::size_t>(bit / 8);
    auto flag = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if (addr.bytes[byte] & flag) had_host_bits = true;
    addr.bytes[byte] = static_cast<std::uint8_t>(addr.bytes[byte] & ~flag);
  }
  return had_host_bits;
}

}  // namespace

std::optional<IpAddr> parse_ip(std::string_view text) {
  IpAddr addr;
  addr.v6 = text.find(':') != std::string_view::npos;
  if (addr.v6 ? parse_v6(text, addr.bytes.data()) : parse_v4(text, addr.bytes.data())) return addr;
  return std::nullopt;
}

bool IpRange::contains(const IpAddr& addr) const {
  if (addr.v6 != base.v6) return false;
  for (int bit = 0; bit < prefix; bit += 8) {
    auto byte = static_cast<std::size_t>(bit / 8);
    int bits = prefix - bit < 8 ? prefix - bit : 8;
    auto byte_mask = static_cast<std::uint8_t>(0xffu << (8 - bits));
    if ((addr.bytes[byte] & byte_mask) != base.bytes[byte]) return false;
  }
  return true;
}

std::optional<IpRange> parse_cidr(std::string_view text, std::string* why) {
  auto fail = [&](std::string message) -> std::optional<IpRange> {
    if (why) *why = std::move(message);
    return std::nullopt;
  };
  std::size_t slash = text.find('/');
  auto addr = parse_ip(text.substr(0, slash));
  if (!addr)
    return fail("`" + std::string(text) +
                "` is not an IP address or CIDR range; expected e.g. `203.0.113.0/24` or "
                "`2001:db8::/32`");
  IpRange range;
  range.base = *addr;
  range.prefix = addr->v6 ? 128 : 32;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    int prefix = 0;
    bool ok = !digits.empty() && digits.size() <= 3;
    for (char c : digits) {
      ok = ok && is_digit(c);
      if (ok) prefix = prefix * 10 + (c - '0');
    }
    if (!ok || prefix > range.prefix)
      return fail("the prefix length in `" + std::string(text) + "` must be a number from 0 to " +
                  std::to_string(range.prefix));
    range.prefix = prefix;
  }
  range.host_bits_set = mask(range.base, range.prefix);
  return range;
}

}  // namespace accesspath
