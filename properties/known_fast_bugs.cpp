#include "properties/known_fast_bugs.h"

#include <vector>

namespace accesspath::properties {
namespace {

// An open bug: its name and a test that recognises the cases it changes (from the world and the
// request alone; the reference evaluator has no switch that imitates model/).
struct KnownBug {
  const char* name;
  bool (*runs_into)(const nlohmann::json& world_doc, const Request& request);
};

// Empty: every bug found so far is fixed (known_fast_bugs.h).
std::vector<KnownBug> known_bugs() {
  return {};
}

}  // namespace

std::optional<std::string> known_fast_bug(const nlohmann::json& doc, const Request& r) {
  for (const auto& bug : known_bugs())
    if (bug.runs_into(doc, r)) return std::string(bug.name);
  return std::nullopt;
}

}  // namespace accesspath::properties
