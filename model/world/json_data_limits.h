// Bounds on untrusted JSON that is data, not policy text: CloudTrail records, AWS CLI exports,
// Terraform plans.
//
// check_json_limits() (json_limits.h) bounds the size, depth, strings and values of a document
// before its tree is built, and also refuses control characters, which is IAM's rule for the text
// of a policy. Data records what callers sent: an S3 object key may hold any character (Amazon S3
// User Guide, "Naming Amazon S3 objects": ASCII 0-31 are characters "that might require special
// handling"), and a CloudTrail data event logs that key. Refusing a whole trail file or plan for
// one such key would drop real records, so here a control character is no reason to refuse; every
// other limit holds.
//
//   Diagnostics diags;
//   if (check_json_data_limits(text, diags, kTrailJsonLimits)) doc = nlohmann::json::parse(text);
//   // else diags has one error such as "/Records/0/a: nested more than 128 levels deep …"
#pragma once

#include <string_view>

#include "model/core/diagnostic.h"
#include "model/world/json_limits.h"

namespace accesspath {

// check_json_limits(text, diags, limits), except that `\u0000`-`\u001F` escapes are allowed in
// strings and keys (a key holding one is shown with a space in its place in a pointer).
bool check_json_data_limits(std::string_view text, Diagnostics& diags, const JsonLimits& limits);

}  // namespace accesspath
