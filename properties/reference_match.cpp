#include "properties/reference_match.h"

#include <cctype>

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

bool same_char(char a, char b, bool ignore_case) {
  if (!ignore_case) return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
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

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// One key under one operator (IAM: Condition operators).
bool key_holds(const std::string& op, const std::string& key, const json& values,
               const Context& ctx) {
  std::vector<std::string> policy_values = strings_of(values);
  for (const auto& v : policy_values)
    if (v.find("${") != std::string::npos) throw Unsupported{"policy variables"};
  auto found = ctx.find(lower(key));
  const bool present = found != ctx.end() && !found->second.empty();

  // Null: "true" asks that the key be absent, "false" that it be present (rule 36).
  if (op == "Null") {
    for (const auto& v : policy_values)
      if ((v == "true") == !present) return true;
    return false;
  }
  std::string base = op;
  const bool if_exists = ends_with(op, "IfExists");
  if (if_exists) base = op.substr(0, op.size() - 8);
  static const std::vector<std::string> kSupported = {
      "StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "Bool",
      "ArnLike",      "ArnNotLike",      "ArnEquals",  "ArnNotEquals"};
  bool supported = false;
  for (const auto& s : kSupported) supported |= base == s;
  if (!supported) throw Unsupported{"condition operator " + op};
  const bool negated = base == "StringNotEquals" || base == "StringNotLike" ||
                       base == "ArnNotLike" || base == "ArnNotEquals";
  // A missing key: IfExists makes the condition true; otherwise negated operators are true and
  // the others false (rules 34, 35).
  if (!present) return if_exists || negated;
  if (found->second.size() > 1) throw Unsupported{"a multivalued key without a set operator"};
  const std::string& request_value = found->second.front();
  if (request_value == kUnmodelledValue) throw Unsupported{"the value of " + key};
  bool match = false;
  for (const auto& v : policy_values) {
    if (base == "StringEquals" || base == "StringNotEquals")
      match |= v == request_value;  // exact, case sensitive (rule 37)
    else if (base == "StringLike" || base == "StringNotLike")
      match |= glob(v, request_value, false);
    else if (base == "Bool")
      match |= v == request_value;  // "true" or "false" (rule 39)
    else  // ArnLike, ArnEquals and their negations behave the same (rule 38)
      match |= arn_like(v, request_value);
  }
  return negated ? !match : match;  // several values: OR, and NOR when negated (rule 33)
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The textbook table: m[i][j] says whether the first i characters of the pattern match the first
// j of the text. Quadratic in time, linear in memory, for any number of `*` (a recursive
// matcher is exponential on patterns like `*a*a*a*a*b`; a fuzzer found that).
bool glob(std::string_view p, std::string_view t, bool ignore_case) {
  std::vector<bool> prev(t.size() + 1, false), cur(t.size() + 1, false);
  prev[0] = true;  // the empty pattern matches the empty text
  for (std::size_t i = 1; i <= p.size(); ++i) {
    char pc = p[i - 1];
    cur[0] = pc == '*' && prev[0];
    for (std::size_t j = 1; j <= t.size(); ++j) {
      if (pc == '*')
        cur[j] = prev[j] || cur[j - 1];  // `*` matches nothing, or one more character
      else
        cur[j] = prev[j - 1] && (pc == '?' || same_char(pc, t[j - 1], ignore_case));
    }
    std::swap(prev, cur);
  }
  return prev[t.size()];
}

bool arn_like(std::string_view pattern, std::string_view value) {
  if (pattern == "*") return true;
  auto p = split_arn(pattern), v = split_arn(value);
  if (p.empty() || v.empty()) throw Unsupported{"ArnLike on a value that is not an ARN"};
  for (std::size_t i = 0; i < 6; ++i)
    if (!glob(p[i], v[i], false)) return false;
  return true;
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

bool condition_holds(const json& condition, const Context& ctx) {
  if (!condition.is_object()) throw Unsupported{"a Condition that is not an object"};
  for (const auto& [op, keys] : condition.items()) {
    if (op.find(':') != std::string::npos) throw Unsupported{"set operator " + op};
    if (!keys.is_object()) throw Unsupported{"a condition operator without keys"};
    for (const auto& [key, values] : keys.items())
      if (!key_holds(op, key, values, ctx)) return false;  // AND (rule 32)
  }
  return true;
}

}  // namespace accesspath::properties::reference
