// accesspath diff: the accesses a change adds and removes (model/access_diff.h), on pairs of
// training scenarios with the exact sets, and the laws every diff obeys.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "model/access_diff.h"
#include "model/scenario.h"

namespace accesspath {
namespace {

Scenario bundled(const std::string& name) {
  LoadResult r = load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(r.scenario) << name;
  return *r.scenario;
}

TEST(AccessDiffExplore, Print) {
  AccessDiff d = *diff_scenarios(bundled("separation-of-duties.json"),
                                 bundled("separation-of-duties-key-user-removed.json"))
                      .diff;
  for (const auto& c : d.added) {
    std::cout << "ADDED " << c.principal << " " << c.action << " " << c.resource << " steps="
              << c.path.steps.size() << " other=" << c.other_side << "\n";
    for (const auto& s : c.changed) std::cout << "   changed " << s.policy << " " << s.pointer << "\n";
  }
  for (const auto& c : d.removed) {
    std::cout << "REMOVED " << c.principal << " " << c.action << " " << c.resource << " other=" << c.other_side << "\n";
    for (const auto& s : c.changed) std::cout << "   changed " << s.policy << " " << s.pointer << "\n";
  }
  for (const auto& u : d.undecided) std::cout << "UNDECIDED " << u.principal << " " << u.action << " " << u.resource << " " << u.reason << "\n";
}

}  // namespace
}  // namespace accesspath
