// A Scene through Graphviz: DOT text written by libcgraph, SVG laid out by the
// dot engine and rendered by libgvc in this process (no `dot` program).
//
//   std::string dot = scene_to_dot(scene);
//   std::string svg = scene_to_svg(scene);  // throws RenderError
#pragma once

#include <stdexcept>
#include <string>

#include "tools/render/scene.h"

namespace accesspath {

class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `warnings`, when given, receives what Graphviz reported (nothing, normally).
std::string scene_to_dot(const Scene& scene, std::string* warnings = nullptr);
std::string scene_to_svg(const Scene& scene, std::string* warnings = nullptr);

}  // namespace accesspath
