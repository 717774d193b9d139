// Base64 for the BinaryEquals condition operator.
//
// IAM: Condition operators, "Binary condition operators": BinaryEquals
// "compares the value of the specified key byte for byte against a base-64
// encoded representation of the binary value in the policy". Request contexts
// in accesspath are text, so a binary key's request value is base64 too; both
// sides are decoded and the bytes compared, which makes padding irrelevant.
//
//   decode_base64("QmluYXJ5") == std::string("Binary");
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace accesspath {

// Standard alphabet (RFC 4648 section 4), `=` padding optional. nullopt when the
// text is not base64.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace accesspath
