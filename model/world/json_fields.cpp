#include "model/world/json_fields.h"

#include <algorithm>
#include <vector>

#include "model/condition/request_context.h"
#include "model/core/edit_distance.h"
#include "model/core/strings.h"

namespace accesspath {
namespace {

using nlohmann::json;

bool type_ok(const json& j, json::value_t t) {
  if (t == json::value_t::number_integer) return j.is_number_integer();
  if (t == json::value_t::boolean) return j.is_boolean();
  if (t == json::value_t::string) return j.is_string();
  if (t == json::value_t::array) return j.is_array();
  if (t == json::value_t::object) return j.is_object();
  return true;
}

}  // namespace

std::string json_kind_of(const json& j) {
  if (j.is_object()) return "an object";
  if (j.is_array()) return "an array";
  if (j.is_string()) return "a string";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number()) return "a number";
  return "null";
}

void JsonFields::check_keys(const json& obj, const std::string& ptr,
                            std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string best;
    std::size_t best_d = 3;
    for (auto a : allowed) {
      std::size_t d = edit_distance(to_lower(key), to_lower(a));
      if (d < best_d) {
        best_d = d;
        best = std::string(a);
      }
    }
    std::string msg = "unknown key `" + key + "`";
    if (!best.empty())
      msg += "; did you mean `" + best + "`?";
    else {
      msg += "; expected one of";
      for (auto a : allowed) msg += " `" + std::string(a) + "`";
    }
    diags_.error(pointer_join(ptr, key), msg);
  }
}

const json* JsonFields::need(const json& obj, const std::string& ptr, std::string_view key,
                             json::value_t type, std::string_view what) {
  auto it = obj.find(std::string(key));
  if (it == obj.end()) {
    diags_.error(ptr,
                 "missing required key `" + std::string(key) + "` (" + std::string(what) + ")");
    return nullptr;
  }
  if (!type_ok(*it, type)) {
    diags_.error(pointer_join(ptr, key), "`" + std::string(key) + "` must be " + std::string(what) +
                                             ", got " + json_kind_of(*it));
    return nullptr;
  }
  return &*it;
}

const json* JsonFields::optional(const json& obj, const std::string& ptr, std::string_view key,
                                 json::value_t type, std::string_view what) {
  auto it = obj.find(std::string(key));
  if (it == obj.end()) return nullptr;
  if (!type_ok(*it, type)) {
    diags_.error(pointer_join(ptr, key), "`" + std::string(key) + "` must be " + std::string(what) +
                                             ", got " + json_kind_of(*it));
    return nullptr;
  }
  return &*it;
}

}  // namespace accesspath
