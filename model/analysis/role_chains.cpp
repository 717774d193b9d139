#include "model/analysis/role_chains.h"

#include <algorithm>
#include <set>

#include "model/analysis/access_graph.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"

namespace accesspath::paths {
std::vector<const Principal*> roles_of(const World& w) {
  std::vector<const Principal*> roles;
  for (const auto& p : w.principals)
    if (p.kind == PrincipalKind::kRole) roles.push_back(&p);
  return roles;
}

Request assume_request(const Identity& from, const Principal& role) {
  return Request{from.principal, assume_role_action(from.who), role.arn, {}, {}};
}

RoleChains::RoleChains(const World& w) : w_(w), roles_(roles_of(w)) {
  sessions_.resize(roles_.size());
  for (const auto& p : w.principals)
    for (const auto& holder : p.credentials_held_by) held_by_[holder].push_back(&p);
  // With a handful of roles, asking the evaluator costs less than building the index.
  if (roles_.size() < kIndexFrom) return;
  ResourceFamily family{"sts:AssumeRole", {}};
  for (const Principal* role : roles_)
    family.members.push_back({role->arn, role->account, role->trust_policy.get(), true, nullptr});
  index_ = std::make_unique<CandidateIndex>(std::move(family));
}

Reach RoleChains::reach(const std::string& start) {
  Reach r;
  auto who = resolve_requester(w_, start);
  if (!who) return r;
  r.identities.push_back({start, std::move(*who), -1});
  std::set<std::string_view> seen{start};
  // The users whose credentials the start holds (an escalation made them): it acts as each of
  // them, from the start of a chain (parent -1: no AssumeRole step leads there).
  if (auto held = held_by_.find(start); held != held_by_.end())
    for (const Principal* user : held->second)
      if (auto as_user = resolve_requester(w_, user->arn); as_user && seen.insert(user->arn).second)
        r.identities.push_back({user->arn, std::move(*as_user), -1});
  UndecidedLog* log = current_undecided_log();
  for (std::size_t i = 0; i < r.identities.size(); ++i) {
    for (std::size_t role : assumable(r.identities[i]))
      if (seen.insert(roles_[role]->arn).second)
        r.identities.push_back({roles_[role]->arn, *sessions_[role], static_cast<int>(i)});
    // The answers are cached per identity: its undecided questions are kept with them and
    // reported to the log in force at every reach through it, not only at the first.
    for (const auto& reason : undecided_[r.identities[i].principal]) {
      r.undecided.push_back(reason);
      if (log) log->add(reason);
    }
  }
  return r;
}

const std::vector<std::size_t>& RoleChains::assumable(const Identity& id) {
  auto [it, fresh] = edges_.try_emplace(id.principal);
  if (!fresh) return it->second;
  UndecidedLog asked;
  ScopedUndecidedLog use_asked(asked);
  struct Keep {  // what could not be decided is kept here; reach() reports it
    UndecidedLog& asked;
    std::vector<std::string>& kept;
    ~Keep() {
      for (auto& reason : asked.reasons()) kept.push_back(std::move(reason));
    }
  } keep{asked, undecided_[id.principal]};
  std::vector<std::uint32_t> candidates;
  // The index knows AWS principals; an identity of a federated provider asks every role.
  if (index_ && !id.who.is_federated()) {
    index_->candidates(id.who, candidates);
  } else {
    for (std::uint32_t i = 0; i < roles_.size(); ++i) candidates.push_back(i);
  }
  for (std::uint32_t role : candidates) {
    if (roles_[role]->arn == id.principal) continue;
    // In some request context: a trust policy may ask for MFA or an address (context_search.h).
    if (!allowed_in_some_context(w_, id.who, assume_request(id, *roles_[role]))) continue;
    if (!sessions_[role]) {
      sessions_[role] = resolve_requester(w_, roles_[role]->arn);
      if (!sessions_[role]) continue;
    }
    it->second.push_back(role);
  }
  return it->second;
}

// One start principal's reach in a world asked about once.
Reach reach_from(const World& w, const std::string& start) {
  return RoleChains(w).reach(start);
}

std::vector<PathStep> chain_steps(const World& w, const Reach& r, std::size_t index) {
  std::vector<std::size_t> chain;
  // Up to the start or a user whose credentials it holds (both have no parent).
  for (int i = static_cast<int>(index); r.identities[static_cast<std::size_t>(i)].parent >= 0;
       i = r.identities[static_cast<std::size_t>(i)].parent)
    chain.push_back(static_cast<std::size_t>(i));
  std::reverse(chain.begin(), chain.end());
  std::vector<PathStep> steps;
  for (std::size_t i : chain) {
    const Identity& to = r.identities[i];
    const Identity& from = r.identities[static_cast<std::size_t>(to.parent)];
    const Principal* role = w.find_principal(to.principal);
    const Request assume = assume_request(from, *role);
    auto witness = allowed_in_some_context(w, from.who, assume);
    Decision d = evaluate(w, from.who, witness ? witness->request : assume);
    steps.push_back({PathStep::Kind::kAssumeRole,
                     from.principal,
                     assume.action,
                     role->arn,
                     "",
                     allowing_statements(d),
                     witness ? witness->needs : std::vector<ContextNeed>{},
                     {}});
  }
  return steps;
}

}  // namespace accesspath::paths
