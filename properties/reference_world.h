// The reference evaluator's view of a scenario document: who is asking, and
// the world's accounts, principals, buckets and keys, found by scanning the
// JSON each time (no indexes, no caches; slow on purpose, easy to check).
//
//   auto who = reference::identify(doc, "arn:aws:iam::111111111111:role/app");
//   who->arn == "arn:aws:sts::111111111111:assumed-role/app/accesspath";
//   std::vector<nlohmann::json> keys = reference::keys_of(doc);  // with aws/s3 keys AWS creates
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "properties/reference_match.h"

namespace accesspath::properties::reference {

enum class CallerType { kAnonymous, kService, kRoot, kUser, kRoleSession };

struct Caller {
  CallerType type = CallerType::kAnonymous;
  std::string arn;       // as the request carries it: the session ARN for a role
  std::string role_arn;  // role sessions: the role
  std::string account;   // "" for anonymous callers and services
  std::string name;      // user or role name; the service name
  const nlohmann::json* declared = nullptr;  // its `principals` entry, if declared
  bool account_declared = false;

  bool is_iam_principal() const {
    return type == CallerType::kRoot || type == CallerType::kUser ||
           type == CallerType::kRoleSession;
  }
};

// Resolves the request's principal (scenario contract, "Principals that the
// file does not declare"). nullopt when it is none of the accepted forms.
std::optional<Caller> identify(const nlohmann::json& doc, const std::string& principal);

// The array under `key`, or an empty array (a reference into `object`, never a copy).
// The six colon-separated parts of an ARN (the last keeps its colons); empty if fewer.
std::vector<std::string> arn_parts(const std::string& s);

const nlohmann::json& list_of(const nlohmann::json& object, const char* key);

const nlohmann::json* find_in(const nlohmann::json& doc, const char* list, const char* key,
                              const std::string& value);

// A policy attachment: a document, or the ARN of a `managed_policies` entry.
const nlohmann::json* policy_document(const nlohmann::json& doc, const nlohmann::json& ref);

// Inline, attached and group policies of a declared user or role; empty otherwise.
std::vector<const nlohmann::json*> identity_policies(const nlohmann::json& doc, const Caller& who);
const nlohmann::json* permissions_boundary(const nlohmann::json& doc, const Caller& who);

// Every KMS key with its effective policy: the declared keys (a customer key
// without `policy` gets the default key policy, rule 62; an AWS managed key the
// aws/s3 policy, rule 71) plus the aws/s3 key AWS creates in each bucket's
// account and Region when the file declares none (contract; model reading).
std::vector<nlohmann::json> keys_of(const nlohmann::json& doc);

// The condition keys of a direct request (IAM: AWS global condition context
// keys): the principal's keys, aws:SecureTransport, aws:ViaAWSService=false,
// aws:CurrentTime, aws:EpochTime, aws:RequestedRegion, aws:ResourceAccount, the
// organization keys of the caller's and the resource's accounts, then what the request's
// `context` sets.
Context base_context(const nlohmann::json& doc, const Caller& who, const Request& r,
                     const std::string& region, const std::string& resource_account);
void set_key(Context& ctx, const std::string& key, const std::string& value);
void apply_request_context(Context& ctx, const Request& r);

// A request header, by case-insensitive name; nullptr when absent.
const std::string* header(const Request& r, const std::string& name);
// aws:SecureTransport is "true" unless the request's context says "false".
bool over_https(const Request& r);

}  // namespace accesspath::properties::reference
