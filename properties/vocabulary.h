// The names a world declares, read from its scenario JSON, so that generated
// policies and requests name things that exist (and sometimes, on purpose,
// things that do not: see `dangling`).
//
//   Vocabulary v = vocabulary_of(world_doc);
//   v.users;    // {"arn:aws:iam::111111111111:user/alice", ...}
//   v.objects;  // {"arn:aws:s3:::data-0/reports/q1.pdf", ...}
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace accesspath::properties {

// An account no generated world declares: its principals are "outsiders".
inline constexpr const char* kOutsideAccount = "999999999999";
// The session name the evaluator gives role sessions (model/world/requester.h).
inline constexpr const char* kSessionName = "accesspath";

struct Vocabulary {
  std::vector<std::string> accounts;          // declared account ids
  std::vector<std::string> users;             // declared user ARNs
  std::vector<std::string> roles;             // declared role ARNs
  std::vector<std::string> buckets;           // bucket names
  std::vector<std::string> objects;           // declared object ARNs
  std::vector<std::string> keys;              // declared key ARNs (customer and AWS managed)
  std::vector<std::string> customer_keys;     // declared customer managed key ARNs
  std::vector<std::string> key_aliases;       // alias ARNs of declared keys
  std::vector<std::string> regions;           // regions of buckets and keys, "us-east-1" first
  std::vector<std::string> managed_policies;  // ARNs in `managed_policies`
  // Principals a team edit should favour (gen_team_edit); empty: no preference.
  std::vector<std::string> favoured;
};

Vocabulary vocabulary_of(const nlohmann::json& world_doc);

// Small helpers over ARNs of the shapes the generators produce.
std::string account_of(const std::string& arn);  // "" when the ARN carries none
std::string region_of(const std::string& arn);
std::string last_segment(const std::string& arn);  // "alice" for ...:user/alice
std::string session_arn(const std::string& role_arn, const std::string& session = kSessionName);
std::string root_arn(const std::string& account);

}  // namespace accesspath::properties
