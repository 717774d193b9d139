// The policy documents of a synthetic organisation, in the shapes AWS users actually write
// (AWS JSON, as the console shows them). Pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace accesspath::orggen {

// The organization every generated account belongs to (accounts[].organization).
constexpr const char* kOrganization = "o-exampleorg1";

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

Json policy_document(Json statements);

// --- Managed policies ---
Json administrator_access();
Json read_only_access();  // s3:Get*/List*, kms:Describe*/List*
Json full_aws_access_scp();
// Organization-wide SCP: nobody but the account admin role changes or deletes `*-logs*` buckets.
Json protect_logs_scp();
// Boundary for roles that write: data-plane S3 and KMS, no IAM, no bucket policy changes.
Json developer_boundary();

// --- Team policies (`bucket_prefix` like "a3-t1-": the team's buckets start with it) ---
// Members may assume the team's roles and list the team's buckets.
Json team_assume(const std::string& account, int team, const std::string& bucket_prefix);
Json team_read(const std::string& bucket_prefix, const Strings& key_arns, bool deny_secrets);
Json team_write(const std::string& bucket_prefix, const Strings& key_arns);
// Every member reads and writes its own home folder, `home/<user name>/`, in the team's first
// bucket (a policy variable: one policy for the whole team).
Json team_home(const std::string& bucket);
// Analysts read every `reports/` prefix they are let into and may hop to partner roles.
Json analyst_inline(const std::string& account);
// An ad-hoc grant a user was given once: one other bucket's reports, keys by wildcard.
Json adhoc_inline(const std::string& other_bucket);
Json ci_inline(const std::string& bucket_prefix);
Json breakglass_inline(const std::string& account);

// --- Trust policies ---
Json trust_account(const std::string& account);
Json trust_service(const std::string& service);
Json trust_principal(const std::string& arn);

// --- Bucket and key policies ---
struct BucketFacts {
  std::string name;
  std::string key_arn;         // "" when the bucket is not SSE-KMS by default
  std::string partner_reader;  // a role of another account allowed to read reports/, or ""
  std::string org_account;     // the management account, for an org-wide read, or ""
  bool public_prefix = false;  // anyone reads public/*
  bool log_delivery = false;   // the S3 log delivery service writes
};
Json bucket_policy(const BucketFacts& b);

struct KeyFacts {
  std::string account;
  std::string admin_role;  // key administrators
  Strings users;           // roles that use the key (same account)
  std::string partner;     // a role of another account that may decrypt, or ""
};
Json key_policy(const KeyFacts& k);

// --- Condition-gated statements (OrgShape::conditions) ---
// Adds `condition` to every statement of `policy` (MFA-gated trust, IP-gated ad-hoc grants).
Json with_condition_on_all(Json policy, const Json& condition);
// Denies everything on the bucket unless the request comes through `vpce`; `except_role` (the
// account's admin role) is not fenced in (S3 User Guide, Restricting access to a specific VPC
// endpoint).
Json vpce_fence_statement(const std::string& bucket, const std::string& vpce,
                          const std::string& except_role);
// Lets `principal` read the bucket's reports only from `cidr` (IAM: aws:SourceIp).
Json ip_gated_read_statement(const std::string& bucket, const std::string& principal,
                             const std::string& cidr);
// Denies every use of the key over plain HTTP (KMS: aws:SecureTransport).
Json key_deny_insecure_transport_statement();

}  // namespace accesspath::orggen
