#include "properties/reference_match.h"

#include <cctype>

#include "properties/reference_values.h"
#include "properties/reference_variables.h"

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

bool same_char(int a, char b, bool ignore_case) {
  const int c = static_cast<unsigned char>(b);
  if (!ignore_case) return a == c;
  return std::tolower(a) == std::tolower(c);
}

std::vector<std::string_view> split_arn(std::string_view s) {
  // arn:partition:service:region:account:resource; the resource keeps its colons.
  std::vector<std::string_view> parts;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = s.find(':');
    if (colon == std::string_view::npos) return {};
    parts.push_back(s.substr(0, colon));
    s.remove_prefix(colon + 1);
  }
  parts.push_back(s);
  return parts;
}

// The same split of a pattern, at its `:` characters.
std::vector<Pattern> split_arn(const Pattern& p) {
  std::vector<Pattern> parts(1);
  for (int c : p) {
    if (c == ':' && parts.size() < 6)
      parts.emplace_back();
    else
      parts.back().push_back(c);
  }
  if (parts.size() < 6) return {};
  return parts;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// An operator as IAM: Condition operators spells it: [ForAnyValue:|ForAllValues:]<base>[IfExists].
struct Operator {
  std::string qualifier;  // "", "ForAnyValue" or "ForAllValues"
  std::string family;     // "String", "Numeric", "Date", "Bool", "Binary", "Ip", "Arn", "Null"
  std::string test;      // the positive test: "Equals", "EqualsIgnoreCase", "Like", "LessThan", ...
  bool negated = false;  // StringNotEquals, NotIpAddress, ...: NOR over the values (rule 33)
  bool if_exists = false;
};

Operator parse_operator(const std::string& name) {
  Operator o;
  std::string base = name;
  if (const std::size_t colon = base.find(':'); colon != std::string::npos) {
    o.qualifier = base.substr(0, colon);
    if (o.qualifier != "ForAnyValue" && o.qualifier != "ForAllValues")
      throw Unsupported{"set operator " + name};
    base = base.substr(colon + 1);
  }
  if (ends_with(base, "IfExists")) {
    o.if_exists = true;
    base = base.substr(0, base.size() - 8);
  }
  if (base == "Null") {
    if (o.if_exists || !o.qualifier.empty()) throw Unsupported{"condition operator " + name};
    o.family = "Null";
    return o;
  }
  if (base == "Bool" || base == "BinaryEquals" || base == "IpAddress" || base == "NotIpAddress") {
    o.family = base == "Bool" ? "Bool" : base == "BinaryEquals" ? "Binary" : "Ip";
    o.test = base == "Bool" || base == "BinaryEquals" ? "Equals" : "InRange";
    o.negated = base == "NotIpAddress";
    return o;
  }
  for (const char* family : {"String", "Numeric", "Date", "Arn"}) {
    if (!starts_with(base, family)) continue;
    o.family = family;
    o.test = base.substr(o.family.size());
    if (starts_with(o.test, "Not")) {
      o.negated = true;
      o.test = o.test.substr(3);
    }
    static const std::vector<std::pair<std::string, std::vector<std::string>>> kTests = {
        {"String", {"Equals", "EqualsIgnoreCase", "Like"}},
        {"Numeric", {"Equals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"}},
        {"Date", {"Equals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"}},
        {"Arn", {"Equals", "Like"}}};
    for (const auto& [f, tests] : kTests)
      for (const auto& t : tests)
        // Only the Equals tests have a negated form.
        if (f == o.family && t == o.test &&
            (!o.negated || t == "Equals" || t == "Like" || t == "EqualsIgnoreCase"))
          return o;
  }
  throw Unsupported{"condition operator " + name};
}

// `order` is request <=> policy: NumericLessThan means "the request value is less than the policy
// value" (IAM: Condition operators, Numeric and Date).
bool ordered(const std::string& test, long double request, long double policy) {
  if (test == "LessThan") return request < policy;
  if (test == "LessThanEquals") return request <= policy;
  if (test == "GreaterThan") return request > policy;
  if (test == "GreaterThanEquals") return request >= policy;
  return request == policy;
}

// Whether one request value passes the positive test against one policy value. A request value
// the family cannot read (not a number, date, address or base64) passes no test: AWS does not
// document it (model reading, model/condition/condition_eval.cpp).
bool passes(const Operator& o, const std::string& policy, const std::string& request,
            const Context& ctx, bool variables) {
  // Variables are substituted in string and ARN values only (rule 15).
  if (o.family == "String" || o.family == "Arn") {
    const bool wildcards = o.test == "Like" || o.family == "Arn";
    std::optional<Pattern> p = variables ? substitute(policy, ctx, wildcards)
                                         : std::optional<Pattern>(pattern_of(policy, wildcards));
    if (!p) return false;  // a variable without a value matches nothing (rule 16)
    if (o.family == "Arn") return arn_like(*p, request);     // ArnEquals = ArnLike (rule 38)
    return glob(*p, request, o.test == "EqualsIgnoreCase");  // exact, case sensitive (rule 37)
  }
  auto typed = [&](auto parse) {
    auto p = parse(policy);
    if (!p) throw Unsupported{"a " + o.family + " policy value " + policy};
    return std::make_pair(*p, parse(request));
  };
  if (o.family == "Numeric" || o.family == "Date") {
    auto [p, r] = o.family == "Numeric" ? typed(parse_number) : typed(parse_date);
    return r && ordered(o.test, *r, p);
  }
  if (o.family == "Ip") {
    auto range = parse_cidr(policy);
    if (!range) throw Unsupported{"an IP range " + policy};
    auto ip = parse_ip(request);
    return ip && in_range(*ip, *range);  // bare addresses are /32 (rule 40)
  }
  if (o.family == "Binary") {
    auto [p, r] = typed(decode_base64);
    return r && *r == p;  // the bytes the base64 texts stand for
  }
  return policy == request;  // Bool: "true" or "false" (rule 39)
}

}  // namespace

