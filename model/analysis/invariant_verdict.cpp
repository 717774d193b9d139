// The steps follow check_invariant in access_paths.cpp one for one (considered principals, role
// chains, targets, the objects that can be written now, the access); the comments name the
// function there each part mirrors, so a change there is easy to carry over.
#include "model/analysis/invariant_verdict.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/analysis/access_candidates.h"
#include "model/analysis/access_paths.h"
#include "model/analysis/denied_to_everyone.h"
#include "model/analysis/invariant_targets.h"
#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/services/evaluator.h"
#include "model/services/s3_service.h"
#include "model/symbolic/some_context.h"
#include "model/world/request.h"

namespace accesspath {
namespace {

using namespace invariant_targets;

struct Identity {
  std::string principal;
  Requester who;
};

// Every considered principal resolved once (a role as its session). Any role chain only passes
// through declared roles, which are considered principals too, so these are all the identities
// that can act: the writers of new objects, and the links of every chain.
class Identities {
 public:
  Identities(const World& w, const std::vector<std::string>& considered) : w_(w) {
    for (const auto& p : considered)
      if (auto who = resolve_requester(w, p)) {
        index_.emplace(p, all_.size());
        all_.push_back({p, std::move(*who)});
      }
    roles_.reserve(w.principals.size());
    for (const auto& p : w.principals)
      if (p.kind == PrincipalKind::kRole)
        if (auto it = index_.find(p.arn); it != index_.end()) roles_.push_back(it->second);
    assumable_.resize(all_.size());
  }

  const std::vector<Identity>& all() const { return all_; }

  // reach_from (access_paths.cpp): the identities these principals are or can become through
  // role chains, each once. One AssumeRole question per (identity, role), however many
  // principals share the chain.
  std::vector<const Identity*> reach(const std::vector<std::string>& starts) {
    std::vector<char> seen(all_.size(), 0);
    std::vector<std::size_t> queue;
    for (const auto& s : starts)
      if (auto it = index_.find(s); it != index_.end() && !seen[it->second]) {
        seen[it->second] = 1;
        queue.push_back(it->second);
      }
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (std::size_t role : assumable(queue[i]))
        if (!seen[role]) {
          seen[role] = 1;
          queue.push_back(role);
        }
    std::vector<const Identity*> out;
    for (std::size_t i : queue) out.push_back(&all_[i]);
    return out;
  }

 private:
  const std::vector<std::size_t>& assumable(std::size_t from) {
    auto& roles = assumable_[from];
    if (roles) return *roles;
    roles.emplace();
    const Identity& id = all_[from];
    for (std::size_t role : roles_) {
      if (role == from) continue;
      Request assume{id.principal, assume_role_action(id.who), all_[role].principal, {}, {}};
      if (allowed_in_some_context(w_, id.who, assume)) roles->push_back(role);
    }
    return *roles;
  }

