// The subcommands of the accesspath tool. Each returns the process exit status:
// 0 as expected / allowed, 1 not as expected / denied, 2 bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

// The version and home page come from CMake's project() (tools/CMakeLists.txt): one home.
#ifndef ACCESSPATH_VERSION
#error "ACCESSPATH_VERSION is defined by tools/CMakeLists.txt from the project version"
#endif
#ifndef ACCESSPATH_HOMEPAGE_URL
#define ACCESSPATH_HOMEPAGE_URL ""
#endif

namespace accesspath {

struct CheckOptions {
  std::string format = "text";  // text, json, sarif or junit
  bool verbose = false;
  std::string output;    // "" = standard output; else written whole or not at all
  unsigned threads = 0;  // --format json: threads deciding expectations; 0 = one per core
  std::vector<std::string> files;
};
int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);

// --now: the analysis date every proof over request contexts starts from. False (with a message
// on `err`) when `text` is not a date.
bool set_analysis_date(const std::string& text, std::ostream& err);

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

// --- explore: search a team's edits for one that breaks an invariant (explore_command.cpp) ---
struct ExploreCommandOptions {
  std::string file;
  std::string team;                     // pattern over declared user/role ARNs or names
  std::vector<std::string> invariants;  // empty: every invariant that holds now
  std::size_t cases = 1000;
  std::uint64_t seed = 1;
  std::size_t max_edits = 3;
  bool follow_roles = false;  // also edit as the roles the team can assume
  std::string output;         // the write-up; "" = <input stem>-explored.json
  std::string picture;        // .dot or .svg; "" = the output with .svg
};
int run_explore(const ExploreCommandOptions& options, std::ostream& out, std::ostream& err);

// --- generate: a labeled dataset of random worlds and decided requests (generate_command.cpp) ---
struct GenerateCommandOptions {
  std::size_t count = 10;
  std::uint64_t seed = 1;
  std::string out_dir;
  std::string format = "both";  // scenario, jsonl or both
  std::size_t requests = 8;     // requests per world
};
int run_generate(const GenerateCommandOptions& options, std::ostream& out, std::ostream& err);

// --- import: a scenario from an AWS CLI export or a Terraform plan (import_command.cpp) ---
struct ImportCommandOptions {
  std::string source;      // aws or terraform
  std::string input;       // the export directory or the plan file
  std::string output;      // the scenario file, written whole or not at all
  std::string invariants;  // "" or a file of invariants and expectations to merge
};
int run_import(const ImportCommandOptions& options, std::ostream& out, std::ostream& err);

// --- eval: decisions for a stream of requests, JSON Lines in and out (eval_command.cpp) ---
struct EvalOptions {
  std::string world;     // scenario file whose world decides
  std::string requests;  // JSON Lines file, or "-" for standard input
  bool explain = false;  // add each decision's explanation
  unsigned threads = 1;
};
int run_eval(const EvalOptions& options, std::ostream& out, std::ostream& err);

// --- replay: CloudTrail events against the world (replay_command.cpp) ---
struct ReplayOptions {
  std::string format = "text";    // text or json
  std::string fail_on = "break";  // break, open or any: what makes the exit status 1
  std::string world;
  std::vector<std::string> trails;  // files (gzip or not, JSON Lines exports) and folders
};
int run_replay(const ReplayOptions& options, std::ostream& out, std::ostream& err);

// --- diff: what a change opens and closes (diff_command.cpp) ---
struct DiffCommandOptions {
  std::string base;  // scenario file, aws:DIR or terraform:PLAN
  std::string next;
  std::string format = "text";    // text, json or sarif
  std::string fail_on = "added";  // added, removed, any or none
  std::string actions;            // comma-separated; "" = the default set
  std::string accept;             // "" or a baseline of accepted findings
  bool full = false;              // decide every pair, not only those the change can affect
  std::string via;                // "" or "escalation" (DiffOptions::via_escalation)
  std::string output;             // "" = standard output; else written whole or not at all
};
int run_diff(const DiffCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace accesspath
