// Generators of policy documents: Principal elements, statements and whole
// policies for every place a policy goes (identity, boundary, bucket, key,
// trust, SCP, RCP), always valid for that place so the scenario loads.
// Policies shrink toward fewer statements, Allow, and no Condition.
//
//   Vocabulary v = vocabulary_of(world_doc);
//   nlohmann::json bucket_policy = *gen_policy(v, PolicyUse::kBucket, "data-0");
//   nlohmann::json trust = *gen_policy(v, PolicyUse::kTrust, role_arn);
#pragma once

#include <string>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/policy_use.h"
#include "properties/settings.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {

// A Principal element: "*", {"AWS": "*"}, an account id or root ARN (delegation), a user,
// role or session ARN, several of them, or a service (trust policies).
rc::Gen<nlohmann::json> gen_principal_element(const Vocabulary& v, PolicyUse use,
                                              const GenSettings& s = {});

// One statement valid for `use`. `attached_to`: the bucket name of a bucket
// policy, the key ARN of a key policy, the role ARN of a trust policy.
rc::Gen<nlohmann::json> gen_statement(const Vocabulary& v, PolicyUse use,
                                      const std::string& attached_to, const GenSettings& s = {});

// {"Version": "2012-10-17", "Statement": [0..max_statements statements]}.
rc::Gen<nlohmann::json> gen_policy(const Vocabulary& v, PolicyUse use,
                                   const std::string& attached_to, const GenSettings& s = {});

// The statement that lets an account's IAM policies grant use of a key (KMS default key policy).
nlohmann::json key_delegation_statement(const std::string& account);
// SCP FullAWSAccess: allows everything; SCP levels usually carry it.
nlohmann::json full_aws_access_policy();

}  // namespace accesspath::properties