  const World& w_;
  std::vector<Identity> all_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::size_t> roles_;  // indices of the declared roles
  std::vector<std::optional<std::vector<std::size_t>>> assumable_;
};

struct NewObject {
  std::size_t bucket = 0;  // index into world.buckets
  std::string key;
  Encryption encryption;
};

// writable_objects, with one writer per (bucket, encryption): that is all a verdict needs. The
// encryption S3 chooses depends on the bucket and the headers only (and, for a key named by id
// or alias, on the writer's account), so it is worked out once per header variant.
std::vector<NewObject> writable_objects(const World& w, const BucketPattern& pattern,
                                        const std::vector<Identity>& writers) {
  std::vector<NewObject> out;
  // The ways of writing into each bucket worth asking about (put_variants).
  const std::vector<PlannedPut> plan = planned_puts(w, pattern);
  NewObjectWriters filter(w, plan);
  std::vector<std::pair<std::size_t, std::string>> written;  // (bucket, encryption tag)
  UndecidedWrites undecided;
  for (const auto& [bi, variant] : plan) {
    const Bucket& b = w.buckets[bi];
    Request probe{"", "s3:PutObject", "", variant.headers, {}};
    const bool per_account = !variant.same_for_all;
    const std::string* chosen_for = nullptr;  // the account `object` was worked out for
    std::optional<NewObject> object;          // nullopt: the key does not resolve, or denied
    std::string tag;
    std::size_t member = SIZE_MAX;
    for (std::size_t wi = 0; wi < writers.size(); ++wi) {
      const Identity& id = writers[wi];
      if (id.who.is_anonymous() && variant.kms_header) continue;
      if (!chosen_for || (per_account && *chosen_for != id.who.account)) {
        chosen_for = &id.who.account;
        object.reset();
        auto kind =
            per_account ? written_kind(w, b, pattern, variant, id.who.account) : variant.fixed;
        if (!kind || (per_account && !may_be_written(b, variant, *kind))) continue;
        tag = kind->tag;
        member = filter.member(bi, tag);
        object = NewObject{bi, concrete_key(pattern.key, tag), kind->encryption};
        probe.resource = kind->resource;
      }
      if (!object) continue;
      if (std::find(written.begin(), written.end(), std::pair{bi, tag}) != written.end()) {
        if (!per_account) break;  // every other writer would write the same object
        continue;
      }
      if (!filter.may_write(id.principal, id.who, member)) continue;
      probe.principal = id.principal;
      if (!undecided.allowed(w, id.who, probe, std::to_string(bi) + "/" + tag)) continue;
      out.push_back(*object);
      written.emplace_back(bi, tag);
      if (!per_account) break;  // every other writer would write the same object
    }
  }
  undecided.report([&](const std::string& object) {
    return std::any_of(written.begin(), written.end(), [&](const auto& bt) {
      return std::to_string(bt.first) + "/" + bt.second == object;
    });
  });
  return out;
}

// find_access: whether any of these identities may make any of the requests (given without a
// principal; it is filled in here). Requests on S3 objects are first filtered by the candidate
// index of their action (access_candidates.h): an identity with no policy that could allow
// the request is certainly denied, and is not asked about it.
bool any_allowed(const World& w, const std::vector<const Identity*>& identities,
                 std::vector<Request>& targets) {
  struct Family {
    std::vector<std::size_t> targets;  // per member: its request
    std::optional<CandidateIndex> index;
  };
  std::vector<std::pair<std::string, Family>> families;  // by action
  std::vector<std::size_t> unfiltered;                   // requests asked of everyone
  {
    std::vector<ResourceFamily> members;
    constexpr std::string_view kS3 = "arn:aws:s3:::";
    for (std::size_t t = 0; t < targets.size(); ++t) {
      std::string_view arn = targets[t].resource;
      std::size_t slash = arn.find('/');
      const Bucket* b = arn.substr(0, kS3.size()) == kS3 && slash != std::string_view::npos
                            ? w.find_bucket(arn.substr(kS3.size(), slash - kS3.size()))
                            : nullptr;
      if (!b) {
        unfiltered.push_back(t);
        continue;
      }
      std::size_t f = 0;
      while (f < families.size() && families[f].first != targets[t].action) ++f;
      if (f == families.size()) {
        families.emplace_back(targets[t].action, Family{});
        members.push_back({targets[t].action, {}});
      }
      families[f].second.targets.push_back(t);
      members[f].members.push_back({std::string(arn), b->account, b->policy.get(), false, nullptr});
    }
    for (std::size_t f = 0; f < families.size(); ++f)
      families[f].second.index.emplace(std::move(members[f]));
  }
  auto allowed = [&](const Identity* id, Request& r) {
    r.principal = id->principal;
    return allowed_in_some_context(w, id->who, r).has_value();
  };
  std::vector<std::uint32_t> candidates;
  for (const Identity* id : identities) {
    for (std::size_t t : unfiltered)
      if (allowed(id, targets[t])) return true;
    for (auto& [action, family] : families) {
      family.index->candidates(id->who, candidates);
      for (std::uint32_t m : candidates)
        if (allowed(id, targets[family.targets[m]])) return true;
    }
  }
  return false;
}

// Removes the objects it added to the world when it goes out of scope.
class AddedObjects {
 public:
  explicit AddedObjects(World& w) : w_(w) {}
  ~AddedObjects() {
    for (auto it = added_.rbegin(); it != added_.rend(); ++it) w_.buckets[*it].objects.pop_back();
  }
  AddedObjects(const AddedObjects&) = delete;
  AddedObjects& operator=(const AddedObjects&) = delete;
  void add(const NewObject& o) {
    w_.buckets[o.bucket].objects.push_back({o.key, o.encryption, {}, false});
    added_.push_back(o.bucket);
  }

