// Who can read each bucket: for every bucket, the considered principals that can read at least
// one of its declared objects, themselves or as a role they reach through a chain of role
// assumptions. Answered from the access graph (its Read and AssumeRole edges, each an
// evaluator answer), with the role chains followed once per role, not once per principal.
//
//   AccessGraph g = build_access_graph(world, {.admin_edges = false});
//   BucketReaders r = readers_per_bucket(world, g);
//   r.readers[i]  // principals (ARNs, "anonymous", outsiders) that can read world.buckets[i]
//
// Objects that could be written now and then read (what invariants also consider) are not
// included: this is about the data the world declares.
#pragma once

#include <string>
#include <vector>

#include "model/analysis/access_graph.h"
#include "model/world/world.h"

namespace accesspath {

struct BucketReaders {
  std::vector<std::vector<std::string>> readers;  // per bucket, in world order; sorted
};

BucketReaders readers_per_bucket(const World& world, const AccessGraph& graph);

}  // namespace accesspath
