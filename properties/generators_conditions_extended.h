// Generators of condition clauses beyond String, Bool, Null and Arn on the
// request's own keys (generators_conditions.h): Numeric and Date operators on
// aws:EpochTime, aws:CurrentTime and aws:MultiFactorAuthAge; IpAddress and
// NotIpAddress on aws:SourceIp (IPv4 and IPv6); BinaryEquals on a base64 tag;
// StringEqualsIgnoreCase; ForAnyValue: and ForAllValues: on multivalued keys
// (aws:TagKeys, aws:PrincipalOrgPaths, aws:ResourceOrgPaths) and single-valued
// ones; the organization keys; the resource tags (aws:ResourceTag/team,
// s3:ExistingObjectTag/team); and policy variables in string and ARN values,
// with defaults and the special characters ${*}, ${?}, ${$}. The reference
// evaluator decides all of them, so that it checks the fast one on them.
//
//   GeneratedClause c = *gen_extended_clause(vocabulary_of(doc), PolicyUse::kBucket);
//   // {"ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-aaaa111111/*"}
#pragma once

#include <string>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/policy_use.h"
#include "properties/settings.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {

// One clause of a Condition block: {op: {key: values}}.
struct GeneratedClause {
  std::string op;
  std::string key;
  nlohmann::json values;
};

rc::Gen<GeneratedClause> gen_extended_clause(const Vocabulary& v, PolicyUse use,
                                             const GenSettings& s = {});

// The operators gen_extended_clause uses (with their set qualifiers and IfExists).
bool is_extended_condition_operator(const std::string& name);

// The multivalued request-context key the request generator sets, and its possible members.
inline constexpr const char* kTagKeysKey = "aws:TagKeys";
inline const std::vector<std::string> kRequestTagKeys = {"team", "project", "cost-center"};

}  // namespace accesspath::properties
