#include "properties/explore.h"

#include <algorithm>
#include <optional>
#include <set>

#include "model/analysis/access_paths.h"
#include "model/analysis/invariant_verdict.h"
#include "model/core/wildcard.h"
#include "model/services/evaluation_memo.h"
#include "properties/edit_permissions.h"
#include "properties/explore_writeup.h"
#include "properties/generators_core.h"
#include "properties/team_edit.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

struct Violation {
  std::size_t invariant = 0;            // index into the searched invariants
  std::vector<TeamEdit> edits;          // the edits made, up to the one that broke it
  std::vector<std::string> actors;      // who made each
  std::vector<std::string> assumed_by;  // for each actor, the member that assumed it, or ""
};

std::vector<std::string> arns_of(const std::vector<Actor>& actors) {
  std::vector<std::string> out;
  for (const auto& a : actors) out.push_back(a.arn);
  return out;
}

// One search: the unedited world, the invariants searched, and the counters.
class Search {
 public:
  Search(const Scenario& scenario, const ExploreOptions& options,
         std::vector<const Invariant*> invariants, ExploreResult& result)
      : scenario_(scenario),
        options_(options),
        invariants_(std::move(invariants)),
        result_(result) {}

  // Makes the edits one after the other; the first violation, or nullopt. `only` restricts
  // the check to one invariant (while shrinking, the one first found).
  std::optional<Violation> run(const std::vector<TeamEdit>& edits,
                               std::optional<std::size_t> only = std::nullopt) {
    World world = scenario_.world;
    Violation made;
    for (const auto& edit : edits) {
      if (stop_requested()) return std::nullopt;
      std::optional<std::string> actor, assumed_by;
      if (!options_.follow_roles) {
        actor = permitted_actor(world, edit, options_.team);
      } else {
        // Which roles the team can assume may change with every edit.
        std::vector<Actor> acting = team_acting_as(world, options_.team, true);
        actor = permitted_actor(world, edit, arns_of(acting));
        for (const auto& a : acting)
          if (actor && a.arn == *actor) assumed_by = a.assumed_by;
      }
      if (!actor || !make(edit, *actor, world)) {
        ++result_.edits_refused;
        continue;
      }
      made.edits.push_back(edit);
      made.actors.push_back(*actor);
      made.assumed_by.push_back(assumed_by.value_or(""));
      ++result_.edits_checked;
      for (std::size_t i = 0; i < invariants_.size(); ++i) {
        if (only && *only != i) continue;
        if (invariant_verdict(world, *invariants_[i]) == false) {
          made.invariant = i;
          return made;
        }
      }
    }
    return std::nullopt;
  }

  // Makes the edit; false (world unchanged) when it is invalid or KMS would refuse it.
  static bool make(const TeamEdit& edit, const std::string& actor, World& world) {
    if (edit.kind != TeamEditKind::kRewriteKeyPolicy) return properties::apply(edit, world);
    World trial = world;  // only key policies need a trial: the lockout check looks at the result
    if (!properties::apply(edit, trial) || !passes_lockout_check(trial, edit, actor)) return false;
    world = std::move(trial);
    return true;
  }

  bool stop_requested() {
    if (!stopped_ && options_.should_stop && options_.should_stop()) stopped_ = true;
    return stopped_;
  }

  const Invariant& invariant(std::size_t i) const { return *invariants_[i]; }

 private:
  const Scenario& scenario_;
  const ExploreOptions& options_;
  std::vector<const Invariant*> invariants_;
  ExploreResult& result_;
  bool stopped_ = false;
};

void report(const ExploreOptions& o, const ExploreResult& r, std::size_t shrinks, bool shrinking) {
  if (o.on_progress) o.on_progress({r.cases_run, r.edits_checked, shrinks, shrinking});
}

// Shrinks like RapidCheck: take the first simpler case that still breaks the same invariant,
// and start again from it, until none does (or the tries run out).
Violation shrink(Search& search, rc::Shrinkable<std::vector<TeamEdit>> failing, Violation found,
                 const ExploreOptions& o, ExploreResult& result, std::size_t& steps) {
  std::size_t tries = 0;
  bool progressed = true;
  while (progressed && tries < o.max_shrink_tries) {
    progressed = false;
    auto candidates = failing.shrinks();
    while (auto candidate = candidates.next()) {
      if (++tries > o.max_shrink_tries || search.stop_requested()) break;
      auto v = search.run(candidate->value(), found.invariant);
      if (!v) continue;
      failing = std::move(*candidate);
      found = std::move(*v);
      ++steps;
      progressed = true;
      if (steps % 10 == 0) report(o, result, steps, true);
      break;
    }
  }
  return found;
}

}  // namespace

std::vector<Actor> team_acting_as(const World& world, const std::vector<std::string>& team,
                                  bool follow_roles) {
  std::vector<Actor> out;
  std::set<std::string> seen;
  for (const auto& member : team)
    if (seen.insert(member).second) out.push_back({member, ""});
  if (!follow_roles) return out;
  for (const auto& member : team)
    for (auto& role : roles_reachable_from(world, member))
      if (seen.insert(role).second) out.push_back({std::move(role), member});
  return out;
}

std::vector<std::string> team_matching(const World& world, const std::string& pattern) {
  std::vector<std::string> out;
  bool by_name = pattern.find(':') == std::string::npos;
  for (const auto& p : world.principals)
    if (wildcard_match(pattern, by_name ? p.name : p.arn, CaseMode::kSensitive))
      out.push_back(p.arn);
  return out;
}

