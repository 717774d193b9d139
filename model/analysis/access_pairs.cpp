#include "model/analysis/access_pairs.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "model/analysis/access_candidates.h"
#include "model/analysis/access_targets.h"
#include "model/analysis/find_access.h"
#include "model/analysis/role_chains.h"
#include "model/core/strings.h"
#include "model/symbolic/some_context.h"
#include "model/world/considered_principals.h"

namespace accesspath {

using namespace paths;

namespace {

// Which targets an identity might be allowed (access_candidates.h): a target no identity of a
// principal's reach might be allowed is certainly denied to that principal, and not asked about.
// Kept sparse (ascending target indices): a large world has many targets and each identity
// might be allowed few of them.
class TargetFilter {
 public:
  // Over `targets`, or only over those of `subset` (ascending indices) when given: the index
  // then costs what the subset does.
  TargetFilter(const World& w, const std::vector<Target>& targets,
               const std::vector<std::uint32_t>* subset = nullptr)
      : is_unfiltered_(targets.size(), 0) {
    std::vector<ResourceFamily> families;
    const std::size_t n = subset ? subset->size() : targets.size();
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t t = subset ? (*subset)[k] : k;
      std::string action = to_lower(targets[t].request.action);
      auto m = family_member(w, action, targets[t].request.resource);
      if (!m) {
        unfiltered_.push_back(static_cast<std::uint32_t>(t));
        is_unfiltered_[t] = 1;
        continue;
      }
      std::size_t f = 0;
      while (f < families.size() && families[f].action != action) ++f;
      if (f == families.size()) {
        families.push_back({action, {}});
        target_of_.emplace_back();
      }
      target_of_[f].push_back(static_cast<std::uint32_t>(t));
      families[f].members.push_back(std::move(*m));
    }
    for (auto& f : families) indexes_.push_back(std::make_unique<CandidateIndex>(std::move(f)));
  }

  // The targets of no family: any identity might be allowed them. Ascending.
  const std::vector<std::uint32_t>& unfiltered() const { return unfiltered_; }
  bool unfiltered(std::size_t t) const { return is_unfiltered_[t] != 0; }

  // The targets of a family `who` might be allowed, ascending (the unfiltered ones apart).
  std::vector<std::uint32_t> candidates(const Requester& who) {
    std::vector<std::uint32_t> out;
    for (std::size_t f = 0; f < indexes_.size(); ++f) {
      indexes_[f]->candidates(who, scratch_);
      for (std::uint32_t m : scratch_) out.push_back(target_of_[f][m]);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::vector<std::uint32_t> unfiltered_;              // targets of no family, ascending
  std::vector<char> is_unfiltered_;                    // per target
  std::vector<std::vector<std::uint32_t>> target_of_;  // per family, per member: its target
  std::vector<std::unique_ptr<CandidateIndex>> indexes_;
  std::vector<std::uint32_t> scratch_;
};

using Candidates = std::vector<std::uint32_t>;  // ascending target indices

bool has(const Candidates& c, std::size_t t) {
  return std::binary_search(c.begin(), c.end(), static_cast<std::uint32_t>(t));
}

// Whether identities may make the targets' requests, in some request context. A role's answers
// are kept: every start that reaches the role asks the same question (the access graph asks each
// identity once for the same reason). Undecided questions are not kept: they are asked again,
// so each start's log says so.
class Answers {
 public:
  Answers(const World& w, const World& read_world, const std::vector<Target>& targets)
      : w_(w), read_world_(read_world), targets_(targets) {}

  // `candidates[k]`: the targets identity k of the reach might be allowed (the candidate index);
  // `unfiltered`: t is of no family (any identity might be allowed it).
  bool allowed(const Reach& reach, const std::vector<const Candidates*>& candidates, std::size_t t,
               bool unfiltered) {
    for (std::size_t k = 0; k < reach.identities.size(); ++k) {
      if (!unfiltered && !has(*candidates[k], t)) continue;
      const Identity& id = reach.identities[k];
      std::int8_t* memo = nullptr;
      if (k > 0) {  // a role: its answers are shared
        memo = &by_role_[id.principal][static_cast<std::uint32_t>(t)];
        if (*memo != kUnasked) {
          if (*memo == kYes) return true;
          continue;  // kNo
        }
      }
      Request asked = targets_[t].request;
      asked.principal = id.principal;
      UndecidedLog one;
      bool yes = false;
      {
        ScopedUndecidedLog use(one);
        yes = allowed_in_some_context(targets_[t].writer.empty() ? w_ : read_world_, id.who, asked)
                  .has_value();
      }
      if (UndecidedLog* outer = current_undecided_log())
        for (auto& reason : one.reasons()) outer->add(std::move(reason));
      if (memo && (yes || one.empty())) *memo = yes ? kYes : kNo;
      if (yes) return true;
    }
    return false;
  }

 private:
  static constexpr std::int8_t kUnasked = 0, kYes = 1, kNo = 2;
  const World& w_;
  const World& read_world_;
  const std::vector<Target>& targets_;
  // Per role, per target asked: sparse, as the candidates.
  std::unordered_map<std::string, std::unordered_map<std::uint32_t, std::int8_t>> by_role_;
};

}  // namespace

struct PairDecider::State {
  State(const World& w, const std::vector<Invariant>& queries)
      : world(w), all(considered_principals(w)), chains(w) {
    // Questions asked while working out the targets (the objects that can be written now).
    UndecidedLog undecided;
    ScopedUndecidedLog use_log(undecided);
    for (const auto& query : queries) {
      Query q{query.action, query.resource, query.headers, query.context, !query.headers.empty()};
      // One writer per new object: a path then shows the first writer found (valid, if not
      // always another principal's write), and asking about every writer is most of the work at
      // scale.
      for (auto& t : targets_for(w, q, all, chains, &warnings, false))
        targets.push_back(std::move(t));
    }
    read_world = with_written_objects(w, targets);
    targets_undecided = undecided.summary();
    for (const auto& t : targets) names.emplace_back(t.request.action, t.request.resource);
    filter.emplace(w, targets);
    answers.emplace(w, read_world, targets);
  }

