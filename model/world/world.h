// The world of a scenario: accounts, principals, buckets, objects, keys and
// their policies, with indexes to find them by ARN.
//
// A World is a value: policies are shared, immutable (`PolicyPtr`), so copying
// a world to try an edit costs a few vectors, not a re-parse. Nothing here
// reads files or prints; the scenario loader builds worlds, the evaluator reads them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/policy/policy.h"

namespace accesspath {

using PolicyPtr = std::shared_ptr<const Policy>;

// S3 Block Public Access, as `get-public-access-block` prints it (S3: Blocking public access).
struct BlockPublicAccess {
  bool block_public_acls = false;
  bool ignore_public_acls = false;
  bool block_public_policy = false;
  bool restrict_public_buckets = false;
  BlockPublicAccess most_restrictive(const BlockPublicAccess& other) const;
  bool operator==(const BlockPublicAccess&) const = default;
};

struct Account {
  std::string id;
  std::string name;
  // Levels from the organization root down to the account; each level is the
  // policies attached there. Empty: no organization restriction.
  std::vector<std::vector<PolicyPtr>> scps;
  std::vector<std::vector<PolicyPtr>> rcps;  // RCPFullAWSAccess is implied at every level
  std::optional<BlockPublicAccess> block_public_access;
  // AWS Organizations (scenario contract, further world facts): the organization id (`o-…`),
  // empty when the account belongs to no organization, and the OU path
  // (`o-…/r-…/ou-…/`), empty when the file does not say where in the organization it is.
  std::string organization;
  std::string ou_path;
};

struct PolicyAttachment {
  std::string managed_arn;  // empty for an inline policy
  PolicyPtr policy;
};

struct Group {
  std::string arn;
  std::vector<PolicyAttachment> policies;
};

enum class PrincipalKind { kUser, kRole };

struct Principal {
  std::string arn;
  PrincipalKind kind = PrincipalKind::kUser;
  std::string account;
  std::string name;  // last path segment
  std::vector<PolicyAttachment> policies;
  std::vector<std::string> groups;
  PolicyPtr permissions_boundary;  // may be null
  PolicyPtr trust_policy;          // roles only; may be null
  std::map<std::string, std::string> tags;
  std::string pointer;  // where it is declared in the scenario file
  // Users only: the principals that hold credentials of this user (an access key or a console
  // password) and so act as it. Not part of the scenario format: only the escalation search sets
  // it (iam:CreateAccessKey, CreateLoginProfile, UpdateLoginProfile; world_edit.h).
  std::vector<std::string> credentials_held_by;
};

enum class Sse { kS3, kKms, kCustomer };  // SSE-S3 (AES256), SSE-KMS (aws:kms), SSE-C

struct Encryption {
  Sse sse = Sse::kS3;
  std::string kms_key;  // as written: key ARN, key id, alias name or alias ARN; "" = aws/s3
  bool bucket_key = false;
  bool operator==(const Encryption&) const = default;
};

using Tags = std::map<std::string, std::string>;

struct S3Object {
  std::string key;
  std::optional<Encryption> encryption;  // nullopt: stored under the bucket's default
  Tags tags;                             // s3:ExistingObjectTag/<key>
  // False for an object an analysis supposes written (its writer chose the tags; nobody says) and
  // for `"tags": null` (the file does not know them).
  bool tags_described = true;
};

struct Bucket {
  std::string name;
  std::string account;
  std::string region;
  PolicyPtr policy;                              // may be null
  std::optional<Encryption> default_encryption;  // nullopt: SSE-S3, as S3 does since 2023
  std::optional<BlockPublicAccess> block_public_access;
  std::vector<S3Object> objects;
  Tags tags;
  // False for `"tags": null`: the file does not know the bucket's tags (an export without
  // get-bucket-tagging), so what aws:ResourceTag would read is undescribed (unknown_keys.h).
  bool tags_described = true;
  // S3 attribute-based access control (S3 API Reference: PutBucketAbac). Off by default: bucket
  // tags then feed no condition key (S3: Using tags with S3 general purpose buckets).
  bool abac = false;
  // False for `"abac": null`: whether ABAC is on is not known (an export without get-bucket-abac).
  bool abac_described = true;
  std::string pointer;
  std::string arn() const { return "arn:aws:s3:::" + name; }
};

enum class KeyState { kEnabled, kDisabled, kPendingDeletion };

// KMS's names of the key states (KMS API Reference: KeyMetadata, KeyState): "Enabled",
// "Disabled", "PendingDeletion". The names a scenario's `state` takes, and the words in output.
std::string_view key_state_name(KeyState s);
// The state named `name` (case-sensitive, as KMS spells it); nullopt for any other text.
std::optional<KeyState> key_state_from_name(std::string_view name);
// The names, in backticks, for error messages: "`Enabled`, `Disabled` or `PendingDeletion`".
std::string key_state_names_text();

struct KmsGrant {
  std::string grantee;                                // principal ARN
  std::vector<std::string> operations;                // "Decrypt", "GenerateDataKey", ...
  std::map<std::string, std::string> context_equals;  // EncryptionContextEquals
  std::map<std::string, std::string> context_subset;  // EncryptionContextSubset
};

struct Key {
  std::string arn;
  std::string account;
  std::string region;
  std::string id;    // the part after key/
  PolicyPtr policy;  // for AWS managed keys: the policy AWS writes (generated on load)
  std::vector<std::string> aliases;  // "alias/name"
  bool aws_managed = false;
  bool synthesized = false;  // an aws/s3 key the loader added (AWS creates it on first use)
  KeyState state = KeyState::kEnabled;
  std::vector<KmsGrant> grants;
  Tags tags;  // aws:ResourceTag/<key> on requests for the key (KMS: ABAC for AWS KMS)
  // False for `"tags": null`: the key's tags are not known (an export without list-resource-tags).
  bool tags_described = true;
  std::string pointer;
};

struct GenericResource {
  std::string arn;
  std::string account;
  PolicyPtr policy;
  std::string pointer;
};

// Hash for std::string keys that also accepts std::string_view, so lookups by
// view allocate nothing (C++20 heterogeneous lookup).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

class World {
 public:
  World() = default;
  // Copies rebuild the indexes (they hold positions only, but stay cheap to rebuild).
  World(const World& other);
  World& operator=(const World& other);
  World(World&&) noexcept = default;
  World& operator=(World&&) noexcept = default;

