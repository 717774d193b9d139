// `accesspath graph FILE [--invariant NAME] [--from P] [--no-admin] -o OUT.dot|OUT.svg`:
// the access graph of a scenario's world as a picture, with an invariant's
// counterexample highlighted. The format follows OUT's extension; the file is
// written whole or not at all. Exit 0 written, 2 bad input or nothing written.
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/access_paths.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tools/cli/commands.h"
#include "tools/render/atomic_file.h"
#include "tools/render/labels.h"
#include "tools/render/render_graph.h"

namespace accesspath {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out;
}

const Invariant* find_invariant(const Scenario& s, const std::string& name, std::ostream& err) {
  for (const auto& inv : s.invariants)
    if (inv.name == name) return &inv;
  std::vector<std::string> names;
  for (const auto& inv : s.invariants) names.push_back(inv.name);
  err << "--invariant `" << name << "`: no such invariant in `" << s.file << "`; ";
  if (names.empty())
    err << "the file declares no invariants\n";
  else
    err << "valid names: " << quoted_list(names) << "\n";
  return nullptr;
}

std::size_t edge_count(const AccessGraph& g) {
  return boost::num_edges(g.graph);
}

}  // namespace

int run_graph(const GraphCommandOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<RenderFormat> format = format_for_path(o.output);
  if (!format) {
    err << "-o `" << o.output << "`: unknown output format; name a .dot or .svg file\n";
    return 2;
  }
  LoadResult loaded = load_scenario_file(o.file);
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) err << d.to_string() << "\n";
    return 2;
  }
  const Scenario& scenario = *loaded.scenario;
  const Invariant* invariant = nullptr;
  if (o.invariant && !(invariant = find_invariant(scenario, *o.invariant, err))) return 2;

  AccessGraph graph =
      build_access_graph(scenario.world, {.admin_edges = !o.no_admin, .from = o.from});
  if (o.from && !graph.find(*o.from)) {
    err << "--from `" << *o.from << "`: not a principal of this world; use one of "
        << quoted_list(considered_principals(scenario.world))
        << ", or a service principal named in a trust policy\n";
    return 2;
  }

  RenderOptions render_options;
  render_options.account_names = account_names(scenario.world);
  std::string title = scenario.name.empty() ? o.file : scenario.name;
  if (o.from) title += ", from " + display_name(*o.from);
  std::string status;
  if (invariant) {
    InvariantOutcome outcome = check_invariant(scenario.world, *invariant);
    for (const auto& w : outcome.warnings) err << "warning: " << w << "\n";
    title += ": invariant `" + invariant->name + "` ";
    if (!outcome.holds) {
      title += "cannot be decided";
      status = "; invariant `" + invariant->name + "` cannot be decided: " + outcome.reason;
    } else if (*outcome.holds) {
      title += "holds";
      status = "; invariant `" + invariant->name + "` holds: no counterexample to draw";
    } else {
      title += "is violated (counterexample in magenta)";
      render_options.counterexample = outcome.counterexample;
      std::size_t steps = outcome.counterexample ? outcome.counterexample->steps.size() : 0;
      status = "; invariant `" + invariant->name + "` is violated: its counterexample (" +
               std::to_string(steps) + (steps == 1 ? " step" : " steps") + ") is highlighted";
    }
  }
  render_options.title = title;

  std::string picture;
  std::string warnings;
  try {
    picture = render(graph, *format, render_options, &warnings);
    if (!warnings.empty())
      err << "graphviz: " << warnings << (warnings.ends_with('\n') ? "" : "\n");
  } catch (const RenderError& e) {
    err << "cannot draw the graph: " << e.what() << "\n";
    return 2;
  }
  std::string why;
  if (!write_file_atomically(o.output, picture, &why)) {
    err << why << "\n";
    return 2;
  }
  out << "wrote " << o.output << ": " << boost::num_vertices(graph.graph) << " vertices, "
      << edge_count(graph) << " edges" << status << "\n";
  return 0;
}

}  // namespace accesspath
