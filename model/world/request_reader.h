// Reading a request from JSON: the request part of a scenario's expectation (`principal`,
// `action`, `resource`, optional `headers` and `context`), also what `eval` reads a line at a
// time. One reader, so a request means the same in a scenario file and in a request stream.
//
//   Diagnostics diags;
//   JsonFields fields(diags);
//   RequesterCache cache(world);
//   std::optional<Request> r = read_request(line_json, "", cache, fields);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/json_fields.h"
#include "model/world/plain_request_scan.h"
#include "model/world/request.h"
#include "model/world/requester_cache.h"

namespace accesspath {

// `headers` (names lowercased) and `context` (a scalar or a list of scalars per key) of `j`.
// False when either is malformed (each problem reported at its pointer).
bool read_request_parts(const nlohmann::json& j, const std::string& ptr, JsonFields& fields,
                        std::map<std::string, std::string>& headers,
                        std::map<std::string, std::vector<std::string>>& context);

// The request of `j` (unknown keys are the caller's to check), or nullopt with every problem
// reported: a principal the world cannot resolve, an action that is not one `service:Action`, a
// resource that is neither `*` nor a valid ARN, malformed headers or context.
// The principal is resolved through `cache` (whose world it is resolved in), so the caller can
// have it again without resolving it twice.
std::optional<Request> read_request(const nlohmann::json& j, const std::string& ptr,
                                    RequesterCache& cache, JsonFields& fields);

// The request of a plain scan (plain_request_scan.h) as read_request reads the same text, into
// `out` (its storage reused); false wherever read_request would report a problem (a member
// missing, an action or resource it refuses, a principal the world cannot resolve): the caller
// then reads the JSON, which names it (`out` is then unspecified). `who`, when given, is set to
// the principal as `cache` resolved it.
bool read_plain_request(const PlainRequest& plain, RequesterCache& cache, Request& out,
                        const Requester** who = nullptr);

}  // namespace accesspath