  std::vector<Account> accounts;
  std::map<std::string, PolicyPtr> managed_policies;
  std::vector<Group> groups;
  std::vector<Principal> principals;
  std::vector<Bucket> buckets;
  std::vector<Key> keys;
  std::vector<GenericResource> resources;

  // Rebuilds the lookup indexes; call after changing the vectors.
  void reindex();

  const Account* find_account(std::string_view id) const;
  const Principal* find_principal(std::string_view arn) const;
  // A role by account and name, whatever its path (assumed-role ARNs drop the path).
  const Principal* find_role_by_name(std::string_view account, std::string_view name) const;
  const Group* find_group(std::string_view arn) const;
  const Bucket* find_bucket(std::string_view name) const;
  const Key* find_key(std::string_view arn) const;
  // Resolves a key id, key ARN, alias name or alias ARN in `account`/`region`
  // (an ARN carries its own). nullptr when no such key is declared.
  const Key* resolve_key(std::string_view ref, std::string_view account,
                         std::string_view region) const;
  const GenericResource* find_resource(std::string_view arn) const;

 private:
  const Key* find_alias(std::string_view account, std::string_view region,
                        std::string_view alias) const;

  StringMap<std::size_t> account_index_;
  StringMap<std::size_t> group_index_;
  StringMap<std::size_t> principal_index_;
  StringMap<std::size_t> bucket_index_;
  StringMap<std::size_t> key_index_;
  StringMap<std::size_t> alias_index_;  // "account:region:alias/x" -> key
};

}  // namespace accesspath
