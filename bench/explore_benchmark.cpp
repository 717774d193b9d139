// Edits checked per second on seed 003's world (separation of duties), as
// `accesspath explore` checks them: one team edit made on the loaded world (if
// the team's permissions allow it) and one invariant re-checked. Run:
//   build/bench/accesspath_benchmarks --benchmark_filter=Explore
// items_per_second is edits checked per second.
#include <benchmark/benchmark.h>

#include <optional>

#include "model/access_paths.h"
#include "model/evaluation_memo.h"
#include "model/invariant_verdict.h"
#include "model/scenario.h"
#include "properties/edit_permissions.h"
#include "properties/generators_team_edit.h"
#include "properties/team_edit_world.h"

namespace accesspath {
namespace {

using properties::TeamEdit;

const Scenario& separation_of_duties() {
  static const Scenario s = [] {
    LoadResult r = load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                      "/scenarios/separation-of-duties.json");
    if (!r.scenario) std::abort();
    return *r.scenario;
  }();
  return s;
}

const Invariant& invariant_named(const Scenario& s, std::string_view name) {
  for (const auto& i : s.invariants)
    if (i.name == name) return i;
  std::abort();
}

// 256 edits the team may make, drawn as explore draws them (fixed seed).
std::vector<TeamEdit> edits_of(const Scenario& s, const std::vector<std::string>& team) {
  properties::EditTargets targets = properties::permitted_edit_targets(s.world, team);
  rc::Gen<TeamEdit> gen = properties::gen_team_edit(s.source, targets, team);
  rc::Random random(2025);
  std::vector<TeamEdit> out;
  for (int i = 0; i < 256; ++i) out.push_back(gen(random.split(), rc::kNominalSize).value());
  return out;
}

// With `memoized`, as explore runs: the verdict-only check (invariant_verdict.h), with the
// evaluator answers an edit cannot change reused; without, check_invariant as `check` runs it.
void edit_and_recheck(benchmark::State& state, const std::string& member,
                      std::string_view invariant, bool memoized, bool use_memo = true) {
  EvaluationMemo memo;
  std::optional<ScopedEvaluationMemo> use;
  if (memoized && use_memo) use.emplace(memo);
  const Scenario& s = separation_of_duties();
  const std::vector<std::string> team = {member};
  const Invariant& inv = invariant_named(s, invariant);
  std::vector<TeamEdit> edits = edits_of(s, team);
  std::size_t i = 0, violated = 0;
  for (auto _ : state) {
    World w = s.world;
    const TeamEdit& e = edits[i++ % edits.size()];
    if (properties::permitted_actor(w, e, team) && properties::apply(e, w))
      violated +=
          (memoized ? invariant_verdict(w, inv) : check_invariant(w, inv).holds) == false ? 1u : 0u;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["violated"] = static_cast<double>(violated) / static_cast<double>(i);
  if (memoized)
    state.counters["reused"] =
        static_cast<double>(memo.hits()) /
        static_cast<double>(std::max<std::size_t>(1, memo.hits() + memo.misses()));
}

constexpr const char* kBucketAdmin = "arn:aws:iam::111122223333:role/secure-bucket-admin";
constexpr const char* kKeyAdmin = "arn:aws:iam::111122223333:role/secure-key-admin";

void BM_ExploreBucketAdminEditBucketAdminNeverReads(benchmark::State& state) {
  edit_and_recheck(state, kBucketAdmin, "bucket admin never reads the data", true);
}
BENCHMARK(BM_ExploreBucketAdminEditBucketAdminNeverReads);

void BM_ExploreKeyAdminEditOnlyAuthorizedUsersRead(benchmark::State& state) {
  edit_and_recheck(state, kKeyAdmin, "only authorized-users reads the data", true);
}
BENCHMARK(BM_ExploreKeyAdminEditOnlyAuthorizedUsersRead);

// The verdict-only check without the memo: since the evaluator's fast path dropped to ~1 us a
// decision, computing the memo's key costs about as much as the evaluation it saves.
void BM_ExploreBucketAdminVerdictNoMemo(benchmark::State& state) {
  edit_and_recheck(state, kBucketAdmin, "bucket admin never reads the data", true, false);
}
BENCHMARK(BM_ExploreBucketAdminVerdictNoMemo);
void BM_ExploreKeyAdminVerdictNoMemo(benchmark::State& state) {
  edit_and_recheck(state, kKeyAdmin, "only authorized-users reads the data", true, false);
}
BENCHMARK(BM_ExploreKeyAdminVerdictNoMemo);

// The same with check_invariant and no memo: every request evaluated again after every edit,
// counterexample included.
void BM_ExploreBucketAdminEditBucketAdminNeverReadsFullRecheck(benchmark::State& state) {
  edit_and_recheck(state, kBucketAdmin, "bucket admin never reads the data", false);
}
BENCHMARK(BM_ExploreBucketAdminEditBucketAdminNeverReadsFullRecheck);

void BM_ExploreKeyAdminEditOnlyAuthorizedUsersReadFullRecheck(benchmark::State& state) {
  edit_and_recheck(state, kKeyAdmin, "only authorized-users reads the data", false);
}
BENCHMARK(BM_ExploreKeyAdminEditOnlyAuthorizedUsersReadFullRecheck);

}  // namespace
}  // namespace accesspath
