// `check --format json` written while it is computed: the same document as
// reports_to_json(reports).dump(2) (byte for byte), but each expectation is written as soon as it
// is decided and never kept, so memory does not grow with the number of expectations.
//
//   CheckJsonStream doc(std::cout);
//   doc.begin_checked();
//   ScenarioReport r = check_scenario(s, [&](const ExpectationResult& e) { doc.add_expectation(e);
//   }); doc.end_checked(r); doc.finish();
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "model/analysis/check.h"

namespace accesspath {

class CheckJsonStream {
 public:
  explicit CheckJsonStream(std::ostream& out) : out_(out) {}
  // A whole report at once (a file that did not load, or one checked without a sink).
  void add_report(const ScenarioReport& report);
  // A file checked expectation by expectation: begin_checked, add_expectation…, end_checked
  // with the report (its error unset, its expectations streamed).
  void begin_checked();
  void add_expectation(const ExpectationResult& e);
  // The same in two steps, for expectations rendered on other threads (check_scenario_rendered):
  // render_expectation appends one expectation's text to `out` (`after_another`: not the file's
  // first), add_rendered writes rendered texts, in order.
  static void render_expectation(const ExpectationResult& e, bool after_another, std::string& out);
  void add_rendered(std::string_view text);
  void end_checked(const ScenarioReport& report);
  // Closes the document; call once, after every file.
  void finish();

 private:
  void begin_file();
  std::ostream& out_;
  bool any_file_ = false;
  bool any_expectation_ = false;
  std::string text_;  // one expectation's text, reused
};

}  // namespace accesspath
