// Reading a request from JSON: the request part of a scenario's expectation (`principal`,
// `action`, `resource`, optional `headers` and `context`), also what `eval` reads a line at a
// time. One reader, so a request means the same in a scenario file and in a request stream.
//
//   Diagnostics diags;
//   JsonFields fields(diags);
//   std::optional<Request> r = read_request(line_json, "", world, fields);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/world/json_fields.h"
#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

// `headers` (names lowercased) and `context` (a scalar or a list of scalars per key) of `j`.
// False when either is malformed (each problem reported at its pointer).
bool read_request_parts(const nlohmann::json& j, const std::string& ptr, JsonFields& fields,
                        std::map<std::string, std::string>& headers,
                        std::map<std::string, std::vector<std::string>>& context);

// The request of `j` (unknown keys are the caller's to check), or nullopt with every problem
// reported: a principal the world cannot resolve, an action that is not one `service:Action`, a
// resource that is neither `*` nor a valid ARN, malformed headers or context.
// `resolved`, when given, receives the principal as resolved (to decide without resolving again).
std::optional<Request> read_request(const nlohmann::json& j, const std::string& ptr,
                                    const World& world, JsonFields& fields,
                                    std::optional<Requester>* resolved = nullptr);

}  // namespace accesspath
