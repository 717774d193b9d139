// Policy documents as the SDKs really print them: a JSON object (the AWS CLI), a string holding
// JSON (get-bucket-policy's `Policy`, get-key-policy, Organizations' `Content`, Terraform's
// `policy` attributes), or a URL-encoded string (the raw IAM API and the Go and JavaScript SDKs
// return IAM documents RFC 3986-encoded).
//
//   std::string why;
//   if (auto doc = decode_policy_document(user["PolicyDocument"], &why)) use(*doc);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace accesspath {

// The document as a JSON object, or nullopt with `why` (lowercase, says what was found).
std::optional<nlohmann::json> decode_policy_document(const nlohmann::json& value, std::string* why);

// Decodes %XX escapes (RFC 3986; `+` stays `+`). nullopt for a malformed escape.
std::optional<std::string> url_decode(std::string_view text);

}  // namespace accesspath
