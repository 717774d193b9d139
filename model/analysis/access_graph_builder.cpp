// Builds the access graph by asking the evaluator about every pair the candidate index cannot
// rule out (access_candidates.h). The graph is the exhaustive builder's, edge for edge and in
// the same order (access_graph_exhaustive.cpp); only the certainly-denied questions are skipped.
// Requesters are independent, so large worlds are split across threads; edges are added in
// requester order afterwards, so the graph does not depend on the number of threads.
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "model/analysis/access_candidates.h"
#include "model/analysis/access_graph_builder.h"
#include "model/analysis/access_graph_parts.h"
#include "model/symbolic/some_context.h"

namespace accesspath {
namespace {

using namespace graph_parts;

ResourceFamily::Member bucket_member(const Bucket& b, std::string arn) {
  return {std::move(arn), b.account, b.policy.get(), false, nullptr};
}

ResourceFamily::Member key_member(const Key& k) {
  return {k.arn, k.account, k.policy.get(), true, &k.grants};
}

// What an IAM action on a user or role consults (evaluate_generic): a declared resource
// policy with that ARN, if any, else nothing.
ResourceFamily::Member principal_member(const World& w, const Principal& p) {
  const GenericResource* r = w.find_resource(p.arn);
  return {p.arn, r ? r->account : p.account, r ? r->policy.get() : nullptr, false, nullptr};
}

// The families of questions the graph asks, each with its candidate index, and where each
// member sits in the world.
struct Questions {
  std::unique_ptr<CandidateIndex> assume;
  std::unique_ptr<CandidateIndex> read;
  // kms:Decrypt on every key, aws/s3 ones included: a read of an SSE-KMS object needs it.
  std::unique_ptr<CandidateIndex> decrypt_stored;
  std::vector<std::int32_t> object_key;  // read member -> its key in world.keys, or -1
  std::unique_ptr<CandidateIndex> write;
  std::vector<std::unique_ptr<CandidateIndex>> bucket_admin;     // kBucketAdmin
  std::vector<std::unique_ptr<CandidateIndex>> key_use;          // kKeyUse
  std::vector<std::unique_ptr<CandidateIndex>> key_admin;        // kKeyAdmin
  std::vector<std::unique_ptr<CandidateIndex>> role_admin;       // kRoleAdmin
  std::vector<std::unique_ptr<CandidateIndex>> user_admin;       // kUserAdmin
  std::vector<const Principal*> roles;                           // assume members
  std::vector<std::pair<std::uint32_t, std::uint32_t>> objects;  // read member -> bucket, object
  std::vector<const Key*> keys;                                  // key members
  std::unordered_map<const Key*, std::uint32_t> key_index;
  std::map<std::string, std::vector<WriteVariant>> variants;  // by Region
};

std::unique_ptr<CandidateIndex> index_of(std::string action,
                                         std::vector<ResourceFamily::Member> members) {
  return std::make_unique<CandidateIndex>(ResourceFamily{std::move(action), std::move(members)});
}

Questions plan_questions(const World& w, bool admin_edges) {
  Questions q;
  std::vector<ResourceFamily::Member> roles, objects, buckets, keys, principals;
  for (const auto& p : w.principals) {
    principals.push_back(principal_member(w, p));
    if (p.kind != PrincipalKind::kRole) continue;
    q.roles.push_back(&p);
    roles.push_back({p.arn, p.account, p.trust_policy.get(), true, nullptr});
  }
  for (std::uint32_t bi = 0; bi < w.buckets.size(); ++bi) {
    const Bucket& b = w.buckets[bi];
    buckets.push_back(bucket_member(b, b.arn()));
    for (std::uint32_t oi = 0; oi < b.objects.size(); ++oi) {
      objects.push_back(bucket_member(b, b.arn() + "/" + b.objects[oi].key));
      q.objects.emplace_back(bi, oi);
      const Key* key = stored_object_key(w, b, b.objects[oi]);
      q.object_key.push_back(key ? static_cast<std::int32_t>(key - w.keys.data()) : -1);
    }
    if (!q.variants.count(b.region)) q.variants[b.region] = write_variants(w, b);
  }
  std::vector<ResourceFamily::Member> all_keys;
  for (const auto& k : w.keys) {
    all_keys.push_back(key_member(k));
    if (k.synthesized) continue;
    q.key_index[&k] = static_cast<std::uint32_t>(q.keys.size());
    q.keys.push_back(&k);
    keys.push_back(key_member(k));
  }
  std::vector<ResourceFamily::Member> new_objects;
  for (const auto& b : w.buckets) new_objects.push_back(bucket_member(b, new_object_arn(b)));
  q.assume = index_of("sts:AssumeRole", roles);
  q.read = index_of("s3:GetObject", objects);
  q.decrypt_stored = index_of("kms:Decrypt", all_keys);
  q.write = index_of("s3:PutObject", new_objects);
  for (const char* a : kKeyUse) q.key_use.push_back(index_of(a, keys));
  if (!admin_edges) return q;
  for (const char* a : kBucketAdmin) q.bucket_admin.push_back(index_of(a, buckets));
  for (const char* a : kKeyAdmin) q.key_admin.push_back(index_of(a, keys));
  for (const char* a : kRoleAdmin) q.role_admin.push_back(index_of(a, principals));
  for (const char* a : kUserAdmin) q.user_admin.push_back(index_of(a, principals));
  return q;
}

// One question about a resource, ordered as the exhaustive builder asks it: by resource, then
// by the position of the question among those about the resource.
struct Planned {
  std::uint32_t resource = 0;
  std::uint32_t position = 0;
  std::uint32_t family = 0;  // which admin action, or which object
  bool operator<(const Planned& o) const {
    return std::tie(resource, position) < std::tie(o.resource, o.position);
  }
};

class Builder {
 public:
  Builder(const World& w, const AccessGraph& g, Questions& q, std::vector<FoundEdge>& found)
      : w_(w), asker_{w, g, found}, q_(q) {
    generate_data_key_ok_.assign(q_.keys.size(), 0);
    decrypt_ok_.assign(w.keys.size(), 0);
  }

