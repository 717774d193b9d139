// The indexed access graph builder with the number of threads chosen by the caller.
// build_access_graph (access_paths.h) is this with threads = 0: as many as the machine has,
// when the world has enough requesters to keep them busy. The graph is the same whatever
// the number of threads; tests use this to check that.
#pragma once

#include <cstddef>

#include "model/analysis/access_paths.h"

namespace accesspath {

AccessGraph build_access_graph_with_threads(const World& world, const GraphOptions& options,
                                            std::size_t threads);

}  // namespace accesspath
