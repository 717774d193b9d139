// The access graph built the slow, obvious way: one evaluator question for every possible
// (principal, resource, action). It is the reference the indexed builder (build_access_graph)
// is tested against; the two must give the same graph, edge for edge.
#pragma once

#include "model/analysis/access_paths.h"

namespace accesspath {

AccessGraph build_access_graph_exhaustive(const World& world, const GraphOptions& options = {});

}  // namespace accesspath
