// Compiling a `Condition` element: operator names, keys and values are checked
// and each value is parsed for its operator. Problems become diagnostics at the
// JSON pointer of the operator, key or value.
#include <optional>

#include "model/condition/condition.h"
#include "model/condition/condition_binary.h"
#include "model/condition/policy_variables.h"
#include "model/core/arn.h"
#include "model/core/strings.h"

namespace accesspath {
namespace {

using nlohmann::json;

std::string backticked(std::string_view s) {
  return "`" + std::string(s) + "`";
}

// A context with no keys: substitutes only `${*}`, `${?}` and `${$}`.
class NoKeys final : public ConditionContext {
 public:
  const ContextEntry* find(std::string_view) const override { return nullptr; }
};

// Everything one value's compilation needs to know about where it is.
struct ValueSite {
  const OperatorInfo& info;
  std::string pointer;
  bool variables_enabled;
  Diagnostics& diags;
};

// The AWS string form of a JSON scalar (IAM: Grammar, "condition_value =
// string | number | Boolean"); nullopt for objects, arrays and null.
std::optional<ConditionValue> scalar_value(const json& j, const std::string& pointer,
                                           Diagnostics& diags) {
  ConditionValue v;
  if (j.is_string()) {
    v.text = j.get<std::string>();
  } else if (j.is_boolean()) {
    v.text = j.get<bool>() ? "true" : "false";
    v.kind = ValueKind::kBool;
  } else if (j.is_number()) {
    v.text = j.dump();  // integers exactly; decimals in shortest round-trip form
    v.kind = ValueKind::kNumber;
  } else {
    diags.error(pointer, "a condition value must be a string, number or boolean, not " +
                             std::string(j.is_null()    ? "null"
                                         : j.is_array() ? "a nested array"
                                                        : "an object"));
    return std::nullopt;
  }
  return v;
}

// String and ARN values: policy variables (rules 14-16).
void compile_text(ConditionValue& v, const ValueSite& site) {
  v.compiled = v.text;
  if (!contains_policy_variable(v.text)) return;
  if (!site.variables_enabled) {
    // IAM: Variables and tags: without Version 2012-10-17 "variables like
    // ${aws:username} are treated as literal strings" (rule 14).
    site.diags.warning(site.pointer,
                       backticked(v.text) +
                           " contains `${`, but the policy's `Version` is not "
                           "`2012-10-17`, so it is literal text, not a policy variable");
    return;
  }
  auto problems = check_policy_variable_syntax(v.text);
  for (const auto& problem : problems) site.diags.error(site.pointer, problem);
  if (!problems.empty()) {
    v.valid = false;
    return;
  }
  SubstituteFor mode =
      site.info.comparison == Comparison::kLike ? SubstituteFor::kPattern : SubstituteFor::kLiteral;
  if (policy_variable_keys(v.text).empty()) {
    v.compiled = *substitute_policy_variables(v.text, NoKeys{}, mode);  // only ${*} ${?} ${$}
  } else {
    v.has_variables = true;
  }
}

void compile_arn(ConditionValue& v, const ValueSite& site) {
  compile_text(v, site);
  if (v.valid && !v.has_variables && v.compiled != "*" && !parse_arn(v.compiled))
    site.diags.warning(site.pointer, backticked(v.text) + " is not an ARN; " +
                                         backticked(site.info.name) +
                                         " compares the six colon-separated parts "
                                         "`arn:partition:service:region:account:resource`");
}

// Numeric, Date, Bool, Binary, IpAddress and Null take no policy variables
// (IAM: Variables and tags, "Where you can use policy variables"; rule 15).
void warn_literal_variable(const ConditionValue& v, const ValueSite& site) {
  if (!contains_policy_variable(v.text)) return;
  std::string message = "policy variables are not substituted in " + backticked(site.info.name) +
                        " values, so " + backticked(v.text) + " is literal text";
  if (site.info.family == OperatorFamily::kBool)
    // Two AWS pages disagree: Condition operators, "Boolean" says variables
    // work with Bool; Variables and tags says they do not. accesspath follows the
    // latter (rule 15) and says so.
    message +=
        " (AWS's \"Condition operators\" page allows variables with `Bool`, its \"Variables "
        "and tags\" page does not; accesspath follows the latter)";
  site.diags.warning(site.pointer, message);
}

void compile_numeric(ConditionValue& v, const ValueSite& site) {
  auto parsed = parse_decimal(v.text);
  if (!parsed) {
    v.valid = false;
    site.diags.error(site.pointer, backticked(v.text) + " is not a number; " +
                                       backticked(site.info.name) +
                                       " compares integers or decimals such as `10` or `2.5`");
    return;
  }
  v.number = Decimal::from(*parsed);
}

void compile_date(ConditionValue& v, const ValueSite& site) {
  auto parsed = parse_date(v.text);
  if (!parsed) {
    v.valid = false;
    site.diags.error(site.pointer,
                     backticked(v.text) + " is not a date; " + backticked(site.info.name) +
                         " takes an ISO 8601 date such as `2020-01-01T00:00:00Z` or "
                         "epoch seconds such as `1577836800` (wildcards are not allowed)");
    return;
  }
  v.date = parsed->instant;
  std::size_t digits = v.text.size() - (v.text.front() == '-' ? 1 : 0);
  if (parsed->epoch && digits == 4)
    site.diags.warning(site.pointer, backticked(v.text) +
                                         " is read as epoch seconds, not as a year; write `" +
                                         v.text + "-01-01T00:00:00Z` for the start of that year");
  if (parsed->assumed_utc)
    site.diags.warning(site.pointer,
                       backticked(v.text) + " has no time zone; it is read as UTC (add `Z`)");
}

// Condition operators, "Boolean": compares with "true" or "false".
void compile_bool(ConditionValue& v, const ValueSite& site) {
  warn_literal_variable(v, site);
  v.compiled = to_lower(v.text);
  if (v.compiled != "true" && v.compiled != "false") {
    v.valid = false;
    site.diags.warning(site.pointer, "`Bool` compares with `true` or `false`; " +
                                         backticked(v.text) + " matches no request value");
  } else if (v.compiled != v.text) {
    site.diags.warning(site.pointer, backticked(v.text) + " is read as " + backticked(v.compiled) +
                                         "; AWS documents the lowercase spelling only");
  }
}

void compile_binary(ConditionValue& v, const ValueSite& site) {
  auto bytes = decode_base64(v.text);
  if (!bytes) {
    v.valid = false;
    site.diags.error(site.pointer, backticked(v.text) +
                                       " is not base64; `BinaryEquals` takes the base64 "
                                       "encoding of the bytes, such as `QmluYXJ5`");
    return;
  }
  v.compiled = std::move(*bytes);
}

void compile_ip(ConditionValue& v, const ValueSite& site) {
  std::string why;
  auto range = parse_cidr(v.text, &why);
  if (!range) {
    v.valid = false;
    site.diags.error(site.pointer, why);
    return;
  }
  v.range = *range;
  if (range->host_bits_set)
    site.diags.warning(site.pointer, backticked(v.text) + " has bits set after the /" +
                                         std::to_string(range->prefix) +
                                         " prefix; the whole range is matched");
}

// Condition operators, "Null": `true` (the key is absent) or `false` (present).
void compile_null(ConditionValue& v, const ValueSite& site) {
  v.compiled = to_lower(v.text);
  if (v.compiled != "true" && v.compiled != "false") {
    v.valid = false;
    site.diags.error(site.pointer,
                     "`Null` takes `true` (the key is absent) or `false` (the key is "
                     "present), not " +
                         backticked(v.text));
  }
}

void compile_for_operator(ConditionValue& v, const ValueSite& site) {
  if (!supports_policy_variables(site.info.family) && site.info.family != OperatorFamily::kBool)
    warn_literal_variable(v, site);
  switch (site.info.family) {
    case OperatorFamily::kString:
      return compile_text(v, site);
    case OperatorFamily::kArn:
      return compile_arn(v, site);
    case OperatorFamily::kNumeric:
      return compile_numeric(v, site);
    case OperatorFamily::kDate:
      return compile_date(v, site);
    case OperatorFamily::kBool:
      return compile_bool(v, site);
    case OperatorFamily::kBinary:
      return compile_binary(v, site);
    case OperatorFamily::kIp:
      return compile_ip(v, site);
    case OperatorFamily::kNull:
      return compile_null(v, site);
  }
}

void add_value(const json& j, ValueSite site, ConditionClause& clause) {
  auto v = scalar_value(j, site.pointer, site.diags);
  if (!v) return;
  compile_for_operator(*v, site);
  clause.values.push_back(std::move(*v));
}

// A string, number or bool, or an array of them: a one-element array means the
// same as the scalar (IAM: Grammar, "the brackets are optional").
void add_values(const json& j, const std::string& key_pointer, const OperatorInfo& info,
                bool variables_enabled, Diagnostics& diags, ConditionClause& clause) {
  if (!j.is_array()) return add_value(j, {info, key_pointer, variables_enabled, diags}, clause);
  if (j.empty())
    // IAM: Grammar, "Arrays can take one or more values". With no values a
    // positive operator matches nothing and a negated one excludes nothing.
    diags.error(key_pointer, "condition key " + backticked(clause.key) +
                                 " has an empty list of values; give at least one value");
  for (std::size_t i = 0; i < j.size(); ++i)
    add_value(j[i], {info, pointer_join(key_pointer, i), variables_enabled, diags}, clause);
}

// Single-valued vs. multivalued context keys: "Do not use a condition set
// operator with a single-valued context key" (tag keys hold one value each).
// AWS KMS condition keys, "Using set operators": KMS rejects key policies that
// use ForAllValues with kms:EncryptionContext:* or aws:RequestTag/*
// (`OverlyPermissiveCondition`; rule 44). A warning here, not an error: the
// same policy is accepted outside KMS, and this code does not know where the
// policy is attached.
void check_set_qualifier(const ConditionClause& c, const std::string& pointer, Diagnostics& diags) {
  if (c.op.qualifier == SetQualifier::kNone) return;
  const std::string& k = c.key_lower;
  bool kms_rejects = k.starts_with("kms:encryptioncontext:") || k.starts_with("aws:requesttag/");
  bool single =
      kms_rejects || k.starts_with("aws:resourcetag/") || k.starts_with("aws:principaltag/");
  if (!single) return;
  std::string message = backticked(c.key) + " is single-valued; use " +
                        backticked(operator_info(c.op.op).name) + " without a set qualifier";
  if (c.op.qualifier == SetQualifier::kForAllValues)
    message +=
        ". `ForAllValues:` is true when the key is missing, so this is overly permissive" +
        std::string(kms_rejects
                        ? ", and AWS KMS refuses such key policies (`OverlyPermissiveCondition`)"
                        : "");
  diags.warning(pointer, message);
}

// Compiles the keys under one operator. Returns the number of broken entries.
std::size_t compile_operator(const std::string& name, const json& keys, const std::string& pointer,
                             bool variables_enabled, Diagnostics& diags,
                             std::vector<ConditionClause>& out) {
  std::string why;
  auto parsed = parse_condition_operator(name, &why);
  if (!parsed) {
    diags.error(pointer, why);
    return 1;
  }
  if (!keys.is_object()) {
    diags.error(pointer, "the value of " + backticked(name) +
                             " must be an object that maps condition keys to values, as in "
                             "`{\"aws:SourceIp\": \"203.0.113.0/24\"}`");
    return 1;
  }
  const OperatorInfo& info = operator_info(parsed->op);
  if (keys.empty())
    diags.warning(pointer, backticked(name) + " names no condition keys, so it has no effect");
  if (info.family == OperatorFamily::kNull && parsed->qualifier != SetQualifier::kNone)
    // Undocumented: set qualifiers are described for comparisons, and Null only
    // tests existence, so the qualifier is ignored.
    diags.warning(pointer, "a set qualifier has no documented meaning with `Null`; " +
                               backticked(name) + " is evaluated as `Null`");
  std::size_t broken = 0;
  for (const auto& [key, value] : keys.items()) {
    std::string key_pointer = pointer_join(pointer, key);
    if (key.empty()) {
      diags.error(key_pointer, "empty condition key name under " + backticked(name) +
                                   "; name a key such as `aws:SourceIp`");
      ++broken;
      continue;
    }
    ConditionClause clause{*parsed, key, to_lower(key), {}};
    check_set_qualifier(clause, key_pointer, diags);
    add_values(value, key_pointer, info, variables_enabled, diags, clause);
    out.push_back(std::move(clause));
  }
  return broken;
}

}  // namespace

ConditionBlock compile_condition(const nlohmann::json& element, const std::string& pointer,
                                 bool variables_enabled, Diagnostics& diags) {
  if (!element.is_object()) {
    diags.error(pointer,
                "`Condition` must be an object that maps condition operators to "
                "`{key: value}` objects, as in `{\"Bool\": {\"aws:SecureTransport\": \"true\"}}`");
    return ConditionBlock({}, 1);
  }
  std::vector<ConditionClause> clauses;
  std::size_t broken = 0;
  for (const auto& [name, keys] : element.items())
    broken += compile_operator(name, keys, pointer_join(pointer, name), variables_enabled, diags,
                               clauses);
  return ConditionBlock(std::move(clauses), broken);
}

}  // namespace accesspath
