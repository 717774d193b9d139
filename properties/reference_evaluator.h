// The reference evaluator: a small, slow, obviously correct transcription of
// AWS's documented evaluation logic (the rules of model/SEMANTICS.md),
// working straight on the scenario JSON. It shares no code with model/ and is
// the spec the fast evaluator is tested against (fast_agrees_with_reference).
//
//   ReferenceAnswer a = reference_decide(world_doc, request);
//   if (a.verdict == Verdict::kUnsupported) ...;  // a.unsupported says what it lacks
//   bool allowed = reference_allows(world_doc, request);
//
// It covers statement matching (Action/NotAction, Resource/NotResource,
// Principal/NotPrincipal, every Condition operator family: String, Numeric,
// Date, Bool, BinaryEquals, IpAddress/NotIpAddress, Arn and Null, with IfExists
// and the set operators ForAnyValue: and ForAllValues:, and policy variables with
// defaults and special characters), explicit deny, SCP levels, RCP denies,
// permissions boundaries, same- and cross-account logic, KMS key policies with
// account delegation and grants, S3 reads and writes of SSE-S3, SSE-KMS and SSE-C
// objects (S3 then KMS, with kms:ViaService, kms:CallerAccount and the encryption
// context), S3 Block Public Access (RestrictPublicBuckets over a public bucket
// policy), key state and Region, and sts:AssumeRole through trust policies.
// What AWS leaves undocumented and model/ does not settle either (a plain
// operator on a multivalued key, a multivalued key as a variable, Null or a set
// operator in the public-policy test, the /8 limit of aws:SourceIp there,
// federated identities) makes it answer kUnsupported rather than guess.
//
// Where AWS does not document a rule, it follows the reading model/ documents
// (model/*.cpp comments): these are marked "model reading" in the source.
// Where AWS documents a rule, it follows AWS and nothing else: it has no switch
// that reproduces a reading of model/. A disagreement is a bug of model/ until
// shown otherwise (known_fast_bugs.h; none open).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "properties/reference_match.h"

namespace accesspath::properties {

enum class Verdict { kAllow, kDeny, kUnsupported };

struct ReferenceAnswer {
  Verdict verdict = Verdict::kDeny;
  std::string unsupported;  // what the reference does not implement, for kUnsupported
};

ReferenceAnswer reference_decide(const nlohmann::json& world_doc, const Request& request);

// True only for kAllow.
bool reference_allows(const nlohmann::json& world_doc, const Request& request);

}  // namespace accesspath::properties
