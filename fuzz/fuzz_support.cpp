// What the libFuzzer targets share (fuzz_support.h).
#include "fuzz/fuzz_support.h"

#include <cctype>

#include "model/world/json_limits.h"

namespace accesspath::fuzz {

void violation(std::string_view property, std::string_view detail) {
  throw PropertyViolation("property violated: " + std::string(property) + "\n" +
                          std::string(detail));
}

std::optional<nlohmann::json> parse_json(std::string_view text) {
  Diagnostics ignored;
  if (!check_json_limits(text, ignored)) return std::nullopt;
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

std::vector<std::string_view> split(std::string_view text, char separator, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    std::size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

ContextValues context_from_lines(std::string_view lines) {
  ContextValues values;
  for (std::string_view line : split(lines, '\n', 64)) {
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string key(line.substr(0, eq));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    values[key].emplace_back(line.substr(eq + 1));
  }
  return values;
}

RequestContext to_request_context(const ContextValues& values) {
  RequestContext ctx;
  for (const auto& [key, vs] : values) {
    if (vs.size() == 1)
      ctx.set(key, vs.front());
    else
      ctx.set_multi(key, vs);
  }
  return ctx;
}

}  // namespace accesspath::fuzz
