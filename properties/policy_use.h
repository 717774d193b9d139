// Where a generated policy document goes: what it may contain (a Principal, a
// Resource) and which AWS rules decide it.
//
//   PolicyKind k = to_policy_kind(PolicyUse::kBucket);  // PolicyKind::kResource
#pragma once

#include <ostream>
#include <string_view>

#include "model/policy/policy.h"

namespace accesspath::properties {

enum class PolicyUse {
  kIdentity,  // inline or managed policy of a user, role or group
  kBoundary,  // permissions boundary
  kBucket,    // S3 bucket policy
  kKey,       // KMS key policy
  kTrust,     // role trust policy
  kScp,       // service control policy
  kRcp,       // resource control policy
};

inline PolicyKind to_policy_kind(PolicyUse use) {
  switch (use) {
    case PolicyUse::kIdentity:
      return PolicyKind::kIdentity;
    case PolicyUse::kBoundary:
      return PolicyKind::kBoundary;
    case PolicyUse::kBucket:
      return PolicyKind::kResource;
    case PolicyUse::kKey:
      return PolicyKind::kKeyPolicy;
    case PolicyUse::kTrust:
      return PolicyKind::kTrust;
    case PolicyUse::kScp:
      return PolicyKind::kScp;
    case PolicyUse::kRcp:
      return PolicyKind::kRcp;
  }
  return PolicyKind::kIdentity;
}

inline std::string_view to_string(PolicyUse use) {
  switch (use) {
    case PolicyUse::kIdentity:
      return "identity";
    case PolicyUse::kBoundary:
      return "boundary";
    case PolicyUse::kBucket:
      return "bucket";
    case PolicyUse::kKey:
      return "key";
    case PolicyUse::kTrust:
      return "trust";
    case PolicyUse::kScp:
      return "scp";
    case PolicyUse::kRcp:
      return "rcp";
  }
  return "identity";
}

inline void showValue(PolicyUse use, std::ostream& os) {
  os << to_string(use);
}

// Resource-based policies name principals.
inline bool names_principals(PolicyUse use) {
  return use == PolicyUse::kBucket || use == PolicyUse::kKey || use == PolicyUse::kTrust ||
         use == PolicyUse::kRcp;
}

}  // namespace accesspath::properties
