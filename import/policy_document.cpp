#include "import/policy_document.h"

#include "model/world/json_limits.h"

namespace accesspath {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<nlohmann::json> parse_object(std::string_view text, std::string* why) {
  // A policy's limits (a scenario's, json_limits.h) before its tree is built: the string is within
  // the limits of the file it is in, but a few MB of `[` would still nest deep enough to overflow
  // the stack of the walks that validate a policy. Control characters are refused too, as AWS
  // refuses them in a policy.
  Diagnostics limits;
  if (!check_json_limits(text, limits)) {
    const Diagnostic& d = limits.items().front();
    if (why)
      *why = "the policy document is a string past a policy's limits" +
             (d.pointer.empty() ? "" : " at `" + d.pointer + "` in it") + ": " + d.message;
    return std::nullopt;
  }
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    if (why) *why = "the policy document is a string that is not valid JSON";
    return std::nullopt;
  }
  if (!doc.is_object()) {
    if (why) *why = "the policy document must be a JSON object";
    return std::nullopt;
  }
  return doc;
}

}  // namespace

std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]);
    int lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<nlohmann::json> decode_policy_document(const nlohmann::json& value,
                                                     std::string* why) {
  if (value.is_object()) return value;
  if (!value.is_string()) {
    if (why)
      *why = std::string("the policy document must be a JSON object or a string, got ") +
             (value.is_null() ? "null" : value.type_name());
    return std::nullopt;
  }
  std::string_view text = trim(value.get_ref<const std::string&>());
  if (!text.empty() && text.front() == '{') return parse_object(text, why);
  // URL-encoded: `%7B%22Version%22…`.
  auto decoded = url_decode(text);
  if (!decoded) {
    if (why) *why = "the policy document is a string with a malformed `%` escape";
    return std::nullopt;
  }
  std::string_view d = trim(*decoded);
  if (d.empty() || d.front() != '{') {
    if (why) *why = "the policy document is a string that is neither JSON nor URL-encoded JSON";
    return std::nullopt;
  }
  return parse_object(d, why);
}

}  // namespace accesspath
