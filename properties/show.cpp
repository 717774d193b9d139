#include "properties/show.h"

namespace accesspath {

void showValue(const Request& request, std::ostream& os) {
  os << properties::request_to_json(request).dump(2);
}

}  // namespace accesspath

namespace accesspath::properties {

using nlohmann::json;

void showValue(const WorldDoc& world, std::ostream& os) {
  os << world.doc.dump(2);
}

json request_to_json(const Request& r) {
  json j = {{"principal", r.principal}, {"action", r.action}, {"resource", r.resource}};
  if (!r.headers.empty()) j["headers"] = r.headers;
  if (!r.context.empty()) {
    json c = json::object();
    for (const auto& [k, values] : r.context)
      c[k] = values.size() == 1 ? json(values.front()) : json(values);
    j["context"] = c;
  }
  return j;
}

Request request_from_json(const json& j) {
  Request r;
  r.principal = j.value("principal", "");
  r.action = j.value("action", "");
  r.resource = j.value("resource", "");
  const json headers = j.value("headers", json::object());
  const json context = j.value("context", json::object());
  for (const auto& [k, v] : headers.items())
    if (v.is_string()) r.headers[k] = v.get<std::string>();
  for (const auto& [k, v] : context.items()) {
    if (v.is_string()) r.context[k] = {v.get<std::string>()};
    if (v.is_array())
      for (const auto& x : v)
        if (x.is_string()) r.context[k].push_back(x.get<std::string>());
  }
  return r;
}

}  // namespace accesspath::properties
