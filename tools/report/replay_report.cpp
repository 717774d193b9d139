#include "tools/report/replay_report.h"

#include <algorithm>
#include <sstream>

namespace accesspath {
namespace {

using nlohmann::json;

const char* word(bool allowed) {
  return allowed ? "allow" : "deny";
}

json event_json(const ReplayEvent& e, bool decided) {
  json j = {{"eventID", e.event_id},     {"file", e.file},        {"record", e.record},
            {"eventTime", e.event_time}, {"event", e.event_name}, {"principal", e.principal}};
  if (!e.action.empty()) {
    j["action"] = e.action;
    j["resource"] = e.resource;
  }
  j["aws"] = word(e.aws_allowed);
  if (decided) {
    j["world"] = word(e.world_allowed);
    j["why"] = e.why;
  } else {
    j["reason"] = e.why;
  }
  return j;
}

json tallies_json(const std::map<std::string, ReplayTally>& m) {
  json out = json::object();
  for (const auto& [k, t] : m)
    out[k] = {{"events", t.events},
              {"agree", t.agree},
              {"break", t.breaks},
              {"open", t.opens},
              {"undecided", t.undecided}};
  return out;
}

void tallies_text(std::ostringstream& out, const char* title,
                  const std::map<std::string, ReplayTally>& m) {
  if (m.empty()) return;
  out << title << ":\n";
  for (const auto& [k, t] : m) {
    out << "  " << k << ": " << t.events << " events, " << t.agree << " agree";
    if (t.breaks) out << ", " << t.breaks << " break";
    if (t.opens) out << ", " << t.opens << " open";
    if (t.undecided) out << ", " << t.undecided << " undecided";
    out << "\n";
  }
}

}  // namespace

json replay_to_json(const ReplayReport& r) {
  json breaks = json::array(), opens = json::array(), undecided = json::array(),
       problems = json::array();
  for (const auto& e : r.breaks) breaks.push_back(event_json(e, true));
  for (const auto& e : r.opens) opens.push_back(event_json(e, true));
  for (const auto& e : r.undecided) undecided.push_back(event_json(e, false));
  for (const auto& p : r.problems)
    problems.push_back({{"file", p.file},
                        {"record", p.index == kWholeFile ? json(nullptr) : json(p.index)},
                        {"message", p.message}});
  return {{"events", r.events},
          {"decided", r.decided},
          {"agree", r.agree},
          {"tied_to_s3", r.tied},
          {"tied_without_s3_request", r.tied_unmatched},
          {"files", {{"read", r.read.files_read}, {"failed", r.read.files_failed}}},
          {"records", r.read.records},
          {"break", breaks},
          {"open", opens},
          {"undecided", undecided},
          {"problems", problems},
          {"by_principal", tallies_json(r.by_principal)},
          {"by_action", tallies_json(r.by_action)},
          {"by_bucket", tallies_json(r.by_bucket)}};
}

std::string replay_to_text(const ReplayReport& r) {
  std::ostringstream out;
  out << "replay: " << r.events << " events from " << r.read.files_read << " file(s): " << r.agree
      << " agree, " << r.breaks.size() << " break, " << r.opens.size() << " open, "
      << r.undecided.size() << " undecided";
  if (r.tied)
    out << "; " << r.tied << " KMS call(s) S3 made for a caller, decided with its request";
  if (!r.problems.empty()) out << "; " << r.problems.size() << " record(s) or file(s) skipped";
  out << "\n";
  auto decided = [&](const char* tag, const ReplayEvent& e, const char* what) {
    out << tag << "  " << e.event_time << "  " << e.principal << "  " << e.action << "  "
        << e.resource << "\n       " << what << ": " << e.why << "\n       event " << e.event_id
        << " (" << e.file << ", record " << e.record << ")\n";
  };
  for (const auto& e : r.breaks) decided("BREAK", e, "AWS allowed it; the world denies");
  for (const auto& e : r.opens) decided("OPEN ", e, "AWS denied it; the world allows");
  for (const auto& e : r.undecided)
    out << "UNDECIDED  " << e.event_name << "  " << e.principal << ": " << e.why
        << "\n       event " << e.event_id << " (" << e.file << ", record " << e.record << ")\n";
  for (const auto& p : r.problems) out << "skipped: " << p.to_string() << "\n";
  tallies_text(out, "by principal", r.by_principal);
  tallies_text(out, "by action", r.by_action);
  tallies_text(out, "by bucket", r.by_bucket);
  return out.str();
}

}  // namespace accesspath
