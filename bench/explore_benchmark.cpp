// Edits checked per second on seed 003's world (separation of duties), as
// `accesspath explore` checks them: one team edit made on the loaded world (if
// the team's permissions allow it) and one invariant re-checked. Run:
//   build/bench/accesspath_benchmarks --benchmark_filter=Explore
// items_per_second is edits checked per second.
#include <benchmark/benchmark.h>

#include <optional>

#include "model/analysis/access_paths.h"
#include "model/analysis/invariant_verdict.h"
#include "model/services/evaluation_memo.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "properties/edit_permissions.h"
#include "properties/generators_team_edit.h"
#include "properties/team_edit.h"

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

enum class Check {
  kVerdict,          // as explore runs: the verdict-only check (invariant_verdict.h)
  kVerdictWithMemo,  // the same with the evaluator answers an edit cannot change reused
  kFullRecheck,      // check_invariant as `check` runs it, counterexample included
};

void edit_and_recheck(benchmark::State& state, const std::string& member,
                      std::string_view invariant, Check check) {
  EvaluationMemo memo;
  std::optional<ScopedEvaluationMemo> use;
  if (check == Check::kVerdictWithMemo) use.emplace(memo);
  const Scenario& s = separation_of_duties();
  const std::vector<std::string> team = {member};
  const Invariant& inv = invariant_named(s, invariant);
  std::vector<TeamEdit> edits = edits_of(s, team);
  std::size_t i = 0, violated = 0;
  for (auto _ : state) {
    World w = s.world;
    const TeamEdit& e = edits[i++ % edits.size()];
    if (properties::permitted_actor(w, e, team) && properties::apply(e, w))
      violated += (check == Check::kFullRecheck ? check_invariant(w, inv).holds
                                                : invariant_verdict(w, inv)) == false
                      ? 1u
                      : 0u;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["violated"] = static_cast<double>(violated) / static_cast<double>(i);
  if (check != Check::kVerdictWithMemo) return;
  state.counters["evaluations"] = static_cast<double>(memo.hits() + memo.misses()) /
                                  static_cast<double>(std::max<std::size_t>(1, i));
  state.counters["reused"] =
      static_cast<double>(memo.hits()) /
      static_cast<double>(std::max<std::size_t>(1, memo.hits() + memo.misses()));
}

constexpr const char* kBucketAdmin = "arn:aws:iam::111122223333:role/secure-bucket-admin";
constexpr const char* kKeyAdmin = "arn:aws:iam::111122223333:role/secure-key-admin";
constexpr const char* kNeverReads = "bucket admin never reads the data";
constexpr const char* kOnlyAuthorized = "only authorized-users reads the data";

void BM_Explore(benchmark::State& state, const char* member, const char* invariant, Check check) {
  edit_and_recheck(state, member, invariant, check);
}
BENCHMARK_CAPTURE(BM_Explore, BucketAdminEditBucketAdminNeverReads, kBucketAdmin, kNeverReads,
                  Check::kVerdict);
BENCHMARK_CAPTURE(BM_Explore, KeyAdminEditOnlyAuthorizedUsersRead, kKeyAdmin, kOnlyAuthorized,
                  Check::kVerdict);
// With the memo: since a decision costs ~1 us and a verdict asks few questions (role chains
// worked out once, writers filtered by access_candidates.h), its key costs about as much as
// the evaluations it saves. explore installs it only for escalation invariants.
BENCHMARK_CAPTURE(BM_Explore, BucketAdminEditBucketAdminNeverReadsWithMemo, kBucketAdmin,
                  kNeverReads, Check::kVerdictWithMemo);
BENCHMARK_CAPTURE(BM_Explore, KeyAdminEditOnlyAuthorizedUsersReadWithMemo, kKeyAdmin,
                  kOnlyAuthorized, Check::kVerdictWithMemo);
BENCHMARK_CAPTURE(BM_Explore, BucketAdminEditBucketAdminNeverReadsFullRecheck, kBucketAdmin,
                  kNeverReads, Check::kFullRecheck);
BENCHMARK_CAPTURE(BM_Explore, KeyAdminEditOnlyAuthorizedUsersReadFullRecheck, kKeyAdmin,
                  kOnlyAuthorized, Check::kFullRecheck);

}  // namespace
}  // namespace accesspath
