// What earlier searches on this thread learnt, for the next one that meets the same conditions.
//
// Many questions meet the very same clauses: every principal that reads a bucket meets its VPC
// endpoint fence. A search records, under the signatures of its rounds so far (each round's: the
// content of every clause that could move, the value each must move to, the pinned values, the
// service and the analysis time: context_search.cpp),
//   - the context the solver chose next, and, under the first round's, the context that gave the
//     wanted decision: a later search with the same signatures tries them without the solver,
//     and the concrete evaluator decides each (hints, never answers); or
//   - that no realistic context moves one clause of every round (the solver said "unsat"): the
//     solver held nothing but what the signatures say, so a later search with the same
//     signatures knows it too (a necessary condition no context meets).
// Signatures are built from the clauses' text, never from addresses, so a memo outliving a world
// cannot mislead a search on another.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/symbolic/condition_encoding.h"

namespace accesspath {

class SearchMemo {
 public:
  struct Entry {
    bool never = false;
    std::optional<std::map<std::string, ChosenValue>> witness;
    std::optional<std::map<std::string, ChosenValue>> next;
  };
  // The memo of the calling thread.
  static SearchMemo& of_this_thread();

  const Entry* find(const std::string& signature);
  // Signatures found so far, and forgetting everything (tests).
  std::size_t hits() const { return hits_; }
  void clear() { entries_.clear(); }
  void remember_never(const std::string& signature);
  void remember_witness(const std::string& signature, std::map<std::string, ChosenValue> chosen);
  void remember_next(const std::string& signature, std::map<std::string, ChosenValue> chosen);

 private:
  Entry& slot(const std::string& signature);
  // Bounded: past this many signatures the memo starts afresh.
  static constexpr std::size_t kMaxEntries = 1 << 14;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t hits_ = 0;
};

}  // namespace accesspath
