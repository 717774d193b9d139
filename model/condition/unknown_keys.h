// Condition keys whose value the world does not describe: what an evaluation could not know.
//
// A key the request does not carry is absent for AWS only when accesspath knows what AWS would put
// there: the principal's keys, its organization, the resource's account and tags, what a service
// adds to the call it makes. A key accesspath never fills (`aws:SourceIdentity`,
// `iam:PassedToService`, `ec2:InstanceType`, ...), or one the world leaves open for this request
// (the tags of an object the file does not declare, the OU path of an account whose organization is
// given without one), is *unknown*: reading it as absent would be a guess. The caller's own choices
// (free_keys.h) are not unknown: proofs over request contexts vary them.
//
// The evaluator reports every condition clause that read an unknown key to the UnknownKeyWatch
// installed on the thread (none by default: the fast path pays one thread-local load per condition
// block). A watch records the reads, or answers each such clause the way a given decision would
// want it, so that a caller can tell whether the decision depends on what nobody described:
//
//   UnknownKeyWatch watch;
//   bool allowed;
//   { ScopedUnknownKeyWatch use(watch); allowed = evaluate(world, who, r, {.explain =
//   false}).allowed; } if (!watch.reads().empty() && depends_on_unknown_keys(world, who, r,
//   allowed)) ...  // undecided
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

class ConditionContext;
struct ConditionClause;

// Whether accesspath knows what AWS puts under `key_lower` (lowercased) for the requests it
// models, its absence included. False for every key it never fills.
bool known_condition_key(std::string_view key_lower);

// Whether a clause on `key_lower` that found no value in `ctx` read an unknown key.
bool unknown_key(std::string_view key_lower, const ConditionContext& ctx);

struct UnknownKeyRead {
  std::string key;        // as the policy writes it
  std::string statement;  // JSON pointer of the statement whose condition read it
  bool deny = false;      // that statement's Effect
  bool operator==(const UnknownKeyRead&) const = default;
};

class UnknownKeyWatch {
 public:
  enum class Mode {
    kRecord,        // note each read, change nothing
    kTowardsAllow,  // answer each clause on an unknown key as an allow would want it
    kTowardsDeny,   // ... as a deny would want it
  };
  explicit UnknownKeyWatch(Mode mode = Mode::kRecord) : mode_(mode) {}
  // Starts afresh in `mode` (a watch installed once for many evaluations).
  void reset(Mode mode) {
    mode_ = mode;
    reads_.clear();
  }

  // Called by the authorizer before it evaluates a statement's Condition.
  void on_statement(std::string_view pointer, bool deny) {
    statement_ = pointer;
    deny_ = deny;
  }
  // A clause read `key` (as the policy writes it), unknown, and came out as `result` (the key
  // taken as absent). Returns the value evaluation goes on with.
  bool on_read(std::string_view key, bool result);

  const std::vector<UnknownKeyRead>& reads() const { return reads_; }
  // "`aws:SourceIdentity` (statement at /principals/0/policies/0/Statement/1)", each key once.
  std::string describe() const;

 private:
  Mode mode_;
  std::string_view statement_;
  bool deny_ = false;
  std::vector<UnknownKeyRead> reads_;
};

UnknownKeyWatch* unknown_key_watch();

class ScopedUnknownKeyWatch {
 public:
  explicit ScopedUnknownKeyWatch(UnknownKeyWatch& watch);
  ~ScopedUnknownKeyWatch();
  ScopedUnknownKeyWatch(const ScopedUnknownKeyWatch&) = delete;
  ScopedUnknownKeyWatch& operator=(const ScopedUnknownKeyWatch&) = delete;

 private:
  UnknownKeyWatch* previous_;
};

}  // namespace accesspath
