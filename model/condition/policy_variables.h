// Policy variables: `${key}` placeholders in resource ARNs and string/ARN
// condition values, replaced by the request's value for `key`.
//
// IAM policy elements: Variables and tags (IAM/reference_policies_variables.html):
// - only under `"Version": "2012-10-17"`; otherwise `${...}` is literal text
//   (rule 14; the caller decides, these functions always substitute);
// - the key is looked up case-insensitively; a key that is missing, or that is
//   multivalued ("you can't use a multivalued context key as a variable"), has no
//   value, and text with a variable without value matches nothing (rules 15, 16);
// - `${key, 'default'}` supplies a value when the key has none;
// - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`.
//
//   RequestContext ctx;
//   ctx.set("aws:username", "alice");
//   substitute_policy_variables("home/${aws:username}/*", ctx, SubstituteFor::kPattern);
//   // -> "home/alice/*" (the trailing `*` stays a wildcard)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/condition/request_context.h"

namespace accesspath {

// kLiteral: the result is compared for equality (StringEquals, ArnEquals…).
// kPattern: the result is a wildcard pattern (StringLike, ArnLike, Resource).
// In kPattern the `*` and `?` that come from `${*}`, `${?}` or from a request
// value are emitted as kLiteralStar / kLiteralQuestion, so that wildcard_match
// treats them as plain characters: a request value is never a wildcard.
enum class SubstituteFor { kLiteral, kPattern };

// Replaces every `${...}`. Returns nullopt when a variable has no value and no
// default, or when a `${` is malformed (check_policy_variable_syntax says why):
// the element that holds the text then matches nothing (rule 16).
std::optional<std::string> substitute_policy_variables(std::string_view text,
                                                       const ConditionContext& ctx,
                                                       SubstituteFor mode);

// True when `text` contains `${`, i.e. something substitution would touch.
bool contains_policy_variable(std::string_view text);

// Syntax problems in the `${...}` uses of `text` (unterminated, empty name, bad
// default quoting), one message per problem. Empty when fine.
std::vector<std::string> check_policy_variable_syntax(std::string_view text);

// The condition keys the variables of `text` read, as written (the special
// `${*}`, `${?}`, `${$}` excluded). Empty when the value does not depend on the
// request, so it can be substituted once at load time.
std::vector<std::string> policy_variable_keys(std::string_view text);

}  // namespace accesspath
