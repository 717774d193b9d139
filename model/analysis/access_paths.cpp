// Access paths: who can reach what, through role chains and (optionally) the changes they can
// make. Invariants (`check_invariant`), `who` queries and the readers of a bucket are decided here
// from the parts beside it: role_chains.h (who can become whom), access_targets.h (the requests a
// question is about, objects writable now included) and escalation.h (changes that open more).
// Every step is a question to the evaluator; nothing here re-implements an authorization rule.
#include "model/analysis/access_paths.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>

#include "model/analysis/access_candidates.h"
#include "model/analysis/access_targets.h"
#include "model/analysis/escalation.h"
#include "model/analysis/invariant_targets.h"
#include "model/analysis/role_chains.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"
#include "model/world/considered_principals.h"

namespace accesspath {
namespace {

using namespace invariant_targets;
using namespace paths;

// --- Finding one violation -------------------------------------------------------------------

struct Found {
  Counterexample example;
};

// The same with `start`'s reach already worked out (`reach.identities[0]` is `start`).
std::optional<Found> find_access_in(const World& w, const Reach& reach,
                                    std::span<const Target> targets, const World& read_world) {
  const std::string& start = reach.identities.front().principal;
  for (std::size_t i = 0; i < reach.identities.size(); ++i) {
    const Identity& id = reach.identities[i];
    for (const auto& t : targets) {
      Request asked = t.request;
      asked.principal = id.principal;
      const World& world = t.writer.empty() ? w : read_world;
      auto witness = allowed_in_some_context(world, id.who, asked);
      if (!witness) continue;
      const Request& r = witness->request;
      Found f;
      f.example.start = start;
      f.example.steps = t.write_steps;
      if (!t.writer.empty()) {
        // Prefer another principal's write (the point is reading someone else's data), the
        // shortest one; the reader's own write only when nobody else can.
        const std::vector<PathStep>* best = t.writer != start ? &t.write_steps : nullptr;
        for (const auto& [writer, steps] : t.other_writers)
          if (writer != start && (!best || steps.size() < best->size())) best = &steps;
        if (best) f.example.steps = *best;
      }
      for (auto& s : chain_steps(w, reach, i)) f.example.steps.push_back(std::move(s));
      Decision d = evaluate(world, id.who, r);
      // The headers the invariant's request sends (the caller-chosen ones are in `context`).
      std::string detail;
      for (const auto& [k, v] : asked.headers)
        detail += (detail.empty() ? "with " : ", ") + k + ": " + v;
      f.example.steps.push_back({PathStep::Kind::kAccess, id.principal, r.action, r.resource,
                                 detail, allowing_statements(d), std::move(witness->needs),
                                 asked.headers});
      return f;
    }
  }
  return std::nullopt;
}

std::optional<Found> find_access(const World& w, const std::string& start, RoleChains& chains,
                                 std::span<const Target> targets, const World& read_world) {
  Reach reach = chains.reach(start);
  if (reach.identities.empty()) return std::nullopt;
  return find_access_in(w, reach, targets, read_world);
}

}  // namespace

std::vector<std::string> roles_reachable_from(const World& world, const std::string& start) {
  std::vector<std::string> out;
  Reach reach = reach_from(world, start);
  for (std::size_t i = 1; i < reach.identities.size(); ++i)
    out.push_back(reach.identities[i].principal);
  return out;
}

InvariantOutcome check_invariant(const World& world, const Invariant& inv) {
  InvariantOutcome out;
  // Questions no request context could be decided for: a "holds" becomes undecided.
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  std::vector<std::string> all = considered_principals(world);
  std::vector<std::string> starts;
  for (const auto& p : all) {
    bool in_list = matches_any(inv.is_only ? inv.only : inv.never, p);
    if (inv.is_only ? !in_list : in_list) starts.push_back(p);
  }
  Query q{inv.action, inv.resource, inv.headers, inv.context, !inv.headers.empty()};
  if (!inv.via_escalation) {
    RoleChains chains(world);
    std::vector<Target> targets = targets_for(world, q, all, chains, &out.warnings);
    World read_world = with_written_objects(world, targets);
    for (const auto& start : starts) {
      if (auto f = find_access(world, start, chains, targets, read_world)) {
        out.holds = false;
        out.counterexample = std::move(f->example);
        out.reason = "`" + start + "` can `" + inv.action + "` `" +
                     out.counterexample->steps.back().target + "`";
        return out;
      }
    }
    if (!undecided.empty()) {
      out.holds = std::nullopt;
      out.reason = undecided.summary() + "; no access was found otherwise";
      return out;
    }
    out.holds = true;
    out.reason = "no considered principal " +
                 std::string(inv.is_only ? "outside the list" : "in the list") +
                 " can, in any request context";
    return out;
  }
  // Escalation: each start principal first makes every change it can, then we look again.
  std::string not_followed;
  for (const auto& start : starts) {
    Escalated e = escalate(world, start);
    RoleChains chains(e.world);
    if (not_followed.empty() && !e.failed.empty()) not_followed = e.failed.front();
    if (not_followed.empty()) not_followed = unfollowed_technique(e.world, chains.reach(start));
    std::vector<Target> targets =
        targets_for(e.world, q, all, chains, start == starts.front() ? &out.warnings : nullptr);
    World read_world = with_written_objects(e.world, targets);
    auto f = find_access(e.world, start, chains, targets, read_world);
    if (!f) continue;
    // Keep only the changes the violation needs: drop each one that is not necessary.
    std::vector<Edit> needed = e.applied;
    for (std::size_t i = needed.size(); i-- > 0;) {
      std::vector<Edit> fewer = needed;
      fewer.erase(fewer.begin() + static_cast<long>(i));
      std::optional<World> replayed = replay(world, fewer, start);
      if (!replayed) continue;  // a dropped change was needed to make a later one
      const World& w = *replayed;
      RoleChains w_chains(w);
      std::vector<Target> t2 = targets_for(w, q, all, w_chains, nullptr);
      World rw = with_written_objects(w, t2);
      if (find_access(w, start, w_chains, t2, rw)) needed = std::move(fewer);
    }
    std::optional<World> replayed = replay(world, needed, start);
    if (!replayed) continue;  // cannot happen: `needed` was replayed before
    const World& w = *replayed;
    RoleChains w_chains(w);
    std::vector<Target> t2 = targets_for(w, q, all, w_chains, nullptr);
    World rw = with_written_objects(w, t2);
    f = find_access(w, start, w_chains, t2, rw);
    if (!f) continue;  // cannot happen: `needed` was checked to still violate
    Counterexample c;
    c.start = start;
    // The changes, each made by the start principal or a role it reached (with that chain).
    World step_world = world;
    for (const auto& edit : needed) {
      Reach reach = reach_from(step_world, start);
      for (std::size_t i = 0; i < reach.identities.size(); ++i)
        if (reach.identities[i].principal == edit.step.actor) {
          for (auto& s : chain_steps(step_world, reach, i)) c.steps.push_back(std::move(s));
          break;
        }
      c.steps.push_back(edit.step);
      std::vector<std::string> arns;
      for (const auto& id : reach.identities) arns.push_back(id.principal);
      apply(edit, step_world, arns);  // cannot fail: replay() made the same changes
      step_world.reindex();
    }
    for (auto& s : f->example.steps) c.steps.push_back(std::move(s));
    out.holds = false;
    out.counterexample = std::move(c);
    out.reason = "`" + start + "` can `" + inv.action + "` `" +
                 out.counterexample->steps.back().target + "` after changes it can make";
    return out;
  }
  if (!not_followed.empty()) {
    out.holds = std::nullopt;
    out.reason = "cannot decide: " + not_followed + " (not followed by the escalation analysis); " +
                 "no other path was found";
    return out;
  }
  if (!undecided.empty()) {
    out.holds = std::nullopt;
    out.reason = undecided.summary() + "; no access was found otherwise";
    return out;
  }
  out.holds = true;
  out.reason =
      "no considered principal can, even after every policy change it can make, in any "
      "request context";
  return out;
}

std::vector<AccessFinding> who_can(const World& world, const Invariant& query,
                                   std::vector<std::string>* warnings) {
  std::vector<AccessFinding> out;
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  // Whatever is returned, say what could not be decided: the list may be missing principals.
  struct ReportUndecided {
    UndecidedLog& log;
    std::vector<std::string>* warnings;
    ~ReportUndecided() {
      if (warnings && !log.empty())
        warnings->push_back("undecided, so principals may be missing from this list: " +
                            log.summary());
    }
  } report{undecided, warnings};
  const std::vector<std::string> all = considered_principals(world);
  if (query.via_escalation) {
    // Each principal escalates on its own world: one check per principal.
    for (const auto& principal : all) {
      Invariant one = query;
      one.is_only = false;
      one.only.clear();
      one.never = {principal};
      InvariantOutcome o = check_invariant(world, one);
      if (warnings && principal == all.front())
        for (const auto& w : o.warnings) warnings->push_back(w);
      if (o.holds == false && o.counterexample)
        out.push_back({principal, std::move(*o.counterexample)});
      if (!o.holds && warnings) warnings->push_back("`" + principal + "`: " + o.reason);
    }
    return out;
  }
  // As check_invariant with `never: [principal]` for each principal, with the targets (and the
  // objects every considered principal can write) worked out once instead of once per principal.
  Query q{query.action, query.resource, query.headers, query.context, !query.headers.empty()};
  RoleChains chains(world);
  std::vector<Target> targets = targets_for(world, q, all, chains, warnings);
  World read_world = with_written_objects(world, targets);
  // `never: [principal]` starts from the principal alone: a considered principal's ARN has no
  // wildcard (the loader refuses `*` and `?` in user and role names), so it matches only itself.
  for (const auto& principal : all)
    if (auto f = find_access(world, principal, chains, targets, read_world))
      out.push_back({principal, std::move(f->example)});
  return out;
}

namespace {

// Which targets an identity might be allowed (access_candidates.h): a target no identity of a
// principal's reach might be allowed is certainly denied to that principal, and not asked about.
class TargetFilter {
 public:
  TargetFilter(const World& w, const std::vector<Target>& targets)
      : member_(targets.size(), {SIZE_MAX, 0}) {
    std::vector<ResourceFamily> families;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      std::string action = to_lower(targets[t].request.action);
      auto m = family_member(w, action, targets[t].request.resource);
      if (!m) continue;
      std::size_t f = 0;
      while (f < families.size() && families[f].action != action) ++f;
      if (f == families.size()) families.push_back({action, {}});
      member_[t] = {f, static_cast<std::uint32_t>(families[f].members.size())};
      families[f].members.push_back(std::move(*m));
    }
    for (auto& f : families) indexes_.push_back(std::make_unique<CandidateIndex>(std::move(f)));
  }

