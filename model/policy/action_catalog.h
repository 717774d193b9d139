// A catalog of the IAM actions accesspath knows, with the resource type each
// one is authorized against.
//
// Used for lint (an action name that is not an IAM action, an object action
// whose only Resource is a bucket ARN) and by the evaluator to decide which
// service semantics apply. The lists follow the Service Authorization
// Reference pages "Actions, resources, and condition keys for Amazon S3 /
// AWS KMS / AWS STS / IAM"; actions not listed are still evaluated, only lint
// is quieter about services the catalog does not cover.
//
//   lookup_action("s3:getobject")->resource == ActionResource::kS3Object
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

enum class ActionResource {
  kNone,      // takes no resource ("*"), e.g. s3:ListAllMyBuckets, kms:CreateKey
  kS3Bucket,  // arn:aws:s3:::bucket
  kS3Object,  // arn:aws:s3:::bucket/key
  kKmsKey,    // arn:aws:kms:region:account:key/id
  kIamRole,   // arn:aws:iam::account:role/name
  kIamUser,
  kIamGroup,
  kIamPolicy,
  kOther,
};

struct ActionInfo {
  std::string_view name;  // canonical spelling, e.g. "s3:GetObject"
  ActionResource resource;
};

// Case-insensitive lookup. nullopt when the action is not in the catalog.
std::optional<ActionInfo> lookup_action(std::string_view action);

// Every action in the catalog (canonical spelling), for expanding wildcards such as `s3:Get*`.
std::vector<std::string_view> all_catalog_actions();

// True when the catalog covers this service prefix (s3, kms, sts, iam), so an
// unknown action of that service is worth a warning.
bool catalog_covers_service(std::string_view service_prefix);

// A hint for names people use that are not IAM actions (e.g. s3:HeadBucket is
// authorized by s3:ListBucket). Empty when none.
std::string_view action_hint(std::string_view action);

}  // namespace accesspath
