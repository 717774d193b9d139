// `accesspath explore FILE --team PATTERN [--invariant NAME] [--cases N] [--seed S]
// [--max-edits K] [--follow-roles] [-o OUT.json] [--picture OUT.svg]`: thin over
// properties::explore. Exit 0 no violation within the bounds, 1 a violation found and written up,
// 2 bad input (nothing written), 130 interrupted (nothing written).
#include <chrono>
#include <filesystem>
#include <string>

#include "model/analysis/access_paths.h"
#include "model/core/arn.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "properties/edit_permissions.h"
#include "properties/explore.h"
#include "properties/scenario_order.h"
#include "tools/cli/commands.h"
#include "tools/cli/interrupt.h"
#include "tools/render/atomic_file.h"
#include "tools/render/render_graph.h"
#include "tools/report/counterexample_text.h"

namespace accesspath {
namespace {

using properties::EditTargets;
using properties::ExploreResult;

std::string list_of(const std::vector<std::string>& names, bool shorten = false) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + (shorten ? after_last_colon(n) : n);
  return out.empty() ? "nothing" : out;
}

std::string permissions_text(const EditTargets& t) {
  std::string out;
  auto add = [&](const char* what, const std::vector<std::string>& targets) {
    if (!targets.empty()) out += "\n  " + std::string(what) + ": " + list_of(targets, true);
  };
  add("rewrite the bucket policy of", t.bucket_policies);
  add("delete the bucket policy of", t.bucket_policy_deletes);
  add("set the default encryption of", t.bucket_encryptions);
  add("rewrite the key policy of", t.key_policies);
  add("add a grant to", t.key_grants);
  add("put an inline policy on", t.inline_policies);
  add("attach a new managed policy to", t.managed_attachments);
  add("set the trust policy of", t.trust_policies);
  return out.empty() ? " none of the edits explore makes" : out;
}

std::string default_output(const std::string& file) {
  return std::filesystem::path(file).stem().string() + "-explored.json";
}

std::string default_picture(const std::string& output) {
  return std::filesystem::path(output).replace_extension(".svg").string();
}

// Prints progress at most once a second: long runs show they are alive, short ones stay quiet.
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, std::size_t cases) : err_(err), cases_(cases) {}
  void operator()(const properties::ExploreProgress& p) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    if (p.shrinking)
      err_ << "explore: shrinking, " << p.shrink_steps << " steps so far\n";
    else
      err_ << "explore: " << p.cases << "/" << cases_ << " cases, " << p.edits_checked
           << " edits checked\n";
  }

 private:
  std::ostream& err_;
  std::size_t cases_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Renders the write-up's counterexample; false (with `why`) on failure.
bool draw(const nlohmann::json& writeup, const std::string& path, RenderFormat format,
          std::string* picture, std::string* why) {
  LoadResult loaded = load_scenario(writeup, path);
  if (!loaded.scenario || loaded.scenario->invariants.empty()) {
    *why = "the write-up does not load";
    return false;
  }
  const Scenario& s = *loaded.scenario;
  InvariantOutcome outcome = check_invariant(s.world, s.invariants.front());
  RenderOptions options;
  options.account_names = account_names(s.world);
  options.counterexample = outcome.counterexample;
  options.title = s.name + ": invariant `" + s.invariants.front().name +
                  "` is violated (counterexample in magenta)";
  try {
    *picture = render(build_access_graph(s.world), format, options);
  } catch (const RenderError& e) {
    *why = std::string("cannot draw the counterexample: ") + e.what();
    return false;
  }
  return true;
}

int report_finding(const ExploreResult& r, const properties::ExploreOptions& o,
                   const std::string& output, const std::string& picture_path, RenderFormat format,
                   const InterruptGuard& guard, std::ostream& out, std::ostream& err) {
  const properties::ExploreFinding& f = *r.finding;
  out << "found and shrunk to " << f.edits.size() << (f.edits.size() == 1 ? " edit" : " edits")
      << " (case " << f.found_at_case << " of " << o.cases << ", " << f.edits_before_shrinking
      << " before shrinking, " << f.shrink_steps << " shrink steps):\n";
  for (std::size_t i = 0; i < f.edits.size(); ++i)
    out << "  " << i + 1 << ". " << properties::describe(f.edits[i], f.actors[i], f.assumed_by[i])
        << "\n";
  out << "violates `" << f.invariant << "`: " << f.reason << "\n";
  LoadResult loaded = load_scenario(f.scenario, output);
  if (loaded.scenario && !loaded.scenario->invariants.empty()) {
    InvariantOutcome outcome =
        check_invariant(loaded.scenario->world, loaded.scenario->invariants.front());
    if (outcome.counterexample)
      out << "counterexample:\n" << counterexample_to_text(*outcome.counterexample, "  ");
  }
  std::string picture, why;
  if (!draw(f.scenario, output, format, &picture, &why)) {
    err << why << "\n";
    return 2;
  }
  if (guard.interrupted()) {
    err << "explore: interrupted; nothing written\n";
    return 130;
  }
  if (!write_file_atomically(output, properties::in_writing_order(f.scenario).dump(2) + "\n",
                             &why) ||
      !write_file_atomically(picture_path, picture, &why)) {
    std::filesystem::remove(output);  // both files or neither
    err << why << "\n";
    return 2;
  }
  out << "wrote " << output << " (`accesspath check` replays it) and " << picture_path << "\n";
  return 1;
}

}  // namespace

