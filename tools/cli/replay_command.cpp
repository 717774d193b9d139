// `accesspath replay [--format text|json] [--fail-on break|open|any] WORLD TRAIL…`: CloudTrail
// events decided by the world and compared with what AWS answered (trail/replay.h). Exit 0
// nothing to fail on, 1 a break (or an open, per --fail-on), 2 the world or no trail could be
// read. Records that cannot be read are reported with their file and index and skipped.
#include "tools/cli/commands.h"
#include "tools/cli/load_input.h"
#include "tools/report/replay_report.h"
#include "trail/replay.h"

namespace accesspath {

int run_replay(const ReplayOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<Scenario> scenario = load_or_report(o.world, err);
  if (!scenario) return 2;
  ReplayReport report = replay_trails(scenario->world, o.trails);
  if (report.read.files_read == 0) {
    for (const auto& p : report.problems) err << p.to_string() << "\n";
    err << "replay: no CloudTrail file could be read\n";
    return 2;
  }
  for (const auto& p : report.problems) err << "replay: skipped: " << p.to_string() << "\n";
  if (o.format == "json")
    out << replay_to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  else
    out << replay_to_text(report);
  bool fail = (o.fail_on != "open" && !report.breaks.empty()) ||
              (o.fail_on != "break" && !report.opens.empty());
  return fail ? 1 : 0;
}

}  // namespace accesspath
