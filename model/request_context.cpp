#include "model/request_context.h"

#include <algorithm>

namespace accesspath {

namespace {
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

ContextEntry* RequestContext::find_mutable(std::string_view key) {
  for (auto& e : entries_)
    if (iequals(e.key, key)) return &e;
  return nullptr;
}

const ContextEntry* RequestContext::find(std::string_view key) const {
  for (const auto& e : entries_)
    if (iequals(e.key, key)) return &e;
  return nullptr;
}

void RequestContext::set(std::string_view key, std::string value) {
  if (ContextEntry* e = find_mutable(key)) {
    e->values = {std::move(value)};
    e->multivalued = false;
    return;
  }
  entries_.push_back({to_lower(key), {std::move(value)}, false});
}

void RequestContext::set_multi(std::string_view key, std::vector<std::string> values) {
  if (ContextEntry* e = find_mutable(key)) {
    e->values = std::move(values);
    e->multivalued = true;
    return;
  }
  entries_.push_back({to_lower(key), std::move(values), true});
}

void RequestContext::remove(std::string_view key) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const ContextEntry& e) { return iequals(e.key, key); }),
                 entries_.end());
}

}  // namespace accesspath
