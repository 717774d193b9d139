// One access of a start principal: the first target one of its identities (itself, then the
// roles of its chains, shortest first) may reach in some request context, as a counterexample
// (the write of a new object first, then the chain, then the access). Shared by invariants,
// `who` and the pairs of a diff.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "model/analysis/access_targets.h"
#include "model/analysis/counterexample.h"
#include "model/analysis/role_chains.h"
#include "model/world/world.h"

namespace accesspath::paths {

struct Found {
  Counterexample example;
};

// With `reach` worked out (`reach.identities[0]` is the start). `read_world` holds the objects
// that can be written now (with_written_objects).
std::optional<Found> find_access_in(const World& w, const Reach& reach,
                                    std::span<const Target> targets, const World& read_world);

// The same from `start`, its reach through `chains`.
std::optional<Found> find_access(const World& w, const std::string& start, RoleChains& chains,
                                 std::span<const Target> targets, const World& read_world);

}  // namespace accesspath::paths
