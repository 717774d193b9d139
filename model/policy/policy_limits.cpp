// AWS's size quotas for policy documents (policy_limits.h).
#include "model/policy/policy_limits.h"

#include <vector>

namespace accesspath {
namespace {

using nlohmann::json;

// Characters of a JSON string as AWS counts them: one per code point plus the quotes; escapes
// as written by a minimal printer (`\"`, `\\`, control characters are refused earlier).
std::size_t string_chars(const std::string& s, bool& beyond_latin1) {
  std::size_t n = 2;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;     // a UTF-8 continuation byte
    if (c >= 0xC4) beyond_latin1 = true;  // U+0100 and beyond start with 0xC4 or more
    n += (c == '"' || c == '\\') ? 2 : 1;
  }
  return n;
}

}  // namespace

std::size_t policy_size_quota(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
    case PolicyKind::kBoundary:
      return 6144;  // managed policy (IAM and AWS STS quotas); inline: 2,048 to 10,240 together
    case PolicyKind::kTrust:
      return 2048;  // role trust policy, by default (up to 4,096 on request)
    case PolicyKind::kResource:
      return 20480;  // S3 bucket policy: 20 KB
    case PolicyKind::kKeyPolicy:
      return 32768;  // KMS key policy document: 32 KB
    case PolicyKind::kScp:
    case PolicyKind::kRcp:
      return 5120;  // AWS Organizations quotas
  }
  return 6144;
}

std::size_t policy_size(const json& doc, std::size_t stop_after, bool* beyond_latin1) {
  bool beyond = false;
  std::size_t n = 0;
  // Iterative walk: depth is bounded by check_json_limits, but a walk needs no recursion.
  std::vector<const json*> todo{&doc};
  while (!todo.empty() && n <= stop_after) {
    const json* j = todo.back();
    todo.pop_back();
    if (j->is_object()) {
      n += 2 + (j->empty() ? 0 : j->size() - 1);  // braces and commas
      for (auto it = j->begin(); it != j->end(); ++it) {
        n += string_chars(it.key(), beyond) + 1;  // the key and its colon
        todo.push_back(&it.value());
      }
    } else if (j->is_array()) {
      n += 2 + (j->empty() ? 0 : j->size() - 1);
      for (const json& v : *j) todo.push_back(&v);
    } else if (j->is_string()) {
      n += string_chars(j->get_ref<const std::string&>(), beyond);
    } else {
      n += j->dump().size();
    }
  }
  if (beyond_latin1) *beyond_latin1 = beyond;
  return n;
}

bool check_policy_size(const json& doc, const std::string& pointer, PolicyKind kind,
                       Diagnostics& diags, PolicyOwner owner) {
  bool beyond_latin1 = false;
  if (owner == PolicyOwner::kAws) {
    // IAM User Guide, "IAM and AWS STS quotas": the managed policy quota is for the policies a
    // customer creates; AWS managed policies are AWS's and exceed it (ReadOnlyAccess).
    if (policy_size(doc, kAwsManagedPolicyCap) <= kAwsManagedPolicyCap) return true;
    diags.error(pointer, "the AWS managed policy has more than " +
                             std::to_string(kAwsManagedPolicyCap) +
                             " characters, ten times the longest document IAM returns "
                             "(PolicyVersion `Document`); it is not evaluated");
    return false;
  }
  std::size_t quota = policy_size_quota(kind);
  std::size_t size = policy_size(doc, 10 * quota, &beyond_latin1);
  std::string what = std::string(to_string(kind));
  if (size > 10 * quota) {
    diags.error(pointer, "the " + what + " has more than " + std::to_string(10 * quota) +
                             " characters, over ten times AWS's quota of " + std::to_string(quota) +
                             " (IAM and AWS STS quotas; Amazon S3 and AWS KMS quotas for bucket "
                             "and key policies); it is not evaluated");
    return false;
  }
  if (size > quota)
    diags.warning(pointer, "the " + what + " has " + std::to_string(size) +
                               " characters without whitespace; AWS's quota is " +
                               std::to_string(quota) +
                               " (IAM and AWS STS quotas, \"IAM and STS character limits\"), so "
                               "AWS would refuse to save it");
  if (beyond_latin1)
    diags.warning(pointer, "the " + what +
                               " has a character beyond U+00FF; AWS accepts only tab, line feed, "
                               "carriage return and U+0020 to U+00FF in policies (IAM and AWS STS "
                               "quotas, \"IAM name requirements\")");
  return true;
}

}  // namespace accesspath
