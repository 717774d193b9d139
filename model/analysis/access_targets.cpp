#include "model/analysis/access_targets.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "model/analysis/access_graph.h"
#include "model/analysis/denied_to_everyone.h"
#include "model/analysis/invariant_targets.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/services/evaluator.h"
#include "model/services/s3_service.h"
#include "model/symbolic/some_context.h"

namespace accesspath::paths {
namespace {

using namespace invariant_targets;

std::string describe_encryption(const Encryption& e) {
  switch (e.sse) {
    case Sse::kS3:
      return "SSE-S3 (AES256)";
    case Sse::kCustomer:
      return "SSE-C";
    case Sse::kKms:
      return "SSE-KMS with " + (e.kms_key.empty() ? std::string("aws/s3") : e.kms_key);
  }
  return "";
}

bool every_role_among(const World& w, const std::vector<std::string>& principals) {
  std::set<std::string_view> listed(principals.begin(), principals.end());
  return std::all_of(w.principals.begin(), w.principals.end(), [&](const Principal& p) {
    return p.kind != PrincipalKind::kRole || listed.count(p.arn) > 0;
  });
}

struct WrittenObject {
  std::string bucket;
  std::string key;
  Encryption encryption;        // kms_key resolved to a key ARN
  std::string writer;           // start principal
  std::vector<PathStep> steps;  // the writer's chain and the write
  std::vector<std::pair<std::string, std::vector<PathStep>>> other_writers;
};

// The objects that can be written now (scenario contract, invariants): for each encryption a
// successful s3:PutObject by some considered principal could give, one representative object.
// `every_writer`: keep every writer (a counterexample prefers another principal's write); else
// one writer per object is enough (whether it can be written, not by whom).
std::vector<WrittenObject> writable_objects(const World& w, const BucketPattern& pattern,
                                            const std::vector<std::string>& principals,
                                            RoleChains& chains, bool every_writer) {
  std::vector<WrittenObject> out;
  std::set<std::string> seen;  // bucket + tag + writer
  std::vector<Reach> reaches;
  {
    // When every role is itself among the writers, a chain adds no writing identity, only the
    // steps shown in a counterexample: its undecided AssumeRole questions cannot hide an object,
    // so they are not the verdict's (the readers' own chains report theirs).
    UndecidedLog chains_only;
    std::optional<ScopedUndecidedLog> quiet;
    if (every_role_among(w, principals)) quiet.emplace(chains_only);
    for (const auto& p : principals) reaches.push_back(chains.reach(p));
  }
  // The ways of writing into each bucket worth asking about; the objects that are the same for
  // every writer are the candidate index's members.
  const std::vector<PlannedPut> plan = planned_puts(w, pattern);
  NewObjectWriters filter(w, plan);
  std::vector<std::size_t> member_of(plan.size(), SIZE_MAX);  // of each put's fixed object
  for (std::size_t pi = 0; pi < plan.size(); ++pi)
    if (plan[pi].variant.fixed)
      member_of[pi] = filter.member(plan[pi].bucket, plan[pi].variant.fixed->tag);
  // Per member of the filter: the (reach, identity) pairs that might write it, in reach order.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> writers_of(filter.size());
  if (!every_writer) {
    // An identity many starts reach (a shared role) is listed once, at its first place: asked
    // again through another start it would write nothing new (whether it may write depends on
    // the identity alone, and one writer per object is wanted).
    std::unordered_set<std::string> listed;
    std::vector<std::uint32_t> members;
    for (std::size_t r = 0; r < reaches.size(); ++r)
      for (std::size_t i = 0; i < reaches[r].identities.size(); ++i) {
        if (!listed.insert(reaches[r].identities[i].principal + (i == 0 ? "\n0" : "\n1")).second)
          continue;
        filter.candidates(reaches[r].identities[i].who, members);
        for (std::uint32_t m : members) writers_of[m].emplace_back(r, i);
      }
  }
  // Whether an identity may write is the same whichever start principal reached it: asked once
  // per (identity, headers, object), however many principals' chains pass through it. The
  // statements that allow it; nullopt when it is denied.
  struct Allowed {
    std::vector<StatementRef> statements;
    std::vector<ContextNeed> context;
  };
  UndecidedWrites undecided;  // reported at the end, for the kinds nobody writes
  std::unordered_map<std::string, std::optional<Allowed>> asked;
  struct Choice {
    NewObjectKind kind;
    std::size_t member = SIZE_MAX;
  };
  for (std::size_t pi = 0; pi < plan.size(); ++pi) {
    const PlannedPut& planned = plan[pi];
    const Bucket& b = w.buckets[planned.bucket];
    const PutVariant& variant = planned.variant;
    const auto& headers = variant.headers;
    Request probe{"", "s3:PutObject", "", headers, {}};
    std::map<std::string, std::optional<Choice>, std::less<>> by_account;
    auto choice_for = [&](const std::string& account) -> const std::optional<Choice>& {
      auto [it, fresh] = by_account.try_emplace(variant.same_for_all ? std::string() : account);
      if (!fresh) return it->second;
      if (variant.same_for_all) {
        it->second = Choice{*variant.fixed, member_of[pi]};
        return it->second;
      }
      auto kind = written_kind(w, b, pattern, variant, account);
      if (!kind || !may_be_written(b, variant, *kind)) return it->second;
      std::size_t member = filter.member(planned.bucket, kind->tag);
      it->second = Choice{std::move(*kind), member};
      return it->second;
    };
    bool written = false;
    auto try_writer = [&](const Reach& reach, std::size_t i) {
      const Identity& id = reach.identities[i];
      if (id.who.is_anonymous() && variant.kms_header) return;
      const std::optional<Choice>& choice = choice_for(id.who.account);
      if (!choice) return;
      const std::string& tag = choice->kind.tag;
      const std::string& writer = reach.identities[0].principal;
      if (!every_writer ? seen.count(b.name + "/" + tag) > 0
                        : seen.count(b.name + "/" + tag + "/" + writer) > 0)
        return;
      if (!filter.may_write(id.principal, id.who, choice->member)) return;
      probe.principal = id.principal;
      probe.resource = choice->kind.resource;
      auto [answer, fresh] =
          asked.try_emplace(id.principal + "\n" + std::to_string(pi) + "\n" + probe.resource);
      if (fresh)
        if (auto witness = undecided.allowed(w, id.who, probe, b.name + "/" + tag))
          answer->second = Allowed{allowing_statements(evaluate(w, id.who, witness->request)),
                                   std::move(witness->needs)};
      if (!answer->second) return;
      seen.insert(b.name + "/" + tag + "/" + writer);
      seen.insert(b.name + "/" + tag);  // written by someone
      written = true;
      std::vector<PathStep> steps = chain_steps(w, reach, i);
      steps.push_back(
          {PathStep::Kind::kWriteObject, id.principal, "s3:PutObject", probe.resource,
           "writes a new object stored with " + describe_encryption(choice->kind.encryption),
           answer->second->statements, answer->second->context, headers});
      auto same = std::find_if(out.begin(), out.end(), [&](const WrittenObject& o) {
        return o.bucket == b.name && encryption_tag(o.encryption) == tag;
      });
      if (same != out.end()) {
        same->other_writers.emplace_back(writer, std::move(steps));
        return;
      }
      out.push_back({b.name,
                     concrete_key(pattern.key, tag),
                     choice->kind.encryption,
                     writer,
                     std::move(steps),
                     {}});
    };
    // One object for everyone, one writer wanted: only the identities the candidate index
    // keeps for that object (in the same order), not every identity of every reach.
    if (!every_writer && variant.same_for_all && member_of[pi] != SIZE_MAX) {
      for (auto [r, i] : writers_of[member_of[pi]]) {
        if (written) break;
        try_writer(reaches[r], i);
      }
      continue;
    }
    for (const auto& reach : reaches) {
      if (written && variant.same_for_all && !every_writer) break;
      for (std::size_t i = 0; i < reach.identities.size(); ++i) try_writer(reach, i);
    }
  }
  // `seen` holds "bucket/tag" for every kind some writer writes.
  undecided.report([&](const std::string& object) { return seen.count(object) > 0; });
  return out;
}

}  // namespace

using namespace invariant_targets;

std::vector<Target> targets_for(const World& w, const Query& q,
                                const std::vector<std::string>& principals, RoleChains& chains,
                                std::vector<std::string>* warnings, bool every_writer) {
  std::vector<Target> out;
  bool named = false;  // the pattern names a new object, even if nobody may write it
  for (const auto& action : expand_actions(q.action)) {
    std::string lower = to_lower(action);
    BucketPattern bp = split_s3_pattern(q.resource);
    if (lower == "s3:putobject") {
      for (const auto& b : w.buckets) {
        if (!bp.object || !wildcard_match(bp.bucket, b.name, CaseMode::kSensitive)) continue;
        std::string arn = "arn:aws:s3:::" + b.name + "/" + concrete_key(bp.key, "object");
        if (!wildcard_match(q.resource, arn, CaseMode::kSensitive)) continue;
        named = true;
        // A new object, with any headers the caller may send (unless the invariant pins them);
        // headers the bucket policy denies to every caller are not asked about
        // (denied_to_everyone.h).
        if (q.pinned_headers) {
          out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}, {}});
          continue;
        }
        const EveryoneDenials denials(b, action);
        Request put{"", action, arn, {}, q.context};
        for_each_header_variant(w, b, put, [&] {
          if (!denials.denies(put)) out.push_back({put, "", {}, {}, {}});
        });
      }
      continue;
    }
    if (lower == "s3:getobject" || lower == "s3:getobjectversion") {
      for (const auto& b : w.buckets)
        for (const auto& o : b.objects) {
          std::string arn = "arn:aws:s3:::" + b.name + "/" + o.key;
          if (wildcard_match(q.resource, arn, CaseMode::kSensitive))
            out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}, {}});
        }
      if (bp.object)
        for (auto& written : writable_objects(w, bp, principals, chains, every_writer)) {
          std::string arn = "arn:aws:s3:::" + written.bucket + "/" + written.key;
          if (!wildcard_match(q.resource, arn, CaseMode::kSensitive)) continue;
          Target t{{"", action, arn, q.headers, q.context},
                   written.writer,
                   std::move(written.steps),
                   std::move(written.other_writers),
                   written.encryption};
          // The read of an SSE-C object sends the customer key headers (the writer shared the key).
          if (written.encryption.sse == Sse::kCustomer) {
            t.request.headers[s3_headers::kSseCAlgorithm] = "AES256";
            t.request.headers[s3_headers::kSseCKey] = "(customer key)";
            t.request.headers[s3_headers::kSseCKeyMd5] = "(key digest)";
          }
          out.push_back(std::move(t));
        }
      continue;
    }
    // Any other action: the declared resources whose ARN matches.
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
    if (q.resource == "*") arns = {"*"};
    for (const auto& arn : arns)
      if (wildcard_match(q.resource, arn, CaseMode::kSensitive))
        out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}, {}});
  }
  if (out.empty() && !named && warnings)
    warnings->push_back("the resource pattern `" + q.resource + "` matches nothing for `" +
                        q.action + "` in this scenario, so the invariant holds vacuously");
  return out;
}

World with_written_objects(const World& w, const std::vector<Target>& targets) {
  World out = w;
  for (const auto& t : targets) {
    if (t.writer.empty()) continue;
    std::string_view rest = std::string_view(t.request.resource).substr(13);
    std::size_t slash = rest.find('/');
    std::string bucket(rest.substr(0, slash)), key(rest.substr(slash + 1));
    for (auto& b : out.buckets)
      if (b.name == bucket) b.objects.push_back({key, t.written, {}, false});
  }
  out.reindex();
  return out;
}

}  // namespace accesspath::paths
