// The seam between the concrete evaluator and the analysis of request contexts.
//
// A proof over every request context (context_search.h) runs the ordinary evaluator and watches
// which condition clauses read a key the caller chooses (aws:SourceIp, aws:Referer, the time, ...)
// and what each clause came out as. The evaluator knows nothing of the analysis: it only tells an
// installed observer, and without one (the normal case) the only cost is one thread-local load
// per condition block.
//
//   struct Recorder : ContextObserver { ... };
//   Recorder r;
//   ScopedContextObserver watch(r);
//   evaluate(world, request);  // r.on_clause(...) for every clause that read a free key
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace accesspath {

struct ConditionClause;
class ConditionContext;

// Whose choice the keys of one request context are.
enum class KeyRole : std::uint8_t {
  kNone,       // not watched: no key is free
  kCaller,     // the caller's own request (S3, KMS, STS, IAM as the caller sends it)
  kForwarded,  // a call a service makes for the caller (the KMS call S3 makes): it carries
               // some of the caller's keys (time, MFA) and none of its network or header keys
};

class ContextObserver {
 public:
  virtual ~ContextObserver() = default;
  // Is `key_lower` the caller's free choice in a context of this role?
  virtual bool is_free(std::string_view key_lower, KeyRole role) const = 0;
  // A condition clause read a free key and came out as `result`. `ctx` is the context it read
  // (for policy variables in the clause's values, which read fixed keys). Returns the value the
  // evaluation goes on with: `result`, unless the observer asks "what if every such clause came
  // out the most favourable way?" (context_search.cpp, the optimistic bound).
  virtual bool on_clause(const ConditionClause& clause, const ConditionContext& ctx,
                         bool result) = 0;
  // The service itself branched on a free Boolean key outside any condition (S3 refuses SSE-C
  // over plain HTTP: aws:SecureTransport).
  virtual void on_service_read(std::string_view key_lower, bool value) = 0;
  // The authorizer is about to evaluate the Condition of the statement at this JSON pointer
  // (so that what cannot be reasoned about can be named by its place); `deny`: its Effect.
  // A clause of an Allow statement can only add access when it turns true, one of a Deny
  // statement only take it away (IAM: Policy evaluation logic), which the search relies on.
  virtual void on_statement(std::string_view /*pointer*/, bool /*deny*/) {}
  // Something read a free key in a way the analysis cannot reason about (a policy variable
  // naming a caller-chosen key, grant constraints on a caller-chosen encryption context).
  virtual void on_unsupported(std::string reason) = 0;
};

// The observer installed on this thread, or nullptr.
ContextObserver* context_observer();

class ScopedContextObserver {
 public:
  explicit ScopedContextObserver(ContextObserver& observer);
  ~ScopedContextObserver();
  ScopedContextObserver(const ScopedContextObserver&) = delete;
  ScopedContextObserver& operator=(const ScopedContextObserver&) = delete;

 private:
  ContextObserver* previous_;
};

}  // namespace accesspath
