#include "model/world/expectation_reader.h"

#include "model/world/request_reader.h"

namespace accesspath {

using nlohmann::json;

std::optional<Expectation> read_expectation(const json& obj, const std::string& ptr,
                                            RequesterCache& cache, JsonFields& fields) {
  Diagnostics& diags = fields.diagnostics();
  fields.check_keys(obj, ptr,
                    {"principal", "action", "resource", "headers", "context", "expect", "why"});
  Expectation e;
  e.pointer = ptr;
  std::optional<Request> request = read_request(obj, ptr, cache, fields);
  bool ok = request.has_value();
  if (request) e.request = std::move(*request);
  if (const json* x = fields.need(obj, ptr, "expect", json::value_t::string, "`allow` or `deny`")) {
    if (*x == "allow")
      e.expect_allow = true;
    else if (*x != "deny") {
      diags.error(ptr + "/expect",
                  "`expect` must be `allow` or `deny`, got `" + x->get<std::string>() + "`");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const json* w = fields.optional(obj, ptr, "why", json::value_t::string, "a string"))
    e.why = w->get<std::string>();
  if (!ok) return std::nullopt;
  return e;
}

std::optional<Expectation> read_plain_expectation(const PlainExpectation& plain,
                                                  const std::string& ptr, RequesterCache& cache) {
  if (!plain.expect || (*plain.expect != "allow" && *plain.expect != "deny")) return std::nullopt;
  Expectation e;
  if (!read_plain_request(plain.request, cache, e.request)) return std::nullopt;
  e.expect_allow = *plain.expect == "allow";
  if (plain.why) e.why = *plain.why;
  e.pointer = ptr;
  return e;
}

}  // namespace accesspath
