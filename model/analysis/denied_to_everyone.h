// A request no caller can make in any request context: a bucket policy statement that denies it
// to everyone and reads only what the request itself fixes. The written-objects search asks every
// writer about every encryption a PutObject may choose; a bucket that requires its team's key
// (a Deny on `s3:x-amz-server-side-encryption-aws-kms-key-id`, as S3's documentation suggests)
// denies all the other keys to everyone, and is not asked about them writer by writer.
//
//   if (denied_to_everyone(bucket, put)) continue;  // no writer could write this variant
#pragma once

#include <string_view>
#include <vector>

#include "model/world/request.h"
#include "model/world/world.h"

namespace accesspath {

// True when the bucket policy of `bucket` has a Deny statement for everyone (Principal "*", no
// NotPrincipal) that covers `request`'s action and resource (no policy variables) and whose every
// condition key is an `s3:x-amz-*` header that `request` sends (and its context does not
// override), its conditions true for those headers. The headers a request gives are pinned in every
// question about it (the context search varies only keys the request does not give), so such a
// statement applies to every caller in every context, and an explicit deny ends the evaluation
// (IAM: policy evaluation logic, rule 47). False whenever that cannot be shown this way: the
// evaluator then decides.
bool denied_to_everyone(const Bucket& bucket, const Request& request);

// The same, with the statements that could deny one action to everyone picked out once per
// bucket: asked about every header variant of a bucket, most statements are ruled out once.
class EveryoneDenials {
 public:
  EveryoneDenials(const Bucket& bucket, std::string_view action);
  bool denies(const Request& request) const;

 private:
  const Policy* policy_ = nullptr;
  std::vector<const Statement*> candidates_;
};

}  // namespace accesspath
