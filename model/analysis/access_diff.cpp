#include "model/analysis/access_diff.h"

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "model/analysis/access_pairs.h"
#include "model/analysis/diff_reasons.h"
#include "model/analysis/escalation.h"
#include "model/analysis/invariant_targets.h"
#include "model/policy/action_catalog.h"
#include "model/world/considered_principals.h"
#include "model/world/world_changes.h"

namespace accesspath {
namespace {

using PairKey = std::tuple<std::string, std::string, std::string>;  // principal, action, resource

// The resources an action is compared on: the declared ones of the kind it is authorized
// against (Service Authorization Reference, through the action catalog), and for S3 objects the
// objects that can be written now as well; an action the catalog does not know, every declared
// resource.
std::string resource_pattern(ActionResource kind) {
  switch (kind) {
    case ActionResource::kNone:
      return "*";
    case ActionResource::kS3Bucket:
      return "arn:aws:s3:::*";  // matches objects too: those are left out below
    case ActionResource::kS3Object:
      return "arn:aws:s3:::*/*";
    case ActionResource::kKmsKey:
      return "arn:aws:kms:*";
    case ActionResource::kIamRole:
      return "arn:aws:iam::*:role/*";
    case ActionResource::kIamUser:
      return "arn:aws:iam::*:user/*";
    case ActionResource::kIamGroup:
      return "arn:aws:iam::*:group/*";
    case ActionResource::kIamPolicy:
      return "arn:aws:iam::*:policy/*";
    case ActionResource::kOther:
      break;
  }
  return "arn:*";
}

bool is_object(std::string_view arn) {
  constexpr std::string_view kS3 = "arn:aws:s3:::";
  return arn.starts_with(kS3) && arn.find('/') != std::string_view::npos;
}

struct Side {
  std::map<PairKey, PairAccess> pairs;
  std::vector<UndecidedChange> undecided;  // not tied to one pair
};

std::string name(const PairKey& k) {
  return std::get<0>(k) + "\n" + std::get<1>(k) + "\n" + std::get<2>(k);
}

// The queries of the actions; with a scope, only about what the change can affect: the objects
// and the bucket of a changed bucket; every object and the key itself when a key changed (any
// object may be stored or written under it); nothing else when only buckets and keys changed
// (role chains, identity policies and other resources are the same on both sides).
std::vector<Invariant> queries_for(const std::vector<std::string>& actions,
                                   const ChangeScope* scope) {
  std::vector<Invariant> queries;
  for (const auto& pattern : actions)
    for (const auto& action : invariant_targets::expand_actions(pattern)) {
      auto info = lookup_action(action);
      ActionResource kind = info ? info->resource : ActionResource::kOther;
      std::vector<std::string> resources = {resource_pattern(kind)};
      if (scope && !scope->everything) {
        resources.clear();
        if (kind == ActionResource::kS3Object && !scope->keys.empty())
          resources = {resource_pattern(kind)};
        else if (kind == ActionResource::kS3Object)
          for (const auto& b : scope->buckets) resources.push_back("arn:aws:s3:::" + b + "/*");
        else if (kind == ActionResource::kS3Bucket)
          for (const auto& b : scope->buckets) resources.push_back("arn:aws:s3:::" + b);
        else if (kind == ActionResource::kKmsKey)
          resources.assign(scope->keys.begin(), scope->keys.end());
      }
      for (auto& resource : resources) {
        Invariant& q = queries.emplace_back();
        q.name = "diff";
        q.action = info ? std::string(info->name) : action;
        q.resource = std::move(resource);
      }
    }
  return queries;
}

// Their patterns match objects too: those are left out.
bool bucket_action_on_object(const std::string& action, const std::string& resource) {
  auto info = lookup_action(action);
  return info && info->resource == ActionResource::kS3Bucket && is_object(resource);
}

Side decide(const Scenario& s, const std::string& side, PairDecider& decider,
            const PairSelection& selection) {
  Side out;
  PairAccesses found = decider.decide(selection);
  if (!found.undecided.empty())
    out.undecided.push_back({"*", "*", "*",
                             side + " `" + s.file + "`: " + found.undecided +
                                 "; objects that can be written may be missing"});
  for (auto& p : found.pairs) {
    if (bucket_action_on_object(p.action, p.resource)) continue;
    PairKey k{p.principal, p.action, p.resource};
    out.pairs.emplace(std::move(k), std::move(p));
  }
  return out;
}

// The allowed pairs named in `wanted`, each with its path, in the order the decider gives.
std::vector<PairAccess> with_paths(PairDecider& decider, const std::set<std::string>& wanted,
                                   const PairSelection& selection = {}) {
  std::vector<PairAccess> out;
  if (wanted.empty()) return out;
  for (auto& p : decider.decide(selection, &wanted).pairs)
    if (p.undecided.empty() && !bucket_action_on_object(p.action, p.resource) &&
        wanted.count(name({p.principal, p.action, p.resource})))
      out.push_back(std::move(p));
  return out;
}

// The bucket an S3 ARN names ("" for another ARN).
std::string_view bucket_of(std::string_view arn) {
  constexpr std::string_view kS3 = "arn:aws:s3:::";
  if (!arn.starts_with(kS3)) return {};
  arn.remove_prefix(kS3.size());
  return arn.substr(0, arn.find('/'));
}

// When principals changed (scope.principals): the targets of `mine` every principal is asked
// about, not only those whose reach meets a changed principal. A principal whose reach does not
// meet one has the same identities with the same policies on both sides, so only what is done to
// the changed resources (buckets, keys, the changed principals themselves) and the objects that
// can be written on one side only (a changed principal may write a new kind) can differ for it.
// A changed key may be the one any object is stored or written under: every object then.
std::vector<char> shared_targets(const std::vector<std::pair<std::string, std::string>>& mine,
                                 const std::vector<std::pair<std::string, std::string>>& theirs,
                                 const ChangeScope& scope) {
  const std::set<std::pair<std::string, std::string>> other(theirs.begin(), theirs.end());
  std::vector<char> out(mine.size(), 0);
  for (std::size_t t = 0; t < mine.size(); ++t) {
    const auto& [action, resource] = mine[t];
    std::string_view bucket = bucket_of(resource);
    out[t] = !other.count(mine[t]) || scope.principals.count(resource) > 0 ||
             scope.keys.count(resource) > 0 ||
             (!bucket.empty() && scope.buckets.count(std::string(bucket)) > 0) ||
             (is_object(resource) && !scope.keys.empty());
  }
  return out;
}

// What a principal that reaches a changed one can do differently: only what the identities of
// its reach that differ might be allowed. An identity acts the same in both worlds (its session
// does not depend on the chain that reached it, nor on its own trust policy) unless it changed as
// a caller (`changed`: ChangeScope::identities); so a pair differs only through such an identity
// or one that is in the reach on one side only, and only on the targets such an identity might
// be allowed on its side (or the shared ones, the changed principals' own resources among them,
// asked of everyone). A principal whose reach is not known on a side is asked about every target.
std::map<std::string, std::set<std::pair<std::string, std::string>>> focus_of(
    PairDecider& base, PairDecider& next, const std::set<std::string>& whole,
    const std::set<std::string>& changed) {
  std::map<std::string, std::set<std::pair<std::string, std::string>>> out;
  for (const auto& principal : whole) {
    auto in_base = base.reach_of(principal), in_next = next.reach_of(principal);
    if (!in_base || !in_next) continue;
    auto differing = [&](const std::set<std::string>& mine, const std::set<std::string>& theirs) {
      std::set<std::string> d;
      for (const auto& id : mine)
        if (changed.count(id) || !theirs.count(id)) d.insert(id);
      return d;
    };
    auto names = base.might_allow(principal, differing(*in_base, *in_next));
    names.merge(next.might_allow(principal, differing(*in_next, *in_base)));
    out.emplace(principal, std::move(names));
  }
  return out;
}

void check_accounts(const Scenario& a, const Scenario& b, const char* side_b, Diagnostics& errors) {
  for (std::size_t i = 0; i < b.world.accounts.size(); ++i) {
    const std::string& id = b.world.accounts[i].id;
    if (a.world.find_account(id)) continue;
    Diagnostic d;
    d.file = b.file;
    d.pointer = pointer_join("/accounts", i);
    d.message = "account `" + id + "` is declared in " + side_b + " but not in `" + a.file +
                "`: worlds over different accounts cannot be compared (their outsiders differ)";
    errors.add(std::move(d));
  }
}

// An access found in one world (whose policies `here` indexes) compared with `other` (indexed by
// `there`).
AccessChange change(const PairAccess& p, const diff_reasons::PolicyIndex& here,
                    const diff_reasons::PolicyIndex& there, const World& other) {
  AccessChange c{p.principal, p.action, p.resource, p.path, {}, {}, {}, false};
  c.changed = diff_reasons::changed_statements(p.path, here, there);
  diff_reasons::Refusal r = diff_reasons::first_refused_step(p.path, other);
  c.other_side = std::move(r.reason);
  c.other_side_denies = std::move(r.denies);
  return c;
}

// The pairs of one principal, decided in a world.
std::map<PairKey, PairAccess> pairs_of(PairDecider& decider, const std::string& principal) {
  std::map<PairKey, PairAccess> out;
  for (auto& p : decider.decide({std::set<std::string>{principal}, {}, {}}).pairs)
    if (!bucket_action_on_object(p.action, p.resource))
      out.emplace(PairKey{p.principal, p.action, p.resource}, std::move(p));
  return out;
}

// An access found in `e` (one side escalated by the principal) and not in `other_e` (the other
// side escalated by it): the changes it needs, then the access; the statements compared with the
// other side (those that allowed the changes, in the world before them, and those of the access
// after them).
struct EscalatedSide {
  const World& start;  // the world before the changes
  const paths::Escalated& escalated;
  const diff_reasons::PolicyIndex& before;  // the world before the changes
  diff_reasons::PolicyIndex after;          // the world after them
};

// The pair `p`, with its path, if `w` allows it: asked alone (its bucket's objects for an object,
// so that the objects that can be written now are named as the whole comparison names them).
std::optional<PairAccess> allowed_pair(const World& w, const PairAccess& p) {
  Invariant q;
  q.name = "diff";
  q.action = p.action;
  q.resource = p.resource;
  if (std::string_view bucket = bucket_of(p.resource); !bucket.empty() && is_object(p.resource))
    q.resource = "arn:aws:s3:::" + std::string(bucket) + "/*";
  const std::set<std::string> wanted{name({p.principal, p.action, p.resource})};
  PairDecider decider(w, {q});
  for (auto& found : decider.decide({std::set<std::string>{p.principal}, {}, {}}, &wanted).pairs)
    if (found.undecided.empty() && found.principal == p.principal && found.action == p.action &&
        found.resource == p.resource)
      return std::move(found);
  return std::nullopt;
}

// The changes of `e` the access `p` needs: each dropped in turn, last first, when the access
// remains without it (as an invariant's counterexample is trimmed, access_paths.cpp), with the
// access in the world after the changes kept. `p` itself when every change is needed.
struct Needed {
  std::vector<paths::Edit> edits;
  std::optional<World> world;  // after `edits`, when fewer than all
  PairAccess access;
};
Needed needed_changes(const World& start, const paths::Escalated& e, const PairAccess& p) {
  Needed out{e.applied, std::nullopt, p};
  for (std::size_t i = out.edits.size(); i-- > 0;) {
    std::vector<paths::Edit> fewer = out.edits;
    fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
    std::optional<World> replayed = paths::replay(start, fewer, p.principal);
    if (!replayed) continue;  // a dropped change was needed to make a later one
    std::optional<PairAccess> still = allowed_pair(*replayed, p);
    if (!still) continue;
    out.edits = std::move(fewer);
    out.world = std::move(replayed);
    out.access = std::move(*still);
  }
  return out;
}

AccessChange escalated_change(const PairAccess& p, const EscalatedSide& here,
                              const EscalatedSide& there) {
  Needed needed = needed_changes(here.start, here.escalated, p);
  std::optional<diff_reasons::PolicyIndex> trimmed;
  if (needed.world) trimmed.emplace(*needed.world);
  AccessChange c =
      change(needed.access, trimmed ? *trimmed : here.after, there.after, there.escalated.world);
  Counterexample made{p.principal, {}};
  for (const auto& edit : needed.edits) made.steps.push_back(edit.step);
  std::vector<StatementRef> changed =
      diff_reasons::changed_statements(made, here.before, there.before);
  changed.insert(changed.end(), c.changed.begin(), c.changed.end());
  c.changed = std::move(changed);
  made.steps.insert(made.steps.end(), c.path.steps.begin(), c.path.steps.end());
  c.path = std::move(made);
  if (!c.other_side.empty()) c.other_side = "after its changes there: " + c.other_side;
  c.via_escalation = true;
  return c;
}

// `--via escalation`: for each principal considered in both worlds that can change something in
// either, the pairs it reaches after its changes in BASE and in NEW; those not already added,
// removed or undecided in the plain comparison are added, removed or undecided through
// escalation. A principal that can change nothing on either side reaches what it reached.
void compare_escalated(const Scenario& base, const Scenario& next,
                       const std::vector<Invariant>& queries, AccessDiff& d) {
  std::set<PairKey> seen;  // the plain comparison's entries
  for (const auto* list : {&d.added, &d.removed})
    for (const auto& c : *list) seen.insert({c.principal, c.action, c.resource});
  for (const auto& u : d.undecided) seen.insert({u.principal, u.action, u.resource});
  const diff_reasons::PolicyIndex base_index(base.world), next_index(next.world);
  std::vector<std::string> in_base = considered_principals(base.world);
  std::set<std::string> both(in_base.begin(), in_base.end());
  std::vector<AccessChange> added, removed;
  for (const auto& principal : considered_principals(next.world)) {
    if (!both.count(principal)) continue;  // all its accesses are compared above
    paths::Escalated eb = paths::escalate(base.world, principal);
    paths::Escalated en = paths::escalate(next.world, principal);
    if (eb.applied.empty() && en.applied.empty() && eb.failed == en.failed) continue;
    if (eb.failed != en.failed) {
      const auto& failed = en.failed.empty() ? eb.failed : en.failed;
      d.undecided.push_back({principal, "*", "*",
                             std::string(en.failed.empty() ? "BASE" : "NEW") +
                                 ": a change it may make could not be made to the model (" +
                                 failed.front() + "): what it opens is unknown"});
    }
    PairDecider decide_base(eb.world, queries), decide_next(en.world, queries);
    auto before = pairs_of(decide_base, principal);
    auto after = pairs_of(decide_next, principal);
    std::set<std::string> gained, lost;
    auto undecided = [&](const PairKey& k, const std::string& why) {
      d.undecided.push_back(
          {std::get<0>(k), std::get<1>(k), std::get<2>(k), "through escalation: " + why});
    };
    for (const auto& [k, now] : after) {
      if (seen.count(k)) continue;
      auto was = before.find(k);
      const bool was_allowed = was != before.end() && was->second.undecided.empty();
      if (!now.undecided.empty()) {
        if (!was_allowed) undecided(k, "NEW `" + next.file + "`: " + now.undecided);
      } else if (was != before.end() && !was_allowed) {
        undecided(k, "allowed in NEW; BASE `" + base.file + "`: " + was->second.undecided);
      } else if (!was_allowed) {
        gained.insert(name(k));
      }
    }
    for (const auto& [k, was] : before) {
      if (seen.count(k) || after.count(k)) continue;
      if (!was.undecided.empty())
        undecided(k, "BASE `" + base.file + "`: " + was.undecided);
      else
        lost.insert(name(k));
    }
    if (gained.empty() && lost.empty()) continue;
    const EscalatedSide b{base.world, eb, base_index, diff_reasons::PolicyIndex(eb.world)};
    const EscalatedSide n{next.world, en, next_index, diff_reasons::PolicyIndex(en.world)};
    const PairSelection one{std::set<std::string>{principal}, {}, {}};
    for (auto& p : with_paths(decide_next, gained, one)) added.push_back(escalated_change(p, n, b));
    for (auto& p : with_paths(decide_base, lost, one)) removed.push_back(escalated_change(p, b, n));
  }
  d.added.insert(d.added.end(), added.begin(), added.end());
  d.removed.insert(d.removed.end(), removed.begin(), removed.end());
}

}  // namespace

const std::vector<std::string>& default_diff_actions() {
  static const std::vector<std::string> kActions = {
      // data
      "s3:GetObject", "s3:PutObject", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
      // control: taking a role, and every permission that changes a policy (contract,
      // invariants, `"via": "escalation"`)
      "sts:AssumeRole", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
      "s3:PutEncryptionConfiguration", "kms:PutKeyPolicy", "kms:CreateGrant", "iam:PutRolePolicy",
      "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutGroupPolicy",
      "iam:AttachGroupPolicy", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy",
      "iam:AddUserToGroup", "kms:EnableKey", "kms:CancelKeyDeletion",
      // permissions whose escalation is not followed, so a verdict that needs them is null:
      // a diff should still show who gains them
      "iam:PassRole", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
      "iam:SetDefaultPolicyVersion"};
  return kActions;
}

DiffResult diff_scenarios(const Scenario& base, const Scenario& next, const DiffOptions& options) {
  DiffResult out;
  check_accounts(base, next, "NEW", out.errors);
  check_accounts(next, base, "BASE", out.errors);
  if (out.errors.has_errors()) return out;
  const std::vector<std::string>& actions =
      options.actions.empty() ? default_diff_actions() : options.actions;
  std::optional<ChangeScope> scope;
  if (options.incremental && !options.via_escalation)
    scope = changed_between(base.world, next.world);
  // Only buckets and keys changed: only their resources are asked about. Principals changed:
  // every resource, but every pair only of the principals whose reach meets a changed one.
  const bool by_principal = scope && !scope->everything && !scope->principals.empty();
  const std::vector<Invariant> queries =
      queries_for(actions, scope && !by_principal ? &*scope : nullptr);
  // The two worlds are worked out side by side (each decider is its own; the evaluator's memos
  // and undecided logs are per thread).
  auto base_building = std::async(
      std::launch::async, [&] { return std::make_unique<PairDecider>(base.world, queries); });
  PairDecider next_decider(next.world, queries);
  const std::unique_ptr<PairDecider> base_owned = base_building.get();
  PairDecider& base_decider = *base_owned;
  PairSelection base_selection, next_selection;
  if (by_principal) {
    std::set<std::string> whole = base_decider.reaching(scope->principals);
    whole.merge(next_decider.reaching(scope->principals));
    base_selection.whole = next_selection.whole = std::move(whole);
    base_selection.shared = shared_targets(base_decider.targets(), next_decider.targets(), *scope);
    next_selection.shared = shared_targets(next_decider.targets(), base_decider.targets(), *scope);
    base_selection.focus = next_selection.focus =
        focus_of(base_decider, next_decider, *base_selection.whole, scope->identities);
  }
  auto base_deciding = std::async(
      std::launch::async, [&] { return decide(base, "BASE", base_decider, base_selection); });
  Side after = decide(next, "NEW", next_decider, next_selection);
  Side before = base_deciding.get();
  AccessDiff d;
  std::set<std::string> added, removed;  // the pairs whose paths are worked out
  d.undecided = std::move(before.undecided);
  d.undecided.insert(d.undecided.end(), after.undecided.begin(), after.undecided.end());
  auto undecided = [&](const PairKey& k, const std::string& why) {
    d.undecided.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), why});
  };
  // Added and undecided in NEW's order, then removed in BASE's (both ordered by key).
  for (const auto& [k, now] : after.pairs) {
    auto was = before.pairs.find(k);
    const bool was_allowed = was != before.pairs.end() && was->second.undecided.empty();
    const bool was_undecided = was != before.pairs.end() && !was->second.undecided.empty();
    if (!now.undecided.empty()) {
      if (!was_allowed)
        undecided(k, "NEW `" + next.file + "`: " + now.undecided);
      else
        undecided(k, "allowed in BASE; NEW `" + next.file + "`: " + now.undecided);
      continue;
    }
    if (was_allowed) continue;
    if (was_undecided) {
      undecided(k, "allowed in NEW; BASE `" + base.file + "`: " + was->second.undecided);
      continue;
    }
    added.insert(name(k));
  }
  for (const auto& [k, was] : before.pairs) {
    if (after.pairs.count(k)) continue;  // decided above
    if (!was.undecided.empty()) {
      undecided(k, "BASE `" + base.file + "`: " + was.undecided);
      continue;
    }
    removed.insert(name(k));
  }
  // Paths only for what changed: an explained evaluation of every step is the expensive part.
  if (!added.empty() || !removed.empty()) {
    const diff_reasons::PolicyIndex base_index(base.world), next_index(next.world);
    for (auto& p : with_paths(next_decider, added))
      d.added.push_back(change(p, next_index, base_index, base.world));
    for (auto& p : with_paths(base_decider, removed))
      d.removed.push_back(change(p, base_index, next_index, next.world));
  }
  if (options.via_escalation) compare_escalated(base, next, queries, d);
  out.diff = std::move(d);
  return out;
}

}  // namespace accesspath
