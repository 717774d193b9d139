// `accesspath who` and `accesspath paths`: questions about access paths.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace accesspath {

struct WhoOptions {
  std::string file;
  std::string action;
  std::string resource;
  std::vector<std::string> headers;  // name=value
  std::vector<std::string> context;  // key=value
  bool escalation = false;
  std::string format = "text";
};
// Every principal that can, each with its shortest path. Exit 0 (even when nobody can), 2 bad
// input.
int run_who(const WhoOptions& options, std::ostream& out, std::ostream& err);

struct PathsOptions {
  std::string file;
  std::string from;
  std::string action;    // optional filter (wildcards allowed)
  std::string resource;  // optional filter (wildcards allowed)
  std::string format = "text";
};
// Everything `from` can reach and how. Exit 0, 2 bad input.
int run_paths(const PathsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace accesspath
