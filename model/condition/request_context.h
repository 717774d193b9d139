// The request context: the condition keys of one authorization and their values.
//
// Condition key names are case-insensitive (IAM JSON policy elements:
// Condition, "condition key names are not case-sensitive"), so keys are stored
// lowercased and looked up without allocating. A key is multivalued when the
// request carries it as a set (aws:TagKeys, kms:EncryptionContextKeys,
// aws:CalledVia); what makes a key single- or multivalued is the request, not
// the policy (IAM: "Creating a condition with multiple keys or values").
//
//   RequestContext ctx;
//   ctx.set("aws:SecureTransport", "true");
//   const ContextEntry* e = ctx.find("AWS:securetransport");  // found
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/condition/context_observer.h"
#include "model/core/strings.h"  // iequals, to_lower: most users of a context need them

namespace accesspath {

struct ContextEntry {
  std::string key;  // lowercased
  std::vector<std::string> values;
  bool multivalued = false;
};

// What condition evaluation reads. Implemented by RequestContext and by
// layered contexts (a base request plus the keys a downstream service call adds).
class ConditionContext {
 public:
  virtual ~ConditionContext() = default;
  // `key` in any case. nullptr when the request does not carry the key.
  virtual const ContextEntry* find(std::string_view key) const = 0;
  // Whether the caller chose this key's value (or its absence) freely: true only while a
  // ContextObserver is installed and says so for this context's role (context_observer.h).
  // `key_lower` is lowercased.
  virtual bool is_free(std::string_view /*key_lower*/) const { return false; }
  // Whether the world does not describe this key's value for this request, although AWS would
  // fill it (tags of an object the file does not declare, an OU path the file does not give):
  // its absence here is not AWS's absence (unknown_keys.h). `key_lower` is lowercased.
  virtual bool undescribed(std::string_view /*key_lower*/) const { return false; }
};

class RequestContext final : public ConditionContext {
 public:
  void set(std::string_view key, std::string_view value);
  // Like set() for a key the context does not hold yet (no lookup): for filling
  // a freshly cleared context with keys known to be distinct.
  void add(std::string_view key, std::string_view value);
  // Appends every key and undescribed mark of `other`, which holds none of this context's keys
  // (no lookup, keys already lowercased: a requester's keys built once, copied in).
  void append(const RequestContext& other);
  void set_multi(std::string_view key, const std::vector<std::string>& values);
  void set_multi(std::string_view key, std::initializer_list<std::string_view> values);
  void remove(std::string_view key);
  // Forgets every key but keeps the storage, so a context reused for the next
  // request allocates nothing once warm (the evaluator's hot path).
  void clear() {
    size_ = 0;
    role_ = KeyRole::kNone;
    undescribed_.clear();
  }
  // Marks a key (or, ending in `/`, every key with that prefix) as undescribed: `key_lower` must be
  // lowercased text with static storage (a literal).
  void mark_undescribed(std::string_view key_lower) { undescribed_.push_back(key_lower); }
  bool undescribed(std::string_view key_lower) const override;
  const ContextEntry* find(std::string_view key) const override;
  bool is_free(std::string_view key_lower) const override;
  // Whose choice this context's keys are, for an installed ContextObserver. Set by
  // apply_context_overrides (the caller's own request) and by a service building the context of
  // a call it makes for the caller (kForwarded).
  void set_role(KeyRole role) { role_ = role; }
  std::span<const ContextEntry> entries() const { return {entries_.data(), size_}; }

 private:
  ContextEntry& slot_for(std::string_view key);
  std::vector<ContextEntry> entries_;  // the first size_ are live; the rest are spare storage
  std::size_t size_ = 0;
  KeyRole role_ = KeyRole::kNone;
  std::vector<std::string_view> undescribed_;
};

// Looks in `overlay` first, then in `base` (a KMS call that S3 makes on the
// caller's behalf sees the caller's keys plus kms:ViaService and friends).
class LayeredContext final : public ConditionContext {
 public:
  LayeredContext(const ConditionContext& base, const ConditionContext& overlay)
      : base_(base), overlay_(overlay) {}
  const ContextEntry* find(std::string_view key) const override {
    if (const ContextEntry* e = overlay_.find(key)) return e;
    return base_.find(key);
  }
  bool is_free(std::string_view key_lower) const override {
    if (overlay_.find(key_lower)) return overlay_.is_free(key_lower);
    return base_.is_free(key_lower);
  }
  bool undescribed(std::string_view key_lower) const override {
    return overlay_.undescribed(key_lower) || base_.undescribed(key_lower);
  }

 private:
  const ConditionContext& base_;
  const ConditionContext& overlay_;
};

// A context filled on first use: most authorizations evaluate no condition and
// no policy variable, so the services describe their keys as a `fill` function
// instead of building twenty-odd entries up front. `fill(storage)` runs at the
// first find(), at most once; `storage` is the caller's reused (thread_local)
// context, which it clears. What a condition sees is exactly what an eager fill
// would have built.
//
// `early(key)`, when given, answers a key the caller can give without the fill (nullptr: it
// cannot): the one key most policies read, at the cost of a comparison. It must answer exactly
// what the fill would build, and is asked only by find(): is_free and undescribed always fill.
struct NoEarlyAnswers {
  const ContextEntry* operator()(std::string_view) const { return nullptr; }
};

template <typename Fill, typename Early = NoEarlyAnswers>
class LazyContext final : public ConditionContext {
 public:
  LazyContext(RequestContext& storage, Fill fill, Early early = {})
      : storage_(storage), fill_(std::move(fill)), early_(std::move(early)) {}
  const ContextEntry* find(std::string_view key) const override {
    if (!filled_) {
      if (const ContextEntry* e = early_(key)) return e;
      fill();
    }
    return storage_.find(key);
  }
  bool is_free(std::string_view key_lower) const override {
    fill();  // sets the context's role
    return storage_.is_free(key_lower);
  }
  bool undescribed(std::string_view key_lower) const override {
    fill();  // marks what the context does not describe
    return storage_.undescribed(key_lower);
  }

 private:
  void fill() const {
    if (filled_) return;
    fill_(storage_);
    filled_ = true;
  }

  RequestContext& storage_;
  Fill fill_;
  Early early_;
  mutable bool filled_ = false;
};

}  // namespace accesspath
