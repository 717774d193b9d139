// A counterexample as edges to draw over the access graph: one numbered edge
// per step ("1. sts:AssumeRole"), and the vertices the steps name that the
// graph lacks (e.g. when the graph was built --from another principal).
//
//   PathOverlay p = make_path_overlay(cx, [&](std::string_view id) { return lookup(id); });
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "model/analysis/access_graph.h"
#include "model/analysis/counterexample.h"

namespace accesspath {

struct PathEdge {
  std::size_t number = 0;  // 1-based step number
  std::string tail;
  std::string head;
  EdgeKind kind = EdgeKind::kRead;
  std::string action;
  std::string detail;
  std::vector<StatementRef> statements;
};

struct PathOverlay {
  std::string start;
  std::vector<PathEdge> edges;               // in step order
  std::set<std::string> vertices;            // every vertex on the path (start included)
  std::vector<AccessVertex> added_vertices;  // path vertices the graph does not have
};

using VertexLookup = std::function<const AccessVertex*(std::string_view id)>;

PathOverlay make_path_overlay(const Counterexample& cx, const VertexLookup& lookup);

// The edge kind that draws a step.
EdgeKind edge_kind_of(const PathStep& step);
// A vertex for an id the graph does not have, its kind guessed from the id.
AccessVertex guess_vertex(std::string_view id, const VertexLookup& lookup);

}  // namespace accesspath
