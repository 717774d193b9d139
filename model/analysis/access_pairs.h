// The accesses of every (considered principal, action, resource) that queries name, decided end
// to end (through role chains, over every request context) as invariants decide them
// (access_paths.h): what a diff of two worlds compares (access_diff.h).
//
//   PairDecider d(world, queries);
//   for (const PairAccess& p : d.decide().pairs) ...
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/analysis/counterexample.h"
#include "model/world/scenario.h"

namespace accesspath {

// Every (considered principal, action, resource) the queries' action and resource patterns name
// that the principal can perform, end to end, each with one shortest path; and those that could
// not be decided (a question on the way had no decidable request context), with the reason.
// Resources as in check_invariant: declared ones, and the objects that can be written now.
// `query.never`/`only` and `via_escalation` are ignored.
struct PairAccess {
  std::string principal;
  std::string action;     // concrete (a pattern is expanded over the action catalog)
  std::string resource;   // concrete ARN
  Counterexample path;    // when allowed
  std::string undecided;  // non-empty: not found, but a question on the way was undecided
};
struct PairAccesses {
  std::vector<PairAccess> pairs;  // by principal, then in target order
  // Non-empty when working out the resources themselves met an undecided question: objects that
  // can be written now may be missing.
  std::string undecided;
  std::vector<std::string> warnings;
};

// Which pairs to decide: every pair of the principals in `whole` (nullopt: of every considered
// principal), and every principal's pairs on the targets flagged in `shared` (indices into
// PairDecider::targets(); empty: none).
struct PairSelection {
  std::optional<std::set<std::string>> whole;
  std::vector<char> shared;
  // Of a principal in `whole`: only the targets named here (action, resource) besides the shared
  // ones. A principal not listed: every target.
  std::map<std::string, std::set<std::pair<std::string, std::string>>> focus;
};

// The targets (the requests the queries name, objects that can be written now included) and role
// chains of a world, worked out once; then the pairs of any selection of principals and targets.
class PairDecider {
 public:
  PairDecider(const World& world, const std::vector<Invariant>& queries);
  ~PairDecider();
  PairDecider(const PairDecider&) = delete;
  PairDecider& operator=(const PairDecider&) = delete;

  // (action, resource) of each target, in order; the same pair may be several targets (the
  // PutObject of one object, one per encryption choice).
  const std::vector<std::pair<std::string, std::string>>& targets() const;
  // The considered principals whose reach (themselves, the users whose credentials they hold,
  // the roles of their chains) contains one of `arns`, and those whose reach is not known (an
  // AssumeRole on the way was undecided).
  std::set<std::string> reaching(const std::set<std::string>& arns);
  // The identities of `principal`'s reach (see reaching); nullopt when it is not known.
  std::optional<std::set<std::string>> reach_of(const std::string& principal);
  // The targets (action, resource) that the identities of `principal`'s reach named in
  // `identities` might be allowed (the candidate index), and those of no family.
  std::set<std::pair<std::string, std::string>> might_allow(
      const std::string& principal, const std::set<std::string>& identities);
  // Paths cost an explained evaluation of every step: `paths_for` asks for them (and only about
  // these pairs, each "principal\naction\nresource"); without it, pairs are decided without
  // paths.
  PairAccesses decide(const PairSelection& selection = {},
                      const std::set<std::string>* paths_for = nullptr);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One PairDecider's decision; `only`: the pairs of this principal alone (the targets still count
// every writer).
PairAccesses access_pairs(const World& world, const std::vector<Invariant>& queries,
                          const std::set<std::string>* paths_for = nullptr,
                          const std::string* only = nullptr);

}  // namespace accesspath
