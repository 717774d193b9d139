// Limits and chances for every generator of the property library, in one place
// (as cedar-policy-generators keeps them in settings.rs).
//
//   GenSettings s;
//   s.max_statements = 2;      // smaller policies
//   s.dangling_percent = 0;    // name only things that exist
//   rc::Gen<WorldDoc> worlds = gen_world_doc(s);
#pragma once

#include <cstddef>

namespace accesspath::properties {

struct GenSettings {
  // --- shape of a world ---
  std::size_t max_accounts = 3;  // 1..3 accounts
  std::size_t max_users_per_account = 2;
  std::size_t max_roles_per_account = 2;
  std::size_t max_buckets = 3;  // 1..3 buckets
  std::size_t max_objects_per_bucket = 3;
  std::size_t max_keys = 3;  // customer managed keys, 0..3

  // --- shape of a policy ---
  std::size_t max_statements = 3;
  std::size_t max_list_values = 3;  // entries of an Action, Resource or Principal list
  std::size_t max_condition_clauses = 2;
  std::size_t max_inline_policies = 2;  // per user or role

  // --- chances, in percent ---
  int deny_percent = 15;           // a statement denies
  int condition_percent = 30;      // a statement has a Condition
  int not_action_percent = 8;      // NotAction instead of Action
  int not_resource_percent = 5;    // NotResource instead of Resource
  int not_principal_percent = 15;  // NotPrincipal, for Deny statements of bucket and key policies
  int dangling_percent = 10;       // a name that exists nowhere in the world, on purpose
  int if_exists_percent = 20;      // a condition operator has the IfExists suffix
  int boundary_percent = 20;       // a user or role has a permissions boundary
  int scp_percent = 25;            // an account is in an organization with SCPs
  int rcp_percent = 15;            // an account has resource control policies
  int grant_percent = 25;          // a key has grants
  int disabled_key_percent = 15;   // a key is Disabled or PendingDeletion
  int declared_aws_key_percent = 30;  // the world declares an AWS managed aws/s3 key
  int bucket_policy_percent = 75;
  int key_policy_percent = 90;           // otherwise the default key policy applies
  int key_delegates_percent = 70;        // a key policy also delegates kms:* to its account
  int trust_policy_percent = 90;         // a role has a trust policy
  int group_percent = 15;                // an account has a group that users join
  int managed_policy_percent = 20;       // a principal attaches a customer managed policy
  int tag_percent = 30;                  // a principal has a `team` tag
  int badge_percent = 30;                // ... and a base64 `badge` tag (BinaryEquals)
  int resource_tag_percent = 30;         // a bucket, object or key has a `team` tag
  int organization_percent = 40;         // an account is in an organization, with an OU path
  int block_public_access_percent = 20;  // an account or bucket has S3 Block Public Access
  int extended_condition_percent = 35;   // a condition clause uses the operators and keys of
                                         // generators_conditions_extended.h
  int admin_percent = 40;  // a user or role also has a broad s3:*, kms:*, sts:AssumeRole policy
};

}  // namespace accesspath::properties
