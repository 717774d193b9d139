// Condition operator names: the table of operators AWS documents, and the parser
// for the full spelling `[ForAllValues:|ForAnyValue:]<Operator>[IfExists]`.
//
// IAM JSON policy elements: Condition operators
// (IAM/reference_policies_elements_condition_operators.html) lists the
// operators; Creating a condition with multiple keys or values
// (IAM/reference_policies_multi-value-conditions.html) adds the set qualifiers.
//
//   std::string why;
//   auto parsed = parse_condition_operator("ForAnyValue:StringLikeIfExists", &why);
//   // parsed->op == ConditionOperator::kStringLike, qualifier kForAnyValue, if_exists
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace accesspath {

enum class ConditionOperator {
  kStringEquals,
  kStringNotEquals,
  kStringEqualsIgnoreCase,
  kStringNotEqualsIgnoreCase,
  kStringLike,
  kStringNotLike,
  kNumericEquals,
  kNumericNotEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateNotEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kNotIpAddress,
  kArnEquals,
  kArnLike,
  kArnNotEquals,
  kArnNotLike,
  kNull,
};

enum class OperatorFamily { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };

// What one request value is checked against one policy value with. A negated
// operator uses the comparison of its positive twin and negates the OR over the
// policy values (a NOR; rule 33).
enum class Comparison {
  kEquals,
  kEqualsIgnoreCase,
  kLike,
  kLessThan,
  kLessThanEquals,
  kGreaterThan,
  kGreaterThanEquals,
  kInRange,  // IpAddress: the address is inside the CIDR
  kExists,   // Null
};

enum class SetQualifier { kNone, kForAllValues, kForAnyValue };

struct OperatorInfo {
  std::string_view name;
  ConditionOperator op;
  OperatorFamily family;
  Comparison comparison;
  bool negated;
};

const OperatorInfo& operator_info(ConditionOperator op);

struct ParsedOperator {
  ConditionOperator op = ConditionOperator::kStringEquals;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
  bool operator==(const ParsedOperator&) const = default;
};

// Parses a full operator spelling. Operator names are matched exactly as AWS
// spells them: AWS does not say whether they are case-sensitive, and the
// documented spelling is the only one known to work. On failure returns
// nullopt and sets `*error` to a message that names the closest valid spelling.
std::optional<ParsedOperator> parse_condition_operator(std::string_view name, std::string* error);

// The full spelling, e.g. "ForAllValues:StringNotLikeIfExists".
std::string condition_operator_name(const ParsedOperator& op);

// Policy variables are substituted only in the values of string and ARN
// operators (IAM: Variables and tags, "Where you can use policy variables"; rule 15).
bool supports_policy_variables(OperatorFamily family);

}  // namespace accesspath
