// Reading the fields of a JSON object with every problem reported at its JSON pointer: a missing
// or mistyped key, an unknown key (with a "did you mean" suggestion). The scenario loader and the
// request readers share it, so a request reads the same wherever it comes from.
//
//   Diagnostics diags;
//   JsonFields f(diags);
//   f.check_keys(obj, "/expectations/0", {"principal", "action"});
//   if (const auto* p = f.need(obj, "/expectations/0", "principal", json::value_t::string, "an
//   ARN"))
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/core/diagnostic.h"

namespace accesspath {

// "an object", "a string", ...: how a message names what it found.
std::string json_kind_of(const nlohmann::json& j);

class JsonFields {
 public:
  explicit JsonFields(Diagnostics& diags) : diags_(diags) {}

  // Unknown keys are errors with a suggestion ("did you mean `principals`?").
  void check_keys(const nlohmann::json& obj, const std::string& ptr,
                  std::initializer_list<std::string_view> allowed);
  // The value of a required key of the given type, or nullptr with an error.
  const nlohmann::json* need(const nlohmann::json& obj, const std::string& ptr,
                             std::string_view key, nlohmann::json::value_t type,
                             std::string_view what);
  // The value of an optional key of the given type; nullptr when absent (no error) or mistyped.
  const nlohmann::json* optional(const nlohmann::json& obj, const std::string& ptr,
                                 std::string_view key, nlohmann::json::value_t type,
                                 std::string_view what);

  Diagnostics& diagnostics() { return diags_; }

 protected:
  Diagnostics& diags_;
};

}  // namespace accesspath
