// The subcommands of the accesspath tool. Each returns the process exit status:
// 0 as expected / allowed, 1 not as expected / denied, 2 bad input.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace accesspath {

struct CheckOptions {
  std::string format = "text";
  bool verbose = false;
  std::vector<std::string> files;
};
int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct ExplainOptions {
  std::string file;
  std::string principal;
  std::string action;
  std::string resource;
  std::vector<std::string> headers;  // name=value
  std::vector<std::string> context;  // key=value
  std::string format = "text";
  bool all_policies = false;
};
int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err);

// --- graph: the access graph as a picture (tools/cli/graph_command.cpp) ---
struct GraphCommandOptions {
  std::string file;
  std::optional<std::string> invariant;  // highlight this invariant's counterexample
  std::optional<std::string> from;       // only what this principal reaches
  bool no_admin = false;                 // leave out policy-administration edges
  std::string output;                    // .dot or .svg
};
int run_graph(const GraphCommandOptions& options, std::ostream& out, std::ostream& err);
// --- end graph ---

}  // namespace accesspath
