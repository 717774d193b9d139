// The text a request can carry: printable ASCII, from space to tilde. The encoder keeps solver
// values within it (require_printable) and a literal outside it matches nothing a request sends.
// Internal to symbolic/.
#pragma once

#include <string_view>

namespace accesspath {

inline constexpr char kFirstPrintable = ' ';
inline constexpr char kLastPrintable = '~';

inline bool printable(std::string_view s) {
  for (char c : s)
    if (c < kFirstPrintable || c > kLastPrintable) return false;
  return true;
}

}  // namespace accesspath
