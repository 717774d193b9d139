#include "model/policy/kms_grant_operations.h"

#include <algorithm>
#include <array>

namespace accesspath {
namespace {

// KMS API Reference, CreateGrant, Operations: "Valid Values".
constexpr std::array<std::string_view, 19> kGrantOperations = {
    "Decrypt",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "ReEncryptFrom",
    "ReEncryptTo",
    "Sign",
    "Verify",
    "GetPublicKey",
    "CreateGrant",
    "RetireGrant",
    "DescribeKey",
    "GenerateDataKeyPair",
    "GenerateDataKeyPairWithoutPlaintext",
    "GenerateMac",
    "VerifyMac",
    "DeriveSharedSecret",
    "Encapsulate",
    "Decapsulate",
};

}  // namespace

bool is_kms_grant_operation(std::string_view operation) {
  return std::find(kGrantOperations.begin(), kGrantOperations.end(), operation) !=
         kGrantOperations.end();
}

std::string kms_grant_operations_text() {
  std::string out;
  for (std::string_view op : kGrantOperations) {
    if (!out.empty()) out += ", ";
    out += "`" + std::string(op) + "`";
  }
  return out;
}

}  // namespace accesspath
