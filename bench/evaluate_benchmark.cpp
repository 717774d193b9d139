// Speed of one decision (Google Benchmark). Run:
//   build/bench/accesspath_benchmarks --benchmark_repetitions=10
//   --benchmark_report_aggregates_only=true
// The figures of record are medians, reported with the machine in the closing notes. On a
// shared machine wall time is noisy: count instructions too, with callgrind around a function
// that runs N decisions (`--toggle-collect=<that function>`; a pattern that also matches the
// evaluator's own functions would toggle collection off inside them). Issue 2's target: the whole
// GetObject decision (principal resolved, no explanation) under 1 microsecond, allocating
// nothing (tests/allocations/ proves the latter).
#include <benchmark/benchmark.h>

#include "model/policy/policy.h"
#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"

namespace accesspath {
namespace {

const Scenario& seed003() {
  static const Scenario s = [] {
    LoadResult r = load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                      "/scenarios/separation-of-duties.json");
    if (!r.scenario) std::abort();
    return *r.scenario;
  }();
  return s;
}

const Request kRead{"arn:aws:iam::111122223333:role/authorized-users",
                    "s3:GetObject",
                    "arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf",
                    {},
                    {}};

// One whole s3:GetObject on an SSE-KMS object: S3's authorization plus the KMS Decrypt S3 makes.
void BM_GetObjectSseKmsDecision(benchmark::State& state) {
  const World& w = seed003().world;
  for (auto _ : state) benchmark::DoNotOptimize(evaluate(w, kRead, {.explain = false}).allowed);
}
BENCHMARK(BM_GetObjectSseKmsDecision);

// The same decision with the principal resolved once (as invariant checks and graph building do).
void BM_GetObjectSseKmsDecisionResolvedPrincipal(benchmark::State& state) {
  const World& w = seed003().world;
  auto who = resolve_requester(w, kRead.principal);
  if (!who) std::abort();
  for (auto _ : state)
    benchmark::DoNotOptimize(evaluate(w, *who, kRead, {.explain = false}).allowed);
}
BENCHMARK(BM_GetObjectSseKmsDecisionResolvedPrincipal);

// The same decision with the explanation recorded (what `explain` and `check` do).
void BM_GetObjectSseKmsDecisionExplained(benchmark::State& state) {
  const World& w = seed003().world;
  for (auto _ : state)
    benchmark::DoNotOptimize(evaluate(w, kRead, {.explain = true}).checks.size());
}
BENCHMARK(BM_GetObjectSseKmsDecisionExplained);

// One plain IAM policy match: does one statement of a compiled policy apply to an action and
// resource?
void BM_PlainPolicyMatch(benchmark::State& state) {
  const auto& policy =
      seed003().world.managed_policies.at("arn:aws:iam::111122223333:policy/secure-bucket-access");
  const Statement& s = policy->statements.at(1);
  RequestContext ctx;
  for (auto _ : state) {
    bool m =
        statement_matches_action(s, "s3:getobject") &&
        statement_matches_resource(s, *policy, "arn:aws:s3:::secure-demo-bucket/report.pdf", ctx);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_PlainPolicyMatch);

}  // namespace
}  // namespace accesspath
