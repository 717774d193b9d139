#include "tools/report/report_text.h"

#include <sstream>

#include "tools/report/counterexample_text.h"
#include "tools/report/decision_text.h"

namespace accesspath {

std::string report_to_text(const ScenarioReport& r, bool verbose) {
  std::ostringstream out;
  if (r.error) {
    out << *r.error << "\n";
    return out.str();
  }
  out << r.file << " (" << r.name << "): " << r.expectations_met() << "/" << r.expectation_count()
      << " expectations met";
  if (!r.invariants.empty()) {
    std::size_t inv_ok = 0;
    for (const auto& i : r.invariants) inv_ok += i.ok ? 1 : 0;
    out << ", " << inv_ok << "/" << r.invariants.size() << " invariants as expected";
  }
  out << "\n";
  for (const auto& d : r.diagnostics.items())
    if (d.severity == Severity::kWarning) out << "  " << d.to_string() << "\n";
  for (const auto& e : r.expectations) {
    if (e.ok && !verbose) continue;
    out << "  " << (e.ok ? "ok  " : "FAIL") << " expectation " << e.index << ": expected "
        << (e.expect_allow ? "allow" : "deny") << ", got "
        << (e.decision.undecided.empty() ? "" : "undecided ")
        << (e.decision.allowed ? "allow" : "deny") << "\n";
    std::istringstream tree(decision_to_text(e.decision));
    for (std::string l; std::getline(tree, l);) out << "       " << l << "\n";
  }
  for (const auto& i : r.invariants) {
    for (const auto& w : i.warnings)
      out << "  warning: invariant `" << i.name << "`: " << w << "\n";
    if (i.ok && !verbose) continue;
    out << "  " << (i.ok ? "ok  " : "FAIL") << " invariant " << i.index << " `" << i.name
        << "`: expected " << (i.expect_holds ? "holds" : "violated") << ", "
        << (i.holds ? (*i.holds ? "holds" : "violated") : "cannot decide")
        << (i.reason.empty() ? "" : ": " + i.reason) << "\n";
    if (i.counterexample) out << counterexample_to_text(*i.counterexample, "       ");
  }
  return out.str();
}

std::string summary_to_text(const std::vector<ScenarioReport>& reports) {
  std::size_t files = reports.size(), bad_files = 0, exp_ok = 0, exp_fail = 0, inv_ok = 0,
              inv_fail = 0;
  for (const auto& r : reports) {
    if (r.error) ++bad_files;
    exp_ok += r.expectations_met();
    exp_fail += r.expectation_count() - r.expectations_met();
    for (const auto& i : r.invariants) (i.ok ? inv_ok : inv_fail)++;
  }
  std::ostringstream out;
  out << files << " files";
  if (bad_files) out << " (" << bad_files << " could not be loaded)";
  out << ": " << exp_ok << " expectations met, " << exp_fail << " not met; " << inv_ok
      << " invariants as expected, " << inv_fail << " not\n";
  return out.str();
}

}  // namespace accesspath
