#include "model/condition/condition_operator.h"

#include <algorithm>
#include <array>
#include <vector>

#include "model/condition/request_context.h"
#include "model/core/edit_distance.h"
#include "model/core/strings.h"

namespace accesspath {
namespace {

using CO = ConditionOperator;
using F = OperatorFamily;
using C = Comparison;

// IAM: Condition operators, one table per category (String, Numeric, Date and
// time, Boolean, Binary, IP address, ARN, Null check). Order = enum order.
constexpr std::array<OperatorInfo, 27> kOperators = {{
    {"StringEquals", CO::kStringEquals, F::kString, C::kEquals, false},
    {"StringNotEquals", CO::kStringNotEquals, F::kString, C::kEquals, true},
    {"StringEqualsIgnoreCase", CO::kStringEqualsIgnoreCase, F::kString, C::kEqualsIgnoreCase,
     false},
    {"StringNotEqualsIgnoreCase", CO::kStringNotEqualsIgnoreCase, F::kString, C::kEqualsIgnoreCase,
     true},
    {"StringLike", CO::kStringLike, F::kString, C::kLike, false},
    {"StringNotLike", CO::kStringNotLike, F::kString, C::kLike, true},
    {"NumericEquals", CO::kNumericEquals, F::kNumeric, C::kEquals, false},
    {"NumericNotEquals", CO::kNumericNotEquals, F::kNumeric, C::kEquals, true},
    {"NumericLessThan", CO::kNumericLessThan, F::kNumeric, C::kLessThan, false},
    {"NumericLessThanEquals", CO::kNumericLessThanEquals, F::kNumeric, C::kLessThanEquals, false},
    {"NumericGreaterThan", CO::kNumericGreaterThan, F::kNumeric, C::kGreaterThan, false},
    {"NumericGreaterThanEquals", CO::kNumericGreaterThanEquals, F::kNumeric, C::kGreaterThanEquals,
     false},
    {"DateEquals", CO::kDateEquals, F::kDate, C::kEquals, false},
    {"DateNotEquals", CO::kDateNotEquals, F::kDate, C::kEquals, true},
    {"DateLessThan", CO::kDateLessThan, F::kDate, C::kLessThan, false},
    {"DateLessThanEquals", CO::kDateLessThanEquals, F::kDate, C::kLessThanEquals, false},
    {"DateGreaterThan", CO::kDateGreaterThan, F::kDate, C::kGreaterThan, false},
    {"DateGreaterThanEquals", CO::kDateGreaterThanEquals, F::kDate, C::kGreaterThanEquals, false},
    {"Bool", CO::kBool, F::kBool, C::kEquals, false},
    {"BinaryEquals", CO::kBinaryEquals, F::kBinary, C::kEquals, false},
    {"IpAddress", CO::kIpAddress, F::kIp, C::kInRange, false},
    {"NotIpAddress", CO::kNotIpAddress, F::kIp, C::kInRange, true},
    // "ArnEquals and ArnLike behave identically", as do the negated pair (rule 38).
    {"ArnEquals", CO::kArnEquals, F::kArn, C::kLike, false},
    {"ArnLike", CO::kArnLike, F::kArn, C::kLike, false},
    {"ArnNotEquals", CO::kArnNotEquals, F::kArn, C::kLike, true},
    {"ArnNotLike", CO::kArnNotLike, F::kArn, C::kLike, true},
    {"Null", CO::kNull, F::kNull, C::kExists, false},
}};

constexpr std::string_view kIfExists = "IfExists";
constexpr std::string_view kForAllValues = "ForAllValues";
constexpr std::string_view kForAnyValue = "ForAnyValue";

const OperatorInfo* find_operator(std::string_view name) {
  for (const auto& info : kOperators)
    if (info.name == name) return &info;
  return nullptr;
}

// Every valid full spelling, for suggestions.
std::vector<std::string> all_spellings() {
  std::vector<std::string> out;
  for (SetQualifier q :
       {SetQualifier::kNone, SetQualifier::kForAllValues, SetQualifier::kForAnyValue})
    for (const auto& info : kOperators)
      for (bool if_exists : {false, true})
        if (!(if_exists && info.op == CO::kNull))
          out.push_back(condition_operator_name({info.op, q, if_exists}));
  return out;
}

// The closest valid spelling, or "" when nothing is close enough to be a typo.
std::string suggest(std::string_view name) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, name.size() / 4) + 1;
  for (const auto& candidate : all_spellings()) {
    std::size_t d = edit_distance(to_lower(name), to_lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string unknown(std::string_view name, std::string_view what) {
  std::string message = "unknown " + std::string(what) + " `" + std::string(name) + "`";
  std::string suggestion = suggest(name);
  if (!suggestion.empty())
    message += "; did you mean `" + suggestion + "`?";
  else
    message +=
        "; expected an operator such as `StringEquals`, `StringLike`, `ArnLike`, "
        "`NumericLessThan`, `DateGreaterThan`, `Bool`, `IpAddress` or `Null`, optionally "
        "prefixed by `ForAllValues:` or `ForAnyValue:` and suffixed by `IfExists`";
  return message;
}

}  // namespace

const OperatorInfo& operator_info(ConditionOperator op) {
  return kOperators[static_cast<std::size_t>(op)];
}

std::string condition_operator_name(const ParsedOperator& op) {
  std::string out;
  if (op.qualifier == SetQualifier::kForAllValues) out = std::string(kForAllValues) + ":";
  if (op.qualifier == SetQualifier::kForAnyValue) out = std::string(kForAnyValue) + ":";
  out += operator_info(op.op).name;
  if (op.if_exists) out += kIfExists;
  return out;
}

std::optional<ParsedOperator> parse_condition_operator(std::string_view name, std::string* error) {
  ParsedOperator parsed;
  std::string_view base = name;
  if (std::size_t colon = name.find(':'); colon != std::string_view::npos) {
    std::string_view qualifier = name.substr(0, colon);
    base = name.substr(colon + 1);
    if (qualifier == kForAllValues) {
      parsed.qualifier = SetQualifier::kForAllValues;
    } else if (qualifier == kForAnyValue) {
      parsed.qualifier = SetQualifier::kForAnyValue;
    } else {
      if (error) *error = unknown(name, "condition set qualifier in");
      return std::nullopt;
    }
  }
  const OperatorInfo* info = find_operator(base);
  if (info == nullptr && base.size() > kIfExists.size() && base.ends_with(kIfExists)) {
    info = find_operator(base.substr(0, base.size() - kIfExists.size()));
    parsed.if_exists = info != nullptr;
    // IAM: Condition operators, "...IfExists": "except the Null condition".
    if (info != nullptr && info->op == CO::kNull) {
      if (error)
        *error = "`" + std::string(name) +
                 "` is not an operator: `IfExists` cannot be added to `Null`, which itself tests "
                 "whether the key exists";
      return std::nullopt;
    }
  }
  if (info == nullptr) {
    if (error) *error = unknown(name, "condition operator");
    return std::nullopt;
  }
  parsed.op = info->op;
  return parsed;
}

bool supports_policy_variables(OperatorFamily family) {
  return family == OperatorFamily::kString || family == OperatorFamily::kArn;
}

}  // namespace accesspath
