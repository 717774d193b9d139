#include "model/world/request_reader.h"

#include "model/condition/request_context.h"
#include "model/core/arn.h"
#include "model/core/strings.h"

namespace accesspath {

using nlohmann::json;

bool read_request_parts(const json& j, const std::string& ptr, JsonFields& fields,
                        std::map<std::string, std::string>& headers,
                        std::map<std::string, std::vector<std::string>>& context) {
  Diagnostics& diags = fields.diagnostics();
  bool ok = true;
  if (const json* h = fields.optional(j, ptr, "headers", json::value_t::object,
                                      "an object of header names to strings")) {
    for (const auto& [k, v] : h->items()) {
      if (!v.is_string()) {
        diags.error(pointer_join(ptr + "/headers", k),
                    "header values are strings, got " + json_kind_of(v));
        ok = false;
        continue;
      }
      headers[to_lower(k)] = v.get<std::string>();
    }
  }
  if (const json* c = fields.optional(j, ptr, "context", json::value_t::object,
                                      "an object of condition keys to values")) {
    for (const auto& [k, v] : c->items()) {
      std::string kptr = pointer_join(ptr + "/context", k);
      auto scalar = [&](const json& x, std::string& out) {
        if (x.is_string())
          out = x.get<std::string>();
        else if (x.is_boolean())
          out = x.get<bool>() ? "true" : "false";
        else if (x.is_number())
          out = x.dump();
        else
          return false;
        return true;
      };
      std::vector<std::string> values;
      std::string one;
      if (scalar(v, one)) {
        values.push_back(one);
      } else if (v.is_array()) {
        for (const auto& x : v) {
          if (!scalar(x, one)) {
            diags.error(kptr,
                        "context values are strings, numbers or booleans, got " + json_kind_of(x));
            ok = false;
            break;
          }
          values.push_back(one);
        }
      } else {
        diags.error(kptr, "a context value is a string, number, boolean or a list of them, got " +
                              json_kind_of(v));
        ok = false;
        continue;
      }
      context[k] = values;
    }
  }
  return ok;
}

std::optional<Request> read_request(const json& j, const std::string& ptr, RequesterCache& cache,
                                    JsonFields& fields) {
  Diagnostics& diags = fields.diagnostics();
  Request request;
  bool ok = true;
  if (const json* p = fields.need(j, ptr, "principal", json::value_t::string,
                                  "a principal ARN, `anonymous` or a service principal")) {
    request.principal = p->get<std::string>();
    std::string why;
    if (!cache.resolve(request.principal, &why)) {
      diags.error(ptr + "/principal", why);
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const json* a = fields.need(j, ptr, "action", json::value_t::string,
                                  "an action such as `s3:GetObject`")) {
    request.action = a->get<std::string>();
    if (request.action.find(':') == std::string::npos ||
        request.action.find('*') != std::string::npos) {
      diags.error(ptr + "/action",
                  "a request names one action `service:Action`, got `" + request.action + "`");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const json* r = fields.need(j, ptr, "resource", json::value_t::string, "an ARN or `*`")) {
    request.resource = r->get<std::string>();
    if (request.resource != "*")
      for (const auto& problem : validate_arn(request.resource, false)) {
        diags.error(ptr + "/resource", problem);
        ok = false;
      }
  } else {
    ok = false;
  }
  ok &= read_request_parts(j, ptr, fields, request.headers, request.context);
  if (!ok) return std::nullopt;
  return request;
}

bool read_plain_request(const PlainRequest& plain, RequesterCache& cache, Request& out,
                        const Requester** who) {
  if (!plain.principal || !plain.action || !plain.resource) return false;
  const std::string_view action = *plain.action, resource = *plain.resource;
  if (action.find(':') == std::string_view::npos || action.find('*') != std::string_view::npos)
    return false;
  if (resource != "*" && !arn_problems(resource, false).empty()) return false;
  const Requester* resolved = cache.resolve(*plain.principal);
  if (!resolved) return false;
  if (who) *who = resolved;
  // Assigned, not built: a stream reads millions of lines into one Request.
  out.principal.assign(*plain.principal);
  out.action.assign(action);
  out.resource.assign(resource);
  out.headers.clear();
  for (const auto& [name, value] : plain.headers) out.headers.emplace(to_lower(name), value);
  out.context.clear();
  for (const auto& entry : plain.context)
    out.context.emplace(std::string(entry.key),
                        std::vector<std::string>(entry.values.begin(), entry.values.end()));
  return true;
}

}  // namespace accesspath
