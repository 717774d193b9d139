// Condition clauses on caller-chosen keys as Z3 formulas, and Z3 models back as request values.
//
// Each free key (free_keys.h) gets its variables the first time a clause reads it: whether the
// request carries the key, and its value (an address, an instant, a number, one of a few
// documented values, or printable text). Each variable comes with the constraints that keep a
// model to what AWS could really receive (model/SEMANTICS.md, "Request contexts"): a request
// either comes through a VPC endpoint (aws:SourceVpc, aws:SourceVpce, aws:VpcSourceIp) or over
// the internet (aws:SourceIp), aws:MultiFactorAuthAge only with MFA, aws:EpochTime is
// aws:CurrentTime, and no request is made before the analysis date.
//
// A clause's formula is true exactly when the concrete evaluator (condition_eval.cpp) finds the
// clause true in the context the model describes; tests/symbolic_test.cpp checks this operator
// by operator and on random clauses and contexts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <z3++.h>

#include "model/condition/condition.h"
#include "model/condition/free_keys.h"

namespace accesspath {

// One free key's value in a model: absent, or present with its text as a request carries it
// (a multivalued key: its values, in `values`).
struct ChosenValue {
  bool present = false;
  std::string value;
  std::vector<std::string> values;  // FreeKeyType::kTextSet only
};

// A multivalued key (FreeKeyType::kTextSet) is reasoned about as a set of at most this many
// values. That is no limit on what is proved while each clause and each linked per-key value
// needs at most one value of the set as its witness (ConditionEncoder::sets_within_bound).
inline constexpr int kSetBound = 6;

// What the encoding of a clause needs of the context it was read in, taken when it was read (the
// context does not outlive the evaluation; most clauses are never encoded at all).
struct ClauseFacts {
  // Per policy value with policy variables: its text with the variables substituted from the
  // context (they read fixed keys), or nullopt when a variable has no value (rule 16).
  std::vector<std::optional<std::string>> substituted;
  // kChoice keys: the clause with the key at each documented value, and without the key.
  std::vector<bool> choice_true;
  bool absent_true = false;
};
ClauseFacts clause_facts(const ConditionClause& clause, const FreeKey& info,
                         std::string_view key_lower, const ConditionContext& ctx);

class ConditionEncoder {
 public:
  ConditionEncoder(z3::context& z3, std::int64_t now_seconds);

  // The formula of `clause`, whose key `key_lower` is free as `info` says.
  // nullopt when the clause cannot be encoded; `why` then says why.
  std::optional<z3::expr> clause(const ConditionClause& clause, const FreeKey& info,
                                 std::string_view key_lower, const ClauseFacts& facts,
                                 std::string* why);
  // "the request is (not) over HTTPS": aws:SecureTransport as the service reads it.
  z3::expr secure_transport_is(bool value);

  // Realism constraints of the variables made since the last call.
  std::vector<z3::expr> take_constraints();
  // The value of every key that has variables, in `model`.
  std::map<std::string, ChosenValue> read(const z3::model& model) const;
  // The same values as constraints (to check that the formulas agree with the evaluator on a
  // context that was not produced by the solver). A key with variables that `values` does not
  // list is absent.
  std::vector<z3::expr> pin(const std::map<std::string, ChosenValue>& values);
  // The same for the listed keys only; keys not listed stay free.
  std::vector<z3::expr> pin_only(const std::map<std::string, ChosenValue>& values);
  // Whether every "no such context" answer of the solver is also one for sets larger than
  // kSetBound: any context that satisfies the encoded clauses keeps doing so when its sets are
  // cut down to one witness value per clause (two for a plain operator, which reads whether
  // there are several) and per linked per-key value, so the bound suffices while those fit.
  // False also when a pinned value could not be represented (a set larger than the bound).
  bool sets_within_bound() const;
  // Text a request can carry is printable ASCII. Z3's string solver is several times slower
  // with that constraint on every text key, and most models respect it anyway, so it is added
  // only for the keys whose value in `model` is not printable (and then for good): dropping a
  // constraint can only turn "no context" into "some context", never the reverse, and no
  // witness is taken before this returns nothing.
  std::vector<z3::expr> require_printable(const z3::model& model);

 private:
  struct Var {
    FreeKeyType type = FreeKeyType::kText;
    const FreeKey* info = nullptr;
    z3::expr present;
    z3::expr value;          // String, Int (time, integers, choice index) or BitVec 128 (addresses)
    z3::expr is_v6;          // addresses only
    bool printable = false;  // text only: its value is constrained to printable ASCII
    // kTextSet: the candidate values; the first `count` are the set (present: count > 0).
    std::vector<z3::expr> members;
    std::optional<z3::expr> count;
  };
  // What a clause on a multivalued key needs of its set (sets_within_bound).
  struct SetDemand {
    std::vector<const ConditionClause*> clauses;
    int linked = 0;
  };
  Var& var(std::string_view key_lower, const FreeKey& info);
  std::vector<z3::expr> pin_values(const std::map<std::string, ChosenValue>& values,
                                   bool unlisted_absent);
  z3::expr via_endpoint();
  std::optional<z3::expr> matches(const ConditionClause& c, const Var& v, std::string_view key,
                                  const ClauseFacts& facts, std::string* why);
  std::optional<z3::expr> set_clause(const ConditionClause& c, Var& v, std::string_view key,
                                     const ClauseFacts& facts, std::string* why);
  // A request value of `set` equals `member` up to case (the key name carries it lowercased).
  z3::expr holds_member(const Var& set, std::string_view member);
  void link_member(const Var& set, const Var& member_var, std::string_view member);

  z3::context& z3_;
  std::int64_t now_;
  std::map<std::string, Var, std::less<>> vars_;
  std::map<std::string, SetDemand, std::less<>> set_demand_;
  bool unrepresentable_pin_ = false;
  std::optional<z3::expr> via_;  // the request comes through a VPC endpoint
  std::vector<z3::expr> pending_;
  unsigned next_id_ = 0;
};

// Formats for request values the encoder reads back.
std::string format_epoch_seconds(std::int64_t seconds);  // 2026-12-05T00:00:00Z
std::string format_ip(const IpAddr& addr);

}  // namespace accesspath
