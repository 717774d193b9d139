#include "model/analysis/denied_to_everyone.h"

#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/policy/policy.h"

namespace accesspath {
namespace {

// The S3 condition key of each header the request sends (S3: condition keys from request
// headers, as s3_service.cpp fills them; the SSE-C key and its digest are secrets, not keys).
RequestContext header_keys(const Request& request) {
  RequestContext ctx;
  for (const auto& [name, value] : request.headers) {
    std::string lower = to_lower(name);
    if (!lower.starts_with("x-amz-") || lower == s3_headers::kSseCKey ||
        lower == s3_headers::kSseCKeyMd5)
      continue;
    ctx.set("s3:" + lower, value);
  }
  return ctx;
}

bool reads_only_sent_headers(const ConditionBlock& condition, const RequestContext& headers) {
  if (condition.broken_clauses() > 0) return false;  // never applies (condition.h)
  for (const auto& clause : condition.clauses()) {
    if (!clause.key_lower.starts_with("s3:x-amz-") || !headers.find(clause.key_lower)) return false;
    for (const auto& v : clause.values)
      if (v.has_variables) return false;
  }
  return true;
}

bool for_everyone(const Statement& s) {
  return s.principal && s.principal->everyone && !s.not_principal;
}

bool without_variables(const Statement& s) {
  for (const auto& r : s.resource_patterns)
    if (r.has_variables) return false;
  return true;
}

}  // namespace

bool denied_to_everyone(const Bucket& bucket, const Request& request) {
  if (!bucket.policy) return false;
  // A context value given with the request overrides what its headers say (the evaluator's
  // apply_context_overrides): then the headers alone do not fix the keys.
  for (const auto& [key, values] : request.context)
    if (to_lower(key).starts_with("s3:x-amz-")) return false;
  const std::string action = to_lower(request.action);
  const RequestContext headers = header_keys(request);
  for (const Statement& s : bucket.policy->statements) {
    if (s.effect != Effect::kDeny || !for_everyone(s) || !without_variables(s)) continue;
    if (!statement_matches_action(s, action)) continue;
    if (!statement_matches_resource(s, *bucket.policy, request.resource, headers)) continue;
    if (!reads_only_sent_headers(s.condition, headers)) continue;
    if (s.condition.evaluate(headers)) return true;
  }
  return false;
}

}  // namespace accesspath
