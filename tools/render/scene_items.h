// One vertex or one edge of the picture: its label (short, HTML-like: the name
// or action first, statements and details smaller below), its tooltip (the full
// text), and its style (style.h), highlighted on the counterexample path.
#pragma once

#include <string>
#include <vector>

#include "model/analysis/access_graph.h"
#include "tools/render/path_overlay.h"
#include "tools/render/scene.h"

namespace accesspath {

// Edges of one kind between the same two vertices, drawn as one.
struct EdgeGroup {
  std::string tail;
  std::string head;
  EdgeKind kind = EdgeKind::kRead;
  std::vector<std::string> actions;
  std::vector<StatementRef> statements;
  std::vector<std::string> details;
};

SceneNode vertex_node(const AccessVertex& v, bool on_path);
// `dim`: a counterexample is drawn, and this edge is not on it.
SceneEdge group_edge(const EdgeGroup& g, bool dim);
SceneEdge path_edge(const PathEdge& p);

}  // namespace accesspath
