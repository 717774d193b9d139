// Amazon S3 semantics: one S3 API call, with the KMS call S3 makes for the
// caller on SSE-KMS objects. Internal to model/ (see evaluator.h).
#pragma once

#include <optional>
#include <string>

#include "model/services/service_common.h"

namespace accesspath {

void evaluate_s3(const Call& call);

// S3: Blocking public access, "The meaning of public" (rule 95): a bucket policy
// is public when an Allow statement grants to a wildcard principal without a
// condition pinning one of the non-public keys to fixed values.
bool is_public_bucket_policy(const Policy& policy);

// The encryption a new object gets from the request headers, else from the
// bucket's default (rules 83-85). `key_ref` is empty for SSE-S3 and SSE-C.
struct ChosenEncryption {
  Sse sse = Sse::kS3;
  std::string key_ref;            // as given: ARN, key id, alias name or alias ARN; "" = aws/s3
  std::string_view key_ref_from;  // "the request header" or "the bucket default encryption"
  bool bucket_key = false;
};
std::optional<ChosenEncryption> choose_put_encryption(const Bucket& bucket, const Request& request,
                                                      std::string* error);

}  // namespace accesspath
