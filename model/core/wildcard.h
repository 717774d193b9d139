// IAM wildcard matching: `*` matches any run of characters (including none and
// including `/`), `?` matches exactly one character.
//
// IAM JSON policy elements: Resource, "Using wildcards in resource ARNs":
// `*` and `?` may appear several times in a segment and `/` is an ordinary
// character. Actions compare case-insensitively (IAM JSON policy elements:
// Action), resources and StringLike values case-sensitively.
//
//   wildcard_match("s3:*Object*", "S3:GetObject", CaseMode::kInsensitive) == true
#pragma once

#include <string>
#include <string_view>

namespace accesspath {

// In a pattern, these stand for a literal `*` and `?` (what the policy
// variables `${*}` and `${?}` produce); they match only that character.
inline constexpr char kLiteralStar = '\x01';
inline constexpr char kLiteralQuestion = '\x02';

enum class CaseMode { kSensitive, kInsensitive };

// Iterative matcher with single-star backtracking: O(|pattern| * |text|) worst
// case, no recursion, no allocation.
bool wildcard_match(std::string_view pattern, std::string_view text, CaseMode mode);

bool has_wildcard(std::string_view s);

// A pattern classified once, when its policy is compiled, so that matching it
// against many requests skips the shape scan wildcard_match does on every call.
// matches() answers exactly what wildcard_match(text(), …) answers.
//
//   WildcardPattern p("arn:aws:s3:::bucket/*");  // a prefix
//   p.matches("arn:aws:s3:::bucket/key", CaseMode::kSensitive) == true
class WildcardPattern {
 public:
  WildcardPattern() = default;
  explicit WildcardPattern(std::string text);

  bool matches(std::string_view text, CaseMode mode) const;
  const std::string& text() const { return text_; }

 private:
  enum class Shape : unsigned char {
    kLiteral,  // no wildcard: equality
    kPrefix,   // one trailing `*` and no other wildcard (`*` alone included)
    kGeneral,  // anything else: the full matcher
  };
  std::string text_;
  Shape shape_ = Shape::kLiteral;
};

}  // namespace accesspath
