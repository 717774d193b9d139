#include "tools/report/counterexample_text.h"

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

std::string counterexample_to_text(const Counterexample& c, const std::string& indent) {
  std::ostringstream out;
  out << indent << "start: " << c.start << "\n";
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const PathStep& s = c.steps[i];
    out << indent << (i + 1) << ". " << s.actor << "  " << s.action << "  " << s.target << "\n";
    if (!s.detail.empty()) out << indent << "   " << s.detail << "\n";
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
                     {"statements", statements}});
  }
  return {{"start", c.start}, {"steps", steps}};
}

}  // namespace accesspath