std::optional<ExploreError> validate(const Scenario& s, const ExploreOptions& o) {
  if (o.team.empty()) return ExploreError{"--team", "matches no declared user or role"};
  for (const auto& member : o.team)
    if (!s.world.find_principal(member))
      return ExploreError{"--team", "`" + member + "` is not a declared user or role"};
  for (const auto& name : o.invariants) {
    bool known = std::any_of(s.invariants.begin(), s.invariants.end(),
                             [&](const Invariant& i) { return i.name == name; });
    if (known) continue;
    std::string names;
    for (const auto& i : s.invariants) names += (names.empty() ? "`" : ", `") + i.name + "`";
    return ExploreError{"--invariant",
                        "no invariant `" + name + "` in `" + s.file + "`; " +
                            (names.empty() ? "the file declares none" : "valid names: " + names)};
  }
  if (o.cases == 0) return ExploreError{"--cases", "must be at least 1"};
  if (o.max_edits == 0) return ExploreError{"--max-edits", "must be at least 1"};
  return std::nullopt;
}

ExploreResult explore(const Scenario& scenario, const ExploreOptions& o) {
  ExploreResult result;
  // Only invariants that hold now can be broken by an edit.
  std::vector<const Invariant*> searched;
  for (const auto& inv : scenario.invariants) {
    if (!o.invariants.empty() &&
        std::find(o.invariants.begin(), o.invariants.end(), inv.name) == o.invariants.end())
      continue;
    InvariantOutcome now = check_invariant(scenario.world, inv);
    if (now.holds == true) {
      searched.push_back(&inv);
      result.searched.push_back(inv.name);
    } else {
      result.skipped.push_back({inv.name, now.holds == false
                                              ? "already violated in the unedited world"
                                              : "cannot be decided: " + now.reason});
    }
  }
  // What the team may edit, as itself (and as the roles it can assume), in the unedited world.
  const std::vector<std::string> acting =
      arns_of(team_acting_as(scenario.world, o.team, o.follow_roles));
  result.targets = permitted_edit_targets(scenario.world, acting);
  if (searched.empty() || result.targets.empty()) return result;

  // Each edit changes one policy or setting; the memo answers every request it cannot affect.
  // Only escalation invariants ask enough repeated questions for it to pay: for the others a
  // decision (~1 us) costs about what the memo's key does, and invariant_verdict asks few.
  EvaluationMemo memo;
  std::optional<ScopedEvaluationMemo> use_memo;
  if (std::any_of(searched.begin(), searched.end(),
                  [](const Invariant* i) { return i->via_escalation; }))
    use_memo.emplace(memo);
  Search search(scenario, o, searched, result);
  // Any edit of a case may shrink away (`between` would keep the first one), but not all of them.
  rc::Gen<std::vector<TeamEdit>> gen = rc::gen::suchThat(
      up_to(o.max_edits, gen_team_edit(scenario.source, result.targets, acting, o.settings)),
      [](const std::vector<TeamEdit>& edits) { return !edits.empty(); });
  rc::Random random(o.seed);
  const std::size_t every = std::max<std::size_t>(1, o.cases / 20);
  for (std::size_t c = 0; c < o.cases; ++c) {
    if (search.stop_requested()) break;
    rc::Shrinkable<std::vector<TeamEdit>> drawn = gen(random.split(), rc::kNominalSize);
    auto violation = search.run(drawn.value());
    ++result.cases_run;
    if (!violation) {
      if (result.cases_run % every == 0) report(o, result, 0, false);
      continue;
    }
    std::size_t before = violation->edits.size();
    std::size_t steps = 0;
    Violation shrunk = shrink(search, drawn, *violation, o, result, steps);
    const Invariant& broken = search.invariant(shrunk.invariant);
    ExploreFinding f;
    f.invariant = broken.name;
    f.edits = shrunk.edits;
    f.actors = shrunk.actors;
    f.assumed_by = shrunk.assumed_by;
    f.found_at_case = c + 1;
    f.edits_before_shrinking = before;
    f.shrink_steps = steps;
    auto doc = write_up(scenario, broken, f.edits, f.actors, f.assumed_by, o, &f.reason);
    if (!doc) {
      // The JSON route disagrees with the fast one: report it rather than a finding.
      ++result.unconfirmed;
      continue;
    }
    f.scenario = std::move(*doc);
    result.finding = std::move(f);
    break;
  }
  result.stopped = search.stop_requested();
  return result;
}

std::string actor_text(const std::string& actor, const std::string& assumed_by) {
  std::string who = actor.substr(actor.rfind('/') + 1);
  if (!assumed_by.empty())
    who += " (assumed by " + assumed_by.substr(assumed_by.rfind('/') + 1) + ")";
  return who;
}

std::string describe(const TeamEdit& e, const std::string& actor, const std::string& assumed_by) {
  std::string who = actor_text(actor, assumed_by);
  std::string what = std::string(to_string(e.kind)) + " " + e.target;
  if (e.kind == TeamEditKind::kAttachManagedPolicy) what += " (" + e.managed_arn + ")";
  if (!e.document.is_null()) what += ": " + e.document.dump();
  return who + ": " + what;
}

}  // namespace accesspath::properties
