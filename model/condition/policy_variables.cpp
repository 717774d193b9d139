#include "model/condition/policy_variables.h"

#include "model/core/strings.h"
#include "model/core/wildcard.h"

namespace accesspath {
namespace {

// One `${...}` use, parsed. AWS documents the forms `${key}` and
// `${key, 'default'}` (IAM: Variables and tags, "Specifying default values") but
// not the fine print. Undocumented, and read here the lenient way: white space
// around the key and around the quoted default is ignored, a tag key may contain
// spaces (`${aws:PrincipalTag/cost center}`), and `''` inside the default stands
// for one `'` (as in SQL). Anything else is a syntax error.
struct VariableUse {
  std::size_t end = 0;  // one past the closing `}` (or the end of the text on error)
  std::string_view name;
  bool has_default = false;
  std::string default_value;
  std::string error;  // empty when well formed
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Fails `use` and resynchronises after the next `}` so one bad variable yields one message.
VariableUse& fail(VariableUse& use, std::string_view text, std::size_t from, std::string why) {
  std::size_t close = text.find('}', from);
  use.end = close == std::string_view::npos ? text.size() : close + 1;
  use.error = std::move(why);
  return use;
}

// Reads `'…'` starting at the opening quote; `''` is an escaped quote.
// Returns the index after the closing quote, or npos when unterminated.
std::size_t read_quoted(std::string_view text, std::size_t i, std::string& out) {
  for (++i; i < text.size(); ++i) {
    if (text[i] != '\'') {
      out += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '\'') {
      out += '\'';
      ++i;
    } else {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

bool valid_name(std::string_view name) {
  if (name == "$") return true;
  return name.find_first_of("${'") == std::string_view::npos;
}

// `begin` points at the `$` of `${`.
VariableUse parse_variable(std::string_view text, std::size_t begin) {
  VariableUse use;
  std::size_t i = begin + 2;
  std::size_t stop = text.find_first_of(",}", i);
  // The use as written, for messages (up to the first `}`).
  std::size_t close = text.find('}', begin);
  std::string shown(
      text.substr(begin, close == std::string_view::npos ? close : close + 1 - begin));
  if (stop == std::string_view::npos)
    return fail(use, text, i, "unterminated policy variable `" + shown + "`: expected `}`");
  use.name = trim(text.substr(i, stop - i));
  if (use.name.empty())
    return fail(
        use, text, i,
        "empty policy variable `" + shown + "`: name a condition key, as in `${aws:username}`");
  if (!valid_name(use.name))
    return fail(use, text, i,
                "invalid policy variable name `" + std::string(use.name) +
                    "`: a name cannot contain `$`, `{` or `'` (write `${$}` for a literal `$`)");
  if (text[stop] == '}') {
    use.end = stop + 1;
    return use;
  }
  i = skip_spaces(text, stop + 1);
  if (i >= text.size() || text[i] != '\'')
    return fail(use, text, i,
                "the default value of `" + shown + "` must be in single quotes, as in `${" +
                    std::string(use.name) + ", 'default'}`");
  use.has_default = true;
  i = read_quoted(text, i, use.default_value);
  if (i == std::string_view::npos)
    return fail(use, text, text.size(),
                "unterminated default value in `" + shown + "`: expected a closing `'`");
  i = skip_spaces(text, i);
  if (i >= text.size() || text[i] != '}')
    return fail(use, text, i, "expected `}` after the default value of `" + shown + "`");
  use.end = i + 1;
  return use;
}

bool is_special(std::string_view name) {
  return name == "*" || name == "?" || name == "$";
}

void append_special(std::string& out, char c, SubstituteFor mode) {
  if (mode == SubstituteFor::kPattern && c == '*')
    out += kLiteralStar;
  else if (mode == SubstituteFor::kPattern && c == '?')
    out += kLiteralQuestion;
  else
    out += c;
}

// A request value is data, never a wildcard (rule 16 and the `${*}` note).
void append_value(std::string& out, std::string_view value, SubstituteFor mode) {
  for (char c : value) append_special(out, c, mode);
}

// The request's value for a variable: present, single-valued and with exactly
// one value. Multivalued keys "cannot be used as variables" (IAM: Variables and
// tags; Single-valued vs. multivalued context keys, rule 15), so they have none.
const std::string* variable_value(const ConditionContext& ctx, std::string_view name) {
  if (ContextObserver* observer = context_observer())
    if (ctx.is_free(to_lower(name)))
      observer->on_unsupported("the policy variable ${" + std::string(name) +
                               "} reads a key the caller chooses");
  const ContextEntry* entry = ctx.find(name);
  if (entry == nullptr || entry->multivalued || entry->values.size() != 1) return nullptr;
  return &entry->values.front();
}

}  // namespace

bool contains_policy_variable(std::string_view text) {
  return text.find("${") != std::string_view::npos;
}

std::optional<std::string> substitute_policy_variables(std::string_view text,
                                                       const ConditionContext& ctx,
                                                       SubstituteFor mode) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t begin = text.find("${", i);
    if (begin == std::string_view::npos) begin = text.size();
    out.append(text.substr(i, begin - i));
    if (begin == text.size()) break;
    VariableUse use = parse_variable(text, begin);
    if (!use.error.empty()) return std::nullopt;  // malformed: matches nothing
    if (is_special(use.name)) {
      append_special(out, use.name.front(), mode);
    } else if (const std::string* value = variable_value(ctx, use.name)) {
      append_value(out, *value, mode);
    } else if (use.has_default) {
      // The default is policy text like the rest of the value, so under
      // kPattern its `*` and `?` stay wildcards (AWS does not say; this is the
      // reading that treats the policy author's text uniformly).
      out += use.default_value;
    } else {
      return std::nullopt;  // rule 16: no value, no default
    }
    i = use.end;
  }
  return out;
}

std::vector<std::string> check_policy_variable_syntax(std::string_view text) {
  std::vector<std::string> problems;
  std::size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    VariableUse use = parse_variable(text, i);
    if (!use.error.empty()) problems.push_back(use.error);
    i = use.end;
  }
  return problems;
}

std::vector<std::string> policy_variable_keys(std::string_view text) {
  std::vector<std::string> keys;
  std::size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    VariableUse use = parse_variable(text, i);
    if (use.error.empty() && !is_special(use.name)) keys.emplace_back(use.name);
    i = use.end;
  }
  return keys;
}

}  // namespace accesspath
