#include "tools/render/style.h"

namespace accesspath {

Attrs vertex_style(VertexKind kind, bool declared) {
  Attrs a;
  switch (kind) {
    case VertexKind::kUser:
      a = {{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", "#dbe9f6"}};
      break;
    case VertexKind::kRole:
      a = {{"shape", "box"}, {"style", "rounded,filled"}, {"fillcolor", "#dbe9f6"}};
      break;
    case VertexKind::kAnonymous:
      a = {{"shape", "ellipse"}, {"style", "dashed,filled"}, {"fillcolor", "#eeeeee"}};
      break;
    case VertexKind::kOutsider:
      a = {{"shape", "ellipse"}, {"style", "dashed,filled"}, {"fillcolor", "#f6eedb"}};
      break;
    case VertexKind::kService:
      a = {{"shape", "hexagon"}, {"style", "filled"}, {"fillcolor", "#e3f2e1"}};
      break;
    case VertexKind::kBucket:
      a = {{"shape", "cylinder"}, {"style", "filled"}, {"fillcolor", "#fff4cc"}};
      break;
    case VertexKind::kObject:
      a = {{"shape", "note"}, {"style", "filled"}, {"fillcolor", "#fffbe8"}};
      break;
    case VertexKind::kKey:
      a = {{"shape", "octagon"}, {"style", "filled"}, {"fillcolor", "#efe3f6"}};
      break;
  }
  bool resource =
      kind == VertexKind::kBucket || kind == VertexKind::kObject || kind == VertexKind::kKey;
  if (!declared && resource) {
    const std::string* style = a.get("style");
    a.set("style", "dashed," + (style ? *style : std::string("filled")));
  }
  return a;
}

std::string edge_color(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kAssumeRole:
      return "#1f5fa8";
    case EdgeKind::kRead:
      return "#2e7d32";
    case EdgeKind::kWrite:
      return "#e06c00";
    case EdgeKind::kKeyUse:
      return "#7b3fa0";
    case EdgeKind::kAdmin:
      return "#c62828";
  }
  return "#000000";
}

Attrs edge_style(EdgeKind kind) {
  Attrs a{{"color", edge_color(kind)}, {"fontcolor", edge_color(kind)}};
  switch (kind) {
    case EdgeKind::kAssumeRole:
      a.set("style", "dashed");
      break;
    case EdgeKind::kRead:
      a.set("style", "bold");
      break;
    case EdgeKind::kWrite:
      a.set("style", "solid");
      break;
    case EdgeKind::kKeyUse:
      a.set("style", "solid");
      break;
    case EdgeKind::kAdmin:
      a.set("style", "dotted").set("penwidth", "1.6");
      break;
  }
  return a;
}

void highlight_vertex(Attrs& attrs) {
  attrs.set("color", kPathColor).set("penwidth", "3").set("fillcolor", kPathFill);
}

void highlight_edge(Attrs& attrs) {
  attrs.set("color", kPathColor).set("fontcolor", kPathColor).set("penwidth", kPathPenWidth);
  const std::string* style = attrs.get("style");
  if (style && *style == "bold") attrs.set("style", "solid");  // penwidth says it already
  attrs.set("weight", "4");                                    // keep the path straight
}

void dim_edge(Attrs& attrs, EdgeKind kind) {
  attrs.set("color", edge_color(kind) + "80").set("fontcolor", edge_color(kind) + "b0");
}

}  // namespace accesspath