  void ask_all(const std::string& principal, const Requester& who, bool admin_edges) {
    ask_assume(principal, who);
    // A service acts through resource policies naming it; an identity of a federated provider
    // only assumes roles (requester.h).
    if (who.is_service() || who.is_federated()) return;
    ask_buckets(principal, who, admin_edges);
    ask_keys(principal, who, admin_edges);
    if (admin_edges) ask_principal_admin(principal, who);
  }

 private:
  void ask_assume(const std::string& principal, const Requester& who) {
    if (who.is_federated()) {
      // The index knows AWS principals; a federated identity asks every role.
      survivors_.clear();
      for (std::uint32_t m = 0; m < q_.roles.size(); ++m) survivors_.push_back(m);
    } else {
      q_.assume->candidates(who, survivors_);
    }
    for (std::uint32_t m : survivors_) {
      const Principal& role = *q_.roles[m];
      if (role.arn == principal) continue;
      asker_.ask(principal, who, EdgeKind::kAssumeRole,
                 {principal, assume_role_action(who), role.arn, {}, {}}, role.arn);
    }
  }

  void ask_buckets(const std::string& principal, const Requester& who, bool admin_edges) {
    plan_.clear();
    // Reading an SSE-KMS object also needs kms:Decrypt on its key (S3 calls KMS for the caller),
    // so an object whose key the caller certainly cannot use is not asked about.
    q_.decrypt_stored->candidates(who, decrypt_);
    for (std::uint32_t k : decrypt_) decrypt_ok_[k] = 1;
    q_.read->candidates(who, survivors_);
    for (std::uint32_t m : survivors_)
      if (q_.object_key[m] < 0 || decrypt_ok_[static_cast<std::size_t>(q_.object_key[m])])
        plan_.push_back({q_.objects[m].first, q_.objects[m].second, m});
    for (std::uint32_t k : decrypt_) decrypt_ok_[k] = 0;
    // A write sits after the bucket's objects, then the admin actions (as the exhaustive order).
    auto after_objects = [&](std::uint32_t b, std::uint32_t k) {
      return static_cast<std::uint32_t>(w_.buckets[b].objects.size()) + k;
    };
    q_.write->candidates(who, survivors_);
    for (std::uint32_t b : survivors_) plan_.push_back({b, after_objects(b, 0), 0});
    if (admin_edges)
      for (std::uint32_t a = 0; a < q_.bucket_admin.size(); ++a) {
        q_.bucket_admin[a]->candidates(who, survivors_);
        for (std::uint32_t b : survivors_) plan_.push_back({b, after_objects(b, 1 + a), a});
      }
    if (plan_.empty()) return;
    std::sort(plan_.begin(), plan_.end());
    mark_generate_data_key(who);
    for (const Planned& p : plan_) {
      const Bucket& b = w_.buckets[p.resource];
      const std::uint32_t objects = static_cast<std::uint32_t>(b.objects.size());
      if (p.position < objects) {
        std::string arn = b.arn() + "/" + b.objects[p.position].key;
        asker_.ask(principal, who, EdgeKind::kRead, {principal, "s3:GetObject", arn, {}, {}}, arn);
      } else if (p.position == objects) {
        // An SSE-KMS write also needs kms:GenerateDataKey on its key (S3 calls KMS for the
        // caller), so a variant whose key the caller certainly cannot use is not asked.
        ask_write(asker_, principal, who, b, q_.variants.at(b.region), [&](const WriteVariant& v) {
          return !v.key || generate_data_key_ok_[q_.key_index.at(v.key)];
        });
      } else {
        const char* action = kBucketAdmin[p.family];
        asker_.ask(principal, who, EdgeKind::kAdmin, {principal, action, b.arn(), {}, {}}, b.arn());
      }
    }
    unmark_generate_data_key();
  }

