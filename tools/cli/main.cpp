// accesspath: the command-line tool. Thin over the model and report libraries:
// it parses arguments, loads files, and prints what the libraries compute.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.h"
#include "tools/cli/query_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"accesspath: who can actually read this data, and why?"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("accesspath ") + ACCESSPATH_VERSION);
  std::string now;
  app.add_option(
      "--now", now,
      "analysis date (e.g. 2026-12-05 or 2026-12-05T12:00:00Z): proofs consider requests "
      "from then on (default: today, 00:00 UTC)");

  accesspath::CheckOptions check;
  auto* check_cmd =
      app.add_subcommand("check", "evaluate every expectation and invariant of scenario files");
  check_cmd->add_option("--format", check.format, "output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  check_cmd->add_flag("--verbose,-v", check.verbose,
                      "show every expectation, not only the failing ones");
  check_cmd->add_option("-o,--output", check.output,
                        "write the report to this file (whole or not at all), not to stdout");
  check_cmd
      ->add_option("--threads", check.threads,
                   "threads deciding expectations for --format json (default: one per core); "
                   "the output is the same whatever the number")
      ->check(CLI::Range(1u, 256u));
  check_cmd->add_option("files", check.files, "scenario files")->required();

  accesspath::ExplainOptions explain;
  auto* explain_cmd = app.add_subcommand("explain", "decide one request and explain the decision");
  explain_cmd->add_option("file", explain.file, "scenario file (its world is used)")->required();
  explain_cmd
      ->add_option("--principal", explain.principal,
                   "principal ARN, `anonymous` or a service principal")
      ->required();
  explain_cmd->add_option("--action", explain.action, "action, e.g. s3:GetObject")->required();
  explain_cmd->add_option("--resource", explain.resource, "resource ARN, or *")->required();
  explain_cmd->add_option("--header", explain.headers, "request header name=value (repeatable)");
  explain_cmd->add_option("--context", explain.context, "condition key=value (repeatable)");
  explain_cmd->add_option("--format", explain.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  explain_cmd->add_flag("--all-policies", explain.all_policies,
                        "list policies with no matching statement too");

  // --- who / paths: access-path queries ---
  accesspath::WhoOptions who;
  auto* who_cmd = app.add_subcommand(
      "who", "every principal that can do an action on a resource, with its path");
  who_cmd->add_option("file", who.file, "scenario file")->required();
  who_cmd->add_option("--action", who.action, "action, e.g. s3:GetObject")->required();
  who_cmd->add_option("--resource", who.resource, "resource ARN or pattern with * and ?")
      ->required();
  who_cmd->add_option("--header", who.headers, "pin a request header name=value (repeatable)");
  who_cmd->add_option("--context", who.context, "pin a condition key=value (repeatable)");
  who_cmd->add_flag("--escalation", who.escalation, "also follow permissions that change policies");
  who_cmd->add_option("--format", who.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));

  accesspath::PathsOptions paths;
  auto* paths_cmd = app.add_subcommand("paths", "everything a principal can reach, and how");
  paths_cmd->add_option("file", paths.file, "scenario file")->required();
  paths_cmd->add_option("--from", paths.from, "principal ARN or `anonymous`")->required();
  paths_cmd->add_option("--action", paths.action, "only this action (wildcards allowed)");
  paths_cmd->add_option("--resource", paths.resource, "only resources matching this pattern");
  paths_cmd->add_option("--format", paths.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));

  // --- graph: the access graph as a picture ---
  accesspath::GraphCommandOptions graph;
  auto* graph_cmd = app.add_subcommand(
      "graph", "draw the access graph (DOT or SVG), with an invariant's counterexample");
  graph_cmd->add_option("file", graph.file, "scenario file")->required();
  graph_cmd->add_option("--invariant", graph.invariant,
                        "highlight this invariant's counterexample");
  graph_cmd->add_option("--from", graph.from, "only what this principal reaches");
  graph_cmd->add_flag("--no-admin", graph.no_admin, "leave out policy-administration edges");
  graph_cmd->add_option("-o,--output", graph.output, "output file: .dot or .svg")->required();
  // --- end graph ---

  // --- explore / generate: searching team edits, labeled datasets ---
  accesspath::ExploreCommandOptions explore;
  auto* explore_cmd = app.add_subcommand(
      "explore", "search the edits a team's permissions allow for one that breaks an invariant");
  explore_cmd->add_option("file", explore.file, "scenario file")->required();
  explore_cmd
      ->add_option("--team", explore.team,
                   "the team: a pattern (* and ?) over declared user/role ARNs, or names")
      ->required();
  explore_cmd->add_option("--invariant", explore.invariants,
                          "search only this invariant (repeatable; default: all that hold)");
  explore_cmd->add_option("--cases", explore.cases, "cases to try (default 1000)")
      ->check(CLI::PositiveNumber);
  explore_cmd->add_option("--seed", explore.seed, "random seed (default 1)");
  explore_cmd->add_option("--max-edits", explore.max_edits, "edits per case, at most (default 3)")
      ->check(CLI::PositiveNumber);
  explore_cmd->add_flag("--follow-roles", explore.follow_roles,
                        "also make the edits the roles the team can assume may make");
  explore_cmd->add_option("-o,--output", explore.output,
                          "write-up of a finding (default: <file stem>-explored.json)");
  explore_cmd->add_option("--picture", explore.picture,
                          "its picture, .dot or .svg (default: the write-up's name with .svg)");

  accesspath::GenerateCommandOptions generate;
  auto* generate_cmd = app.add_subcommand(
      "generate",
      "write a labeled dataset: random worlds with decided, explained requests; exit 1 when the "
      "evaluator and the reference evaluator disagree on a request (each reported on stderr, "
      "left out of the dataset), 2 on bad input");
  generate_cmd->add_option("--count", generate.count, "number of worlds")
      ->required()
      ->check(CLI::PositiveNumber);
  generate_cmd->add_option("--seed", generate.seed, "random seed")->required();
  generate_cmd->add_option("--out", generate.out_dir, "output directory (created)")->required();
  generate_cmd->add_option("--format", generate.format, "scenario, jsonl or both (default)")
      ->check(CLI::IsMember({"scenario", "jsonl", "both"}));
  generate_cmd->add_option("--requests", generate.requests, "requests per world (default 8)")
      ->check(CLI::PositiveNumber);
  // --- end explore / generate ---

  // --- import: AWS CLI exports and Terraform plans in, a scenario file out ---
  accesspath::ImportCommandOptions import;
  auto* import_cmd = app.add_subcommand(
      "import", "write a scenario from an AWS CLI export directory or a Terraform plan");
  import_cmd->add_option("source", import.source, "aws (an export directory) or terraform")
      ->required()
      ->check(CLI::IsMember({"aws", "terraform"}));
  import_cmd
      ->add_option("input", import.input,
                   "the export directory (docs/import.md) or `terraform show -json` output")
      ->required();
  import_cmd->add_option("-o,--output", import.output, "the scenario file to write")->required();
  import_cmd->add_option("--invariants", import.invariants,
                         "merge this file's invariants and expectations into the scenario");
  // --- end import ---

  // --- eval: a stream of requests decided, JSON Lines in and out ---
  accesspath::EvalOptions eval;
  auto* eval_cmd =
      app.add_subcommand("eval", "decide a stream of requests (JSON Lines), one decision a line");
  eval_cmd->add_option("world", eval.world, "scenario file (its world is used)")->required();
  eval_cmd->add_option("--requests", eval.requests, "JSON Lines of requests, or - for stdin")
      ->required();
  eval_cmd->add_flag("--explain", eval.explain, "add each decision's explanation as JSON");
  eval_cmd->add_option("--threads", eval.threads, "threads deciding (default 1); output in order")
      ->check(CLI::Range(1u, 256u));
  // --- end eval ---

  // --- replay: CloudTrail events decided by the world ---
  accesspath::ReplayOptions replay;
  auto* replay_cmd = app.add_subcommand(
      "replay", "replay CloudTrail events against a world: what it would break or open");
  replay_cmd->add_option("--format", replay.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  replay_cmd->add_option("--fail-on", replay.fail_on, "exit 1 on: break (default), open or any")
      ->check(CLI::IsMember({"break", "open", "any"}));
  replay_cmd->add_option("world", replay.world, "scenario file (its world is used)")->required();
  replay_cmd
      ->add_option("trails", replay.trails,
                   "CloudTrail files (.json, .json.gz, JSON Lines exports) or folders of them")
      ->required();
  // --- end replay ---

  // --- diff: what a change opens and closes ---
  accesspath::DiffCommandOptions diff;
  auto* diff_cmd = app.add_subcommand(
      "diff", "the accesses NEW adds and removes compared with BASE, each with its path");
  diff_cmd->add_option("base", diff.base, "BASE: a scenario file, aws:DIR or terraform:PLAN")
      ->required();
  diff_cmd->add_option("new", diff.next, "NEW: a scenario file, aws:DIR or terraform:PLAN")
      ->required();
  diff_cmd->add_option("--format", diff.format, "output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  diff_cmd->add_option("--fail-on", diff.fail_on, "exit 1 when this changed (default: added)")
      ->check(CLI::IsMember({"added", "removed", "any", "none"}));
  diff_cmd->add_option("--actions", diff.actions,
                       "compare these actions (comma-separated, wildcards allowed) instead of "
                       "the default data and control actions");
  diff_cmd->add_option("--accept", diff.accept,
                       "a baseline of reviewed findings (fingerprint, justification, expires)");
  diff_cmd->add_flag("--full", diff.full,
                     "decide every pair, not only those the change can affect (the same result)");
  diff_cmd
      ->add_option("--via", diff.via,
                   "escalation: also compare what each principal reaches after the changes "
                   "it can make")
      ->check(CLI::IsMember({"escalation"}));
  diff_cmd->add_option("-o,--output", diff.output,
                       "write the report to this file (whole or not at all), not to stdout");
  // --- end diff ---

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors are bad input: exit status 2
  }
  if (!now.empty() && !accesspath::set_analysis_date(now, std::cerr)) return 2;
  if (*check_cmd) return accesspath::run_check(check, std::cout, std::cerr);
  if (*explain_cmd) return accesspath::run_explain(explain, std::cout, std::cerr);
  if (*who_cmd) return accesspath::run_who(who, std::cout, std::cerr);
  if (*paths_cmd) return accesspath::run_paths(paths, std::cout, std::cerr);
  if (*graph_cmd) return accesspath::run_graph(graph, std::cout, std::cerr);  // graph
  if (*explore_cmd) return accesspath::run_explore(explore, std::cout, std::cerr);
  if (*generate_cmd) return accesspath::run_generate(generate, std::cout, std::cerr);
  if (*replay_cmd) return accesspath::run_replay(replay, std::cout, std::cerr);
  if (*eval_cmd) return accesspath::run_eval(eval, std::cout, std::cerr);
  if (*import_cmd) return accesspath::run_import(import, std::cout, std::cerr);
  if (*diff_cmd) return accesspath::run_diff(diff, std::cout, std::cerr);
  return 2;
}
