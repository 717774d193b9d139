#include "tools/report/counterexample_text.h"

#include <set>
#include <sstream>

namespace accesspath {

std::string statement_text(const StatementRef& s) {
  std::string out = s.policy.empty() ? std::string("a policy") : s.policy;
  if (!s.sid.empty())
    out += " `" + s.sid + "`";
  else if (!s.pointer.empty())
    out += " (" + s.pointer + ")";
  return out;
}

std::string statement_text_list(const std::vector<StatementRef>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "; ") + statement_text(s);
  return out;
}

nlohmann::json context_to_json(const std::vector<ContextNeed>& needs) {
  // The request parts an expectation replays (present keys; headers for s3:x-amz-* keys) and
  // every key the decision read, absent ones too.
  std::map<std::string, std::vector<std::string>> context;
  std::map<std::string, std::string> headers;
  add_needs_to_request(needs, context, headers);
  nlohmann::json read = nlohmann::json::array();
  std::set<std::string> multivalued;
  for (const auto& n : needs) {
    if (!n.present)
      read.push_back(nlohmann::json{{"key", n.key}, {"absent", true}});
    else if (!n.values.empty())
      read.push_back(nlohmann::json{{"key", n.key}, {"values", n.values}});
    else
      read.push_back(nlohmann::json{{"key", n.key}, {"value", n.value}});
    if (!n.values.empty()) multivalued.insert(n.key);
  }
  nlohmann::json out = {{"reads", read}, {"text", describe_needs(needs)}};
  nlohmann::json ctx = nlohmann::json::object();
  // A multivalued key stays a list even with one value (the request carries a set).
  for (const auto& [k, v] : context)
    ctx[k] = v.size() == 1 && !multivalued.count(k) ? nlohmann::json(v.front()) : nlohmann::json(v);
  out["context"] = ctx;
  out["headers"] = headers;
  return out;
}

std::string counterexample_to_text(const Counterexample& c, const std::string& indent) {
  std::ostringstream out;
  out << indent << "start: " << c.start << "\n";
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const PathStep& s = c.steps[i];
    out << indent << (i + 1) << ". " << s.actor << "  " << s.action << "  " << s.target << "\n";
    if (!s.detail.empty()) out << indent << "   " << s.detail << "\n";
    if (!s.context.empty()) out << indent << "   needs: " << describe_needs(s.context) << "\n";
    if (!s.statements.empty()) {
      out << indent << "   allowed by: ";
      for (std::size_t k = 0; k < s.statements.size(); ++k) {
        if (k == 3) {
          out << "; +" << (s.statements.size() - 3) << " more";
          break;
        }
        out << (k ? "; " : "") << statement_text(s.statements[k]);
      }
      out << "\n";
    }
  }
  return out.str();
}

nlohmann::json counterexample_to_json(const Counterexample& c) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : c.steps) {
    nlohmann::json statements = nlohmann::json::array();
    for (const auto& st : s.statements)
      statements.push_back({{"policy", st.policy}, {"sid", st.sid}, {"pointer", st.pointer}});
    steps.push_back({{"kind", std::string(to_string(s.kind))},
                     {"actor", s.actor},
                     {"action", s.action},
                     {"target", s.target},
                     {"detail", s.detail},
                     {"statements", statements},
                     {"context", context_to_json(s.context)}});
  }
  return {{"start", c.start}, {"steps", steps}};
}

}  // namespace accesspath
