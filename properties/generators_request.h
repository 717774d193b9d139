// Generators of requests for a given world: who asks (declared users, roles and
// their sessions, root users, undeclared principals of declared and outside
// accounts, anonymous callers, a service), and what: S3 reads and writes with
// every encryption header combination, bucket operations, direct KMS calls,
// sts:AssumeRole, IAM calls; sometimes over HTTP, from an address, with an
// external id.
//
//   WorldDoc w = *gen_world_doc();
//   Request r = *gen_request(w.doc);
//   bool fast = evaluate(world, r, {.explain = false}).allowed;
#pragma once

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "properties/settings.h"
#include "properties/show.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {

// Who asks: an ARN, "anonymous", or a service principal name.
rc::Gen<std::string> gen_requester(const Vocabulary& v, const GenSettings& s = {});

rc::Gen<Request> gen_request(const nlohmann::json& world_doc, const GenSettings& s = {});

}  // namespace accesspath::properties
