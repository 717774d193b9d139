// Looking at 8 bytes at a time: the bit tricks of "Bit Twiddling Hacks" (Sean Eron Anderson,
// "Determine if a word has a zero byte", "... has a byte less than n"), for the text readers and
// writers that skip long runs of ordinary characters (JSON strings, request lines).
//
//   std::uint64_t w = load8(s.data() + i);
//   if (!json_string_special(w)) i += 8;  // none of the 8 bytes needs a closer look
#pragma once

#include <cstdint>
#include <cstring>

namespace accesspath::bytes {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// 8 bytes from `p` (any alignment).
inline std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Non-zero when a byte of `w` is zero (exact: no false positive in the "any" sense).
constexpr std::uint64_t any_zero(std::uint64_t w) {
  return (w - kOnes) & ~w & kHighs;
}
// Non-zero when a byte of `w` equals `c`.
constexpr std::uint64_t any_equal(std::uint64_t w, unsigned char c) {
  return any_zero(w ^ (kOnes * c));
}
// Non-zero when a byte of `w` is below `n` (n at most 128).
constexpr std::uint64_t any_below(std::uint64_t w, unsigned char n) {
  return (w - kOnes * n) & ~w & kHighs;
}

// Whether any of 8 bytes needs care inside a JSON string: a control character, `"`, `\` or a
// byte beyond ASCII.
constexpr bool json_string_special(std::uint64_t w) {
  return (any_below(w, 0x20) | any_equal(w, '"') | any_equal(w, '\\') | (w & kHighs)) != 0;
}

}  // namespace accesspath::bytes
