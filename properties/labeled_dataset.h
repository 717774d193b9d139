// A labeled dataset for training people and models: random worlds (gen_world_doc)
// with requests, each decided by the evaluator and explained. Each world is a
// scenario whose expectations are its requests, with the decision as `expect`
// and a one-line `why` from the explanation, so `accesspath check` passes on it.
// A request is left out when it runs into a known fast-evaluator bug, when its
// decision depends on a condition key the world does not describe (undecided), or
// when the reference evaluator decides it otherwise: labels are never knowingly wrong. A
// disagreement is not dropped silently: it is kept in `disagreements` for the caller
// to report (`accesspath generate` prints each and exits 1).
//
//   LabeledWorld w = labeled_world(/*seed=*/7, /*index=*/0);
//   w.scenario;               // a scenario document (format 1)
//   w.requests[0].decision;   // with its explanation (checks, statements)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
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

// A request the evaluator and the reference evaluator decide differently: left out of the
// labels, kept here so that it is reported.
struct Disagreement {
  Request request;
  bool evaluator_allows = false;
  bool reference_allows = false;
};

struct LabeledWorld {
  nlohmann::json scenario;  // expectations are the requests below, in order
  std::vector<LabeledRequest> requests;
  std::vector<Disagreement> disagreements;  // in the order they were drawn
};

// The reference's answer on `request` in the world `world_doc`: allow, deny, or nothing when the
// reference does not implement something the request needs. A parameter so that tests can inject
// a disagreement; by default properties::reference_decide.
using Referee =
    std::function<std::optional<bool>(const nlohmann::json& world_doc, const Request& request)>;
std::optional<bool> reference_verdict(const nlohmann::json& world_doc, const Request& request);

// World `index` of the dataset with seed `seed`: the same pair gives the same world on every
// run, whatever other worlds are generated. Up to `requests` requests (fewer when some are
// left out, see above).
LabeledWorld labeled_world(std::uint64_t seed, std::size_t index, std::size_t requests = 8,
                           const GenSettings& s = {}, const Referee& referee = reference_verdict);

// One line for a disagreement: the world's name, the request as JSON and both answers.
std::string describe(const LabeledWorld& world, const Disagreement& d);

// "allowed: <policy> `Sid`; ..." or "denied: <reason of the first check that did not allow>".
std::string why_of(const Decision& decision);

}  // namespace accesspath::properties
