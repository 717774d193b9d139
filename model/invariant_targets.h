// What check_invariant (access_paths.cpp) and invariant_verdict (invariant_verdict.cpp) both need
// to turn an invariant into concrete requests: principal and S3 patterns, representative keys of
// objects that can be written now, the encryption choices of a PutObject, expanded actions.
// Internal to model/; kept in one place so the two checks cannot drift apart.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/world.h"

namespace accesspath::invariant_targets {

inline constexpr std::string_view kNewObjectTag = "accesspath-new";

// An invariant's principal pattern against a principal ARN ("anonymous" only matches itself).
bool principal_matches(std::string_view pattern, std::string_view principal);
bool matches_any(const std::vector<std::string>& patterns, std::string_view principal);

struct BucketPattern {
  std::string bucket;  // pattern for the bucket name
  std::string key;     // pattern for the object key; empty when the pattern names buckets
  bool object = false;
};

// Splits an S3 resource pattern into bucket and key patterns.
BucketPattern split_s3_pattern(std::string_view pattern);

// A concrete object key matching `key_pattern`, tagged so different representatives differ.
std::string concrete_key(std::string_view key_pattern, std::string_view tag);

// Every encryption choice a caller can make on PutObject (S3: Specifying SSE-KMS; SSE-C).
std::vector<std::map<std::string, std::string>> header_variants(const World& w, const Bucket& b);

// A short tag for an encryption ("sse-s3", "sse-kms-<key id>"), used in representative keys.
std::string encryption_tag(const Encryption& e);

// The catalog actions an action pattern names (itself when it has no wildcard).
std::vector<std::string> expand_actions(const std::string& action);

}  // namespace accesspath::invariant_targets
