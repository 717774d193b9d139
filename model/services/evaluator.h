// The evaluator: decides a whole request against a world, with every check
// the API call triggers, and explains the decision.
//
//   Decision d = evaluate(world, request);            // with explanation
//   bool ok = evaluate(world, request, {.explain = false}).allowed;  // fast path
//
// Dispatches by service: S3 (with the KMS call S3 makes for SSE-KMS objects),
// KMS (direct calls), STS (AssumeRole), everything else as plain IAM.
#pragma once

#include "model/authz/decision.h"
#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

struct EvaluationOptions {
  bool explain = true;  // fill Check records; false skips all string building
  // Without explaining, still say when the decision depends on condition keys the world does not
  // describe (Decision::undecided): a batch of plain decisions is never a silent deny.
  bool note_unknown_keys = false;
};

Decision evaluate(const World& world, const Request& request,
                  const EvaluationOptions& options = {});

// The same with the requester already resolved (resolve_requester), for loops
// that ask many questions of one principal. `request.principal` is not read.
Decision evaluate(const World& world, const Requester& who, const Request& request,
                  const EvaluationOptions& options = {});

}  // namespace accesspath