  void mark_generate_data_key(const Requester& who) {
    q_.key_use[1]->candidates(who, generate_data_key_);  // kKeyUse[1] is kms:GenerateDataKey
    for (std::uint32_t k : generate_data_key_) generate_data_key_ok_[k] = 1;
  }
  void unmark_generate_data_key() {
    for (std::uint32_t k : generate_data_key_) generate_data_key_ok_[k] = 0;
  }

  void ask_keys(const std::string& principal, const Requester& who, bool admin_edges) {
    plan_.clear();
    for (std::uint32_t a = 0; a < q_.key_use.size(); ++a) {
      q_.key_use[a]->candidates(who, survivors_);
      for (std::uint32_t k : survivors_) plan_.push_back({k, a, a});
    }
    if (admin_edges)
      for (std::uint32_t a = 0; a < q_.key_admin.size(); ++a) {
        q_.key_admin[a]->candidates(who, survivors_);
        for (std::uint32_t k : survivors_)
          if (!q_.keys[k]->aws_managed)
            plan_.push_back({k, static_cast<std::uint32_t>(kKeyUse.size()) + a, a});
      }
    std::sort(plan_.begin(), plan_.end());
    for (const Planned& p : plan_) {
      const Key& k = *q_.keys[p.resource];
      bool use = p.position < kKeyUse.size();
      asker_.ask(principal, who, use ? EdgeKind::kKeyUse : EdgeKind::kAdmin,
                 {principal, use ? kKeyUse[p.family] : kKeyAdmin[p.family], k.arn, {}, {}}, k.arn);
    }
  }

  void ask_principal_admin(const std::string& principal, const Requester& who) {
    plan_.clear();
    auto collect = [&](std::vector<std::unique_ptr<CandidateIndex>>& families, PrincipalKind kind) {
      for (std::uint32_t a = 0; a < families.size(); ++a) {
        families[a]->candidates(who, survivors_);
        for (std::uint32_t p : survivors_)
          if (w_.principals[p].kind == kind) plan_.push_back({p, a, a});
      }
    };
    collect(q_.role_admin, PrincipalKind::kRole);
    collect(q_.user_admin, PrincipalKind::kUser);
    std::sort(plan_.begin(), plan_.end());
    for (const Planned& p : plan_) {
      const Principal& target = w_.principals[p.resource];
      const char* action = principal_admin_actions(target)[p.family];
      asker_.ask(principal, who, EdgeKind::kAdmin, {principal, action, target.arn, {}, {}},
                 target.arn);
    }
  }

  const World& w_;
  Asker asker_;
  Questions& q_;
  std::vector<std::uint32_t> survivors_;
  std::vector<std::uint32_t> generate_data_key_;
  std::vector<char> generate_data_key_ok_;  // per key member, for the requester at hand
  std::vector<std::uint32_t> decrypt_;
  std::vector<char> decrypt_ok_;  // per world key, for the requester at hand
  std::vector<Planned> plan_;
};

// Requesters are handed out in blocks; each block's edges are kept apart until all are done.
constexpr std::size_t kBlock = 32;
constexpr std::size_t kRequestersPerThread = 256;  // below this, threads cost more than they save

void ask_block(const World& w, const std::vector<std::string>& requesters, std::size_t block,
               Builder& builder, bool admin_edges) {
  std::size_t end = std::min(requesters.size(), (block + 1) * kBlock);
  for (std::size_t i = block * kBlock; i < end; ++i) {
    auto who = resolve_requester(w, requesters[i]);
    if (who) builder.ask_all(requesters[i], *who, admin_edges);
  }
}

}  // namespace

AccessGraph build_access_graph(const World& w, const GraphOptions& options) {
  return build_access_graph_with_threads(w, options, 0);
}

AccessGraph build_access_graph_with_threads(const World& w, const GraphOptions& options,
                                            std::size_t threads) {
  AccessGraph g;
  add_vertices(w, g);
  const std::vector<std::string> who = requesters(w, g);
  const std::size_t blocks = (who.size() + kBlock - 1) / kBlock;
  std::vector<std::vector<FoundEdge>> found(blocks);
  std::atomic<std::size_t> next_block{0};
  UndecidedLog undecided;
  // Each worker has its own questions (their caches are not shared) and takes blocks in turn.
  auto work = [&]() {
    ScopedUndecidedLog use_log(undecided);
    Questions q = plan_questions(w, options.admin_edges);
    std::vector<FoundEdge> edges;
    Builder builder(w, g, q, edges);
    for (std::size_t b; (b = next_block.fetch_add(1)) < blocks;) {
      ask_block(w, who, b, builder, options.admin_edges);
      found[b] = std::move(edges);
      edges.clear();
    }
  };
  if (threads == 0)
    threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                                    who.size() / kRequestersPerThread);
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& t : workers) t.join();
  for (auto& block : found) add_edges(g, block);
  g.undecided = undecided.reasons();
  if (!options.from) return g;
  return restrict_to(g, *options.from);
}

}  // namespace accesspath
