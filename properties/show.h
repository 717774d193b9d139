// Readable counterexamples: showValue overloads RapidCheck finds by ADL
// (RapidCheck: doc/displaying.md), printing every value as indented JSON a
// person can paste into a scenario file.
//
//   WorldDoc w = *gen_world_doc();        // shown as the whole scenario JSON
//   Request r = *gen_request(w.doc);      // shown as an `expectations` entry
//   std::cout << rc::toString(r);
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "model/world/request.h"

namespace accesspath {

// A request as a scenario `expectations` entry (without `expect`).
void showValue(const Request& request, std::ostream& os);

}  // namespace accesspath

namespace accesspath::properties {

// A whole scenario document. A wrapper so that counterexamples print it indented
// (nlohmann::json alone would print on one line).
struct WorldDoc {
  nlohmann::json doc;
  bool operator==(const WorldDoc&) const = default;
};

void showValue(const WorldDoc& world, std::ostream& os);

// {"principal", "action", "resource", "headers"?, "context"?}: the expectation format.
nlohmann::json request_to_json(const Request& request);
Request request_from_json(const nlohmann::json& j);

}  // namespace accesspath::properties
