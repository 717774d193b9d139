// A cache of evaluate() answers (allowed or not, no explanation) for searches
// that ask the same questions of many slightly different worlds: `explore`
// makes one edit at a time to a copy of a world and re-checks an invariant,
// which asks hundreds of requests whose answers the edit cannot change.
//
// Policies are immutable and shared (`PolicyPtr`), and an edit replaces the
// policy it changes, so an answer is reused exactly when the request, the
// requester and everything the evaluation may read are the same: the requester's
// policies, boundary, groups and tags; every account's SCPs, RCPs and Block
// Public Access; the bucket (policy, default encryption, Block Public Access,
// the object's encryption), role (trust policy, tags) or other resource the
// request names; and the policy, state, aliases and grants of every key the call
// could use (the one a KMS call names; for S3, the keys named by the object, the
// bucket default, the request header, and aws/s3, as S3 resolves them). Policies are
// compared by identity, and the memo keeps every policy it has seen alive, so an
// address is never reused for another policy while an answer refers to it. Answers
// are found by a 128-bit digest of that key, and a hit also requires the key itself
// (kept beside the answer, as the bytes the digest was made of) to be equal: two
// different questions never share an answer, whatever their digests.
//
//   EvaluationMemo memo;
//   ScopedEvaluationMemo use(memo);  // evaluate(..., {.explain = false}) on this thread uses it
//   for (...) { World w = base; apply(edit, w); check_invariant(w, inv); }
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

class EvaluationMemo {
 public:
  // Beyond this many answers or kept policies the memo starts afresh (bounded memory: an
  // escalation check makes new policies on every call).
  explicit EvaluationMemo(std::size_t max_answers = 100000, std::size_t max_policies = 20000)
      : max_answers_(max_answers), max_policies_(max_policies) {}

  std::optional<bool> find(const World& world, const Requester& who, const Request& request);
  void store(bool allowed);  // the answer to the request of the last find() that missed

  // For tests: every question gets the same digest, so that only the full key tells them apart.
  void collide_digests_for_testing() { collide_digests_ = true; }

  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

  // A 128-bit digest of everything the answer may depend on (two independent 64-bit lanes:
  // a collision would need both to collide, about 2^-128 per pair of keys).
  struct AnswerKey {
    std::uint64_t a = 0, b = 0;
    bool operator==(const AnswerKey&) const = default;
  };
  struct AnswerKeyHash {
    std::size_t operator()(const AnswerKey& k) const { return static_cast<std::size_t>(k.a); }
  };
  // The digest of everything evaluate() of `request` may read, for caches of answers derived
  // from evaluations (a search over request contexts: context_search.cpp). Such a cache must
  // start afresh whenever generation() changes: the digest compares policies by address, and
  // only this memo keeps those addresses from being reused. `full_key`, when given, receives the
  // bytes the digest was made of: such a cache answers only when they are equal too.
  AnswerKey digest(const World& world, const Requester& who, const Request& request,
                   std::string* full_key = nullptr);
  // Unique among all memos of the process, and new each time this one starts afresh.
  std::uint64_t generation() const { return generation_; }

 private:
  class Digest;
  void make_room();

  void key_of(const World& world, const Requester& who, const Request& request);
  void add_policy(Digest& d, const PolicyPtr& p);
  void add_key(Digest& d, const Key* k);

  std::size_t max_answers_;
  std::size_t max_policies_;
  struct Answer {
    std::string key;  // the full key: the bytes its digest was made of
    bool allowed = false;
  };
  std::unordered_map<AnswerKey, Answer, AnswerKeyHash> answers_;
  std::unordered_set<PolicyPtr> kept_;  // keeps every hashed policy's address unique
  AnswerKey key_;                       // the digest of the last find()
  std::string material_;                // the full key of the last find() (capacity reused)
  bool collide_digests_ = false;
  std::size_t hits_ = 0, misses_ = 0;
  std::uint64_t generation_ = next_generation();
  static std::uint64_t next_generation();
};

// Installs `memo` for evaluations without explanation on this thread, until the scope ends.
class ScopedEvaluationMemo {
 public:
  explicit ScopedEvaluationMemo(EvaluationMemo& memo);
  ~ScopedEvaluationMemo();
  ScopedEvaluationMemo(const ScopedEvaluationMemo&) = delete;
  ScopedEvaluationMemo& operator=(const ScopedEvaluationMemo&) = delete;

 private:
  EvaluationMemo* previous_;
};

// The memo installed on this thread, or nullptr (the evaluator asks).
EvaluationMemo* current_evaluation_memo();

}  // namespace accesspath
