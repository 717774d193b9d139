// The operations a KMS grant may allow: the `Operations` values of the KMS API's CreateGrant
// (KMS API Reference: CreateGrant, "Valid Values"; Grants in AWS KMS, "Grant operations"),
// spelled exactly as KMS takes them (the enum is case sensitive).
//
//   is_kms_grant_operation("Decrypt") == true;  is_kms_grant_operation("decrypt") == false;
#pragma once

#include <string>
#include <string_view>

namespace accesspath {

bool is_kms_grant_operation(std::string_view operation);

// The valid values, comma-separated, in backticks, for error messages.
std::string kms_grant_operations_text();

}  // namespace accesspath
