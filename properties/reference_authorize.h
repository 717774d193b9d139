// The reference evaluator's core: one authorization (a caller, an action, a
// resource, a request context) decided by AWS's policy evaluation logic
// (IAM User Guide: Policy evaluation logic; Cross-account policy evaluation
// logic; KMS: Key policies; rules 47-65, 69, 98).
//
//   reference::Authorization a;
//   a.action = "s3:GetObject"; a.resource = "arn:aws:s3:::b/k"; a.resource_account =
//   "111111111111"; a.resource_policy = &bucket["policy"]; a.place = reference::Place::kBucket;
//   a.ctx = reference::base_context(doc, who, request, "us-east-1", "111111111111");
//   bool ok = reference::authorized(doc, who, a);
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "properties/reference_match.h"
#include "properties/reference_world.h"

namespace accesspath::properties::reference {

// Where a policy is attached.
enum class Place { kIdentity, kBoundary, kScp, kRcp, kBucket, kKey, kTrust, kOtherResource };

struct Authorization {
  std::string action;
  std::string resource;
  std::string resource_account;  // "" when the resource belongs to no account
  const nlohmann::json* resource_policy = nullptr;
  Place place = Place::kOtherResource;     // where resource_policy is attached
  bool rcps_apply = true;                  // false for AWS managed keys (rule 56)
  const nlohmann::json* grants = nullptr;  // KMS grants of the key
  std::string grant_operation;             // "Decrypt", "GenerateDataKey", ...
  std::map<std::string, std::string> encryption_context;
  // S3 Block Public Access RestrictPublicBuckets over a public bucket policy: its Allow statements
  // count only for AWS services and the principals of resource_account (rule 94).
  bool owner_account_only = false;
  Context ctx;
};

bool authorized(const nlohmann::json& doc, const Caller& who, const Authorization& a);

}  // namespace accesspath::properties::reference
