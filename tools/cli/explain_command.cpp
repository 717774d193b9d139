#include "model/evaluator.h"
#include "model/request_context.h"
#include "model/requester.h"
#include "model/scenario.h"
#include "tools/cli/commands.h"
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

}  // namespace

int run_explain(const ExplainOptions& o, std::ostream& out, std::ostream& err) {
  LoadResult loaded = load_scenario_file(o.file);
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) err << d.to_string() << "\n";
    return 2;
  }
  std::string why;
  if (!resolve_requester(loaded.scenario->world, o.principal, &why)) {
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
  Decision d = evaluate(loaded.scenario->world, request);
  if (o.format == "json")
    out << decision_to_json(d).dump(2) << "\n";
  else
    out << decision_to_text(d, {.show_all_policies = o.all_policies});
  return d.allowed ? 0 : 1;
}

}  // namespace accesspath
