#include "model/services/evaluation_memo.h"

#include <atomic>
#include <cstring>

#include "model/core/arn.h"

namespace accesspath {
namespace {

thread_local EvaluationMemo* t_memo = nullptr;

std::uint64_t mix(std::uint64_t x, std::uint64_t m) {
  x ^= x >> 32;
  x *= m;
  x ^= x >> 29;
  return x;
}

std::string_view bucket_of(std::string_view s3_arn, std::string_view* object_key) {
  constexpr std::string_view kPrefix = "arn:aws:s3:::";
  if (s3_arn.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = s3_arn.substr(kPrefix.size());
  std::size_t slash = rest.find('/');
  *object_key = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return rest.substr(0, slash);
}

}  // namespace

// Feeds words and strings into two lanes with different multipliers, 8 bytes at a time,
// and appends each word to the full key (a buffer whose capacity is reused: no allocation once
// warm; a key is built for every evaluation, so it must cost far less than one).
class EvaluationMemo::Digest {
 public:
  explicit Digest(std::string& material) : material_(material) { material_.clear(); }
  void word(std::uint64_t w) {
    char bytes[8];
    std::memcpy(bytes, &w, 8);
    material_.append(bytes, 8);
    a_ = mix(a_ ^ w, 0xD6E8FEB86659FD93ULL) + 0x9E3779B97F4A7C15ULL;
    b_ = mix(b_ + w, 0xC2B2AE3D27D4EB4FULL) ^ 0x165667B19E3779F9ULL;
  }
  void text(std::string_view s) {
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      word(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    word(tail);
    word(s.size());  // the length ends the field: no field runs into the next
  }
  void pointer(const void* p) { word(reinterpret_cast<std::uintptr_t>(p)); }
  void encryption(const std::optional<Encryption>& e) {
    word(e ? 1u + static_cast<std::uint64_t>(e->sse) + (e->bucket_key ? 8u : 0u) : 0u);
    if (e) text(e->kms_key);
  }
  void bpa(const std::optional<BlockPublicAccess>& b) {
    if (!b) return word(0);
    word(16u + (b->block_public_acls ? 1u : 0u) + (b->ignore_public_acls ? 2u : 0u) +
         (b->block_public_policy ? 4u : 0u) + (b->restrict_public_buckets ? 8u : 0u));
  }
  void tags(const Tags& t, bool described) {
    word(described ? t.size() : ~std::uint64_t{0});
    for (const auto& [k, v] : t) {
      text(k);
      text(v);
    }
  }
  AnswerKey key() const { return {a_, b_}; }

 private:
  std::uint64_t a_ = 0x243F6A8885A308D3ULL, b_ = 0x13198A2E03707344ULL;
  std::string& material_;
};

void EvaluationMemo::add_policy(Digest& d, const PolicyPtr& p) {
  d.pointer(p.get());
  if (p) kept_.insert(p);
}

void EvaluationMemo::add_key(Digest& d, const Key* k) {
  d.word(k ? 1u : 0u);
  if (!k) return;
  d.text(k->arn);
  add_policy(d, k->policy);
  d.word(static_cast<std::uint64_t>(k->state));
  d.tags(k->tags, k->tags_described);
  d.word(k->aliases.size());
  for (const auto& alias : k->aliases) d.text(alias);
  d.word(k->grants.size());
  for (const auto& g : k->grants) {
    d.text(g.grantee);
    d.word(g.operations.size());
    for (const auto& op : g.operations) d.text(op);
    d.word(g.context_equals.size());
    for (const auto& [ck, cv] : g.context_equals) {
      d.text(ck);
      d.text(cv);
    }
    d.word(g.context_subset.size());
    for (const auto& [ck, cv] : g.context_subset) {
      d.text(ck);
      d.text(cv);
    }
  }
}

void EvaluationMemo::key_of(const World& w, const Requester& who, const Request& r) {
  Digest d(material_);
  // The request.
  d.text(r.action);
  d.text(r.resource);
  d.word(r.headers.size());
  for (const auto& [k, v] : r.headers) {
    d.text(k);
    d.text(v);
  }
  d.word(r.context.size());
  for (const auto& [k, values] : r.context) {
    d.text(k);
    d.word(values.size());
    for (const auto& v : values) d.text(v);
  }
  // The requester, with what resolve_requester gathered from the world. Its raw policy
  // pointers belong to the declared principal's and groups' PolicyPtrs, kept below.
  d.word(static_cast<std::uint64_t>(who.type) + (who.unrestricted_identity ? 16u : 0u));
  d.text(who.arn);
  d.text(who.principal_arn);
  d.text(who.account);
  d.word(who.identity_policies.size());
  for (const Policy* p : who.identity_policies) d.pointer(p);
  d.pointer(who.boundary);
  if (const Principal* p = who.declared) {
    for (const auto& a : p->policies) add_policy(d, a.policy);
    add_policy(d, p->permissions_boundary);
    for (const auto& g : p->groups)
      if (const Group* group = w.find_group(g))
        for (const auto& a : group->policies) add_policy(d, a.policy);
    d.tags(p->tags, true);
  }
  // Every account: few in a scenario, and SCPs and RCPs of any of them may apply.
  d.word(w.accounts.size());
  for (const auto& a : w.accounts) {
    d.text(a.id);
    d.text(a.organization);  // aws:PrincipalOrgID, aws:ResourceOrgID and their paths
    d.text(a.ou_path);
    for (const auto& level : a.scps) {
      d.word(level.size());
      for (const auto& p : level) add_policy(d, p);
    }
    d.word(0xFFFF);
    for (const auto& level : a.rcps) {
      d.word(level.size());
      for (const auto& p : level) add_policy(d, p);
    }
    d.bpa(a.block_public_access);
  }
  // The resource the request names.
  std::string_view object_key;
  if (const Bucket* b = w.find_bucket(bucket_of(r.resource, &object_key))) {
    add_policy(d, b->policy);
    d.encryption(b->default_encryption);
    d.bpa(b->block_public_access);
    d.tags(b->tags, b->tags_described);
    d.word((b->abac ? 1u : 0u) + (b->abac_described ? 2u : 0u));
    const S3Object* object = nullptr;
    for (const auto& o : b->objects)
      if (o.key == object_key) object = &o;
    d.word(object ? 1u : 0u);
    if (object) {
      d.encryption(object->encryption);
      d.tags(object->tags, object->tags_described);
    }
    // Every key S3 could use for this call: named by the object, the bucket default or the
    // request header, or aws/s3; resolved in the requester's and the bucket owner's account
    // (s3_service.cpp resolves ids and aliases in one of them).
    std::vector<std::string_view> refs = {"alias/aws/s3"};
    if (b->default_encryption) refs.push_back(b->default_encryption->kms_key);
    if (object && object->encryption) refs.push_back(object->encryption->kms_key);
    if (auto h = r.headers.find("x-amz-server-side-encryption-aws-kms-key-id");
        h != r.headers.end())
      refs.push_back(h->second);
    for (std::string_view ref : refs) {
      if (ref.empty()) continue;
      add_key(d, w.resolve_key(ref, who.account, b->region));
      add_key(d, w.resolve_key(ref, b->account, b->region));
    }
  }
  // A direct KMS call names its key by ARN (key or alias), which carries account and Region.
  std::string_view service = std::string_view(r.action).substr(0, r.action.find(':'));
  if (service.size() == 3 && (service[0] | 0x20) == 'k' && (service[1] | 0x20) == 'm' &&
      (service[2] | 0x20) == 's') {
    add_key(d, w.resolve_key(r.resource, "", ""));
    // CreateAlias and UpdateAlias also authorize on the key their TargetKeyId header names (a
    // key ARN, or a key id in the alias's account and Region; kms_service.cpp).
    if (auto h = r.headers.find("targetkeyid"); h != r.headers.end())
      if (auto alias = parse_arn_view(r.resource))
        add_key(d, w.resolve_key(h->second, alias->account, alias->region));
  }
  if (const Principal* role = w.find_principal(r.resource)) {
    add_policy(d, role->trust_policy);
    d.tags(role->tags, true);
  }
  if (const GenericResource* g = w.find_resource(r.resource)) add_policy(d, g->policy);
  key_ = collide_digests_ ? AnswerKey{} : d.key();
}

std::uint64_t EvaluationMemo::next_generation() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

void EvaluationMemo::make_room() {
  if (answers_.size() >= max_answers_ || kept_.size() >= max_policies_) {
    answers_.clear();
    kept_.clear();
    generation_ = next_generation();
  }
}

EvaluationMemo::AnswerKey EvaluationMemo::digest(const World& w, const Requester& who,
                                                 const Request& r, std::string* full_key) {
  make_room();
  key_of(w, who, r);
  if (full_key) *full_key = material_;
  return key_;
}

std::optional<bool> EvaluationMemo::find(const World& w, const Requester& who, const Request& r) {
  make_room();
  key_of(w, who, r);
  auto it = answers_.find(key_);
  if (it == answers_.end() || it->second.key != material_) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second.allowed;
}

void EvaluationMemo::store(bool allowed) {
  // On a digest shared with another question, the latest answer takes the place.
  Answer& a = answers_[key_];
  a.key = material_;
  a.allowed = allowed;
}

ScopedEvaluationMemo::ScopedEvaluationMemo(EvaluationMemo& memo) : previous_(t_memo) {
  t_memo = &memo;
}

ScopedEvaluationMemo::~ScopedEvaluationMemo() {
  t_memo = previous_;
}

EvaluationMemo* current_evaluation_memo() {
  return t_memo;
}

}  // namespace accesspath
