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
