#include "trail/replay.h"

#include "model/services/evaluator.h"
#include "trail/event_request.h"

namespace accesspath {
namespace {

// One line a person can act on: the first check that did not allow, or the one that allowed.
std::string reason_of(const Decision& d) {
  if (!d.undecided.empty()) return d.undecided;
  const Check* c = d.blocking_check();
  if (!c && !d.checks.empty()) c = &d.checks.front();
  if (!c) return "";
  return c->title + ": " + c->reason;
}

void tally(ReplayReport& r, const EventRequest& e, std::size_t ReplayTally::*which) {
  for (auto* m : {&r.by_principal, &r.by_action}) {
    const std::string& k = m == &r.by_principal ? e.principal : e.request.action;
    if (k.empty()) continue;
    ReplayTally& t = (*m)[k];
    ++t.events;
    ++(t.*which);
  }
  if (!e.bucket.empty()) {
    ReplayTally& t = r.by_bucket[e.bucket];
    ++t.events;
    ++(t.*which);
  }
}

}  // namespace

void TrailReplay::record(TrailRecord&& record) {
  ReplayReport& r = report_;
  EventRequest e = request_of_event(record.event, world_);
  if (e.kind == EventKind::kBad) {
    r.problems.push_back({record.file, record.index, e.reason});
    return;
  }
  ++r.events;
  ReplayEvent out{e.event_id,    record.file, record.index,     e.event_time,
                  e.event_name,  e.principal, e.request.action, e.request.resource,
                  e.aws_allowed, false,       e.reason};
  if (e.kind == EventKind::kTiedToS3) {
    ++r.tied;
    tied_keys_.insert(e.principal + " " + e.tied_object);
    return;
  }
  if (e.kind == EventKind::kUndecided) {
    tally(r, e, &ReplayTally::undecided);
    r.undecided.push_back(std::move(out));
    return;
  }
  if (e.request.resource.rfind("arn:aws:s3:::", 0) == 0)
    s3_requests_.insert(e.principal + " " + e.request.resource);
  // Plain first (still noting keys the world does not describe); explained only when the
  // event is reported.
  Decision d = evaluate(world_, e.request, {.explain = false, .note_unknown_keys = true});
  if (d.allowed != e.aws_allowed || !d.undecided.empty()) d = evaluate(world_, e.request);
  out.world_allowed = d.allowed;
  out.why = reason_of(d);
  if (!d.undecided.empty()) {
    tally(r, e, &ReplayTally::undecided);
    r.undecided.push_back(std::move(out));
    return;
  }
  ++r.decided;
  if (d.allowed == e.aws_allowed) {
    ++r.agree;
    tally(r, e, &ReplayTally::agree);
  } else if (e.aws_allowed) {
    tally(r, e, &ReplayTally::breaks);
    r.breaks.push_back(std::move(out));
  } else {
    tally(r, e, &ReplayTally::opens);
    r.opens.push_back(std::move(out));
  }
}

void TrailReplay::problem(TrailProblem&& p) {
  report_.problems.push_back(std::move(p));
}

ReplayReport TrailReplay::finish(const TrailReadSummary& read) {
  report_.read = read;
  // The KMS call of an assumed-role session carries the session ARN, as its S3 request does.
  for (const auto& k : tied_keys_)
    if (!s3_requests_.count(k)) ++report_.tied_unmatched;
  return std::move(report_);
}

ReplayReport replay_trails(const World& world, const std::vector<std::string>& paths) {
  TrailReplay replay(world);
  TrailReadSummary read = read_trails(
      paths, [&](TrailRecord&& record) { replay.record(std::move(record)); },
      [&](TrailProblem&& p) { replay.problem(std::move(p)); });
  return replay.finish(read);
}

}  // namespace accesspath
