// The reference evaluator's matching: wildcards, ARN comparison and the
// Condition element, transcribed from the IAM User Guide with no code shared
// with model/ (so that a bug there is not repeated here).
//
//   reference::glob("s3:*Object", "S3:GetObject", /*ignore_case=*/true) == true
//   reference::Context ctx = {{"aws:securetransport", {"true"}}};
//   reference::condition_holds(json::parse(R"({"Bool": {"aws:SecureTransport": "true"}})"), ctx);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace accesspath::properties::reference {

// Thrown when a document uses something AWS does not document and the reference
// therefore does not implement (a plain operator on a multivalued key, a
// multivalued key as a policy variable, an unknown operator, ...); the reference
// then answers "unsupported" instead of guessing.
struct Unsupported {
  std::string what;
};

// The request context: condition key names lowercased (they are
// case-insensitive, rule 31) to their values.
using Context = std::map<std::string, std::vector<std::string>>;

// A context value the reference does not model (aws:userid is a unique id AWS
// makes up): a condition that compares it makes the answer "unsupported".
inline constexpr const char* kUnmodelledValue = "\x01unmodelled";

std::string lower(std::string_view s);

// A family of keys the reference does not model, written `prefix*` (e.g. `aws:resourcetag/*` for
// a role's tags, which model/ leaves undescribed): any key of it that the context does not set
// otherwise is unmodelled.
inline constexpr const char* kUnmodelledFamilyMark = "*";
bool in_unmodelled_family(const std::string& key_lower, const Context& ctx);

// A pattern after policy variables are substituted: characters, and the wildcards `*` (any run of
// characters, also `/` and `:`) and `?` (exactly one), kept apart from the characters `*` and
// `?` that `${*}` and `${?}` or a substituted value put there (rules 5, 8, 16).
using Pattern = std::vector<int>;
inline constexpr int kAnyRun = -1;
inline constexpr int kAnyOne = -2;

// `text` as a pattern: with `wildcards`, its `*` and `?` are wildcards; otherwise every character
// is itself.
Pattern pattern_of(std::string_view text, bool wildcards);

bool glob(const Pattern& pattern, std::string_view text, bool ignore_case);
bool glob(std::string_view pattern, std::string_view text, bool ignore_case);

// ArnLike / ArnEquals: the six colon-separated parts compared one by one, case
// sensitively, with wildcards (rule 38).
bool arn_like(const Pattern& pattern, std::string_view value);
bool arn_like(std::string_view pattern, std::string_view value);

// A string or an array of strings (and booleans or numbers, as AWS reads them).
std::vector<std::string> strings_of(const nlohmann::json& value);

// The whole Condition element: AND over operators and keys, OR over values
// (NOR for negated operators), missing keys, IfExists, Null and the set operators
// ForAnyValue / ForAllValues (rules 32-44). `variables`: the policy is "Version":
// "2012-10-17", so `${...}` in string and ARN values is substituted (rule 14).
bool condition_holds(const nlohmann::json& condition, const Context& ctx, bool variables = true);

}  // namespace accesspath::properties::reference
