// Check reports as JUnit XML (`accesspath check --format junit`), for CI test
// dashboards: one <testsuite> per file, one <testcase> per expectation and
// invariant, a <failure> for each that did not come out as expected, and an
// <error> test case for a file that could not be loaded.
//
//   std::cout << reports_to_junit(reports);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/analysis/check.h"

namespace accesspath {

std::string reports_to_junit(const std::vector<ScenarioReport>& reports);

// Text for XML content and attribute values: markup characters escaped, characters XML 1.0
// cannot carry (control characters, broken UTF-8) replaced by U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace accesspath