int run_explore(const ExploreCommandOptions& c, std::ostream& out, std::ostream& err) {
  std::string output = c.output.empty() ? default_output(c.file) : c.output;
  std::string picture_path = c.picture.empty() ? default_picture(output) : c.picture;
  if (std::filesystem::path(output).extension() != ".json") {
    err << "-o `" << output << "`: the write-up is a scenario; name a .json file\n";
    return 2;
  }
  std::optional<RenderFormat> format = format_for_path(picture_path);
  if (!format) {
    err << "--picture `" << picture_path << "`: unknown format; name a .dot or .svg file\n";
    return 2;
  }
  if (c.team.empty()) {
    err << "--team: empty pattern; give a user or role ARN pattern or name, e.g. `*-admin`\n";
    return 2;
  }
  LoadResult loaded = load_scenario_file(c.file);
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) err << d.to_string() << "\n";
    return 2;
  }
  const Scenario& scenario = *loaded.scenario;

  properties::ExploreOptions o;
  o.team = properties::team_matching(scenario.world, c.team);
  o.invariants = c.invariants;
  o.cases = c.cases;
  o.seed = c.seed;
  o.max_edits = c.max_edits;
  o.follow_roles = c.follow_roles;
  if (auto error = properties::validate(scenario, o)) {
    err << error->option;
    if (error->option == "--team") err << " `" << c.team << "`";
    err << ": " << error->message;
    if (error->option == "--team") {
      std::vector<std::string> declared;
      for (const auto& p : scenario.world.principals) declared.push_back(p.arn);
      err << " in `" << c.file << "`; declared: " << list_of(declared);
    }
    err << "\n";
    return 2;
  }
  InterruptGuard guard;
  ProgressLine progress(err, c.cases);
  o.on_progress = [&progress](const properties::ExploreProgress& p) { progress(p); };
  o.should_stop = [&guard] { return guard.interrupted(); };

  out << "team: " << list_of(o.team, true) << "\n";
  if (o.follow_roles) {
    std::vector<std::string> roles;
    for (const auto& a : properties::team_acting_as(scenario.world, o.team, true))
      if (!a.assumed_by.empty()) roles.push_back(properties::actor_text(a.arn, a.assumed_by));
    out << "acting also as: " << (roles.empty() ? "no role (the team can assume none)" : "");
    for (std::size_t i = 0; i < roles.size(); ++i) out << (i ? ", " : "") << roles[i];
    out << "\n";
  }
  ExploreResult r = properties::explore(scenario, o);
  out << "may:" << permissions_text(r.targets) << "\n";
  out << "searching: " << (r.searched.empty() ? "no invariant" : "");
  for (std::size_t i = 0; i < r.searched.size(); ++i)
    out << (i ? ", `" : "`") << r.searched[i] << "`";
  out << "\n";
  for (const auto& s : r.skipped) out << "skipped `" << s.name << "`: " << s.why << "\n";
  if (r.stopped) {
    err << "explore: interrupted after " << r.cases_run << " cases; nothing written\n";
    return 130;
  }
  if (r.unconfirmed > 0)
    err << "warning: " << r.unconfirmed
        << " violation(s) on the loaded world did not reproduce on the edited JSON\n";
  if (r.finding) return report_finding(r, o, output, picture_path, *format, guard, out, err);
  if (r.targets.empty() || r.searched.empty()) {
    out << "no violation within " << c.cases << " cases / " << c.max_edits
        << " edits per case: no case could be drawn ("
        << (r.searched.empty() ? "no selected invariant holds now, so none can be broken"
                               : "the team's permissions allow none of the edits explore makes")
        << ")\n";
    if (!r.searched.empty() && !o.follow_roles &&
        properties::team_acting_as(scenario.world, o.team, true).size() > o.team.size())
      out << "the team can assume roles: --follow-roles also makes the edits they may make\n";
    return 0;
  }
  out << "no violation within " << r.cases_run << " cases / " << c.max_edits << " edits per case ("
      << r.edits_checked << " edits checked";
  if (r.edits_refused) out << ", " << r.edits_refused << " drawn but not permitted";
  out << "); a bounded search, not a proof\n";
  return 0;
}

}  // namespace accesspath
