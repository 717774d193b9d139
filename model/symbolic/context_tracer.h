// Watching the concrete evaluator during a search over request contexts (context_search.cpp):
// which clauses on keys the caller chooses a decision read, what each came out as and which way
// it moves the decision, and the Z3 formula of each. Internal to symbolic/.
//
//   Tracer t(service, action_lower, anonymous, federated, pinned, now);
//   ScopedContextObserver watch(t);
//   bool allowed = t.decide(world, who, request);
//   for (auto [read, target] : helpful_moves(t.atoms(), want_allow)) t.formula(*read, &why);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/condition/context_observer.h"
#include "model/condition/free_keys.h"
#include "model/condition/unknown_keys.h"
#include "model/services/evaluator.h"
#include "model/symbolic/condition_encoding.h"

namespace accesspath::search {

// Which way a clause's truth moves the decision: a clause of an Allow statement can only add
// access when it turns true, one of a Deny statement only take it away (IAM: Policy evaluation
// logic: an explicit deny overrides, allows add up). What a service reads outside any statement
// has no known direction.
enum class Polarity { kAllow, kDeny, kUnknown };

// One clause (or service read) on a free key that an evaluation read, and what it came out as.
struct Recorded {
  const ConditionClause* clause = nullptr;  // nullptr: the service read aws:SecureTransport
  const FreeKey* info = nullptr;
  std::string key;
  bool observed = false;
  Polarity polarity = Polarity::kUnknown;
  ClauseFacts facts;
  bool service_value = false;
  std::string where;  // the statement's JSON pointer
};

class Tracer final : public ContextObserver {
 public:
  Tracer(RequestService service, std::string action_lower, bool anonymous, bool federated,
         std::set<std::string, std::less<>> pinned, std::int64_t now)
      : service_(service),
        action_(std::move(action_lower)),
        anonymous_(anonymous),
        federated_(federated),
        pinned_(std::move(pinned)),
        now_(now) {}

  bool is_free(std::string_view key, KeyRole role) const override {
    if (pinned_.count(key)) return false;
    const FreeKey* k = find_free_key(key, service_, anonymous_, action_, federated_);
    if (!k) return false;
    return role == KeyRole::kCaller || k->forwarded;
  }

  void on_statement(std::string_view pointer, bool deny) override {
    statement_.assign(pointer);
    deny_ = deny;
  }

  bool on_clause(const ConditionClause& clause, const ConditionContext& ctx, bool result) override {
    const FreeKey* info =
        find_free_key(clause.key_lower, service_, anonymous_, action_, federated_);
    if (!info) return result;
    if (optimistic_) {
      // The optimistic bound: every clause on a free key as the wanted decision would have it.
      Recorded r;
      r.polarity = deny_ ? Polarity::kDeny : Polarity::kAllow;
      atoms_.push_back(std::move(r));
      return deny_ != want_allow_;
    }
    Recorded r;
    r.clause = &clause;
    r.info = info;
    r.key = clause.key_lower;
    r.observed = result;
    r.polarity = deny_ ? Polarity::kDeny : Polarity::kAllow;
    r.facts = clause_facts(clause, *info, clause.key_lower, ctx);
    r.where = statement_;
    atoms_.push_back(std::move(r));
    return result;
  }

  void on_service_read(std::string_view key, bool value) override {
    if (!is_free(key, KeyRole::kCaller)) return;
    Recorded r;
    r.key = std::string(key);
    r.observed = true;
    r.service_value = value;
    atoms_.push_back(std::move(r));
  }

  void on_unsupported(std::string reason) override {
    if (unsupported_.empty()) unsupported_ = std::move(reason);
  }

