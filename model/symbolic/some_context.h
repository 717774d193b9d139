// How the analyses (invariants, who, paths, the access graph, explore) ask "can this principal do
// this in some request context?", and how what cannot be decided reaches their verdicts.
//
// A question the search cannot decide is answered "no" for the search at hand, and recorded in
// the UndecidedLog installed on the thread; an analysis that found no access then reports its
// verdict as undecided (`holds: null` with the reason) instead of "holds".
//
//   UndecidedLog log;
//   ScopedUndecidedLog use(log);
//   if (auto w = allowed_in_some_context(world, who, request)) evaluate(world, who, w->request);
//   if (!log.empty()) ...  // "cannot decide: " + log.summary()
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/symbolic/context_search.h"

namespace accesspath {

struct Witness {
  Request request;                 // the request with the context it needs
  std::vector<ContextNeed> needs;  // the caller-chosen keys its decision read
};

// Allowed in some realistic request context? The witness is allowed by the concrete evaluator.
// Undecided: nullopt, recorded in the current UndecidedLog.
std::optional<Witness> allowed_in_some_context(const World& world, const Requester& who,
                                               const Request& request);

// Thread-safe: the access graph builder asks from several threads into one log.
class UndecidedLog {
 public:
  void add(std::string reason);
  bool empty() const;
  // "<first reason>" or "<first reason> (and N more questions)".
  std::string summary() const;
  std::vector<std::string> reasons() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> reasons_;
  std::size_t count_ = 0;
};

class ScopedUndecidedLog {
 public:
  explicit ScopedUndecidedLog(UndecidedLog& log);
  ~ScopedUndecidedLog();
  ScopedUndecidedLog(const ScopedUndecidedLog&) = delete;
  ScopedUndecidedLog& operator=(const ScopedUndecidedLog&) = delete;

 private:
  UndecidedLog* previous_;
};

UndecidedLog* current_undecided_log();

}  // namespace accesspath
