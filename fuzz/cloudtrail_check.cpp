// Fuzz target and its checks: the CloudTrail reader of `accesspath replay` (read_trails,
// read_trail_text, request_of_event, replay_trails, TrailReplay), on one trail file.
//
// Input: the file's bytes (a `{"Records": [...]}` document, JSON Lines, one event, or gzip of
// any of them), replayed against scenarios/separation-of-duties.json, the world of the replay
// fixtures. Properties:
// - the file is read or failed, once; every record is an event or a bad record (a problem with
//   its index), and every problem names the file and says what is wrong;
// - the replay never reports more events than records, nor more decided than events: events are
//   tied KMS calls, undecided or decided, and decided ones agree, break or open;
// - an event mapped to a request to decide has an action and a principal the world resolves;
//   one that is undecided or bad says why;
// - bad input is a problem with its place, never an exception.
#include <cstddef>
#include <exception>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "fuzz/input_files.h"
#include "model/world/requester.h"
#include "trail/event_request.h"
#include "trail/replay.h"
#include "trail/trail_files.h"

using namespace accesspath;

namespace {

// The properties of the mapping of one record that reads; true when it is an event.
bool check_event(const TrailRecord& record, const World& world) {
  EventRequest e = request_of_event(record.event, world);
  if (e.kind != EventKind::kDecide) {
    if (e.kind != EventKind::kTiedToS3 && e.reason.empty())
      fuzz::violation("an event that is not decided says why", record.event.dump());
    return e.kind != EventKind::kBad;
  }
  if (e.request.action.empty() || e.request.principal != e.principal)
    fuzz::violation("a decided event has an action and its principal", record.event.dump());
  if (!resolve_requester(world, e.request.principal))
    fuzz::violation("a decided event's principal is one the world resolves", record.event.dump());
  return true;
}

// The input that starts as gzip does, from a file of the scratch folder: replay_trails reads it
// (gzread), and read_trails again for the mapping of each record.
ReplayReport replay_file(std::string_view input, const World& world, std::string& file,
                         std::size_t& events) {
  fuzz::clear_scratch();
  file = fuzz::write_scratch("trail.json", input);
  ReplayReport r = replay_trails(world, {file});
  read_trails(
      {file},
      [&](TrailRecord&& record) {
        events += check_event(record, world) ? std::size_t{1} : std::size_t{0};
      },
      [](TrailProblem&&) {});
  return r;
}

// Any other input, read once from memory: each record the reader hands on is mapped by the check
// and then replayed (TrailReplay, what replay_trails does with it). gzread reads a file that does
// not start with the gzip magic as it is (zlib's transparent mode), so read_trail_text of the
// input reads what read_trails of the file did; and the reader is deterministic, so one read
// gives the replay and the check the records two reads gave them.
ReplayReport replay_text(std::string_view input, const World& world, const std::string& file,
                         std::size_t& events) {
  TrailReplay replay(world);
  TrailReadSummary read;
  read_trail_text(
      file, input,
      [&](TrailRecord&& record) {
        events += check_event(record, world) ? std::size_t{1} : std::size_t{0};
        replay.record(std::move(record));
      },
      [&](TrailProblem&& p) { replay.problem(std::move(p)); }, read);
  return replay.finish(read);
}

bool is_gzip(std::string_view input) {
  return input.size() >= 2 && input[0] == '\x1f' && input[1] == '\x8b';
}

}  // namespace

void accesspath::fuzz::check_cloudtrail(std::string_view input) {
  if (input.size() > (std::size_t{1} << 20)) return;
  const World& world = fuzz::fixed_scenario().world;
  std::string shown(input), file = "trail.json";
  ReplayReport r;
  std::size_t events = 0;
  try {
    r = is_gzip(input) ? replay_file(input, world, file, events)
                       : replay_text(input, world, file, events);
  } catch (const fuzz::PropertyViolation&) {
    throw;
  } catch (const std::exception& e) {
    fuzz::violation("bad input is a problem with its place, never an exception",
                    std::string(e.what()) + "\n" + shown);
  }

  if (r.read.files_read + r.read.files_failed != 1)
    fuzz::violation("the file is read or failed, once", shown);
  std::size_t bad_records = 0, whole_file = 0;
  for (const TrailProblem& p : r.problems) {
    if (p.file != file || p.message.empty())
      fuzz::violation("every problem names the file and says what is wrong", p.to_string());
    if (p.index == kWholeFile) ++whole_file;
    // A JSON Lines line that is not read (not JSON, or past the limits of trail/trail_limits.h)
    // is a problem with an index but not a record.
    else if (p.message.rfind("line ", 0) != 0)
      ++bad_records;
  }
  if ((whole_file > 0) != (r.read.files_failed > 0))
    fuzz::violation("a file that failed is a problem of the whole file", shown);
  if (r.events + bad_records != r.read.records)
    fuzz::violation("every record is an event or a bad record",
                    std::to_string(r.events) + " events, " + std::to_string(bad_records) +
                        " bad, " + std::to_string(r.read.records) + " records\n" + shown);
  if (r.decided > r.events || r.events > r.read.records)
    fuzz::violation("no more decided than events, nor events than records", shown);
  if (r.tied + r.undecided.size() + r.decided != r.events)
    fuzz::violation("an event is tied, undecided or decided", shown);
  if (r.agree + r.breaks.size() + r.opens.size() != r.decided)
    fuzz::violation("a decided event agrees, breaks or opens", shown);
  if (events != r.events) fuzz::violation("the replay counts the events its reader maps", shown);
}
