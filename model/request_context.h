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

#include <string>
#include <string_view>
#include <vector>

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
};

class RequestContext final : public ConditionContext {
 public:
  void set(std::string_view key, std::string value);
  void set_multi(std::string_view key, std::vector<std::string> values);
  void remove(std::string_view key);
  const ContextEntry* find(std::string_view key) const override;
  const std::vector<ContextEntry>& entries() const { return entries_; }

 private:
  ContextEntry* find_mutable(std::string_view key);
  std::vector<ContextEntry> entries_;
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

 private:
  const ConditionContext& base_;
  const ConditionContext& overlay_;
};

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

}  // namespace accesspath
