#include "model/analysis/find_access.h"

#include "model/analysis/access_graph.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"

namespace accesspath::paths {

std::optional<Found> find_access_in(const World& w, const Reach& reach,
                                    std::span<const Target> targets, const World& read_world) {
  const std::string& start = reach.identities.front().principal;
  for (std::size_t i = 0; i < reach.identities.size(); ++i) {
    const Identity& id = reach.identities[i];
    for (const auto& t : targets) {
      Request asked = t.request;
      asked.principal = id.principal;
      const World& world = t.writer.empty() ? w : read_world;
      auto witness = allowed_in_some_context(world, id.who, asked);
      if (!witness) continue;
      const Request& r = witness->request;
      Found f;
      f.example.start = start;
      f.example.steps = t.write_steps;
      if (!t.writer.empty()) {
        // Prefer another principal's write (the point is reading someone else's data), the
        // shortest one; the reader's own write only when nobody else can.
        const std::vector<PathStep>* best = t.writer != start ? &t.write_steps : nullptr;
        for (const auto& [writer, steps] : t.other_writers)
          if (writer != start && (!best || steps.size() < best->size())) best = &steps;
        if (best) f.example.steps = *best;
      }
      for (auto& s : chain_steps(w, reach, i)) f.example.steps.push_back(std::move(s));
      Decision d = evaluate(world, id.who, r);
      // The headers the invariant's request sends (the caller-chosen ones are in `context`).
      std::string detail;
      for (const auto& [k, v] : asked.headers)
        detail += (detail.empty() ? "with " : ", ") + k + ": " + v;
      f.example.steps.push_back({PathStep::Kind::kAccess, id.principal, r.action, r.resource,
                                 detail, allowing_statements(d), std::move(witness->needs),
                                 asked.headers});
      return f;
    }
  }
  return std::nullopt;
}

std::optional<Found> find_access(const World& w, const std::string& start, RoleChains& chains,
                                 std::span<const Target> targets, const World& read_world) {
  Reach reach = chains.reach(start);
  if (reach.identities.empty()) return std::nullopt;
  return find_access_in(w, reach, targets, read_world);
}

}  // namespace accesspath::paths
