// Evaluating compiled conditions against a request context, and explaining a
// false result. Every rule cites IAM JSON policy elements: Condition operators
// ("Condition operators") or Creating a condition with multiple keys or values
// ("Multiple keys or values"), and its number in model/SEMANTICS.md.
#include "model/condition/condition.h"
#include "model/condition/condition_binary.h"
#include "model/condition/policy_variables.h"
#include "model/condition/unknown_keys.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"

namespace accesspath {
namespace {

SubstituteFor substitution_mode(const OperatorInfo& info) {
  return info.comparison == Comparison::kLike ? SubstituteFor::kPattern : SubstituteFor::kLiteral;
}

// `order` compares request to policy value, like strcmp. NumericLessThan means
// "the request value is less than the policy value".
bool ordered(Comparison comparison, int order) {
  switch (comparison) {
    case Comparison::kLessThan:
      return order < 0;
    case Comparison::kLessThanEquals:
      return order <= 0;
    case Comparison::kGreaterThan:
      return order > 0;
    case Comparison::kGreaterThanEquals:
      return order >= 0;
    default:
      return order == 0;
  }
}

int three_way(const Instant& a, const Instant& b) {
  if (a < b) return -1;
  return b < a ? 1 : 0;
}

// String and ARN comparisons. StringEquals is exact and case sensitive, the
// IgnoreCase variants fold ASCII letters (AWS does not say how non-ASCII case
// is folded; accesspath folds none), StringLike is case sensitive with `*` and
// `?` (Condition operators, "String condition operators"; rule 37). ArnEquals
// and ArnLike both compare the six ARN parts with wildcards (rule 38).
bool compare_text(const OperatorInfo& info, std::string_view policy, std::string_view request) {
  if (info.family == OperatorFamily::kArn) return arn_like(policy, request);
  switch (info.comparison) {
    case Comparison::kEqualsIgnoreCase:
      return iequals(policy, request);
    case Comparison::kLike:
      return wildcard_match(policy, request, CaseMode::kSensitive);
    default:
      return policy == request;
  }
}

bool text_matches(const OperatorInfo& info, const ConditionValue& pv, std::string_view request,
                  const ConditionContext& ctx) {
  if (!pv.has_variables) return compare_text(info, pv.compiled, request);
  // IAM: Variables and tags, "Policy variables with no value": a value whose
  // variable has no value matches nothing (rule 16).
  auto substituted = substitute_policy_variables(pv.text, ctx, substitution_mode(info));
  return substituted && compare_text(info, *substituted, request);
}

// True when `request` matches at least one policy value under the operator's
// positive comparison. A request value the operator cannot read (not a number,
// date, IP address or base64) matches no policy value: AWS does not document
// this case, and "no match" keeps positive operators false.
bool any_value_matches(const ConditionClause& c, const OperatorInfo& info, std::string_view request,
                       const ConditionContext& ctx) {
  switch (info.family) {
    case OperatorFamily::kString:
    case OperatorFamily::kArn:
      for (const auto& pv : c.values)
        if (pv.valid && text_matches(info, pv, request, ctx)) return true;
      return false;
    case OperatorFamily::kNumeric: {
      auto r = parse_decimal(request);
      if (r)
        for (const auto& pv : c.values)
          if (pv.valid && ordered(info.comparison, compare_decimal(*r, pv.number.view())))
            return true;
      return false;
    }
    case OperatorFamily::kDate: {
      auto r = parse_date(request);
      if (r)
        for (const auto& pv : c.values)
          if (pv.valid && ordered(info.comparison, three_way(r->instant, pv.date))) return true;
      return false;
    }
    case OperatorFamily::kBool:
      // Condition operators, "Boolean": compared with "true" or "false". Case is
      // ignored: AWS documents only lowercase, request values are lowercase, and
      // compile warns about any other spelling.
      for (const auto& pv : c.values)
        if (pv.valid && iequals(pv.compiled, request)) return true;
      return false;
    case OperatorFamily::kBinary: {
      auto bytes = decode_base64(request);  // rare operator; allocation accepted
      if (bytes)
        for (const auto& pv : c.values)
          if (pv.valid && pv.compiled == *bytes) return true;
      return false;
    }
    case OperatorFamily::kIp: {
      auto addr = parse_ip(request);
      if (addr)
        for (const auto& pv : c.values)
          if (pv.valid && pv.range.contains(*addr)) return true;
      return false;
    }
    case OperatorFamily::kNull:
      break;
  }
  return false;
}

// One request value against all policy values: OR, or NOR for negated
// operators (Multiple keys or values, "negated matching condition operator …
// evaluated using a logical NOR"; rule 33). Under a set qualifier the same
// per-value test is applied to each request value: AWS's example
// `ForAllValues:StringNotLike {"aws:TagKeys": "key1*"}` is true only when no tag
// key is like `key1*` (Multivalued context key examples).
bool request_value_satisfies(const ConditionClause& c, const OperatorInfo& info,
                             std::string_view request, const ConditionContext& ctx) {
  return any_value_matches(c, info, request, ctx) != info.negated;
}

// Condition operators, "Condition operator to check existence of condition
// keys": `true` means the key is absent, `false` that it is present with a
// value (rule 36). A key present with no values counts as absent: AWS's advice
// to guard ForAllValues with `"Null": "false"` against "context keys with empty
// values" only works if an empty key is null.
bool null_matches(const ConditionClause& c, bool present) {
  for (const auto& pv : c.values)
    if (pv.valid && (pv.compiled == "true") != present) return true;
  return false;
}

const ContextEntry* lookup(const ConditionClause& c, const ConditionContext& ctx, bool& present) {
  const ContextEntry* e = ctx.find(c.key_lower);
  present = e != nullptr && !e->values.empty();
  return e;
}

}  // namespace

namespace {

// evaluate_clause, also saying whether the key was missing from the context.
bool evaluate_clause_noting_absence(const ConditionClause& c, const ConditionContext& ctx,
                                    bool& missing) {
  const OperatorInfo& info = operator_info(c.op.op);
  bool present = false;
  const ContextEntry* e = lookup(c, ctx, present);
  missing = e == nullptr;
  if (info.family == OperatorFamily::kNull) return null_matches(c, present);
  switch (c.op.qualifier) {
    case SetQualifier::kForAllValues:
      // Multiple keys or values: true when every request value matches, and also
      // when the key is missing or its set is empty (rule 42).
      if (!present) return true;
      for (const auto& v : e->values)
        if (!request_value_satisfies(c, info, v, ctx)) return false;
      return true;
    case SetQualifier::kForAnyValue:
      // False when the key is missing or empty (rule 43), unless IfExists (rule 35).
      if (!present) return c.op.if_exists;
      for (const auto& v : e->values)
        if (request_value_satisfies(c, info, v, ctx)) return true;
      return false;
    case SetQualifier::kNone:
      break;
  }
  // Condition operators, "Important": a missing key makes positive operators
  // false and negated ones true (rule 34); "...IfExists": a missing key makes
  // the condition true (rule 35).
  if (!present) return c.op.if_exists || info.negated;
  // Single-valued vs. multivalued context keys: "Multivalued context keys
  // require a condition set operator". What a plain operator does with several
  // request values is not documented. accesspath reads the set as one value that
  // equals no policy value: positive operators false, negated ones true. This
  // agrees with a reported observation (boogy/iam-policy-validator#161: plain
  // StringEquals on aws:CalledVia with two services did not match). Rule 44, [U].
  if (e->values.size() > 1) return info.negated;
  return request_value_satisfies(c, info, e->values.front(), ctx);
}

}  // namespace

bool evaluate_clause(const ConditionClause& c, const ConditionContext& ctx) {
  bool missing = false;
  return evaluate_clause_noting_absence(c, ctx, missing);
}

bool ConditionBlock::evaluate(const ConditionContext& ctx) const {
  if (broken_clauses_ > 0) return false;
  // Multiple keys or values: operators and keys are ANDed (rule 32).
  ContextObserver* observer = context_observer();
  for (const auto& clause : clauses_) {
    bool missing = false;
    bool result = evaluate_clause_noting_absence(clause, ctx, missing);
    // A proof over request contexts watches every clause that read a key the caller chooses.
    if (observer && ctx.is_free(clause.key_lower))
      result = observer->on_clause(clause, ctx, result);
    // A key that is missing because nobody described it is not AWS's absence (unknown_keys.h).
    else if (missing) {
      if (UnknownKeyWatch* watch = unknown_key_watch(); watch && unknown_key(clause.key_lower, ctx))
        result = watch->on_read(clause.key, result);
    }
    if (!result) return false;
  }
  return true;
}

// --- explanations ---------------------------------------------------------

namespace {

std::string backticked(std::string_view s) {
  return "`" + std::string(s) + "`";
}

std::string backticked_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + backticked(items[i]);
  return out + "]";
}

std::string describe_clause(const ConditionClause& c) {
  std::vector<std::string> texts;
  for (const auto& v : c.values) texts.push_back(v.text);
  return c.operator_name() + " " + c.key + " " + backticked_list(texts);
}

std::string request_values(const ContextEntry& e) {
  return e.values.size() == 1 && !e.multivalued ? backticked(e.values.front())
                                                : backticked_list(e.values);
}

// Notes on policy values that cannot match: variables without a value, values
// that did not compile.
std::string value_notes(const ConditionClause& c, const ConditionContext& ctx) {
  std::string notes;
  const OperatorInfo& info = operator_info(c.op.op);
  for (const auto& v : c.values) {
    if (!v.valid) {
      notes += "; " + backticked(v.text) + " is not a valid value and matches nothing";
    } else if (v.has_variables &&
               !substitute_policy_variables(v.text, ctx, substitution_mode(info))) {
      notes += "; a policy variable in " + backticked(v.text) + " has no value in this request";
    }
  }
  return notes;
}

std::string explain_set(const ConditionClause& c, const OperatorInfo& info, const ContextEntry* e,
                        bool present, const ConditionContext& ctx) {
  if (c.op.qualifier == SetQualifier::kForAnyValue) {
    if (!present)
      return "the request does not have the key, and `ForAnyValue:` is false for a missing or "
             "empty key";
    return std::string(info.negated ? "every request value matches a policy value"
                                    : "no request value matches a policy value") +
           ": the request has " + request_values(*e);
  }
  for (const auto& v : e->values)
    if (!request_value_satisfies(c, info, v, ctx))
      return "the request value " + backticked(v) +
             (info.negated ? " matches a policy value" : " matches no policy value") +
             " (the request has " + request_values(*e) + ")";
  return {};
}

std::string explain_clause(const ConditionClause& c, const ConditionContext& ctx) {
  const OperatorInfo& info = operator_info(c.op.op);
  bool present = false;
  const ContextEntry* e = lookup(c, ctx, present);
  std::string reason;
  if (info.family == OperatorFamily::kNull) {
    reason =
        present ? "the request has " + request_values(*e) : "the request does not have the key";
  } else if (c.op.qualifier != SetQualifier::kNone) {
    reason = explain_set(c, info, e, present, ctx);
  } else if (!present) {
    reason = "the request does not have the key";
  } else if (e->values.size() > 1) {
    reason = "the request has " + std::to_string(e->values.size()) + " values " +
             request_values(*e) +
             " and the operator has no `ForAnyValue:` or `ForAllValues:`; AWS documents set "
             "operators as required for multivalued keys, and accesspath reads a plain operator "
             "as matching none of the policy values";
  } else {
    reason = "the request has " + request_values(*e);
  }
  return describe_clause(c) + ": " + reason + value_notes(c, ctx);
}

}  // namespace

std::string ConditionBlock::explain_failure(const ConditionContext& ctx) const {
  for (const auto& clause : clauses_)
    if (!evaluate_clause(clause, ctx)) return explain_clause(clause, ctx);
  if (broken_clauses_ > 0)
    return "the `Condition` element has " + std::to_string(broken_clauses_) +
           " entries that did not compile (see the diagnostics), so it matches no request";
  return {};
}

}  // namespace accesspath
