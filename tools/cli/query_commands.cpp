#include "tools/cli/query_commands.h"

#include <algorithm>

#include "model/analysis/access_paths.h"
#include "model/condition/request_context.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/world/requester.h"
#include "model/world/scenario.h"
#include "tools/cli/load_input.h"
#include "tools/report/counterexample_text.h"

namespace accesspath {
namespace {

bool load(const std::string& file, std::optional<Scenario>& scenario, std::ostream& err) {
  scenario = load_or_report(file, err);
  return scenario.has_value();
}

bool parse_pairs(const std::vector<std::string>& items, const char* flag,
                 std::map<std::string, std::string>& out, std::ostream& err) {
  for (const auto& item : items) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << flag << " `" << item << "`: expected name=value\n";
      return false;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return true;
}

}  // namespace

int run_who(const WhoOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<Scenario> s;
  if (!load(o.file, s, err)) return 2;
  Invariant q;
  q.name = "who";
  q.action = o.action;
  q.resource = o.resource;
  q.via_escalation = o.escalation;
  std::map<std::string, std::string> headers, context;
  if (!parse_pairs(o.headers, "--header", headers, err) ||
      !parse_pairs(o.context, "--context", context, err))
    return 2;
  for (const auto& [k, v] : headers) q.headers[to_lower(k)] = v;
  for (const auto& [k, v] : context) q.context[k] = {v};
  std::vector<std::string> warnings;
  auto found = who_can(s->world, q, &warnings);
  if (o.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : found)
      list.push_back({{"principal", f.principal}, {"path", counterexample_to_json(f.path)}});
    out << nlohmann::json{{"action", o.action},
                          {"resource", o.resource},
                          {"principals", list},
                          {"warnings", warnings}}
               .dump(2)
        << "\n";
    return 0;
  }
  for (const auto& w : warnings) err << "warning: " << w << "\n";
  out << found.size() << (found.size() == 1 ? " principal" : " principals") << " can `" << o.action
      << "` on `" << o.resource << "`" << (o.escalation ? " (following policy changes)" : "")
      << (found.empty() ? "" : ":") << "\n";
  for (const auto& f : found) {
    out << "\n"
        << f.principal << "  (" << f.path.steps.size()
        << (f.path.steps.size() == 1 ? " step" : " steps") << ")\n";
    out << counterexample_to_text(f.path, "  ");
  }
  return 0;
}

int run_paths(const PathsOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<Scenario> s;
  if (!load(o.file, s, err)) return 2;
  std::string why;
  if (!resolve_requester(s->world, o.from, &why)) {
    err << "--from: " << why << "\n";
    return 2;
  }
  AccessGraph g = build_access_graph(s->world, {.admin_edges = true, .from = o.from});
  if (!g.find(o.from)) {
    err << "--from: `" << o.from
        << "` is not a principal of this scenario (see `accesspath who`)\n";
    return 2;
  }
  struct Row {
    std::string as, action, target, detail, sids;
  };
  std::vector<Row> rows;
  for (auto e : boost::make_iterator_range(boost::edges(g.graph))) {
    const AccessEdge& edge = g.graph[e];
    const AccessVertex& from = g.graph[boost::source(e, g.graph)];
    const AccessVertex& to = g.graph[boost::target(e, g.graph)];
    if (!o.action.empty() && !wildcard_match(o.action, edge.action, CaseMode::kInsensitive))
      continue;
    if (!o.resource.empty() && !wildcard_match(o.resource, to.id, CaseMode::kSensitive)) continue;
    std::string sids;
    for (const auto& st : edge.statements)
      if (!st.sid.empty() && sids.find(st.sid) == std::string::npos)
        sids += (sids.empty() ? "" : ", ") + st.sid;
    rows.push_back({from.id, edge.action, to.id, edge.detail, sids});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.as, a.action, a.target) < std::tie(b.as, b.action, b.target);
  });
  if (o.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : rows)
      list.push_back({{"as", r.as},
                      {"action", r.action},
                      {"resource", r.target},
                      {"detail", r.detail},
                      {"statements", r.sids}});
    out << nlohmann::json{{"from", o.from}, {"edges", list}}.dump(2) << "\n";
    return 0;
  }
  out << o.from << " reaches " << rows.size() << (rows.size() == 1 ? " edge" : " edges")
      << " (directly, or as a role it can assume):\n";
  std::string last;
  for (const auto& r : rows) {
    if (r.as != last)
      out << "\n as " << after_last_colon(r.as) << (r.as == o.from ? " (itself)" : "") << ":\n";
    last = r.as;
    out << "   " << r.action << "  " << r.target;
    if (!r.detail.empty()) out << "  [" << r.detail << "]";
    if (!r.sids.empty()) out << "  by " << r.sids;
    out << "\n";
  }
  return 0;
}

}  // namespace accesspath
