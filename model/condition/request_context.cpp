#include "model/condition/request_context.h"

#include <algorithm>

namespace accesspath {

namespace {
// Lowercases into `out`, reusing its storage (the hot path allocates nothing once warm).
void assign_lower(std::string& out, std::string_view s) {
  out.assign(s);
  for (char& c : out) c = ascii_lower(c);
}
}  // namespace

bool RequestContext::is_free(std::string_view key_lower) const {
  if (role_ == KeyRole::kNone) return false;
  const ContextObserver* observer = context_observer();
  return observer && observer->is_free(key_lower, role_);
}

bool RequestContext::undescribed(std::string_view key_lower) const {
  for (std::string_view m : undescribed_) {
    if (key_lower == m) return true;
    if (!m.empty() && m.back() == '/' && key_lower.size() > m.size() &&
        key_lower.substr(0, m.size()) == m)
      return true;
  }
  return false;
}

namespace {

// Whether a stored key (lower case) is `key` in any case. From the end: the keys of a context
// share their beginnings (`aws:`, `s3:x-amz-`), so most comparisons end at the first byte.
bool is_key(std::string_view stored_lower, std::string_view key) {
  if (stored_lower.size() != key.size()) return false;
  for (std::size_t i = key.size(); i-- > 0;)
    if (stored_lower[i] != ascii_lower(key[i])) return false;
  return true;
}

}  // namespace

const ContextEntry* RequestContext::find(std::string_view key) const {
  for (std::size_t i = 0; i < size_; ++i)
    if (is_key(entries_[i].key, key)) return &entries_[i];
  return nullptr;
}

ContextEntry& RequestContext::slot_for(std::string_view key) {
  for (std::size_t i = 0; i < size_; ++i)
    if (is_key(entries_[i].key, key)) return entries_[i];
  if (size_ == entries_.size()) entries_.emplace_back();
  ContextEntry& e = entries_[size_++];
  assign_lower(e.key, key);  // reuses the slot's storage
  return e;
}

void RequestContext::set(std::string_view key, std::string_view value) {
  ContextEntry& e = slot_for(key);
  e.values.resize(1);
  e.values[0].assign(value);
  e.multivalued = false;
}

void RequestContext::add(std::string_view key, std::string_view value) {
  if (size_ == entries_.size()) entries_.emplace_back();
  ContextEntry& e = entries_[size_++];
  assign_lower(e.key, key);
  e.values.resize(1);
  e.values[0].assign(value);
  e.multivalued = false;
}

void RequestContext::append(const RequestContext& other) {
  for (const ContextEntry& from : other.entries()) {
    if (size_ == entries_.size()) entries_.emplace_back();
    ContextEntry& e = entries_[size_++];
    e.key.assign(from.key);
    e.values.resize(from.values.size());
    for (std::size_t i = 0; i < from.values.size(); ++i) e.values[i].assign(from.values[i]);
    e.multivalued = from.multivalued;
  }
  undescribed_.insert(undescribed_.end(), other.undescribed_.begin(), other.undescribed_.end());
}

void RequestContext::set_multi(std::string_view key, const std::vector<std::string>& values) {
  ContextEntry& e = slot_for(key);
  e.values.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) e.values[i].assign(values[i]);
  e.multivalued = true;
}

void RequestContext::set_multi(std::string_view key,
                               std::initializer_list<std::string_view> values) {
  ContextEntry& e = slot_for(key);
  e.values.resize(values.size());
  std::size_t i = 0;
  for (auto v : values) e.values[i++].assign(v);
  e.multivalued = true;
}

void RequestContext::remove(std::string_view key) {
  for (std::size_t i = 0; i < size_; ++i) {
    if (is_key(entries_[i].key, key)) {
      // Keep the removed slot's storage as a spare: swap it past the live range.
      std::swap(entries_[i], entries_[size_ - 1]);
      --size_;
      return;
    }
  }
}

}  // namespace accesspath
