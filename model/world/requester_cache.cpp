#include "model/world/requester_cache.h"

namespace accesspath {

const Requester* RequesterCache::resolve(std::string_view principal, std::string* why) {
  if (auto it = resolved_.find(principal); it != resolved_.end()) return &it->second;
  std::optional<Requester> who = resolve_requester(world_, principal, why);
  if (!who) return nullptr;
  // A stream of ever new principals (a generated or hostile file) keeps memory bounded.
  if (resolved_.size() >= max_entries_) resolved_.clear();
  return &resolved_.emplace(std::string(principal), std::move(*who)).first->second;
}

}  // namespace accesspath
