#include "properties/explore_writeup.h"

#include "model/analysis/access_paths.h"
#include "model/analysis/check.h"
#include "model/services/evaluator.h"
#include "model/world/request.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

std::string after_last_slash(const std::string& arn) {
  return arn.substr(arn.rfind('/') + 1);
}

std::string statements_text(const std::vector<StatementRef>& statements) {
  std::string out;
  for (const auto& s : statements)
    out += (out.empty() ? "" : "; ") + s.policy + (s.sid.empty() ? "" : " `" + s.sid + "`");
  return out.empty() ? "no statement needed" : out;
}

// The headers that store a new object with the encryption a write step describes.
std::map<std::string, std::string> headers_for_write(const std::string& detail) {
  const std::string kms = "SSE-KMS with ";
  if (auto at = detail.find(kms); at != std::string::npos)
    return {{"x-amz-server-side-encryption", "aws:kms"},
            {"x-amz-server-side-encryption-aws-kms-key-id", detail.substr(at + kms.size())}};
  if (detail.find("SSE-C") != std::string::npos)
    return {{s3_headers::kSseCAlgorithm, "AES256"},
            {s3_headers::kSseCKey, "(customer key)"},
            {s3_headers::kSseCKeyMd5, "(key digest)"}};
  return {{"x-amz-server-side-encryption", "AES256"}};
}

// "with h: v, h2: v2" (an access step's detail) back into headers.
std::map<std::string, std::string> headers_for_access(const std::string& detail) {
  std::map<std::string, std::string> out;
  if (detail.rfind("with ", 0) != 0) return out;
  std::string rest = detail.substr(5);
  std::size_t start = 0;
  while (start < rest.size()) {
    std::size_t end = rest.find(", x-amz-", start);
    std::string pair = rest.substr(start, end == std::string::npos ? end : end - start);
    if (auto colon = pair.find(": "); colon != std::string::npos)
      out[pair.substr(0, colon)] = pair.substr(colon + 2);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

// Each replayable step of the counterexample as an expectation, if the evaluator allows it in
// the edited world (a read of an object that is only writable now is not replayable: it is
// not declared).
json expectations_for(const World& world, const Counterexample& c) {
  json out = json::array();
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const PathStep& step = c.steps[i];
    if (step.kind == PathStep::Kind::kChangePolicy) continue;
    Request r{step.actor, step.action, step.target, {}, {}};
    if (step.kind == PathStep::Kind::kWriteObject) r.headers = headers_for_write(step.detail);
    if (step.kind == PathStep::Kind::kAccess) r.headers = headers_for_access(step.detail);
    // The request context the step needs (from an address, through an endpoint, with MFA, ...).
    add_needs_to_request(step.context, r.context, r.headers);
    if (!evaluate(world, r, {.explain = false}).allowed) continue;
    json e = {{"principal", r.principal}, {"action", r.action}, {"resource", r.resource}};
    if (!r.headers.empty()) e["headers"] = r.headers;
    if (!r.context.empty()) e["context"] = r.context;
    e["expect"] = "allow";
    e["why"] = "Counterexample step " + std::to_string(i + 1) + " (" +
               std::string(to_string(step.kind)) + (step.detail.empty() ? "" : ", " + step.detail) +
               "): allowed by " + statements_text(step.statements) +
               (step.context.empty() ? "" : ", " + describe_needs(step.context)) + ".";
    out.push_back(std::move(e));
  }
  return out;
}

std::string team_text(const std::vector<std::string>& team) {
  std::string out;
  for (const auto& t : team) out += (out.empty() ? "" : ", ") + after_last_slash(t);
  return out;
}

}  // namespace

std::optional<json> write_up(const Scenario& scenario, const Invariant& broken,
                             const std::vector<TeamEdit>& edits,
                             const std::vector<std::string>& actors,
                             const std::vector<std::string>& assumed_by, const ExploreOptions& o,
                             std::string* reason) {
  json doc = scenario.source;
  for (const auto& e : edits)
    if (!properties::apply(e, doc)) return std::nullopt;
  json invariant = doc.at(json::json_pointer(broken.pointer));
  invariant["expect"] = "violated";
  doc.erase("expectations");
  doc["invariants"] = json::array({invariant});
  LoadResult edited = load_scenario(doc, scenario.file);
  if (!edited.scenario) return std::nullopt;
  InvariantOutcome outcome =
      check_invariant(edited.scenario->world, edited.scenario->invariants[0]);
  if (outcome.holds != false || !outcome.counterexample) return std::nullopt;
  if (reason) *reason = outcome.reason;

  std::string story = "Found by `accesspath explore` (team " + team_text(o.team) +
                      (o.follow_roles ? " and the roles it can assume" : "") + ", seed " +
                      std::to_string(o.seed) + ", at most " + std::to_string(o.max_edits) +
                      " edits per case): after " + std::to_string(edits.size()) +
                      (edits.size() == 1 ? " edit" : " edits") + " the team's permissions allow (";
  for (std::size_t i = 0; i < edits.size(); ++i)
    story += (i ? "; " : "") + actor_text(actors[i], i < assumed_by.size() ? assumed_by[i] : "") +
             " " + std::string(to_string(edits[i].kind)) + " on " +
             after_last_slash(edits[i].target);
  story += "), the invariant `" + broken.name + "` is violated: " + outcome.reason + ".";
  std::string before = scenario.source.value("name", "scenario");
  doc["name"] = before + "-explored";
  doc["description"] = story;
  doc["expectations"] = expectations_for(edited.scenario->world, *outcome.counterexample);
  if (doc["expectations"].empty()) doc.erase("expectations");

  // The write-up must replay: `check` passes on it.
  LoadResult final_doc = load_scenario(doc, scenario.file);
  if (!final_doc.scenario || !check_scenario(*final_doc.scenario).ok()) return std::nullopt;
  return doc;
}

}  // namespace accesspath::properties
