// What a picture of an access graph shows besides the graph itself.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/analysis/counterexample.h"

namespace accesspath {

struct RenderOptions {
  // Drawn on top of the graph: thick numbered edges, highlighted vertices; the
  // steps' vertices and edges are added when the graph lacks them.
  std::optional<Counterexample> counterexample;
  std::map<std::string, std::string> account_names;  // declared accounts: id -> name
  std::string title;                                 // shown above the picture; "" for none
  bool legend = true;
};

}  // namespace accesspath
