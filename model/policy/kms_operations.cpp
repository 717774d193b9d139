#include "model/policy/kms_operations.h"

#include <array>

#include "model/core/strings.h"

namespace accesspath {
namespace {

constexpr bool kGrant = true, kCross = true, kContext = true, kEnabled = true;
constexpr bool kNoGrant = false, kNoContext = false, kAnyState = false;

// KMS API Reference, CreateGrant, Operations, "Valid Values" (the grantable ones, in that order);
// KMS Developer Guide, Allowing users in other accounts to use a KMS key (cross-account use:
// cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey,
// ListGrants, RetireGrant, RevokeGrant); KMS API Reference, GrantConstraints (the operations that
// take an encryption context); KMS Developer Guide, Key states of AWS KMS keys (the operations a
// key that is not Enabled refuses: the cryptographic ones, GetPublicKey and CreateGrant).
// The cross-account page names "cryptographic operations" as a class; DeriveSharedSecret,
// Encapsulate and Decapsulate are cryptographic operations, and their API pages say a key of
// another account is named by its key or alias ARN: they work across accounts too.
constexpr std::array<KmsOperation, 22> kTable = {{
    {"Decrypt", kGrant, kCross, kContext, kEnabled},
    {"Encrypt", kGrant, kCross, kContext, kEnabled},
    {"GenerateDataKey", kGrant, kCross, kContext, kEnabled},
    {"GenerateDataKeyWithoutPlaintext", kGrant, kCross, kContext, kEnabled},
    {"ReEncryptFrom", kGrant, kCross, kContext, kEnabled},
    {"ReEncryptTo", kGrant, kCross, kContext, kEnabled},
    {"Sign", kGrant, kCross, kNoContext, kEnabled},
    {"Verify", kGrant, kCross, kNoContext, kEnabled},
    {"GetPublicKey", kGrant, kCross, kNoContext, kEnabled},
    {"CreateGrant", kGrant, kCross, kNoContext, kEnabled},
    {"RetireGrant", kGrant, kCross, kNoContext, kAnyState},
    {"DescribeKey", kGrant, kCross, kNoContext, kAnyState},
    {"GenerateDataKeyPair", kGrant, kCross, kContext, kEnabled},
    {"GenerateDataKeyPairWithoutPlaintext", kGrant, kCross, kContext, kEnabled},
    {"GenerateMac", kGrant, kCross, kNoContext, kEnabled},
    {"VerifyMac", kGrant, kCross, kNoContext, kEnabled},
    {"DeriveSharedSecret", kGrant, kCross, kNoContext, kEnabled},
    {"Encapsulate", kGrant, kCross, kNoContext, kEnabled},
    {"Decapsulate", kGrant, kCross, kNoContext, kEnabled},
    {"GetKeyRotationStatus", kNoGrant, kCross, kNoContext, kAnyState},
    {"ListGrants", kNoGrant, kCross, kNoContext, kAnyState},
    {"RevokeGrant", kNoGrant, kCross, kNoContext, kAnyState},
}};

// The operation of the IAM action `kms:<operation>`, in any case; nullptr for another service.
const KmsOperation* find_iam_action(std::string_view action) {
  constexpr std::string_view kPrefix = "kms:";
  if (action.size() < kPrefix.size() || !iequals(action.substr(0, kPrefix.size()), kPrefix))
    return nullptr;
  action.remove_prefix(kPrefix.size());
  for (const KmsOperation& op : kTable)
    if (iequals(op.name, action)) return &op;
  return nullptr;
}

}  // namespace

std::span<const KmsOperation> kms_operations() {
  return kTable;
}

const KmsOperation* find_kms_operation(std::string_view name) {
  for (const KmsOperation& op : kTable)
    if (op.name == name) return &op;
  return nullptr;
}

bool is_kms_grant_operation(std::string_view operation) {
  const KmsOperation* op = find_kms_operation(operation);
  return op && op->grantable;
}

bool kms_operation_takes_encryption_context(std::string_view operation) {
  const KmsOperation* op = find_kms_operation(operation);
  return op && op->takes_encryption_context;
}

bool kms_operation_works_cross_account(std::string_view action_lower) {
  const KmsOperation* op = find_iam_action(action_lower);
  return op && op->cross_account;
}

bool kms_operation_needs_enabled_key(std::string_view action_lower) {
  const KmsOperation* op = find_iam_action(action_lower);
  return op && op->needs_enabled_key;
}

std::string kms_grant_operations_text() {
  std::string out;
  for (const KmsOperation& op : kTable) {
    if (!op.grantable) continue;
    if (!out.empty()) out += ", ";
    out += "`" + std::string(op.name) + "`";
  }
  return out;
}

}  // namespace accesspath
