// Limits on JSON data, control characters allowed (json_data_limits.h).
#include "model/world/json_data_limits.h"

#include <charconv>
#include <optional>
#include <string>

namespace accesspath {
namespace {

// Whether the four hex digits of a `\uXXXX` escape name a character check_json_limits refuses.
bool refused_escape(std::string_view hex) {
  unsigned code = 0;
  auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
  if (error != std::errc() || end != hex.data() + hex.size() || code >= 0x20) return false;
  char c = static_cast<char>(code);
  return find_refused_character(std::string_view(&c, 1)) != std::string_view::npos;
}

}  // namespace

bool check_json_data_limits(std::string_view text, Diagnostics& diags, const JsonLimits& limits) {
  // Only JSON escapes can put a control character in a string: a raw one is a syntax error. Each
  // such escape becomes `\u0020`, which decodes to as many bytes, so that every size, depth and
  // place the check measures is the one of the text itself. Most files have none and are not
  // copied.
  std::optional<std::string> masked;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    if (text[i + 1] == 'u' && i + 6 <= text.size() && refused_escape(text.substr(i + 2, 4))) {
      if (!masked) masked.emplace(text);
      masked->replace(i + 2, 4, "0020");
    }
    ++i;  // the escaped character: in `\\u0001` the second backslash starts no escape
  }
  return check_json_limits(masked ? std::string_view(*masked) : text, diags, limits);
}

}  // namespace accesspath
