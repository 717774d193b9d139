// Reading members of input documents that may have any shape: a missing key, a null, or a value
// of another type gives the fallback (nlohmann's json::value throws on those, and an export or a
// plan is input, not a promise).
//
//   std::string name = value_or(role, "RoleName", "");
//   bool enabled = value_or(rule, "bucket_key_enabled", false);   // null in Terraform: false
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace accesspath {

inline nlohmann::json value_or(const nlohmann::json& j, std::string_view key,
                               nlohmann::json fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : *it;
}

inline std::string value_or(const nlohmann::json& j, std::string_view key, const char* fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

inline std::string value_or(const nlohmann::json& j, std::string_view key,
                            const std::string& fallback) {
  return value_or(j, key, fallback.c_str());
}

inline bool value_or(const nlohmann::json& j, std::string_view key, bool fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace accesspath
