// `accesspath diff` reports: what a change opens and closes, as text for people (grouped and
// summarised), JSON for programs (the contract's `added`/`removed`) and SARIF for code review
// (one result per added access, at the statement that made the difference).
//
//   DiffReport r{.base = "base.json", .next = "new.json", .diff = *result.diff};
//   std::cout << diff_to_text(r);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis/access_diff.h"
#include "tools/report/report_sarif.h"

namespace accesspath {

// What a reviewed finding's acceptance says about an added access (tools/report/diff_baseline.h).
struct Acceptance {
  std::string justification;
  std::string expires;  // YYYY-MM-DD, "" for never
  bool expired = false;
};

struct DiffReport {
  std::string base;  // as given on the command line
  std::string next;
  std::vector<std::string> actions;  // the actions compared
  AccessDiff diff;
  // Per added access (same order): its acceptance in the baseline, if any.
  std::vector<std::optional<Acceptance>> accepted;
  // A world imported on the fly (`aws:DIR`, `terraform:PLAN`): the `sources` the import wrote
  // (docs/scenario-contract.md, "Sources"), files as named on the command line; null otherwise
  // (a scenario file carries its own).
  nlohmann::json base_sources = nullptr;
  nlohmann::json next_sources = nullptr;
};

// Stable across runs and machines: a hash of the principal, action, resource and the path's
// signature (each step's kind, actor, action and target). 16 hex digits.
std::string access_fingerprint(const AccessChange& c);

// Whether an added access still counts (not accepted, or accepted but expired).
bool counts(const DiffReport& r, std::size_t added_index);

std::string diff_to_text(const DiffReport& r);
nlohmann::json diff_to_json(const DiffReport& r);
nlohmann::ordered_json diff_to_sarif(const DiffReport& r, const SarifOptions& options);

}  // namespace accesspath
