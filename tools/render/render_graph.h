// Pictures of an access graph: Graphviz DOT and SVG, with accounts as clusters,
// one shape per kind of vertex, one line style per kind of edge, the
// counterexample path highlighted and numbered, and a legend (see style.h).
// Output is sorted, so the same graph gives the same bytes on every run.
//
//   AccessGraph g = build_access_graph(world);
//   std::string dot = render_dot(g, {.counterexample = outcome.counterexample});
//   std::string svg = render_svg(g, {});  // in process, through libgvc
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/analysis/access_graph.h"
#include "tools/render/graphviz_emit.h"  // RenderError
#include "tools/render/render_options.h"

namespace accesspath {

enum class RenderFormat { kDot, kSvg };

// By the file name's extension (".dot", ".gv" or ".svg", any case); nullopt otherwise.
std::optional<RenderFormat> format_for_path(std::string_view path);

// Each throws RenderError when Graphviz fails; `warnings`, when given, receives
// what Graphviz reported on the way (nothing, normally).
std::string render_dot(const AccessGraph& graph, const RenderOptions& options = {},
                       std::string* warnings = nullptr);
std::string render_svg(const AccessGraph& graph, const RenderOptions& options = {},
                       std::string* warnings = nullptr);
std::string render(const AccessGraph& graph, RenderFormat format, const RenderOptions& options = {},
                   std::string* warnings = nullptr);

// The account names of a world, for RenderOptions::account_names.
std::map<std::string, std::string> account_names(const World& world);

}  // namespace accesspath
