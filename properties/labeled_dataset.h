// A labeled dataset for training people and models: random worlds (gen_world_doc)
// with requests, each decided by the evaluator and explained. Each world is a
// scenario whose expectations are its requests, with the decision as `expect`
// and a one-line `why` from the explanation, so `accesspath check` passes on it.
// A request is left out when the reference evaluator decides it otherwise or
// it runs into a known fast-evaluator bug: labels are never knowingly wrong.
//
//   LabeledWorld w = labeled_world(/*seed=*/7, /*index=*/0);
//   w.scenario;               // a scenario document (format 1)
//   w.requests[0].decision;   // with its explanation (checks, statements)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/authz/decision.h"
#include "model/world/request.h"
#include "properties/settings.h"

namespace accesspath::properties {

struct LabeledRequest {
  Request request;
  Decision decision;  // with explanation
  std::string why;    // one line, from the explanation
};

struct LabeledWorld {
  nlohmann::json scenario;  // expectations are the requests below, in order
  std::vector<LabeledRequest> requests;
};

// World `index` of the dataset with seed `seed`: the same pair gives the same world on every
// run, whatever other worlds are generated. Up to `requests` requests (fewer when some are
// left out, see above).
LabeledWorld labeled_world(std::uint64_t seed, std::size_t index, std::size_t requests = 8,
                           const GenSettings& s = {});

// "allowed: <policy> `Sid`; ..." or "denied: <reason of the first check that did not allow>".
std::string why_of(const Decision& decision);

}  // namespace accesspath::properties
