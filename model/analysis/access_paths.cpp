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
#include "model/analysis/find_access.h"
#include "model/analysis/invariant_targets.h"
#include "model/analysis/role_chains.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"
#include "model/world/considered_principals.h"

namespace accesspath {

using namespace invariant_targets;
using namespace paths;

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

}  // namespace accesspath
