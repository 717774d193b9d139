// Generators of conditions on the keys the caller chooses (model/condition/free_keys.h) and of
// the realistic request contexts those keys can take, for testing the proofs over every request
// context (model/symbolic/context_search.h) against sampling.
//
// Clauses: IpAddress/NotIpAddress on aws:SourceIp and aws:VpcSourceIp (IPv4 and IPv6 ranges),
// StringEquals/StringNotEquals/StringLike on aws:SourceVpce, aws:Referer and aws:UserAgent, Bool
// on aws:SecureTransport and aws:MultiFactorAuthPresent, NumericLessThan on
// aws:MultiFactorAuthAge, DateGreaterThan/DateLessThan on aws:CurrentTime, Null on these keys,
// each sometimes with IfExists, and set-qualified single-valued forms (ForAnyValue:,
// ForAllValues:); the object tags a PutObject passes (the multivalued s3:RequestObjectTagKeys,
// set-qualified or plain, and s3:RequestObjectTag/<key>). Their values come from one
// FreeVocabulary, so that sampled contexts can hit them.
//
//   FreeVocabulary fv = free_vocabulary(/*now=*/1796428800);
//   WorldDoc w = *gen_free_conditions_world(fv);   // policies gated on free keys
//   Request r = *gen_request(w.doc);
//   add_context(r, *gen_realistic_context(fv, r)); // over the internet or through an endpoint, ...
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "properties/settings.h"
#include "properties/show.h"

namespace accesspath::properties {

// The literals free-key conditions use, and the earliest instant a request is made.
struct FreeVocabulary {
  std::int64_t now = 0;                    // seconds since the epoch
  std::vector<std::string> v4_ranges;      // CIDRs
  std::vector<std::string> v6_ranges;      // CIDRs
  std::vector<std::string> vpces;          // vpce-<hex> ids
  std::vector<std::string> vpce_patterns;  // StringLike patterns over them
  std::vector<std::string> referers;       // literals and StringLike patterns
  std::vector<std::string> user_agents;    // literals and StringLike patterns
  std::vector<std::string> times;          // ISO 8601, around `now`
  std::vector<std::string> mfa_ages;       // seconds
  std::vector<std::string> tag_keys;       // object tag keys a PutObject may pass
  std::vector<std::string> tag_values;     // their values (literals and StringLike patterns)
};
FreeVocabulary free_vocabulary(std::int64_t now);

// One or two clauses on free keys, ANDed.
rc::Gen<nlohmann::json> gen_free_condition_block(const FreeVocabulary& fv,
                                                 const GenSettings& s = {});

// A world of gen_world_doc in which identity, bucket and key policies are gated on free keys:
// some statements gain a free-key clause, and each such policy gains up to two statements (Allow
// or Deny) gated on one.
rc::Gen<WorldDoc> gen_free_conditions_world(const FreeVocabulary& fv, const GenSettings& s = {});

using ContextKeys = std::map<std::string, std::vector<std::string>>;

// A context AWS could really receive for `r` at or after `fv.now`: over the internet from an
// address (random, or inside a range of the vocabulary) or through a VPC endpoint (an id of the
// vocabulary or another); with MFA, without, or with long-term credentials (signed requests
// only); over HTTPS or plain HTTP; with a Referer and User-Agent from the vocabulary's literals
// and patterns, random ones, or none.
rc::Gen<ContextKeys> gen_realistic_context(const FreeVocabulary& fv, const Request& r);

// `r` without the free keys it carries (gen_request sometimes sets aws:SecureTransport and
// aws:SourceIp), so that a search varies them.
Request without_free_keys(Request r);

// `r` with `keys` added to its context.
Request with_context(Request r, const ContextKeys& keys);

}  // namespace accesspath::properties
