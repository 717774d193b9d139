// accesspath-scale-bench: how building the access graph and answering "who can read each
// bucket" grow with the size of an organisation. For each size it generates an organisation
// (OrgShape::for_principals unless --buckets/--keys fix them), loads it, builds the graph and
// answers who can read every bucket, several times, each run in a fresh child process so its
// peak RSS (getrusage ru_maxrss) is its own. Prints the median of each phase.
//
//   build/tools/orggen/accesspath-scale-bench --sizes 1000,3000,10000 --repeat 3
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "model/analysis/access_graph_exhaustive.h"
#include "model/analysis/access_paths.h"
#include "model/analysis/bucket_readers.h"
#include "model/world/scenario.h"
#include "tools/orggen/org_generator.h"

namespace {

using Clock = std::chrono::steady_clock;

// One run's figures, written by the child through a pipe as plain doubles.
struct Run {
  double generate_s = 0, load_s = 0, graph_s = 0, readers_s = 0;
  double graph_cpu_s = 0;  // CPU time of the graph phase, every thread
  double vertices = 0, edges = 0, reader_pairs = 0, buckets = 0, keys = 0;
  double max_rss_mib = 0;  // filled by the parent from wait4
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of the whole process (all threads): on a shared machine it says more about the cost
// of a phase than the wall clock does.
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Options {
  bool admin_edges = true;
  bool exhaustive = false;  // the reference builder, for a before/after comparison
};

Run run_once(const accesspath::orggen::OrgShape& shape, const Options& o) {
  using namespace accesspath;
  Run r;
  auto t = Clock::now();
  nlohmann::json doc = orggen::generate_org(shape);
  r.generate_s = seconds_since(t);
  t = Clock::now();
  World world;
  {
    LoadResult loaded = load_scenario(doc, "generated.json");
    if (!loaded.scenario) {
      for (const auto& d : loaded.diagnostics.items()) std::cerr << d.to_string() << "\n";
      std::_Exit(3);
    }
    world = std::move(loaded.scenario->world);
  }
  doc = nlohmann::json();  // the document is not needed any more
  r.load_s = seconds_since(t);
  t = Clock::now();
  double cpu = process_cpu_seconds();
  const GraphOptions graph_options{.admin_edges = o.admin_edges, .from = std::nullopt};
  AccessGraph g = o.exhaustive ? build_access_graph_exhaustive(world, graph_options)
                               : build_access_graph(world, graph_options);
  r.graph_s = seconds_since(t);
  r.graph_cpu_s = process_cpu_seconds() - cpu;
  t = Clock::now();
  BucketReaders readers = readers_per_bucket(world, g);
  r.readers_s = seconds_since(t);
  r.vertices = static_cast<double>(boost::num_vertices(g.graph));
  r.edges = static_cast<double>(boost::num_edges(g.graph));
  for (const auto& b : readers.readers) r.reader_pairs += static_cast<double>(b.size());
  r.buckets = static_cast<double>(world.buckets.size());
  for (const auto& k : world.keys) r.keys += k.synthesized ? 0 : 1;
  return r;
}

// Runs in a child process; the child's peak RSS is then the run's alone.
Run run_in_child(const accesspath::orggen::OrgShape& shape, const Options& o) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(2);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Run r = run_once(shape, o);
    ssize_t written = write(fds[1], &r, sizeof r);
    _exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  close(fds[1]);
  Run r;
  ssize_t got = read(fds[0], &r, sizeof r);
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got != static_cast<ssize_t>(sizeof r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "accesspath-scale-bench: the run for " << shape.principals << " failed\n";
    std::exit(2);
  }
  r.max_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"accesspath-scale-bench: access graph and who-can-read on generated organisations"};
  std::vector<int> sizes = {1000, 3000, 10000};
  int repeat = 3, buckets = -1, keys = -1;
  std::uint64_t seed = 1;
  bool no_admin = false;
  bool conditions = false;
  Options options;
  app.add_option("--sizes", sizes, "principals per organisation")->delimiter(',');
  app.add_option("--repeat", repeat, "runs per size (the median is printed)")
      ->check(CLI::PositiveNumber);
  app.add_option("--buckets", buckets, "fix the buckets (default: one per 5 principals)");
  app.add_option("--keys", keys, "fix the keys (default: one per 20 principals)");
  app.add_option("--seed", seed, "generator seed");
  app.add_flag("--no-admin", no_admin, "leave out the policy-administration edges");
  app.add_flag("--conditions", conditions,
               "generate organisations with condition-gated statements (accesspath-orggen "
               "--conditions)");
  app.add_flag("--exhaustive", options.exhaustive,
               "use the exhaustive reference builder (one question per pair; slow)");
  CLI11_PARSE(app, argc, argv);
  options.admin_edges = !no_admin;

  std::printf("%10s %8s %6s %9s %9s %9s %9s %9s %9s %10s %9s %11s\n", "principals", "buckets",
              "keys", "generate", "load", "graph", "graph_cpu", "readers", "total", "edges",
              "peak_MiB", "reader_pairs");
  for (int n : sizes) {
    auto shape = accesspath::orggen::OrgShape::for_principals(n, seed);
    if (buckets >= 0) shape.buckets = buckets;
    if (keys >= 0) shape.keys = keys;
    shape.conditions = conditions;
    std::vector<Run> runs;
    for (int i = 0; i < repeat; ++i) runs.push_back(run_in_child(shape, options));
    auto med = [&](double Run::*field) {
      std::vector<double> v;
      for (const auto& r : runs) v.push_back(r.*field);
      return median(v);
    };
    std::vector<double> totals;
    for (const auto& r : runs) totals.push_back(r.graph_s + r.readers_s);
    std::printf("%10d %8.0f %6.0f %8.2fs %8.2fs %8.2fs %8.2fs %8.2fs %8.2fs %10.0f %9.0f %11.0f\n",
                n, med(&Run::buckets), med(&Run::keys), med(&Run::generate_s), med(&Run::load_s),
                med(&Run::graph_s), med(&Run::graph_cpu_s), med(&Run::readers_s), median(totals),
                med(&Run::edges), med(&Run::max_rss_mib), med(&Run::reader_pairs));
    std::fflush(stdout);
  }
  std::printf(
      "medians of %d runs; wall clock but graph_cpu (CPU time of the graph phase, all threads); "
      "total = graph + readers; peak = max RSS of the whole run\n",
      repeat);
  return 0;
}
