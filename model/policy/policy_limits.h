// AWS's size quotas for policy documents, checked before a policy is compiled.
//
// AWS counts a policy's characters without whitespace (IAM and AWS STS quotas, "IAM and STS
// character limits"; Amazon S3: bucket policies up to 20 KB; AWS KMS quotas: key policy document
// size 32 KB; AWS Organizations quotas: SCPs and RCPs up to 5,120 characters). A policy over its
// quota could not be saved in AWS: the loader warns (lint) and still evaluates it, since the
// scenario may model a quota increase. A policy more than ten times over is refused: no
// quota increase reaches it, and compiling it would cost time and memory for nothing (a
// million statements).
//
//   Diagnostics diags;
//   if (check_policy_size(doc, "/buckets/0/policy", PolicyKind::kResource, diags)) compile it;
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "model/core/diagnostic.h"
#include "model/policy/policy.h"

namespace accesspath {

// The quota of a kind of policy, in characters without whitespace.
std::size_t policy_size_quota(PolicyKind kind);

// Characters of `doc` as AWS counts them: the JSON text without whitespace outside strings.
// Stops counting past `stop_after` (the result is then > stop_after). `beyond_latin1`, when
// given, is set when a string or key has a character beyond U+00FF.
std::size_t policy_size(const nlohmann::json& doc, std::size_t stop_after,
                        bool* beyond_latin1 = nullptr);

// The size above which an AWS managed policy is refused: AWS's own policies are bound by no
// published quota (ReadOnlyAccess and AWSSupportServiceRolePolicy are over 80,000 characters),
// so only a safety cap, ten times the longest document IAM returns (PolicyVersion `Document`,
// at most 131,072 characters), keeps a runaway document from being compiled.
inline constexpr std::size_t kAwsManagedPolicyCap = 10 * 131072;

// Warns when `doc` is over its quota, errs (and returns false: do not compile it) when it is more
// than ten times over. Also warns for characters beyond U+00FF, which IAM refuses in policies.
// An AWS managed policy (`owner` kAws) has no quota: it is refused only over kAwsManagedPolicyCap.
bool check_policy_size(const nlohmann::json& doc, const std::string& pointer, PolicyKind kind,
                       Diagnostics& diags, PolicyOwner owner = PolicyOwner::kCustomer);

}  // namespace accesspath
