// Generators of Condition blocks over the operator families the reference
// evaluator implements (String{Equals,NotEquals,Like,NotLike}[IfExists],
// Bool[IfExists], Null, Arn{Like,NotLike,Equals}) and the keys S3, KMS and STS
// set for the requests the request generator makes: aws:SecureTransport,
// aws:PrincipalArn, aws:PrincipalIsAWSService, s3:x-amz-server-side-encryption*,
// kms:ViaService, kms:CallerAccount, kms:EncryptionContext:aws:s3:arn, sts:ExternalId, ...
//
//   rc::Gen<nlohmann::json> c = gen_condition_block(vocabulary_of(doc), PolicyUse::kKey);
//   // {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}
#pragma once

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "properties/policy_use.h"
#include "properties/settings.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {

// One to `s.max_condition_clauses` clauses, ANDed (rule 32).
rc::Gen<nlohmann::json> gen_condition_block(const Vocabulary& v, PolicyUse use,
                                            const GenSettings& s = {});

// The operators the generator uses; the reference evaluator implements exactly these.
bool is_generated_condition_operator(const std::string& name);

}  // namespace accesspath::properties
