// The AWS managed key `aws/s3`: AWS creates it in an account and Region the first time S3
// encrypts with SSE-KMS without a named key; the loader adds it to a world where a bucket or a
// write would use it (a `synthesized` key), with the key policy AWS writes for it.
//
//   Key k = make_aws_managed_s3_key("111122223333", "us-east-1");
//   k.aliases == {"alias/aws/s3"}
#pragma once

#include <string_view>

#include "model/policy/policy.h"
#include "model/world/world.h"

namespace accesspath {

// The key policy AWS writes for the AWS managed key `aws/s3` (rule 71, [U]:
// the KMS guide prints the same pattern for aws/ebs): use only via S3 by
// principals of the owning account, describe/get/list for the account.
Policy aws_managed_s3_key_policy(std::string_view account, std::string_view region);
Key make_aws_managed_s3_key(std::string_view account, std::string_view region);

}  // namespace accesspath
