// The actions AWS documents for the services accesspath's action catalog covers (IAM, Amazon S3,
// AWS KMS, AWS STS), by name only: the Service Authorization Reference, "Actions, resources, and
// condition keys for …". The catalog (action_catalog.h) describes fewer, with their resource types;
// this list tells a name that is an action from one that is not (a typo, an API operation whose
// action has another name), so that lint warns only about the latter.
//
//   is_documented_action("iam:GetGroup")   // true
//   is_documented_action("s3:HeadBucket")  // false: authorized by s3:ListBucket
#pragma once

#include <string_view>

namespace accesspath {

// True when `action` ("service:Name", any case, no wildcard) is a documented action.
bool is_documented_action(std::string_view action);

}  // namespace accesspath
