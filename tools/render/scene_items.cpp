#include "tools/render/scene_items.h"

#include <algorithm>

#include "tools/render/labels.h"
#include "tools/render/style.h"

namespace accesspath {
namespace {

std::string font(std::string_view size, std::string_view color, const std::string& html) {
  return "<FONT POINT-SIZE=\"" + std::string(size) + "\" COLOR=\"" + std::string(color) + "\">" +
         html + "</FONT>";
}

// Detail text, wrapped, escaped and joined with <BR/>.
std::string html_lines(std::string_view text) {
  std::string out;
  for (const auto& line : wrap_text(text, kMaxDetailChars, kMaxDetailLines))
    out += (out.empty() ? "" : "<BR/>") + html_escape(line);
  return out;
}

// An edge label with a margin, so that no edge runs through its text.
std::string padded(const std::string& html) {
  return "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"7\"><TR><TD>" + html +
         "</TD></TR></TABLE>";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string full_statements(const std::vector<StatementRef>& statements) {
  std::vector<std::string> items;
  for (const auto& s : statements) {
    std::string item = s.sid.empty() ? s.pointer : s.sid + " (" + s.pointer + ")";
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }
  return join(items, "; ");
}

}  // namespace

SceneNode vertex_node(const AccessVertex& v, bool on_path) {
  SceneNode n{.name = v.id, .attrs = vertex_style(v.kind, v.declared)};
  std::string name = html_escape(vertex_label(v));
  if (v.detail.empty()) {
    n.attrs.set("label", vertex_label(v));
  } else {
    n.attrs.set_html_label(name + "<BR/>" + font("9", kDimTextColor, html_lines(v.detail)));
  }
  n.attrs.set("tooltip", v.detail.empty() ? v.id : v.id + "\n" + v.detail);
  if (on_path) highlight_vertex(n.attrs);
  return n;
}

SceneEdge group_edge(const EdgeGroup& g, bool dim) {
  SceneEdge e{.tail = g.tail, .head = g.head, .attrs = edge_style(g.kind)};
  std::string actions = summarize(g.actions, kMaxListedActions);
  std::string statements = summarize(statement_labels(g.statements), kMaxListedStatements);
  std::string html = html_escape(actions);
  if (!statements.empty()) html += "<BR/>" + font("8", kDimTextColor, html_escape(statements));
  if (g.details.size() == 1)  // e.g. which encryptions a write may use
    html += "<BR/>" + font("8", kDimTextColor, "<I>" + html_lines(g.details.front()) + "</I>");
  e.attrs.set_html_label(padded(html));
  std::string tooltip = join(g.actions, ", ");
  if (!g.statements.empty()) tooltip += "\nallowed by: " + full_statements(g.statements);
  if (!g.details.empty()) tooltip += "\n" + join(g.details, "; ");
  e.attrs.set("tooltip", tooltip);
  if (dim) dim_edge(e.attrs, g.kind);
  return e;
}

SceneEdge path_edge(const PathEdge& p) {
  SceneEdge e{.tail = p.tail, .head = p.head, .attrs = edge_style(p.kind)};
  highlight_edge(e.attrs);
  std::string html = "<B>" + std::to_string(p.number) + ". " + html_escape(p.action) + "</B>";
  std::string statements = summarize(statement_labels(p.statements), kMaxListedStatements);
  if (!statements.empty()) html += "<BR/>" + font("8", kDimTextColor, html_escape(statements));
  if (!p.detail.empty())
    html += "<BR/>" + font("8", kPathColor, "<I>" + html_lines(p.detail) + "</I>");
  e.attrs.set_html_label(padded(html));
  std::string tooltip = "step " + std::to_string(p.number) + ": " + p.action;
  if (!p.statements.empty()) tooltip += "\nallowed by: " + full_statements(p.statements);
  if (!p.detail.empty()) tooltip += "\n" + p.detail;
  e.attrs.set("tooltip", tooltip);
  return e;
}

}  // namespace accesspath
