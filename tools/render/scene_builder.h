// From an access graph to a Scene: vertices grouped in one cluster per account
// (buckets with their objects in a sub-cluster; anonymous callers and services
// outside every account), edges of one kind between the same two vertices merged
// into one labelled edge, the counterexample path numbered and highlighted, and
// a legend. Everything is sorted (vertices by id, edges by source, target,
// action) so the output is the same on every run.
//
//   Scene s = build_scene(graph, {.counterexample = outcome.counterexample});
#pragma once

#include "model/analysis/access_graph.h"
#include "tools/render/render_options.h"
#include "tools/render/scene.h"

namespace accesspath {

Scene build_scene(const AccessGraph& graph, const RenderOptions& options);

// The cluster names build_scene uses (without Graphviz's "cluster_" prefix).
std::string account_cluster_name(std::string_view account);
std::string bucket_cluster_name(std::string_view bucket);
inline constexpr std::string_view kBucketClusterPrefix = "bucket_";
inline constexpr const char* kOutsideClusterName = "outside";
inline constexpr const char* kLegendClusterName = "legend";

}  // namespace accesspath