bool in_unmodelled_family(const std::string& key_lower, const Context& ctx) {
  const std::size_t slash = key_lower.find('/');
  if (slash == std::string::npos) return false;
  auto family = ctx.find(key_lower.substr(0, slash + 1) + kUnmodelledFamilyMark);
  return family != ctx.end() && !family->second.empty() &&
         family->second.front() == kUnmodelledValue;
}

namespace {

// One key under one operator (IAM: Condition operators; Creating a condition with multiple keys
// or values).
bool key_holds(const Operator& o, const std::string& key, const json& values, const Context& ctx,
               bool variables) {
  const std::vector<std::string> policy_values = strings_of(values);
  auto found = ctx.find(lower(key));
  if (found == ctx.end() && in_unmodelled_family(lower(key), ctx))
    throw Unsupported{"the value of " + key};
  const bool present = found != ctx.end() && !found->second.empty();

  // Null: "true" asks that the key be absent, "false" that it be present (rule 36).
  if (o.family == "Null") {
    for (const auto& v : policy_values)
      if ((v == "true") == !present) return true;
    return false;
  }
  // One request value: any policy value passes (OR), or none does for negated operators (NOR,
  // rule 33).
  auto satisfied = [&](const std::string& request) {
    if (request == kUnmodelledValue) throw Unsupported{"the value of " + key};
    bool any = false;
    for (const auto& v : policy_values) any |= passes(o, v, request, ctx, variables);
    return any != o.negated;
  };
  // ForAllValues: true for an absent key or empty set, else every request value (rule 42).
  if (o.qualifier == "ForAllValues") {
    if (!present) return true;
    for (const auto& r : found->second)
      if (!satisfied(r)) return false;
    return true;
  }
  // ForAnyValue: false for an absent key (rule 43) unless IfExists (rule 35), else one value.
  if (o.qualifier == "ForAnyValue") {
    if (!present) return o.if_exists;
    for (const auto& r : found->second)
      if (satisfied(r)) return true;
    return false;
  }
  // A missing key: IfExists makes the condition true; otherwise negated operators are true and
  // the others false (rules 34, 35).
  if (!present) return o.if_exists || o.negated;
  // "Multivalued context keys require a condition set operator": what a plain one does is not
  // documented (rule 44).
  if (found->second.size() > 1) throw Unsupported{"a multivalued key without a set operator"};
  return satisfied(found->second.front());
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Pattern pattern_of(std::string_view text, bool wildcards) {
  Pattern out;
  for (char c : text) {
    if (wildcards && c == '*')
      out.push_back(kAnyRun);
    else if (wildcards && c == '?')
      out.push_back(kAnyOne);
    else
      out.push_back(static_cast<unsigned char>(c));
  }
  return out;
}

// The textbook table: m[i][j] says whether the first i tokens of the pattern match the first j
// characters of the text. Quadratic in time, linear in memory, for any number of `*` (a
// recursive matcher is exponential on patterns like `*a*a*a*a*b`; a fuzzer found that).
bool glob(const Pattern& p, std::string_view t, bool ignore_case) {
  std::vector<bool> prev(t.size() + 1, false), cur(t.size() + 1, false);
  prev[0] = true;  // the empty pattern matches the empty text
  for (int pc : p) {
    cur[0] = pc == kAnyRun && prev[0];
    for (std::size_t j = 1; j <= t.size(); ++j) {
      if (pc == kAnyRun)
        cur[j] = prev[j] || cur[j - 1];  // `*` matches nothing, or one more character
      else
        cur[j] = prev[j - 1] && (pc == kAnyOne || same_char(pc, t[j - 1], ignore_case));
    }
    std::swap(prev, cur);
  }
  return prev[t.size()];
}

bool glob(std::string_view pattern, std::string_view text, bool ignore_case) {
  return glob(pattern_of(pattern, true), text, ignore_case);
}

bool arn_like(const Pattern& pattern, std::string_view value) {
  if (pattern == Pattern{kAnyRun}) return true;
  auto p = split_arn(pattern);
  auto v = split_arn(value);
  if (p.empty() || v.empty()) throw Unsupported{"ArnLike on a value that is not an ARN"};
  for (std::size_t i = 0; i < 6; ++i)
    if (!glob(p[i], v[i], false)) return false;
  return true;
}

bool arn_like(std::string_view pattern, std::string_view value) {
  return arn_like(pattern_of(pattern, true), value);
}

std::vector<std::string> strings_of(const json& value) {
  std::vector<std::string> out;
  auto one = [&](const json& v) {
    if (v.is_string())
      out.push_back(v.get<std::string>());
    else if (v.is_boolean())
      out.push_back(v.get<bool>() ? "true" : "false");
    else if (v.is_number())
      out.push_back(v.dump());
    else
      throw Unsupported{"a value that is not a string"};
  };
  if (value.is_array())
    for (const auto& v : value) one(v);
  else
    one(value);
  return out;
}

bool condition_holds(const json& condition, const Context& ctx, bool variables) {
  if (!condition.is_object()) throw Unsupported{"a Condition that is not an object"};
  for (const auto& [op, keys] : condition.items()) {
    const Operator o = parse_operator(op);
    if (!keys.is_object()) throw Unsupported{"a condition operator without keys"};
    for (const auto& [key, values] : keys.items())
      if (!key_holds(o, key, values, ctx, variables)) return false;  // AND (rule 32)
  }
  return true;
}

}  // namespace accesspath::properties::reference
