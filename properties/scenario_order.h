// Scenario documents in the order people write them: `format`, `name` and
// `description` first, then the world, then expectations and invariants; each
// expectation as principal, action, resource, ..., expect, why; each policy as
// Version, Statement; each statement as Sid, Effect, Principal, Action, Resource,
// Condition. nlohmann::json sorts keys, which buries `name` under `buckets`; the
// files `explore` and `generate` write go through this.
//
//   out << in_writing_order(doc).dump(2) << "\n";
#pragma once

#include <nlohmann/json.hpp>

namespace accesspath::properties {

nlohmann::ordered_json in_writing_order(const nlohmann::json& scenario);

}  // namespace accesspath::properties