  const World& world;
  const std::vector<std::string> all;
  RoleChains chains;
  std::vector<Target> targets;
  std::vector<std::pair<std::string, std::string>> names;
  World read_world;
  std::string targets_undecided;
  std::vector<std::string> warnings;
  std::optional<TargetFilter> filter;
  std::optional<Answers> answers;
  std::unordered_map<std::string, Candidates> role_candidates;  // by role
};

PairDecider::PairDecider(const World& world, const std::vector<Invariant>& queries)
    : state_(std::make_unique<State>(world, queries)) {}

PairDecider::~PairDecider() = default;

const std::vector<std::pair<std::string, std::string>>& PairDecider::targets() const {
  return state_->names;
}

std::set<std::string> PairDecider::reaching(const std::set<std::string>& arns) {
  std::set<std::string> out;
  UndecidedLog ignored;  // the pairs' own decisions report what was undecided
  ScopedUndecidedLog use_log(ignored);
  for (const auto& principal : state_->all) {
    const Reach reach = state_->chains.reach(principal);
    // A role it may or may not reach (an undecided AssumeRole) may be one of them: counted, so
    // its pairs are all decided and reported undecided rather than left out.
    if (!reach.undecided.empty()) {
      out.insert(principal);
      continue;
    }
    for (const auto& id : reach.identities)
      if (arns.count(id.principal)) {
        out.insert(principal);
        break;
      }
  }
  return out;
}

std::optional<std::set<std::string>> PairDecider::reach_of(const std::string& principal) {
  UndecidedLog ignored;  // the pairs' own decisions report what was undecided
  ScopedUndecidedLog use_log(ignored);
  const Reach reach = state_->chains.reach(principal);
  if (!reach.undecided.empty()) return std::nullopt;
  std::set<std::string> out;
  for (const auto& id : reach.identities) out.insert(id.principal);
  return out;
}

std::set<std::pair<std::string, std::string>> PairDecider::might_allow(
    const std::string& principal, const std::set<std::string>& identities) {
  State& s = *state_;
  UndecidedLog ignored;
  ScopedUndecidedLog use_log(ignored);
  const Reach reach = s.chains.reach(principal);
  std::set<std::pair<std::string, std::string>> out;
  bool any = false;
  for (const auto& id : reach.identities) {
    if (!identities.count(id.principal)) continue;
    any = true;
    for (std::uint32_t t : s.filter->candidates(id.who)) out.insert(s.names[t]);
  }
  if (any)
    for (std::uint32_t t : s.filter->unfiltered()) out.insert(s.names[t]);
  return out;
}

PairAccesses PairDecider::decide(const PairSelection& selection,
                                 const std::set<std::string>* paths_for) {
  State& s = *state_;
  PairAccesses out;
  out.undecided = s.targets_undecided;
  out.warnings = s.warnings;
  // A reach reports its undecided AssumeRole questions to the log in force: each pair takes them
  // from Reach::undecided instead.
  UndecidedLog chains_log;
  ScopedUndecidedLog use_log(chains_log);
  const std::vector<Target>& targets = s.targets;
  // The targets asked about for every principal, ascending.
  Candidates shared;
  for (std::size_t t = 0; t < selection.shared.size(); ++t)
    if (selection.shared[t]) shared.push_back(static_cast<std::uint32_t>(t));
  Candidates all_targets;  // filled when a reach with undecided questions asks about every one
  // The principals asked only about the shared targets are filtered by an index of those alone:
  // a few targets, not every family of every target for each of thousands of principals.
  std::optional<TargetFilter> shared_filter;
  std::unordered_map<std::string, Candidates> shared_role_candidates;  // by role
  if (selection.whole && !shared.empty()) shared_filter.emplace(s.world, targets, &shared);
  // As who_can, but every target on its own: one answer per (principal, action, resource). The
  // PutObject of one object is several targets (one per encryption choice): allowed when any is.
  for (const auto& principal : s.all) {
    const bool whole = !selection.whole || selection.whole->count(principal) > 0;
    if (!whole && shared.empty()) continue;
    if (paths_for) {  // any path wanted of this principal?
      auto next = paths_for->lower_bound(principal + "\n");
      if (next == paths_for->end() || !next->starts_with(principal + "\n")) continue;
    }
    const Reach reach = s.chains.reach(principal);
    const bool by_shared = !whole && shared_filter;
    TargetFilter& filter = by_shared ? *shared_filter : *s.filter;
    auto& role_candidates = by_shared ? shared_role_candidates : s.role_candidates;
    // What each identity of the reach might be allowed: a role's list is kept (many starts reach
    // the same roles), the start's is its own.
    Candidates own;
    std::vector<const Candidates*> candidates;
    for (std::size_t k = 0; k < reach.identities.size(); ++k) {
      const Identity& id = reach.identities[k];
      if (k == 0) {
        own = filter.candidates(id.who);
        candidates.push_back(&own);
        continue;
      }
      auto [it, fresh] = role_candidates.try_emplace(id.principal);
      if (fresh) it->second = filter.candidates(id.who);
      candidates.push_back(&it->second);
    }
    // The targets to look at: those some identity might be allowed; every wanted one when a
    // question on the way was undecided (each is then undecided unless allowed).
    Candidates look;
    if (!reach.undecided.empty()) {
      if (whole && all_targets.size() != targets.size()) {
        all_targets.resize(targets.size());
        for (std::size_t t = 0; t < targets.size(); ++t)
          all_targets[t] = static_cast<std::uint32_t>(t);
      }
      look = whole ? all_targets : shared;
    } else if (whole) {
      if (!reach.identities.empty()) look = s.filter->unfiltered();
      for (const Candidates* c : candidates) {
        Candidates merged;
        std::set_union(look.begin(), look.end(), c->begin(), c->end(), std::back_inserter(merged));
        look = std::move(merged);
      }
    } else {
      for (std::uint32_t t : shared) {
        bool might = !reach.identities.empty() && filter.unfiltered(t);
        for (const Candidates* c : candidates) might = might || has(*c, t);
        if (might) look.push_back(t);
      }
    }
    // A focus: only its targets and the shared ones.
    if (auto focus = selection.focus.find(principal); whole && focus != selection.focus.end()) {
      Candidates kept;
      for (std::uint32_t t : look)
        if ((t < selection.shared.size() && selection.shared[t]) || focus->second.count(s.names[t]))
          kept.push_back(t);
      look = std::move(kept);
    }
    std::set<std::pair<std::string, std::string>> allowed;  // (action, resource)
    std::vector<PairAccess> maybe;                          // undecided, in target order
    std::set<std::pair<std::string, std::string>> in_maybe;
    for (std::uint32_t i : look) {
      const std::pair<std::string, std::string>& key = s.names[i];
      if (allowed.count(key)) continue;
      if (paths_for && !paths_for->count(principal + "\n" + key.first + "\n" + key.second))
        continue;
      UndecidedLog asked;
      std::optional<Found> f;
      bool yes = false;
      const bool unfiltered = s.filter->unfiltered(i);
      bool possible = unfiltered && !reach.identities.empty();
      for (const Candidates* c : candidates) possible = possible || has(*c, i);
      if (possible) {
        ScopedUndecidedLog use_asked(asked);
        if (paths_for)
          f = find_access_in(s.world, reach, std::span<const Target>(&targets[i], 1), s.read_world);
        else
          yes = s.answers->allowed(reach, candidates, i, unfiltered);
      }
      if (f || yes) {
        allowed.insert(key);
        out.pairs.push_back(
            {principal, key.first, key.second, f ? std::move(f->example) : Counterexample{}, ""});
        continue;
      }
      std::vector<std::string> reasons = asked.reasons();
      reasons.insert(reasons.end(), reach.undecided.begin(), reach.undecided.end());
      if (reasons.empty()) continue;
      if (in_maybe.insert(key).second)
        maybe.push_back({principal, key.first, key.second, {}, reasons[0]});
    }
    for (auto& m : maybe)
      if (!allowed.count({m.action, m.resource})) out.pairs.push_back(std::move(m));
  }
  return out;
}

PairAccesses access_pairs(const World& world, const std::vector<Invariant>& queries,
                          const std::set<std::string>* paths_for, const std::string* only) {
  PairSelection selection;
  if (only) selection.whole = std::set<std::string>{*only};
  return PairDecider(world, queries).decide(selection, paths_for);
}

}  // namespace accesspath
