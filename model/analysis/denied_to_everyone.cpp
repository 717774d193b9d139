#include "model/analysis/denied_to_everyone.h"

#include <string>

#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/policy/policy.h"

namespace accesspath {
namespace {

// The S3 condition key of each header the request sends (S3: condition keys from request
// headers, as s3_service.cpp fills them; the SSE-C key and its digest are secrets, not keys).
// Into a context kept per thread: the written-objects search asks about every header variant of
// every bucket, and a warm context allocates nothing.
const RequestContext& header_keys(const Request& request) {
  thread_local RequestContext ctx;
  thread_local std::string name;
  ctx.clear();
  for (const auto& [header, value] : request.headers) {
    name = "s3:";
    for (char c : header) name += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    std::string_view lower = std::string_view(name).substr(3);
    if (!lower.starts_with("x-amz-") || lower == s3_headers::kSseCKey ||
        lower == s3_headers::kSseCKeyMd5)
      continue;
    ctx.set(name, value);
  }
  return ctx;
}

// Conditions that read only `s3:x-amz-*` keys, without policy variables, all compiled.
bool reads_only_headers(const ConditionBlock& condition) {
  if (condition.broken_clauses() > 0) return false;  // never applies (condition.h)
  for (const auto& clause : condition.clauses()) {
    if (!clause.key_lower.starts_with("s3:x-amz-")) return false;
    for (const auto& v : clause.values)
      if (v.has_variables) return false;
  }
  return true;
}

bool reads_only_sent(const ConditionBlock& condition, const RequestContext& headers) {
  for (const auto& clause : condition.clauses())
    if (!headers.find(clause.key_lower)) return false;
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

EveryoneDenials::EveryoneDenials(const Bucket& bucket, std::string_view action)
    : policy_(bucket.policy.get()) {
  if (!policy_) return;
  const std::string lower = to_lower(action);
  for (const Statement& s : policy_->statements)
    if (s.effect == Effect::kDeny && for_everyone(s) && without_variables(s) &&
        statement_matches_action(s, lower) && reads_only_headers(s.condition))
      candidates_.push_back(&s);
}

bool EveryoneDenials::denies(const Request& request) const {
  if (candidates_.empty()) return false;
  // A context value given with the request overrides what its headers say (the evaluator's
  // apply_context_overrides): then the headers alone do not fix the keys.
  for (const auto& [key, values] : request.context)
    if (to_lower(key).starts_with("s3:x-amz-")) return false;
  const RequestContext& headers = header_keys(request);
  for (const Statement* s : candidates_)
    if (reads_only_sent(s->condition, headers) &&
        statement_matches_resource(*s, *policy_, request.resource, headers) &&
        s->condition.evaluate(headers))
      return true;
  return false;
}

bool denied_to_everyone(const Bucket& bucket, const Request& request) {
  return EveryoneDenials(bucket, request.action).denies(request);
}

}  // namespace accesspath
