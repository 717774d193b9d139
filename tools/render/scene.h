// A picture before Graphviz sees it: nodes, edges and nested clusters with
// their attributes, in the order they are to be written.
//
// The scene builder (scene_builder.h) turns an access graph into a Scene; the
// Graphviz emitter (graphviz_emit.h) turns a Scene into DOT or SVG. Keeping the
// two apart lets the layout decisions be tested without Graphviz.
//
//   Scene s = build_scene(graph, options);
//   std::string dot = scene_to_dot(s);
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace accesspath {

// Attributes in insertion order. A value set twice keeps the last one.
class Attrs {
 public:
  Attrs() = default;
  Attrs(std::initializer_list<std::pair<std::string, std::string>> init);

  Attrs& set(std::string name, std::string value);
  // An HTML-like label (Graphviz `label=<...>`): `html` is the markup inside the brackets.
  Attrs& set_html_label(std::string html);
  const std::string* get(std::string_view name) const;

  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  const std::string& html_label() const { return html_label_; }
  bool has_html_label() const { return !html_label_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
  std::string html_label_;
};

struct SceneNode {
  std::string name;  // unique: the vertex id (ARN, "anonymous", service name) or "legend:…"
  Attrs attrs;
};

struct SceneEdge {
  std::string tail;
  std::string head;
  Attrs attrs;
};

struct SceneCluster {
  std::string name;  // without the "cluster_" prefix Graphviz needs (added on output)
  Attrs attrs;
  std::vector<SceneNode> nodes;
  std::vector<SceneCluster> clusters;
};

inline SceneCluster make_cluster(std::string name, Attrs attrs) {
  SceneCluster c;
  c.name = std::move(name);
  c.attrs = std::move(attrs);
  return c;
}

struct Scene {
  Attrs graph;  // graph attributes (rankdir, label, ...)
  Attrs node_defaults;
  Attrs edge_defaults;
  std::vector<SceneCluster> clusters;
  std::vector<SceneNode> nodes;  // outside every cluster
  std::vector<SceneEdge> edges;

  // Every node, wherever it sits (depth first, in order).
  std::vector<const SceneNode*> all_nodes() const;
  const SceneCluster* find_cluster(std::string_view name) const;
};

}  // namespace accesspath
