// The KMS operations that act on a key, with what KMS documents of each: whether a grant may
// allow it, whether it works across accounts, whether it takes an encryption context. One table
// (kms_operations.cpp), so that the grant validation, the cross-account refusal, the grant
// constraints and the escalation search's "grant of every operation" cannot disagree.
//
//   is_kms_grant_operation("Decrypt") == true;  is_kms_grant_operation("decrypt") == false;
//   kms_operation_works_cross_account("kms:decrypt") == true
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace accesspath {

struct KmsOperation {
  std::string_view name;  // as KMS spells it: "GenerateDataKey"
  // A valid value of CreateGrant's Operations (KMS API Reference: CreateGrant, "Valid Values").
  bool grantable = false;
  // Works on a key of another account (KMS: Allowing users in other accounts, rule 66).
  bool cross_account = false;
  // A cryptographic operation that takes an encryption context, so a grant's constraints apply
  // to it (KMS API Reference: GrantConstraints; rule 69).
  bool takes_encryption_context = false;
  // Fails on a key that is not Enabled (KMS: Key states of AWS KMS keys; rule 77).
  bool needs_enabled_key = false;
};

// Every operation of the table, in KMS's order of CreateGrant's valid values first.
std::span<const KmsOperation> kms_operations();

// The operation named exactly `name` (case-sensitive, as grants spell it); nullptr when none.
const KmsOperation* find_kms_operation(std::string_view name);

bool is_kms_grant_operation(std::string_view operation);

// Whether a grant's encryption-context constraints apply to `operation` (rule 69).
bool kms_operation_takes_encryption_context(std::string_view operation);

// `action_lower` is a lowercased IAM action, "kms:decrypt" (rule 66).
bool kms_operation_works_cross_account(std::string_view action_lower);

// `action_lower` as above (rule 77).
bool kms_operation_needs_enabled_key(std::string_view action_lower);

// The valid grant operations, comma-separated, in backticks, for error messages.
std::string kms_grant_operations_text();

}  // namespace accesspath
