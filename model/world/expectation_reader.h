// Reading one expectation of a scenario (`principal`, `action`, `resource`, optional `headers`
// and `context`, `expect`, optional `why`): from its JSON object, as the scenario loader reads
// each element of `expectations`, or from a plain scan of its text (plain_request_scan.h), as
// `check` reads them without a tree. One reader for both, so they cannot drift apart.
//
//   Diagnostics diags;
//   JsonFields fields(diags);
//   RequesterCache cache(world);
//   std::optional<Expectation> e = read_expectation(obj, "/expectations/0", cache, fields);
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/world/json_fields.h"
#include "model/world/plain_request_scan.h"
#include "model/world/requester_cache.h"
#include "model/world/scenario.h"

namespace accesspath {

// The expectation of the object `obj` at `ptr`, or nullopt with every problem reported (unknown
// keys, the request's problems, a missing or wrong `expect`, a `why` that is not a string).
std::optional<Expectation> read_expectation(const nlohmann::json& obj, const std::string& ptr,
                                            RequesterCache& cache, JsonFields& fields);

// The same from a plain scan: the expectation read_expectation would read from that text, or
// nullopt wherever read_expectation would report a problem (the caller then reads the JSON to
// have it named).
std::optional<Expectation> read_plain_expectation(const PlainExpectation& plain,
                                                  const std::string& ptr, RequesterCache& cache);

}  // namespace accesspath
