#include "tools/render/legend.h"

#include <string>

#include "tools/render/labels.h"
#include "tools/render/scene_builder.h"
#include "tools/render/style.h"

namespace accesspath {
namespace {

constexpr const char* kLegendFontSize = "10";

SceneNode sample_vertex(const std::string& name, VertexKind kind, bool declared,
                        const std::string& label) {
  SceneNode n{.name = name, .attrs = vertex_style(kind, declared)};
  n.attrs.set("label", label).set("fontsize", kLegendFontSize).set("height", "0.3");
  return n;
}

// A line drawn in text, in the colour (and roughly the style) of the edge kind.
std::string line_glyphs(std::string_view style) {
  if (style == "dashed") return "╌╌╌╌▶";
  if (style == "dotted") return "┉┉┉┉▶";
  if (style == "bold") return "━━━━▶";
  return "────▶";
}

std::string line_row(const Attrs& style, const std::string& text, bool thick) {
  std::string color = style.get("color") ? *style.get("color") : "#000000";
  std::string glyphs = line_glyphs(style.get("style") ? *style.get("style") : "solid");
  if (thick) glyphs = "<B>━━━━▶</B>";
  return "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"" + color + "\">" + glyphs +
         "</FONT></TD><TD ALIGN=\"LEFT\">" + html_escape(text) + "</TD></TR>";
}

std::string key_of(std::string_view text) {
  std::string key;
  for (char c : text) key += (c == ' ' || c == '(' || c == ')') ? '-' : c;
  return key;
}

}  // namespace

Legend build_legend(const LegendContent& content) {
  Legend legend{
      .cluster = make_cluster(
          kLegendClusterName,
          {{"label", "legend"}, {"style", "rounded"}, {"color", "#999999"}, {"fontsize", "11"}}),
      .edges = {}};
  // Two columns of samples, in order (kinds of principal, kinds of resource, the
  // table of kinds of edge), split in the middle; invisible edges pair the rows.
  std::vector<std::string> samples;
  for (VertexKind k : content.vertex_kinds) {
    std::string name(kind_label(k));
    legend.cluster.nodes.push_back(sample_vertex("legend:" + key_of(name), k, true, name));
    samples.push_back(legend.cluster.nodes.back().name);
  }
  if (content.undeclared_object) {
    legend.cluster.nodes.push_back(
        sample_vertex("legend:new-object", VertexKind::kObject, false, "object writable now"));
    samples.push_back(legend.cluster.nodes.back().name);
  }
  std::string rows;
  for (EdgeKind k : content.edge_kinds)
    rows += line_row(edge_style(k), std::string(kind_label(k)), false);
  if (content.path) {
    Attrs style;
    highlight_edge(style);
    rows += line_row(style, "counterexample step", true);
  }
  if (!rows.empty()) {
    SceneNode table{
        .name = "legend:edges",
        .attrs = {{"shape", "plaintext"}, {"fontsize", kLegendFontSize}, {"margin", "0"}}};
    table.attrs.set_html_label("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">" + rows +
                               "</TABLE>");
    legend.cluster.nodes.push_back(std::move(table));
    samples.push_back(legend.cluster.nodes.back().name);
  }
  std::size_t half = (samples.size() + 1) / 2;
  for (std::size_t i = 0; i + half < samples.size(); ++i)
    legend.edges.push_back({.tail = samples[i],
                            .head = samples[i + half],
                            .attrs = {{"style", "invis"}, {"weight", "10"}}});
  return legend;
}

}  // namespace accesspath