 private:
  World& w_;
  std::vector<std::size_t> added_;
};

}  // namespace

namespace {

std::optional<bool> verdict_in_every_context(World& w, const Invariant& inv) {
  std::vector<std::string> all = considered_principals(w);
  std::vector<std::string> starts;
  for (const auto& p : all) {
    bool listed = matches_any(inv.is_only ? inv.only : inv.never, p);
    if (inv.is_only ? !listed : listed) starts.push_back(p);
  }
  Identities identities(w, all);
  std::vector<const Identity*> start_reach = identities.reach(starts);
  if (start_reach.empty()) return true;

  // targets_for: requests on declared resources (and new objects for writes), then the reads of
  // objects that can be written now.
  std::vector<Request> declared;
  std::vector<std::string> new_object_reads;  // the read actions that also target new objects
  BucketPattern bp = split_s3_pattern(inv.resource);
  for (const auto& action : expand_actions(inv.action)) {
    std::string lower = to_lower(action);
    if (lower == "s3:putobject") {
      for (const auto& b : w.buckets) {
        if (!bp.object || !wildcard_match(bp.bucket, b.name, CaseMode::kSensitive)) continue;
        std::string arn = "arn:aws:s3:::" + b.name + "/" + concrete_key(bp.key, "object");
        if (!wildcard_match(inv.resource, arn, CaseMode::kSensitive)) continue;
        if (!inv.headers.empty()) {
          declared.push_back({"", action, arn, inv.headers, inv.context});
          continue;
        }
        // Headers the bucket policy denies to every caller: not asked about.
        const EveryoneDenials denials(b, action);
        Request put{"", action, arn, {}, inv.context};
        for_each_header_variant(w, b, put, [&] {
          if (!denials.denies(put)) declared.push_back(put);
        });
      }
      continue;
    }
    if (lower == "s3:getobject" || lower == "s3:getobjectversion") {
      for (const auto& b : w.buckets)
        for (const auto& o : b.objects) {
          std::string arn = "arn:aws:s3:::" + b.name + "/" + o.key;
          if (wildcard_match(inv.resource, arn, CaseMode::kSensitive))
            declared.push_back({"", action, arn, inv.headers, inv.context});
        }
      if (bp.object) new_object_reads.push_back(action);
      continue;
    }
    std::vector<std::string> arns;
    for (const auto& b : w.buckets) {
      arns.push_back(b.arn());
      for (const auto& o : b.objects) arns.push_back(b.arn() + "/" + o.key);
    }
    for (const auto& k : w.keys)
      if (!k.synthesized) arns.push_back(k.arn);
    for (const auto& p : w.principals) arns.push_back(p.arn);
    for (const auto& g : w.groups) arns.push_back(g.arn);
    for (const auto& r : w.resources) arns.push_back(r.arn);
    for (const auto& [arn, p] : w.managed_policies) arns.push_back(arn);
    if (inv.resource == "*") arns = {"*"};
    for (const auto& arn : arns)
      if (wildcard_match(inv.resource, arn, CaseMode::kSensitive))
        declared.push_back({"", action, arn, inv.headers, inv.context});
  }

  // find_access: declared targets in the world as it is, then new objects once they are written
  // (only worked out when the declared targets are safe).
  if (any_allowed(w, start_reach, declared)) return false;
  if (new_object_reads.empty()) return true;
  std::vector<NewObject> written;
  for (auto& o : writable_objects(w, bp, identities.all()))
    if (wildcard_match(inv.resource, "arn:aws:s3:::" + w.buckets[o.bucket].name + "/" + o.key,
                       CaseMode::kSensitive))
      written.push_back(std::move(o));
  std::vector<Request> written_reads;
  for (const auto& action : new_object_reads)
    for (const auto& o : written) {
      Request read{"", action, "arn:aws:s3:::" + w.buckets[o.bucket].name + "/" + o.key,
                   inv.headers, inv.context};
      if (o.encryption.sse == Sse::kCustomer) {
        read.headers[s3_headers::kSseCAlgorithm] = "AES256";
        read.headers[s3_headers::kSseCKey] = "(customer key)";
        read.headers[s3_headers::kSseCKeyMd5] = "(key digest)";
      }
      written_reads.push_back(std::move(read));
    }
  if (written_reads.empty()) return true;
  AddedObjects added(w);
  for (const auto& o : written) added.add(o);
  return !any_allowed(w, start_reach, written_reads);
}

}  // namespace

std::optional<bool> invariant_verdict(World& w, const Invariant& inv) {
  if (inv.via_escalation) return check_invariant(w, inv).holds;
  // As check_invariant: a question no request context could be decided for turns "holds" into
  // undecided; a violation found is one (its witness was allowed by the evaluator).
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  std::optional<bool> holds = verdict_in_every_context(w, inv);
  if (holds == true && !undecided.empty()) return std::nullopt;
  return holds;
}

}  // namespace accesspath
