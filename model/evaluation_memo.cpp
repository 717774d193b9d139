#include "model/evaluation_memo.h"

#include <cstring>

namespace accesspath {
namespace {

thread_local EvaluationMemo* t_memo = nullptr;

void put(std::string& key, std::string_view s) {
  key += s;
  key += '\x1f';  // unit separator: no field runs into the next
}

void put_pointer(std::string& key, const void* p) {
  char bytes[sizeof p];
  std::memcpy(bytes, &p, sizeof p);
  key.append(bytes, sizeof p);
}

void put_encryption(std::string& key, const std::optional<Encryption>& e) {
  if (!e) return put(key, "-");
  put(key, std::to_string(static_cast<int>(e->sse)) + (e->bucket_key ? "b" : "") + e->kms_key);
}

void put_bpa(std::string& key, const std::optional<BlockPublicAccess>& b) {
  if (!b) return put(key, "-");
  put(key, std::string{b->block_public_acls ? '1' : '0', b->ignore_public_acls ? '1' : '0',
                       b->block_public_policy ? '1' : '0', b->restrict_public_buckets ? '1' : '0'});
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

void EvaluationMemo::add_policy(const PolicyPtr& p) {
  put_pointer(key_, p.get());
  if (p) kept_.insert(p);
}

void EvaluationMemo::add_policy(const Policy* p) {
  put_pointer(key_, p);  // kept alive through the PolicyPtr that owns it (hashed alongside)
}

void EvaluationMemo::key_of(const World& w, const Requester& who, const Request& r) {
  key_.clear();
  // The request.
  put(key_, r.action);
  put(key_, r.resource);
  for (const auto& [k, v] : r.headers) put(key_, k + "=" + v);
  put(key_, "|");
  for (const auto& [k, values] : r.context) {
    put(key_, k);
    for (const auto& v : values) put(key_, v);
  }
  // The requester, with what resolve_requester gathered from the world.
  put(key_, std::to_string(static_cast<int>(who.type)) + (who.unrestricted_identity ? "u" : ""));
  put(key_, who.arn);
  put(key_, who.principal_arn);
  put(key_, who.account);
  for (const Policy* p : who.identity_policies) add_policy(p);
  add_policy(who.boundary);
  if (const Principal* p = who.declared) {
    for (const auto& a : p->policies) add_policy(a.policy);
    add_policy(p->permissions_boundary);
    for (const auto& g : p->groups)
      if (const Group* group = w.find_group(g))
        for (const auto& a : group->policies) add_policy(a.policy);
    for (const auto& [k, v] : p->tags) put(key_, k + "=" + v);
  }
  // Every account and key: few in a scenario, and any SSE-KMS request may reach any key.
  for (const auto& a : w.accounts) {
    put(key_, a.id);
    for (const auto& level : a.scps)
      for (const auto& p : level) add_policy(p);
    put(key_, "/");
    for (const auto& level : a.rcps)
      for (const auto& p : level) add_policy(p);
    put_bpa(key_, a.block_public_access);
  }
  for (const auto& k : w.keys) {
    put(key_, k.arn);
    add_policy(k.policy);
    put(key_, std::to_string(static_cast<int>(k.state)));
    for (const auto& alias : k.aliases) put(key_, alias);
    for (const auto& g : k.grants) {
      put(key_, g.grantee);
      for (const auto& op : g.operations) put(key_, op);
      for (const auto& [ck, cv] : g.context_equals) put(key_, "=" + ck + "=" + cv);
      for (const auto& [ck, cv] : g.context_subset) put(key_, "<" + ck + "=" + cv);
    }
  }
  // The resource the request names.
  std::string_view object_key;
  if (const Bucket* b = w.find_bucket(bucket_of(r.resource, &object_key))) {
    add_policy(b->policy);
    put_encryption(key_, b->default_encryption);
    put_bpa(key_, b->block_public_access);
    bool found = false;
    for (const auto& o : b->objects)
      if (o.key == object_key) {
        put(key_, "object");
        put_encryption(key_, o.encryption);
        found = true;
        break;
      }
    if (!found) put(key_, "no object");
  }
  if (const Principal* role = w.find_principal(r.resource)) {
    add_policy(role->trust_policy);
    for (const auto& [k, v] : role->tags) put(key_, k + "=" + v);
  }
  if (const GenericResource* g = w.find_resource(r.resource)) add_policy(g->policy);
}

std::optional<bool> EvaluationMemo::find(const World& w, const Requester& who, const Request& r) {
  if (answers_.size() >= max_answers_ || kept_.size() >= max_policies_) {
    answers_.clear();
    kept_.clear();
  }
  key_of(w, who, r);
  auto it = answers_.find(key_);
  if (it == answers_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second;
}

void EvaluationMemo::store(bool allowed) {
  answers_.emplace(key_, allowed);
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
