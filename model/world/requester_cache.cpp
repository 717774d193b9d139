#include "model/world/requester_cache.h"

#include <functional>

namespace accesspath {

const RequesterCache::Entry* RequesterCache::find(std::string_view principal,
                                                  std::uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.entry == 0) return nullptr;
    const Entry& e = *entries_[slot.entry - 1];
    if (slot.hash == hash && e.principal == principal) return &e;
  }
}

void RequesterCache::insert(std::uint64_t hash, std::uint32_t entry) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].entry != 0) i = (i + 1) & mask;
  slots_[i] = {hash, entry};
}

const Requester* RequesterCache::resolve(std::string_view principal, std::string* why) {
  const std::uint64_t hash = std::hash<std::string_view>{}(principal);
  if (const Entry* e = find(principal, hash)) return &e->who;
  std::optional<Requester> who = resolve_requester(world_, principal, why);
  if (!who) return nullptr;
  // A stream of ever new principals (a generated or hostile file) keeps memory bounded.
  if (entries_.size() >= max_entries_) {
    entries_.clear();
    slots_.clear();
  }
  entries_.push_back(std::make_unique<Entry>(Entry{std::string(principal), std::move(*who)}));
  if (2 * entries_.size() > slots_.size()) {
    // Grow to keep the table at most half full, placing every entry again.
    slots_.assign(slots_.empty() ? 64 : 2 * slots_.size(), Slot{});
    for (std::size_t k = 0; k < entries_.size(); ++k)
      insert(std::hash<std::string_view>{}(entries_[k]->principal),
             static_cast<std::uint32_t>(k + 1));
  } else {
    insert(hash, static_cast<std::uint32_t>(entries_.size()));
  }
  return &entries_.back()->who;
}

}  // namespace accesspath
