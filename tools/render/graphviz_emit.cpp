#include "tools/render/graphviz_emit.h"

#include <cstdio>
#include <cstdlib>

#include "tools/render/graphviz_session.h"

namespace accesspath {
namespace {

// cgraph takes char* where it only reads.
char* chars(const std::string& s) {
  return const_cast<char*>(s.c_str());
}
char* chars(const char* s) {
  return const_cast<char*>(s);
}

void set_attrs(void* object, Agraph_t* root, const Attrs& attrs) {
  for (const auto& [name, value] : attrs.items())
    agsafeset(object, chars(name), chars(value), chars(""));
  if (attrs.has_html_label()) {
    // An HTML-like label is a string cgraph marks as such; agsafeset keeps the mark
    // because it finds the same interned string.
    char* html = agstrdup_html(root, chars(attrs.html_label()));
    agsafeset(object, chars("label"), html, chars(""));
    agstrfree(root, html);
  }
}

void declare_defaults(Agraph_t* root, int kind, const Attrs& attrs) {
  for (const auto& [name, value] : attrs.items()) agattr(root, kind, chars(name), chars(value));
}

void add_nodes(Agraph_t* root, Agraph_t* where, const std::vector<SceneNode>& nodes) {
  for (const auto& n : nodes) {
    Agnode_t* node = agnode(where, chars(n.name), 1);
    set_attrs(node, root, n.attrs);
  }
}

void add_cluster(Agraph_t* root, Agraph_t* parent, const SceneCluster& c) {
  Agraph_t* sub = agsubg(parent, chars("cluster_" + c.name), 1);
  set_attrs(sub, root, c.attrs);
  add_nodes(root, sub, c.nodes);
  for (const auto& child : c.clusters) add_cluster(root, sub, child);
}

GraphPtr build(GraphvizSession& gv, const Scene& scene) {
  GraphPtr g(gv.open_graph("accesspath"));
  if (!g) throw RenderError("graphviz could not create a graph");
  Agraph_t* root = g.get();
  // Graph attributes: declared with an empty default (so clusters do not inherit
  // the title), then set on the root graph.
  for (const auto& [name, value] : scene.graph.items()) {
    agattr(root, AGRAPH, chars(name), chars(""));
    agset(root, chars(name), chars(value));
  }
  declare_defaults(root, AGNODE, scene.node_defaults);
  declare_defaults(root, AGEDGE, scene.edge_defaults);
  for (const auto& c : scene.clusters) add_cluster(root, root, c);
  add_nodes(root, root, scene.nodes);
  for (const auto& e : scene.edges) {
    Agnode_t* tail = agnode(root, chars(e.tail), 0);
    Agnode_t* head = agnode(root, chars(e.head), 0);
    if (tail == nullptr || head == nullptr)
      throw RenderError("edge `" + e.tail + "` -> `" + e.head + "` names a vertex not drawn");
    Agedge_t* edge = agedge(root, tail, head, nullptr, 1);
    set_attrs(edge, root, e.attrs);
  }
  return g;
}

}  // namespace

std::string scene_to_dot(const Scene& scene, std::string* warnings) {
  GraphvizSession gv;
  GraphPtr g = build(gv, scene);
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&buffer, &size);
  if (out == nullptr) throw RenderError("cannot allocate memory for the DOT text");
  int rc = agwrite(g.get(), out);
  std::fclose(out);
  std::string dot(buffer, size);
  std::free(buffer);
  if (rc != 0) throw RenderError("graphviz could not write DOT: " + gv.messages());
  if (warnings) *warnings = gv.messages();
  return dot;
}

std::string scene_to_svg(const Scene& scene, std::string* warnings) {
  GraphvizSession gv;
  GraphPtr g = build(gv, scene);
  int laid_out = gvLayout(gv.context(), g.get(), "dot");
  LayoutGuard layout(gv, g.get());  // frees what a failed layout left, too
  if (laid_out != 0) throw RenderError("graphviz layout failed: " + gv.messages());
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gv.context(), g.get(), "svg", &data, &length) != 0) {
    gvFreeRenderData(data);
    throw RenderError("graphviz could not render SVG: " + gv.messages());
  }
  std::string svg(data, length);
  gvFreeRenderData(data);
  if (warnings) *warnings = gv.messages();
  return svg;  // the layout is freed, then the graph closed
}

}  // namespace accesspath
