// ConditionBlock's printing and key listing. Evaluation is in
// condition_eval.cpp, compilation in condition_compile.cpp.
#include "model/condition/condition.h"

#include <algorithm>

namespace accesspath {
namespace {

nlohmann::json value_to_json(const ConditionValue& v) {
  switch (v.kind) {
    case ValueKind::kBool:
      return v.text == "true";
    case ValueKind::kNumber:
      // `text` came from nlohmann's own number printing, so it parses back.
      return nlohmann::json::parse(v.text, nullptr, /*allow_exceptions=*/false);
    case ValueKind::kString:
      break;
  }
  return v.text;
}

}  // namespace

std::vector<std::string> ConditionBlock::keys() const {
  std::vector<std::string> out;
  for (const auto& clause : clauses_)
    if (std::find(out.begin(), out.end(), clause.key_lower) == out.end())
      out.push_back(clause.key_lower);
  return out;
}

nlohmann::json ConditionBlock::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& clause : clauses_) {
    nlohmann::json& slot = out[clause.operator_name()][clause.key];
    // One value prints as the scalar: IAM: Grammar, "If the element takes an
    // array … but only one value is included, the brackets are optional".
    if (clause.values.size() == 1) {
      slot = value_to_json(clause.values.front());
    } else {
      slot = nlohmann::json::array();
      for (const auto& v : clause.values) slot.push_back(value_to_json(v));
    }
  }
  return out;
}

}  // namespace accesspath
