#include "properties/reference_variables.h"

namespace accesspath::properties::reference {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

void append(Pattern& out, const Pattern& more) {
  out.insert(out.end(), more.begin(), more.end());
}

}  // namespace

std::optional<Pattern> substitute(std::string_view text, const Context& ctx, bool wildcards) {
  Pattern out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("${", at);
    append(out, pattern_of(text.substr(at, open - at), wildcards));
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) throw Unsupported{"an unclosed policy variable"};
    const std::string_view inside = text.substr(open + 2, close - open - 2);
    at = close + 1;
    // "Special characters": ${*}, ${?} and ${$} stand for the characters themselves.
    if (inside == "*" || inside == "?" || inside == "$") {
      out.push_back(static_cast<unsigned char>(inside[0]));
      continue;
    }
    // "Default values": ${key, 'default'} when the key is absent.
    const std::size_t comma = inside.find(',');
    const std::string key = lower(trimmed(inside.substr(0, comma)));
    std::optional<std::string_view> fallback;
    if (comma != std::string_view::npos) {
      std::string_view d = trimmed(inside.substr(comma + 1));
      if (d.size() < 2 || d.front() != '\'' || d.back() != '\'')
        throw Unsupported{"a policy variable default that is not quoted"};
      fallback = d.substr(1, d.size() - 2);
    }
    auto found = ctx.find(key);
    if (found == ctx.end() && in_unmodelled_family(key, ctx))
      throw Unsupported{"the value of " + key};
    if (found == ctx.end() || found->second.empty()) {
      if (!fallback) return std::nullopt;  // "Policy variables with no value" (rule 16)
      // The default is policy text: its `*` and `?` stay wildcards in patterns (model reading,
      // model/SEMANTICS.md "Default value of a policy variable inside a pattern").
      append(out, pattern_of(*fallback, wildcards));
      continue;
    }
    // Only single-valued keys are variables (rule 15); what AWS does with a set is not documented.
    if (found->second.size() > 1) throw Unsupported{"a multivalued key as a policy variable"};
    if (found->second.front() == kUnmodelledValue) throw Unsupported{"the value of " + key};
    append(out, pattern_of(found->second.front(), false));
  }
  return out;
}

}  // namespace accesspath::properties::reference
