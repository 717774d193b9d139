// Replaying CloudTrail against a world: every event the world models decided and compared with
// what AWS answered. A `break` is an event AWS allowed that the world denies (a policy change
// would break real traffic); an `open` is one AWS denied (errorCode AccessDenied) that the world
// allows (the change opens access, or the world does not match the account); `undecided` events
// say why; bad records are problems with their file and record index.
//
//   ReplayReport r = replay_trails(world, {"trail/"});
//   for (const auto& b : r.breaks) std::cout << b.event_id << "\n";
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/world/world.h"
#include "trail/trail_files.h"

namespace accesspath {

struct ReplayEvent {
  std::string event_id;
  std::string file;
  std::size_t record = 0;
  std::string event_time;
  std::string event_name;  // "s3:GetObject"
  std::string principal;
  std::string action;  // the IAM action decided ("" when undecided before mapping)
  std::string resource;
  bool aws_allowed = true;
  bool world_allowed = false;
  std::string why;  // breaks/opens: the world's reason; undecided: why it is
};

struct ReplayTally {
  std::size_t events = 0;  // every event counted here (agree + breaks + opens + undecided)
  std::size_t agree = 0;
  std::size_t breaks = 0;
  std::size_t opens = 0;
  std::size_t undecided = 0;
};

struct ReplayReport {
  TrailReadSummary read;
  std::size_t events = 0;   // records that were events (bad records not counted)
  std::size_t decided = 0;  // compared with AWS's answer
  std::size_t agree = 0;
  std::size_t tied = 0;            // KMS calls S3 made for a caller, decided with its S3 request
  std::size_t tied_unmatched = 0;  // ... whose S3 request is not in the trail
  std::vector<ReplayEvent> breaks;
  std::vector<ReplayEvent> opens;
  std::vector<ReplayEvent> undecided;
  std::vector<TrailProblem> problems;
  std::map<std::string, ReplayTally> by_principal, by_action, by_bucket;
};

ReplayReport replay_trails(const World& world, const std::vector<std::string>& paths);

// The replay of records as a reader hands them on (read_trails, read_trail_text), for a caller
// that reads the trail itself; replay_trails is this over read_trails.
class TrailReplay {
 public:
  explicit TrailReplay(const World& world) : world_(world) {}
  void record(TrailRecord&& record);
  void problem(TrailProblem&& problem);
  // The report, with what the reader read; the replay is not used after.
  ReplayReport finish(const TrailReadSummary& read);

 private:
  const World& world_;
  ReplayReport report_;
  // S3 object requests seen (principal + object ARN) and KMS calls S3 made, to tie them.
  std::set<std::string> s3_requests_, tied_keys_;
};

}  // namespace accesspath
