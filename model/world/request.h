// A request: one whole API call as S3, KMS or STS receives it.
//
//   Request r{.principal = "arn:aws:iam::111122223333:role/reader",
//             .action = "s3:GetObject",
//             .resource = "arn:aws:s3:::bucket/reports/q1.pdf"};
#pragma once

#include <map>
#include <string>
#include <vector>

namespace accesspath {

// The S3 encryption request headers (lowercased, as Request::headers holds them): one home for
// the evaluator, the analyses and the generators.
namespace s3_headers {
inline constexpr const char* kSse = "x-amz-server-side-encryption";
inline constexpr const char* kSseKmsKeyId = "x-amz-server-side-encryption-aws-kms-key-id";
inline constexpr const char* kSseBucketKey = "x-amz-server-side-encryption-bucket-key-enabled";
inline constexpr const char* kSseCAlgorithm = "x-amz-server-side-encryption-customer-algorithm";
inline constexpr const char* kSseCKey = "x-amz-server-side-encryption-customer-key";
inline constexpr const char* kSseCKeyMd5 = "x-amz-server-side-encryption-customer-key-md5";
}  // namespace s3_headers

struct Request {
  std::string principal;  // ARN, "anonymous", or a service principal name
  std::string action;     // "s3:GetObject", "kms:Decrypt", "sts:AssumeRole", ...
  std::string resource;   // ARN, or "*" for actions without a resource
  std::map<std::string, std::string> headers;  // HTTP headers, names lowercased
  // Condition keys the request adds or overrides (a key with several values is multivalued).
  std::map<std::string, std::vector<std::string>> context;

  bool operator==(const Request&) const = default;
};

}  // namespace accesspath
