// Principals resolved once per stream: `eval` and `replay` see the same few thousand callers
// millions of times, and resolving one (parsing its ARN, finding it, gathering its policies)
// costs more than deciding most requests.
//
//   RequesterCache cache(world);
//   const Requester* who = cache.resolve("arn:aws:iam::111122223333:user/alice", &why);
//
// The entries live until the cache is full (then it starts again), so a pointer it returned is
// valid until the next call to `resolve`. Not shared between threads: one cache a thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

class RequesterCache {
 public:
  explicit RequesterCache(const World& world, std::size_t max_entries = std::size_t{1} << 16)
      : world_(world), max_entries_(max_entries == 0 ? 1 : max_entries) {}

  // The principal as resolve_requester resolves it; nullptr (with `why`) when it cannot be.
  // Failures are not kept: they are rare, and each is reported with its own line.
  const Requester* resolve(std::string_view principal, std::string* why = nullptr);

  const World& world() const { return world_; }

 private:
  struct Entry {
    std::string principal;
    Requester who;
  };
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // 1 + the index in entries_; 0: empty
  };
  const Entry* find(std::string_view principal, std::uint64_t hash) const;
  void insert(std::uint64_t hash, std::uint32_t entry);

  const World& world_;
  std::size_t max_entries_;
  // Open addressing over a power-of-two table at most half full (a lookup is a mask and one or
  // two probes, where a node-based map divides and chases pointers: a tenth of `eval`'s time).
  std::vector<std::unique_ptr<Entry>> entries_;  // stable addresses: callers hold pointers
  std::vector<Slot> slots_;
};

}  // namespace accesspath
