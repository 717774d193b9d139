// Proofs over every request context: is there a context, as AWS could receive it, in which a
// request is allowed (or denied)?
//
// The decision for a fixed principal, action and resource depends on the request context only
// through the condition clauses that read a key the caller chooses (free_keys.h). The search
// runs the concrete evaluator on one context and watches those clauses (context_observer.h);
// when none is read, the answer holds for every context (the fast path: most questions). When
// some are, it asks Z3 (condition_encoding.h) for a context on which at least one of them comes
// out differently, runs the evaluator again on that context, and so on, until the wanted decision
// comes out (a witness, decided by the concrete evaluator itself), or no context is left that
// differs from every one tried on the clauses their decisions read: then no context gives it,
// because the evaluator decides the same on two contexts that agree on every clause it read.
// A solver that gives up, or a clause that cannot be encoded, gives `kUnknown` with the reason:
// never a guessed answer.
//
//   ContextAnswer a = search_contexts(world, who, request, /*want_allow=*/true);
//   if (a.kind == ContextAnswer::Kind::kFound) evaluate(world, who, a.request).allowed;  // true
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/symbolic/context_need.h"
#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

// The earliest instant a request may be made: the analysis date (seconds since the epoch).
// Today at 00:00 UTC unless set (`--now`), so results are reproducible within a day.
std::int64_t analysis_time();
void set_analysis_time(std::int64_t seconds);

struct ContextSearchOptions {
  std::int64_t now = analysis_time();
  // Z3's resource units per solver call: a budget counted in the solver's own steps, so a
  // question gets the same answer on every machine and under any load (a wall-clock limit made
  // answers depend on what else ran). The hardest questions of the suites need about 2.1 million;
  // this is about ten seconds of one core of the machine in the README.
  unsigned solver_budget = 20'000'000;
  // Wall-clock backstop per solver call, for steps Z3 does not count.
  unsigned timeout_ms = 120'000;
  unsigned max_rounds = 256;  // contexts tried before giving up
  // The free keys the request itself gives are pinned unless this is set (explain's "would
  // another context decide otherwise?").
  bool vary_given = false;
};

struct ContextAnswer {
  enum class Kind {
    kFound,    // `request` is decided as wanted by the concrete evaluator
    kNever,    // no request context gives the wanted decision
    kUnknown,  // cannot tell; `reason` says why
  };
  Kind kind = Kind::kUnknown;
  Request request;                 // kFound: the base request with the context it needs
  std::vector<ContextNeed> needs;  // kFound: the free keys the decision read
  bool context_dependent = false;  // some condition read a key the caller chooses
  unsigned rounds = 0;             // contexts tried
  std::string reason;
};

ContextAnswer search_contexts(const World& world, const Requester& who, const Request& base,
                              bool want_allow, const ContextSearchOptions& options = {});

// The AWS spelling of a lowercased key (aws:sourceip -> aws:SourceIp); others unchanged.
std::string aws_key_spelling(std::string_view key_lower);

}  // namespace accesspath
