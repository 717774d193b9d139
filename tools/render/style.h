// The legend of every picture: one shape and fill per kind of vertex, one line
// style and colour per kind of edge, and how a counterexample path stands out.
//
//   user        ellipse             service     hexagon
//   role        rounded box         bucket      cylinder
//   anonymous   dashed ellipse      object      note (dashed: not declared, writable now)
//   outsider    dashed ellipse      KMS key     octagon
//
//   assume role  blue, dashed        key use  purple
//   read         green, bold         admin    red, dotted
//   write        orange              path     thick magenta, numbered "1. sts:AssumeRole"
#pragma once

#include <string>

#include "model/analysis/access_graph.h"
#include "tools/render/scene.h"

namespace accesspath {

inline constexpr const char* kFontName = "Helvetica";
inline constexpr const char* kPathColor = "#d6006f";  // counterexample edges and vertices
inline constexpr const char* kPathFill = "#fde3f0";
inline constexpr const char* kDimTextColor = "#777777";  // statements, details
inline constexpr const char* kPathPenWidth = "3.5";

// Shape, style and colours of a vertex of this kind (`declared` = false draws it dashed).
Attrs vertex_style(VertexKind kind, bool declared);
// Line style, colour and arrow of an edge of this kind.
Attrs edge_style(EdgeKind kind);
// The colour of an edge kind ("#rrggbb"), for labels and the legend.
std::string edge_color(EdgeKind kind);

// Overrides for a vertex or an edge on the counterexample path.
void highlight_vertex(Attrs& attrs);
void highlight_edge(Attrs& attrs);
// Fades an edge that is not on the path, so the path stands out.
void dim_edge(Attrs& attrs, EdgeKind kind);

}  // namespace accesspath
