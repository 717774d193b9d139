#include "model/core/wildcard.h"

#include <utility>

namespace accesspath {
namespace {

char fold(char c, CaseMode mode) {
  if (mode == CaseMode::kInsensitive && c >= 'A' && c <= 'Z')
    return static_cast<char>(c - 'A' + 'a');
  return c;
}

// Policy variables `${*}` and `${?}` stand for a literal `*` or `?`; after
// substitution they are carried as kLiteralStar / kLiteralQuestion.
char literal(char c) {
  if (c == kLiteralStar) return '*';
  if (c == kLiteralQuestion) return '?';
  return c;
}

}  // namespace

static bool equal_chars(std::string_view a, std::string_view b, CaseMode mode) {
  if (a.size() != b.size()) return false;
  if (mode == CaseMode::kSensitive) return a == b;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i], mode) != fold(b[i], mode)) return false;
  return true;
}

// The length of the run before the first `*`, `?` or literal marker.
static std::size_t plain_prefix(std::string_view pattern) {
  std::size_t special = 0;
  while (special < pattern.size()) {
    char c = pattern[special];
    if (c == '*' || c == '?' || c == kLiteralStar || c == kLiteralQuestion) break;
    ++special;
  }
  return special;
}

static bool prefix_matches(std::string_view prefix, std::string_view text, CaseMode mode) {
  return text.size() >= prefix.size() && equal_chars(prefix, text.substr(0, prefix.size()), mode);
}

// The loop for patterns that are neither a literal nor a prefix.
static bool general_match(std::string_view pattern, std::string_view text, CaseMode mode) {
  // Quick reject on the first character: most patterns and texts differ there
  // (`s3:…` against `kms:…`), and this loop runs for every statement.
  if (!pattern.empty() && !text.empty() && pattern[0] != '*' && pattern[0] != '?' &&
      fold(literal(pattern[0]), mode) != fold(text[0], mode))
    return false;
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || fold(literal(pattern[p]), mode) == fold(text[t], mode))) {
      ++p;
      ++t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool wildcard_match(std::string_view pattern, std::string_view text, CaseMode mode) {
  // Fast paths for the common shapes: no wildcard (equality) and one trailing `*` (prefix).
  // Patterns carrying literal-star markers take the general loop.
  std::size_t special = plain_prefix(pattern);
  if (special == pattern.size()) return equal_chars(pattern, text, mode);
  if (special == pattern.size() - 1 && pattern.back() == '*')
    return prefix_matches(pattern.substr(0, special), text, mode);
  return general_match(pattern, text, mode);
}

WildcardPattern::WildcardPattern(std::string text) : text_(std::move(text)) {
  std::size_t special = plain_prefix(text_);
  if (special == text_.size())
    shape_ = Shape::kLiteral;
  else if (special == text_.size() - 1 && text_.back() == '*')
    shape_ = Shape::kPrefix;
  else
    shape_ = Shape::kGeneral;
}

bool WildcardPattern::matches(std::string_view text, CaseMode mode) const {
  switch (shape_) {
    case Shape::kLiteral:
      return equal_chars(text_, text, mode);
    case Shape::kPrefix:
      return prefix_matches(std::string_view(text_).substr(0, text_.size() - 1), text, mode);
    case Shape::kGeneral:
      break;
  }
  return general_match(text_, text, mode);
}

bool has_wildcard(std::string_view s) {
  return s.find_first_of("*?") != std::string_view::npos;
}

}  // namespace accesspath
