// The reference evaluator's policy variables (IAM User Guide: IAM policy
// elements: Variables and tags, IAM/reference_policies_variables.html; rules
// 14-16): `${key}` is the request's value of the key, `${key, 'default'}` falls
// back on the default, `${*}`, `${?}` and `${$}` are the characters `*`, `?`
// and `$`.
//
//   reference::Context ctx = {{"aws:username", {"alice"}}};
//   auto p = reference::substitute("arn:aws:s3:::b/${aws:username}/*", ctx, /*wildcards=*/true);
//   reference::glob(*p, "arn:aws:s3:::b/alice/x", false) == true
#pragma once

#include <optional>
#include <string_view>

#include "properties/reference_match.h"

namespace accesspath::properties::reference {

// `text` with its variables substituted, as a pattern: with `wildcards` (StringLike, ArnLike,
// Resource) the `*` and `?` of the policy's own text, defaults included, are wildcards, and a
// substituted value is always literal text. nullopt when a variable has no value and no default:
// "the policy element ... evaluates to false" (rule 16), so it matches nothing.
std::optional<Pattern> substitute(std::string_view text, const Context& ctx, bool wildcards);

}  // namespace accesspath::properties::reference
