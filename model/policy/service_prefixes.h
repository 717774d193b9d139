// Service prefixes of AWS (the `s3` of `s3:GetObject`), as the Service Authorization Reference
// lists them. An action whose prefix is not one of them names no AWS action: IAM stores such a
// policy, IAM Access Analyzer reports "Invalid service in action", and the action matches no
// request (IAM policy validation check reference).
//
//   is_known_service_prefix("S3") == true;  is_known_service_prefix("s4") == false;
#pragma once

#include <string_view>

namespace accesspath {

// Case-insensitive, like service prefixes in actions (IAM JSON policy elements: Action).
bool is_known_service_prefix(std::string_view prefix);

}  // namespace accesspath
