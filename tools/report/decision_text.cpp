#include "tools/report/decision_text.h"

#include <sstream>

namespace accesspath {
namespace {

std::string verdict(Outcome o) {
  switch (o) {
    case Outcome::kAllow:
      return "ALLOW";
    case Outcome::kExplicitDeny:
      return "DENY (explicit)";
    case Outcome::kImplicitDeny:
      return "DENY";
    case Outcome::kRefused:
      return "REFUSED";
  }
  return "DENY";
}

std::string statement_name(const StatementRef& s) {
  return s.sid.empty() ? std::string("statement at ") + s.pointer : "`" + s.sid + "`";
}

// Tree drawing: each level passes its prefix down.
void line(std::ostringstream& out, const std::string& prefix, bool last, const std::string& text) {
  out << prefix << (last ? "└─ " : "├─ ") << text << "\n";
}

std::string child_prefix(const std::string& prefix, bool last) {
  return prefix + (last ? "   " : "│  ");
}

}  // namespace

std::string decision_to_text(const Decision& d, const TextStyle& style) {
  std::ostringstream out;
  out << (d.undecided.empty() ? "" : "UNDECIDED ") << (d.allowed ? "ALLOW" : "DENY") << "  "
      << d.principal << "  " << d.action << "  " << d.resource << "\n";
  if (!d.undecided.empty()) out << "undecided because " << d.undecided << "\n";
  for (std::size_t ci = 0; ci < d.checks.size(); ++ci) {
    const Check& c = d.checks[ci];
    bool last_check = ci + 1 == d.checks.size();
    line(out, "", last_check, verdict(c.outcome) + "  " + c.title);
    std::string p = child_prefix("", last_check);
    std::vector<std::string> rows;
    for (const auto& f : c.policies) {
      if (f.allows.empty() && f.denies.empty() && !style.show_all_policies) continue;
      std::string row = f.label + ":";
      for (const auto& s : f.denies)
        row += " denies by " + statement_name(s) + (s.via.empty() ? "" : " (" + s.via + ")") + ";";
      for (const auto& s : f.allows) {
        // A statement naming the account only delegates: say so, it is not an allow by itself.
        if (s.via.rfind("delegates", 0) == 0)
          row += " " + s.via + " by " + statement_name(s) + ";";
        else
          row +=
              " allows by " + statement_name(s) + (s.via.empty() ? "" : " (" + s.via + ")") + ";";
      }
      if (f.allows.empty() && f.denies.empty()) row += " no statement applies;";
      row.pop_back();
      rows.push_back(row);
    }
    if (c.outcome != Outcome::kAllow && !c.reason.empty()) rows.push_back("why: " + c.reason);
    for (const auto& n : c.notes) rows.push_back("note: " + n);
    for (std::size_t mi = 0; mi < c.missing.size(); ++mi)
      rows.push_back((mi == 0 ? "to allow, add " : "") + c.missing[mi]);
    for (std::size_t ri = 0; ri < rows.size(); ++ri) line(out, p, ri + 1 == rows.size(), rows[ri]);
  }
  if (d.undecided.empty() && !d.unknown_keys.empty()) {
    std::string keys;
    for (const auto& k : d.unknown_keys) keys += (keys.empty() ? "" : ", ") + k;
    out << "note: read condition keys the world does not describe, without changing the decision: "
        << keys << "\n";
  }
  return out.str();
}

}  // namespace accesspath
