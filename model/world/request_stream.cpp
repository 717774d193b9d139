#include "model/world/request_stream.h"

#include <nlohmann/json.hpp>

#include "model/world/json_fields.h"
#include "model/world/request_reader.h"

namespace accesspath {

namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

bool LineChunks::next(std::vector<SourceLine>& out) {
  out.clear();
  std::string text;
  while (out.size() < max_lines_ && std::getline(in_, text)) {
    ++line_;
    if (blank(text)) continue;
    out.push_back({line_, index_++, std::move(text)});
    text.clear();
  }
  return !out.empty();
}

RequestLine read_request_line(const SourceLine& line, const World& world) {
  RequestLine out;
  out.line = line.number;
  out.index = line.index;
  std::string where = "line " + std::to_string(line.number) + ": ";
  nlohmann::json j = nlohmann::json::parse(line.text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    out.error = where + "not valid JSON";
    return out;
  }
  if (!j.is_object()) {
    out.error = where + "a request is a JSON object, got " + json_kind_of(j);
    return out;
  }
  Diagnostics diags;
  JsonFields fields(diags);
  fields.check_keys(j, "", {"principal", "action", "resource", "headers", "context"});
  std::optional<Requester> who;
  std::optional<Request> request = read_request(j, "", world, fields, &who);
  if (diags.has_errors()) {
    for (const auto& d : diags.items()) {
      if (d.severity != Severity::kError) continue;
      if (!out.error.empty()) out.error += "; ";
      out.error += where + (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message;
    }
    return out;
  }
  out.request = std::move(request);
  out.who = std::move(who);
  return out;
}

}  // namespace accesspath
