// Speed of one proof over every request context (model/symbolic/context_search.h): can this
// principal read this object in some context AWS could receive? Run:
//   build/bench/accesspath_benchmarks --benchmark_filter=Symbolic
//
// Two questions on one world: a reader allowed only from an office range (IpAddress on
// aws:SourceIp in its identity policy) on a bucket fenced to a VPC endpoint (StringNotEquals on
// aws:SourceVpce in the bucket policy) needs Z3; an object of a bucket without conditions takes
// the fast path (one evaluation, no solver).
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "model/symbolic/context_search.h"
#include "model/world/scenario.h"

namespace accesspath {
namespace {

constexpr const char* kWorld = R"json({"format": 1, "name": "symbolic-bench",
  "accounts": [{"id": "111122223333"}],
  "principals": [{"arn": "arn:aws:iam::111122223333:user/reader",
    "policies": [{"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::fenced/*",
       "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::plain/*"}]}]}],
  "buckets": [
    {"name": "fenced", "account": "111122223333", "region": "us-east-1",
     "policy": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::fenced", "arn:aws:s3:::fenced/*"],
        "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]},
     "objects": [{"key": "report.csv", "sse": "AES256"}]},
    {"name": "plain", "account": "111122223333", "region": "us-east-1",
     "objects": [{"key": "report.csv", "sse": "AES256"}]}]})json";

const World& world() {
  static const World w = [] {
    LoadResult r = load_scenario(nlohmann::json::parse(kWorld), "symbolic-bench.json");
    if (!r.scenario) std::abort();
    return r.scenario->world;
  }();
  return w;
}

void search(benchmark::State& state, const char* object, ContextAnswer::Kind expected) {
  const World& w = world();
  Request r{"arn:aws:iam::111122223333:user/reader", "s3:GetObject", object, {}, {}};
  auto who = resolve_requester(w, r.principal);
  if (!who) std::abort();
  for (auto _ : state) {
    ContextAnswer a = search_contexts(w, *who, r, /*want_allow=*/true, {.now = 1796428800});
    if (a.kind != expected) state.SkipWithError("unexpected answer");
    benchmark::DoNotOptimize(a.rounds);
  }
}

// The office range only from the internet, the fence only through the endpoint: no context
// allows; Z3 proves it.
void BM_SymbolicIpGrantBehindVpceFence(benchmark::State& state) {
  search(state, "arn:aws:s3:::fenced/report.csv", ContextAnswer::Kind::kNever);
}
BENCHMARK(BM_SymbolicIpGrantBehindVpceFence)->Unit(benchmark::kMicrosecond);

// No condition reads a key the caller chooses: one evaluation decides for every context.
void BM_SymbolicFastPath(benchmark::State& state) {
  search(state, "arn:aws:s3:::plain/report.csv", ContextAnswer::Kind::kFound);
}
BENCHMARK(BM_SymbolicFastPath)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace accesspath
