// `accesspath diff --accept FILE`: added accesses a person reviewed and accepted, kept in the
// repository next to the worlds. An accepted access is reported as such and does not fail the
// diff until its expiry date has passed; then it fails again.
//
//   { "accepted": [ { "fingerprint": "3f2a…", "justification": "partner read, ticket SEC-12",
//                     "expires": "2027-06-30" } ] }
//
//   Diagnostics errors;
//   std::optional<Baseline> b = load_baseline("accepted.json", errors);
//   apply_baseline(*b, analysis_time(), report);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/core/diagnostic.h"
#include "tools/report/diff_report.h"

namespace accesspath {

struct BaselineEntry {
  std::string fingerprint;  // access_fingerprint of the added access
  std::string justification;
  std::string expires;          // YYYY-MM-DD as written; "" never expires
  std::int64_t expires_at = 0;  // seconds since the epoch: the end of that day (UTC)
};

struct Baseline {
  std::string file;
  std::vector<BaselineEntry> entries;
};

// nullopt (with every problem in `errors`, each with the file and JSON pointer) when the file
// cannot be read or is not a baseline.
std::optional<Baseline> load_baseline(const std::string& file, Diagnostics& errors);
std::optional<Baseline> parse_baseline(std::string_view text, const std::string& file,
                                       Diagnostics& errors);

// Fills `report.accepted`: an entry whose fingerprint matches accepts the access; it has expired
// when `now` is past its expiry day.
void apply_baseline(const Baseline& baseline, std::int64_t now, DiffReport& report);

}  // namespace accesspath
