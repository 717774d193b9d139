// The reference evaluator: a small, slow, obviously correct transcription of
// AWS's documented evaluation logic (shared/design/aws-rules.md, section 3),
// working straight on the scenario JSON. It shares no code with model/ and is
// the spec the fast evaluator is tested against (fast_agrees_with_reference).
//
//   ReferenceAnswer a = reference_decide(world_doc, request);
//   if (a.verdict == Verdict::kUnsupported) ...;  // a.unsupported says what it lacks
//   bool allowed = reference_allows(world_doc, request);
//
// It covers statement matching (Action/NotAction, Resource/NotResource,
// Principal/NotPrincipal, the Condition operators String{Equals,NotEquals,
// Like,NotLike}[IfExists], Bool[IfExists], Null, Arn{Like,Equals,NotLike,
// NotEquals}[IfExists]), explicit deny, SCP levels, RCP denies, permissions
// boundaries, same- and cross-account logic, KMS key policies with account
// delegation and grants, S3 reads and writes of SSE-S3, SSE-KMS and SSE-C
// objects (S3 then KMS, with kms:ViaService, kms:CallerAccount and the
// encryption context), key state and Region, and sts:AssumeRole through trust
// policies. Anything else (set operators, other operator families, policy
// variables, Block Public Access, multivalued keys) makes it answer
// kUnsupported rather than guess.
//
// Where AWS does not document a rule, it follows the reading model/ documents
// (model/*.cpp comments): these are marked "model reading" in the source.
// Where AWS documents a rule that model/ reads otherwise, it follows AWS; each
// such difference is a known fast-evaluator bug (known_fast_bugs.cpp): NotPrincipal
// "*" and permissions boundaries (rule 30), RCPs and service principals,
// aws:PrincipalIsAWSService, the root user and sts:AssumeRole, and KMS grant
// constraints (case of keys; operations without an encryption context).
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

// `emulate` reproduces a known fast-evaluator bug (known_fast_bugs.h); leave it off to decide.
ReferenceAnswer reference_decide(const nlohmann::json& world_doc, const Request& request,
                                 const reference::Emulation& emulate = {});

// True only for kAllow.
bool reference_allows(const nlohmann::json& world_doc, const Request& request);

}  // namespace accesspath::properties