  // The evaluator's decision of `r`, watched: what it read is in atoms() afterwards.
  // A decision that reads a condition key the world does not describe (unknown_keys.h) and
  // changes when those clauses are taken the other way depends on what nobody knows: unknown().
  // The watch is installed for the whole search (search_uncached), not per decision: installing
  // costs thread-local accesses on the fast path.
  bool decide(const World& world, const Requester& who, const Request& r) {
    atoms_.clear();
    statement_.clear();
    deny_ = false;
    unknown_keys_.reset(UnknownKeyWatch::Mode::kRecord);
    bool allowed = false;
    {
      ScopedContextObserver watch(*this);
      allowed = evaluate(world, who, r, {.explain = false}).allowed;
    }
    if (optimistic_ || unknown_keys_.reads().empty() || !unknown_.empty()) return allowed;
    std::string read = unknown_keys_.describe();
    std::vector<Recorded> atoms = std::move(atoms_);
    unknown_keys_.reset(allowed ? UnknownKeyWatch::Mode::kTowardsDeny
                                : UnknownKeyWatch::Mode::kTowardsAllow);
    bool other_allowed = allowed;
    {
      ScopedContextObserver watch(*this);
      other_allowed = evaluate(world, who, r, {.explain = false}).allowed;
    }
    unknown_keys_.reset(UnknownKeyWatch::Mode::kRecord);
    atoms_ = std::move(atoms);
    if (other_allowed != allowed)
      unknown_ = "the decision depends on condition keys the world does not describe: " + read;
    return allowed;
  }
  UnknownKeyWatch& unknown_keys() { return unknown_keys_; }
  const std::string& unknown() const { return unknown_; }
  // The decision of `r` with every clause on a free key taken the way `want_allow` would have
  // it: an Allow statement's true, a Deny statement's false (or the reverse). Allows add up and
  // an explicit deny overrides (IAM: Policy evaluation logic), so no request context can give
  // `want_allow` when this bound does not, provided nothing else the caller chooses was read.
  bool bound_reachable(const World& world, const Requester& who, const Request& r,
                       bool want_allow) {
    optimistic_ = true;
    want_allow_ = want_allow;
    const bool allowed = decide(world, who, r);
    optimistic_ = false;
    bool only_clauses = unsupported_.empty();
    for (const auto& a : atoms_)
      if (a.polarity == Polarity::kUnknown) only_clauses = false;
    atoms_.clear();
    return allowed == want_allow || !only_clauses;
  }
  const std::vector<Recorded>& atoms() const { return atoms_; }
  const std::string& unsupported() const { return unsupported_; }
  // One Z3 context per thread, reused by every search on it: making one costs milliseconds,
  // more than most searches. Each search has its own solver and its own constraints; its
  // variables are named afresh by its encoder.
  z3::context& z3() {
    thread_local std::unique_ptr<z3::context> context;
    thread_local unsigned uses = 0;
    if (!z3_) {
      // Start a fresh context now and then, so terms of old searches do not pile up.
      if (!context || ++uses % 4096 == 0) context = std::make_unique<z3::context>();
      z3_ = context.get();
    }
    return *z3_;
  }
  ConditionEncoder& encoder() {
    if (!encoder_) encoder_ = std::make_unique<ConditionEncoder>(z3(), now_);
    return *encoder_;
  }
  // The formula of a recorded read; nullopt (and `why`) when it cannot be encoded.
  std::optional<z3::expr> formula(const Recorded& r, std::string* why) {
    if (!r.clause) return encoder().secure_transport_is(r.service_value);
    std::string reason;
    auto f = encoder().clause(*r.clause, *r.info, r.key, r.facts, &reason);
    if (!f && why)
      *why = "the condition " + reason +
             (r.where.empty() ? "" : " in the statement at " + r.where) +
             " cannot be reasoned about over every request context";
    return f;
  }

 private:
  RequestService service_;
  std::string action_;
  bool anonymous_;
  bool federated_;
  std::set<std::string, std::less<>> pinned_;
  std::int64_t now_;
  z3::context* z3_ = nullptr;
  std::unique_ptr<ConditionEncoder> encoder_;
  std::vector<Recorded> atoms_;
  std::string statement_;
  bool deny_ = false;
  bool optimistic_ = false;
  bool want_allow_ = true;
  std::string unsupported_;
  std::string unknown_;
  UnknownKeyWatch unknown_keys_;
};

// The reads whose change could give the wanted decision, each with the value it must move to.
// Every context on which none of them moves gets the same decision as the one traced: the
// evaluator decides alike on contexts that agree on every clause it read, and the decision only
// grows when an Allow clause turns true or a Deny clause false (Polarity).
std::vector<std::pair<const Recorded*, bool>> helpful_moves(const std::vector<Recorded>& atoms,
                                                            bool want_allow);

// The signature of a solver round (search_memo.h): everything its formulas and constraints
// depend on, the clauses' text rather than their addresses.
std::string round_signature(const std::vector<std::pair<const Recorded*, bool>>& moves,
                            const std::map<std::string, ChosenValue>& pins, RequestService service,
                            bool anonymous, std::int64_t now);

}  // namespace accesspath::search
