// The `Condition` element of a statement, compiled once and evaluated against
// many request contexts.
//
// IAM JSON policy elements: Condition (IAM/reference_policies_elements_condition.html),
// Condition operators (IAM/reference_policies_elements_condition_operators.html) and
// Creating a condition with multiple keys or values
// (IAM/reference_policies_multi-value-conditions.html); rules 31-46 of
// model/SEMANTICS.md. Compilation parses numbers, dates, CIDRs and
// base64 up front and lowercases keys, so evaluate() only reads.
//
//   Diagnostics diags;
//   ConditionBlock cond = compile_condition(
//       nlohmann::json::parse(R"({"Bool": {"aws:SecureTransport": "false"}})"),
//       "/Statement/0/Condition", /*variables_enabled=*/true, diags);
//   RequestContext ctx;
//   ctx.set("aws:SecureTransport", "false");
//   cond.evaluate(ctx);  // true
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/condition/condition_date.h"
#include "model/condition/condition_ip.h"
#include "model/condition/condition_number.h"
#include "model/condition/condition_operator.h"
#include "model/condition/request_context.h"
#include "model/core/diagnostic.h"

namespace accesspath {

// How a value was written in the JSON, so that to_json() prints it back the
// same way. AWS compares the string form: `10` and `"10"`, `true` and `"true"`
// mean the same (IAM: Grammar, "condition_value = string | number | Boolean").
enum class ValueKind { kString, kNumber, kBool };

// One policy value of one condition key, with what its operator needs precompiled.
struct ConditionValue {
  std::string text;  // the AWS string form, as written
  ValueKind kind = ValueKind::kString;
  // False when the value did not compile (a bad number, date, CIDR, base64 or
  // variable syntax; an error diagnostic was reported). It then matches no
  // request value: positive operators skip it, negated operators exclude nothing.
  bool valid = true;
  // String*/Arn* with policy variables that read the request: substituted at
  // evaluation (rules 14-16). Otherwise `compiled` is final.
  bool has_variables = false;
  std::string
      compiled;    // String*/Arn*: literal or pattern; Bool/Null: "true"/"false"; Binary: bytes
  Decimal number;  // Numeric*
  Instant date;    // Date*
  IpRange range;   // IpAddress, NotIpAddress

  bool operator==(const ConditionValue&) const = default;
};

// One operator + key + values, e.g. `"StringLike": {"s3:prefix": ["home/*"]}`.
struct ConditionClause {
  ParsedOperator op;
  std::string key;        // as written
  std::string key_lower;  // condition key names are case-insensitive (rule 31)
  std::vector<ConditionValue> values;

  std::string operator_name() const { return condition_operator_name(op); }
  bool operator==(const ConditionClause&) const = default;
};

// A compiled `Condition` element of one statement; a value type.
class ConditionBlock {
 public:
  ConditionBlock() = default;
  // `broken_clauses` counts operator/key entries that did not compile; a block
  // with any is never true (see evaluate()).
  explicit ConditionBlock(std::vector<ConditionClause> clauses, std::size_t broken_clauses = 0)
      : clauses_(std::move(clauses)), broken_clauses_(broken_clauses) {}

  bool empty() const { return clauses_.empty() && broken_clauses_ == 0; }

  // AND across operators and across keys under one operator; OR across the
  // values of one key, NOR for negated operators (rules 32, 33); missing keys,
  // IfExists and Null per rules 34-36; set qualifiers per rules 42-44.
  // A block with clauses that did not compile is false: the statement does not
  // apply. Such a policy is invalid (AWS rejects it on save), and the caller has
  // the error diagnostics.
  bool evaluate(const ConditionContext& ctx) const;

  // Why evaluate() is false, for a person: the first failing clause with its
  // operator, key, the policy's values and what the request had, e.g.
  // "StringNotEquals s3:x-amz-server-side-encryption [`aws:kms`]: the request has `aws:kms`".
  // Empty when evaluate() is true.
  std::string explain_failure(const ConditionContext& ctx) const;

  // Condition keys used (lowercased, without operators or qualifiers), each once.
  std::vector<std::string> keys() const;

  // The AWS JSON form (operator -> key -> value or array), so that
  // compile_condition(to_json()) == *this. A one-value array prints as the scalar.
  nlohmann::json to_json() const;

  const std::vector<ConditionClause>& clauses() const { return clauses_; }
  std::size_t broken_clauses() const { return broken_clauses_; }

  bool operator==(const ConditionBlock&) const = default;

 private:
  std::vector<ConditionClause> clauses_;
  std::size_t broken_clauses_ = 0;
};

// Evaluates one clause (for analyses that look at clauses one by one).
bool evaluate_clause(const ConditionClause& clause, const ConditionContext& ctx);

// Compiles a Condition element. `pointer` is the JSON pointer of the element
// ("/Statement/0/Condition"). `variables_enabled` is false when the policy's
// Version is not "2012-10-17" (rule 14: variables are then literal text).
// Problems go to `diags` with the pointer of the offending operator, key or value.
ConditionBlock compile_condition(const nlohmann::json& element, const std::string& pointer,
                                 bool variables_enabled, Diagnostics& diags);

}  // namespace accesspath
