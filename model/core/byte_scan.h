// Looking at 8 bytes at a time (16 where SSE2 is there, every x86-64): the bit tricks of "Bit
// Twiddling Hacks" (Sean Eron Anderson, "Determine if a word has a zero byte", "... has a byte less
// than n"), for the text readers and writers that skip long runs of ordinary characters (JSON
// strings, request lines).
//
//   std::uint64_t w = load8(s.data() + i);
//   if (!json_string_special(w)) i += 8;  // none of the 8 bytes needs a closer look
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
// The first position of `s` that `mark` marks, or s.size(): `mark` takes 16 bytes and answers a
// bit for each (SSE2's movemask). The last bytes are copied to a block of zeros, and the bits
// of the padding are masked off.
template <typename Mark>
std::size_t first_marked(std::string_view s, Mark mark) {
  std::size_t i = 0;
  for (; i + 16 <= s.size(); i += 16)
    if (const unsigned bits = mark(s.data() + i); bits != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(bits));
  if (const std::size_t rest = s.size() - i; rest > 0) {
    alignas(16) char tail[16] = {};
    std::memcpy(tail, s.data() + i, rest);
    const unsigned bits = mark(tail) & ((1u << rest) - 1);
    return bits != 0 ? i + static_cast<std::size_t>(__builtin_ctz(bits)) : s.size();
  }
  return i;
}
#endif

// The length of the longest prefix of `s` that a JSON string holds as it is (no byte needs care,
// as json_string_special says): 16 bytes a step where SSE2 is there (every x86-64), 8 otherwise.
inline std::size_t json_plain_prefix(std::string_view s) {
#if defined(__SSE2__)
  // A signed compare below 0x20 takes the control characters and, as negative bytes, every byte
  // beyond ASCII.
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                backslash = _mm_set1_epi8('\\');
  return first_marked(s, [&](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(v, space),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)))));
  });
#else
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8)
    if (json_string_special(load8(s.data() + i))) break;
  for (; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\') break;
  }
  return i;
#endif
}

// The same without DEL (0x7f) either: the run of printable ASCII other than `"` and `\`, what
// a request line's plain reader takes byte for byte (plain_request_scan.h).
inline std::size_t printable_plain_prefix(std::string_view s) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                backslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);
  return first_marked(s, [&](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)))));
  });
#else
  const std::size_t plain = json_plain_prefix(s);
  const std::size_t del = s.substr(0, plain).find('\x7f');
  return del == std::string_view::npos ? plain : del;
#endif
}

// The position in `s` of its first `"` or `\`, or s.size() when it has none: where a scanner
// over a JSON string's text has something to look at.
inline std::size_t find_quote_or_backslash(std::string_view s) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  return first_marked(s, [&](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
  });
#else
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t w = load8(s.data() + i);
    if (any_equal(w, '"') | any_equal(w, '\\')) break;
  }
  while (i < s.size() && s[i] != '"' && s[i] != '\\') ++i;
  return i;
#endif
}

}  // namespace accesspath::bytes