  // Sets possible[t] for every target `who` might be allowed (all unfiltered ones included).
  void mark(const Requester& who, std::vector<char>& possible) {
    std::vector<std::vector<char>> in_family;
    for (auto& index : indexes_) {
      index->candidates(who, scratch_);
      auto& marks = in_family.emplace_back(index->family().members.size(), 0);
      for (std::uint32_t m : scratch_) marks[m] = 1;
    }
    for (std::size_t t = 0; t < member_.size(); ++t) {
      auto [f, m] = member_[t];
      if (f == SIZE_MAX || in_family[f][m]) possible[t] = 1;
    }
  }

 private:
  std::vector<std::pair<std::size_t, std::uint32_t>> member_;  // per target: family, member
  std::vector<std::unique_ptr<CandidateIndex>> indexes_;
  std::vector<std::uint32_t> scratch_;
};

}  // namespace

// Whether identities may make the targets' requests, in some request context. A role's answers
// are kept: every start that reaches the role asks the same question (the access graph asks each
// identity once for the same reason). Undecided questions are not kept: they are asked again,
// so each start's log says so.
class Answers {
 public:
  Answers(const World& w, const World& read_world, const std::vector<Target>& targets)
      : w_(w), read_world_(read_world), targets_(targets) {}

  // `marks[k][t]`: identity k of the reach might be allowed target t (the candidate index).
  bool allowed(const Reach& reach, const std::vector<std::vector<char>>& marks, std::size_t t) {
    for (std::size_t k = 0; k < reach.identities.size(); ++k) {
      if (!marks[k][t]) continue;
      const Identity& id = reach.identities[k];
      std::vector<std::int8_t>* memo = nullptr;
      if (k > 0) {  // a role: its answers are shared
        memo = &by_role_[id.principal];
        if (memo->empty()) memo->assign(targets_.size(), kUnasked);
        if ((*memo)[t] == kYes) return true;
        if ((*memo)[t] == kNo) continue;
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
      if (memo && (yes || one.empty())) (*memo)[t] = yes ? kYes : kNo;
      if (yes) return true;
    }
    return false;
  }

 private:
  static constexpr std::int8_t kUnasked = 0, kYes = 1, kNo = 2;
  const World& w_;
  const World& read_world_;
  const std::vector<Target>& targets_;
  std::unordered_map<std::string, std::vector<std::int8_t>> by_role_;
};

PairAccesses access_pairs(const World& world, const std::vector<Invariant>& queries,
                          const std::set<std::string>* paths_for, const std::string* only) {
  PairAccesses out;
  // Questions asked while working out the targets (the objects that can be written now).
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  const std::vector<std::string> all = considered_principals(world);
  RoleChains chains(world);
  std::vector<Target> targets;
  for (const auto& query : queries) {
    Query q{query.action, query.resource, query.headers, query.context, !query.headers.empty()};
    // One writer per new object: a path then shows the first writer found (valid, if not always
    // another principal's write), and asking about every writer is most of the work at scale.
    for (auto& t : targets_for(world, q, all, chains, &out.warnings, false))
      targets.push_back(std::move(t));
  }
  World read_world = with_written_objects(world, targets);
  out.undecided = undecided.summary();
  TargetFilter filter(world, targets);
  Answers answers(world, read_world, targets);
  // As who_can, but every target on its own: one answer per (principal, action, resource). The
  // PutObject of one object is several targets (one per encryption choice): allowed when any is.
  for (const auto& principal : all) {
    if (only && principal != *only) continue;
    const Reach reach = chains.reach(principal);
    std::vector<char> possible(targets.size(), 0);
    std::vector<std::vector<char>> marks;  // per identity of the reach
    for (const auto& id : reach.identities) {
      filter.mark(id.who, marks.emplace_back(targets.size(), 0));
      for (std::size_t t = 0; t < targets.size(); ++t) possible[t] |= marks.back()[t];
    }
    std::set<std::pair<std::string, std::string>> allowed;  // (action, resource)
    std::vector<PairAccess> maybe;                          // undecided, in target order
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Target& t = targets[i];
      std::pair<std::string, std::string> key{t.request.action, t.request.resource};
      if (allowed.count(key)) continue;
      if (paths_for && !paths_for->count(principal + "\n" + key.first + "\n" + key.second))
        continue;
      UndecidedLog asked;
      std::optional<Found> f;
      bool yes = false;
      if (possible[i] && !reach.identities.empty()) {
        ScopedUndecidedLog use_asked(asked);
        if (paths_for)
          f = find_access_in(world, reach, std::span<const Target>(&t, 1), read_world);
        else
          yes = answers.allowed(reach, marks, i);
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
      auto known = std::find_if(maybe.begin(), maybe.end(), [&](const PairAccess& m) {
        return m.action == key.first && m.resource == key.second;
      });
      if (known == maybe.end()) maybe.push_back({principal, key.first, key.second, {}, reasons[0]});
    }
    for (auto& m : maybe)
      if (!allowed.count({m.action, m.resource})) out.pairs.push_back(std::move(m));
  }
  return out;
}

}  // namespace accesspath
