// The steps follow check_invariant in access_paths.cpp one for one (considered principals, role
// chains, targets, the objects that can be written now, the access); the comments name the
// function there each part mirrors, so a change there is easy to carry over.
#include "model/invariant_verdict.h"

#include <algorithm>
#include <map>
#include <set>

#include "model/access_paths.h"
#include "model/action_catalog.h"
#include "model/evaluator.h"
#include "model/invariant_targets.h"
#include "model/request_context.h"
#include "model/s3_service.h"
#include "model/wildcard.h"

namespace accesspath {
namespace {

using namespace invariant_targets;

struct Identity {
  std::string principal;
  Requester who;
};

// reach_from: the start principal and every role it can become, through chains.
std::vector<Identity> reach_from(const World& w, const std::string& start) {
  std::vector<Identity> out;
  auto who = resolve_requester(w, start);
  if (!who) return out;
  out.push_back({start, std::move(*who)});
  std::set<std::string> seen{start};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& role : w.principals) {
      if (role.kind != PrincipalKind::kRole || seen.count(role.arn)) continue;
      Request assume{out[i].principal, "sts:AssumeRole", role.arn, {}, {}};
      if (!evaluate(w, out[i].who, assume, {.explain = false}).allowed) continue;
      auto session = resolve_requester(w, role.arn);
      if (!session) continue;
      seen.insert(role.arn);
      out.push_back({role.arn, std::move(*session)});
    }
  return out;
}

struct NewObject {
  std::size_t bucket = 0;  // index into world.buckets
  std::string key;
  Encryption encryption;
};

// writable_objects, with one writer per (bucket, encryption): that is all a verdict needs.
std::vector<NewObject> writable_objects(const World& w, const BucketPattern& pattern,
                                        const std::vector<std::vector<Identity>>& reaches) {
  std::vector<NewObject> out;
  std::set<std::string> written;  // bucket + "/" + tag
  for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
    const Bucket& b = w.buckets[bi];
    if (!wildcard_match(pattern.bucket, b.name, CaseMode::kSensitive)) continue;
    for (const auto& headers : header_variants(w, b))
      for (const auto& reach : reaches)
        for (const auto& id : reach) {
          auto sse = headers.find("x-amz-server-side-encryption");
          if (id.who.is_anonymous() && sse != headers.end() && sse->second == "aws:kms") continue;
          Request probe{id.principal, "s3:PutObject", "", headers, {}};
          auto chosen = choose_put_encryption(b, probe, nullptr);
          if (!chosen) continue;
          Encryption e{chosen->sse, "", false};
          if (chosen->sse == Sse::kKms) {
            const Key* k = chosen->key_ref.empty()
                               ? w.resolve_key("alias/aws/s3", b.account, b.region)
                               : w.resolve_key(chosen->key_ref, id.who.account, b.region);
            if (!k) continue;
            e.kms_key = k->arn;
          }
          std::string tag = encryption_tag(e);
          if (written.count(b.name + "/" + tag)) continue;
          probe.resource = "arn:aws:s3:::" + b.name + "/" + concrete_key(pattern.key, tag);
          if (!evaluate(w, id.who, probe, {.explain = false}).allowed) continue;
          written.insert(b.name + "/" + tag);
          out.push_back({bi, concrete_key(pattern.key, tag), e});
        }
  }
  return out;
}

bool any_allowed(const World& w, const std::vector<std::vector<Identity>>& start_reaches,
                 const std::vector<Request>& targets) {
  for (const auto& reach : start_reaches)
    for (const auto& id : reach)
      for (Request r : targets) {
        r.principal = id.principal;
        if (evaluate(w, id.who, r, {.explain = false}).allowed) return true;
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
    w_.buckets[o.bucket].objects.push_back({o.key, o.encryption});
    added_.push_back(o.bucket);
  }

 private:
  World& w_;
  std::vector<std::size_t> added_;
};

}  // namespace

std::optional<bool> invariant_verdict(World& w, const Invariant& inv) {
  if (inv.via_escalation) return check_invariant(w, inv).holds;
  std::vector<std::string> all = considered_principals(w);
  std::vector<std::vector<Identity>> reaches;  // of every considered principal, in `all` order
  std::vector<std::vector<Identity>> start_reaches;
  for (const auto& p : all) {
    reaches.push_back(reach_from(w, p));
    bool listed = matches_any(inv.is_only ? inv.only : inv.never, p);
    if (inv.is_only ? !listed : listed) start_reaches.push_back(reaches.back());
  }
  if (start_reaches.empty()) return true;

  // targets_for: requests on declared resources (and new objects for writes), then the reads of
  // objects that can be written now.
  std::vector<Request> declared;
  std::vector<NewObject> written;
  std::vector<Request> written_reads;
  for (const auto& action : expand_actions(inv.action)) {
    std::string lower = to_lower(action);
    BucketPattern bp = split_s3_pattern(inv.resource);
    if (lower == "s3:putobject") {
      for (const auto& b : w.buckets) {
        if (!bp.object || !wildcard_match(bp.bucket, b.name, CaseMode::kSensitive)) continue;
        std::string arn = "arn:aws:s3:::" + b.name + "/" + concrete_key(bp.key, "object");
        if (!wildcard_match(inv.resource, arn, CaseMode::kSensitive)) continue;
        if (!inv.headers.empty())
          declared.push_back({"", action, arn, inv.headers, inv.context});
        else
          for (const auto& h : header_variants(w, b))
            declared.push_back({"", action, arn, h, inv.context});
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
      if (!bp.object) continue;
      for (auto& o : writable_objects(w, bp, reaches)) {
        std::string arn = "arn:aws:s3:::" + w.buckets[o.bucket].name + "/" + o.key;
        if (!wildcard_match(inv.resource, arn, CaseMode::kSensitive)) continue;
        Request read{"", action, arn, inv.headers, inv.context};
        if (o.encryption.sse == Sse::kCustomer) {
          read.headers["x-amz-server-side-encryption-customer-algorithm"] = "AES256";
          read.headers["x-amz-server-side-encryption-customer-key"] = "(customer key)";
          read.headers["x-amz-server-side-encryption-customer-key-md5"] = "(key digest)";
        }
        written_reads.push_back(std::move(read));
        written.push_back(std::move(o));
      }
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

  // find_access: declared targets in the world as it is, new objects once they are written.
  if (any_allowed(w, start_reaches, declared)) return false;
  if (written.empty()) return true;
  AddedObjects added(w);
  for (const auto& o : written) added.add(o);
  return !any_allowed(w, start_reaches, written_reads);
}

}  // namespace accesspath
