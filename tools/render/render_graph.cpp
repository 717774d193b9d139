#include "tools/render/render_graph.h"

#include <algorithm>
#include <cctype>

#include "tools/render/scene_builder.h"

namespace accesspath {

std::optional<RenderFormat> format_for_path(std::string_view path) {
  std::size_t dot = path.rfind('.');
  std::size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "dot" || ext == "gv") return RenderFormat::kDot;
  if (ext == "svg") return RenderFormat::kSvg;
  return std::nullopt;
}

std::string render_dot(const AccessGraph& graph, const RenderOptions& options,
                       std::string* warnings) {
  return scene_to_dot(build_scene(graph, options), warnings);
}

std::string render_svg(const AccessGraph& graph, const RenderOptions& options,
                       std::string* warnings) {
  return scene_to_svg(build_scene(graph, options), warnings);
}

std::string render(const AccessGraph& graph, RenderFormat format, const RenderOptions& options,
                   std::string* warnings) {
  return format == RenderFormat::kSvg ? render_svg(graph, options, warnings)
                                      : render_dot(graph, options, warnings);
}

std::map<std::string, std::string> account_names(const World& world) {
  std::map<std::string, std::string> names;
  for (const auto& a : world.accounts) names[a.id] = a.name.empty() ? "declared" : a.name;
  return names;
}

}  // namespace accesspath
