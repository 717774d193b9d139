#include "model/condition/condition_date.h"
#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/services/evaluator.h"
#include "model/symbolic/context_search.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"
#include "tools/cli/commands.h"
#include "tools/cli/load_input.h"
#include "tools/report/decision_text.h"
#include "tools/report/report_json.h"

namespace accesspath {
namespace {

bool split_pair(const std::string& text, std::string& key, std::string& value) {
  std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  key = text.substr(0, eq);
  value = text.substr(eq + 1);
  return true;
}

// The other direction: would another request context decide otherwise? Said only when the
// decision read a key the caller chooses (otherwise every context decides the same).
struct OtherContexts {
  bool asked = false;
  std::string text;
  nlohmann::json json;
};

OtherContexts other_contexts(const World& world, const Request& request, bool allowed) {
  OtherContexts out;
  auto who = resolve_requester(world, request.principal);
  if (!who) return out;
  ContextAnswer a =
      search_contexts(world, *who, request, /*want_allow=*/!allowed, {.vary_given = true});
  if (!a.context_dependent) return out;
  out.asked = true;
  const char* other = allowed ? "denied" : "allowed";
  const char* other_decision = allowed ? "deny" : "allow";
  switch (a.kind) {
    case ContextAnswer::Kind::kFound:
      out.text = std::string(allowed ? "some request contexts are denied, e.g. "
                                     : "another request context is allowed: ") +
                 describe_needs(a.needs);
      out.json = {
          {"exists", true}, {"decision", other_decision}, {"context", describe_needs(a.needs)}};
      break;
    case ContextAnswer::Kind::kNever:
      out.text = std::string(allowed ? "allowed" : "denied") +
                 " in every request context the caller could send";
      out.json = {{"exists", false}, {"decision", other_decision}};
      break;
    case ContextAnswer::Kind::kUnknown:
      out.text = "whether another request context is " + std::string(other) +
                 " cannot be decided: " + a.reason;
      out.json = {{"exists", nullptr}, {"decision", other_decision}, {"reason", a.reason}};
      break;
  }
  return out;
}

}  // namespace

bool set_analysis_date(const std::string& text, std::ostream& err) {
  auto d = parse_date(text);
  if (!d) {
    err << "--now `" << text << "`: expected a date such as 2026-12-05 or 2026-12-05T12:00:00Z\n";
    return false;
  }
  set_analysis_time(d->instant.seconds);
  return true;
}

int run_explain(const ExplainOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<Scenario> scenario = load_or_report(o.file, err);
  if (!scenario) return 2;
  std::string why;
  if (!resolve_requester(scenario->world, o.principal, &why)) {
    err << "--principal: " << why << "\n";
    return 2;
  }
  Request request;
  request.principal = o.principal;
  request.action = o.action;
  request.resource = o.resource;
  for (const auto& h : o.headers) {
    std::string k, v;
    if (!split_pair(h, k, v)) {
      err << "--header `" << h << "`: expected name=value\n";
      return 2;
    }
    request.headers[to_lower(k)] = v;
  }
  for (const auto& c : o.context) {
    std::string k, v;
    if (!split_pair(c, k, v)) {
      err << "--context `" << c << "`: expected key=value\n";
      return 2;
    }
    request.context[k].push_back(v);
  }
  Decision d = evaluate(scenario->world, request);
  OtherContexts others = other_contexts(scenario->world, request, d.allowed);
  if (o.format == "json") {
    nlohmann::json j = decision_to_json(d);
    if (others.asked) j["other_contexts"] = others.json;
    out << j.dump(2) << "\n";
  } else {
    out << decision_to_text(d, {.show_all_policies = o.all_policies});
    if (others.asked) out << "contexts: " << others.text << "\n";
  }
  return d.allowed ? 0 : 1;
}

}  // namespace accesspath
