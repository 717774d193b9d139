// What the service modules (S3, KMS, STS, generic IAM) share: the condition
// keys every request carries, recording checks, and authorizing use of a KMS key.
// Internal to model/: users call evaluate().
#pragma once

#include <map>
#include <string>

#include "model/authz/authorizer.h"
#include "model/authz/decision.h"
#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

// aws:CurrentTime and aws:EpochTime are always present in AWS; scenarios are
// timeless, so a fixed instant is used unless the request's `context` sets one.
inline constexpr std::string_view kDefaultCurrentTime = "2025-01-01T00:00:00Z";
inline constexpr std::string_view kDefaultEpochTime = "1735689600";

struct Call {
  const World& world;
  const Request& request;
  const Requester& who;
  bool explain;
  Decision& decision;

  // Appends a check when explaining; nullptr otherwise (the authorizer then records nothing).
  // Callers test `explain` first so the fast path does not even build the title.
  Check* begin_check(std::string title, std::string action, std::string resource) const;
  // Records a refusal (the service refused before or regardless of policies).
  void refuse(std::string title, std::string reason, std::string note = {}) const;
};

// The global keys of a direct request (IAM: AWS global condition context keys):
// principal keys, aws:SecureTransport, aws:ViaAWSService=false, aws:CurrentTime,
// aws:EpochTime, aws:RequestedRegion, aws:ResourceAccount; then the request's
// own `context` overrides.
// `ctx` is cleared first; callers pass a reused (thread_local) context so the hot
// path allocates nothing once warm.
// `resource_account_info` (the declared account of the resource, or nullptr) gives
// aws:ResourceOrgID and aws:ResourceOrgPaths.
void fill_base_context(RequestContext& ctx, const Requester& who, const Request& request,
                       std::string_view region, std::string_view resource_account,
                       const Account* resource_account_info);
// aws:ResourceTag/<key> for each tag of the resource (IAM: AWS global condition context keys,
// aws:ResourceTag/tag-key). `ctx` must not hold these keys yet.
void add_resource_tags(RequestContext& ctx, const Tags& tags);
void apply_context_overrides(RequestContext& ctx, const Request& request);

bool secure_transport(
    const Request& request);  // aws:SecureTransport is "true" unless the request says otherwise

// A LazyContext's early answer (request_context.h) for the keys most policies read, given
// without filling the context: aws:SecureTransport (S3's advice: deny requests without TLS) is
// "true", as fill_base_context adds it (rule 39); a principal key (aws:username in
// `home/${aws:username}/*`, aws:PrincipalOrgID, aws:PrincipalTag/...) is the requester's, as
// add_principal_keys adds it (rule 27). Only when the request overrides no key and no proof
// observes the context, and only for keys no fill sets after add_principal_keys; nullptr for
// every other key or case (the context is then filled as before, and a key absent here is
// looked up there).
const ContextEntry* early_context_answer(const Requester& who, const Request& request,
                                         std::string_view key);
// early_context_answer as a LazyContext takes it.
inline auto early_answers(const Requester& who, const Request& request) {
  return [&who, &request](std::string_view key) { return early_context_answer(who, request, key); };
}

// Authorizes a KMS operation on `key` for the requester (the key policy must
// allow, rules 60-65; grants, rule 69). `ctx` already holds the KMS keys.
// `action_lower` is `action` lowercased (callers know it without lowercasing again).
Outcome authorize_key_use(const Call& call, const Key& key, std::string_view action,
                          std::string_view action_lower, const ConditionContext& ctx,
                          const std::map<std::string, std::string>* encryption_context,
                          Check* record);

std::string principal_display(const Requester& who);

}  // namespace accesspath
