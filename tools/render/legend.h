// The legend: a sample of each kind of vertex and edge the picture uses (and of
// a counterexample step when a path is drawn), taken from the same styles as the
// picture itself so it cannot drift from them.
#pragma once

#include <set>

#include "model/analysis/access_graph.h"
#include "tools/render/scene.h"

namespace accesspath {

struct LegendContent {
  std::set<VertexKind> vertex_kinds;
  bool undeclared_object = false;  // a "writable now" object is drawn
  std::set<EdgeKind> edge_kinds;
  bool path = false;
};

struct Legend {
  SceneCluster cluster;
  std::vector<SceneEdge> edges;  // invisible: they lay the samples out in two columns
};

// Vertex samples drawn with the picture's own styles, and a table of the edge
// kinds in their colours.
Legend build_legend(const LegendContent& content);

}  // namespace accesspath
