#include "tools/report/sarif_parts.h"

#include <fstream>
#include <sstream>

#include "tools/report/json_locator.h"

namespace accesspath::sarif_parts {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kBaseId = "SRCROOT";

// RFC 3986: everything but unreserved characters and `/` is percent-encoded, byte by byte.
std::string uri_path(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string file_uri(const fs::path& absolute) {
  std::string path = uri_path(absolute.generic_string());
  return "file://" + (path.starts_with('/') ? path : "/" + path);
}

}  // namespace

Artifact artifact_for(const std::string& file, const fs::path& base_dir) {
  Artifact a;
  fs::path p(file);
  fs::path on_disk = p.is_relative() && !base_dir.empty() ? base_dir / p : p;
  fs::path relative = p.is_relative() ? p.lexically_normal() : p.lexically_relative(base_dir);
  if (!relative.empty() && *relative.begin() != ".." && !base_dir.empty())
    a.location = {{"uri", uri_path(relative.generic_string())}, {"uriBaseId", kBaseId}};
  else if (p.is_relative())
    a.location = {{"uri", uri_path(relative.generic_string())}};
  else
    a.location = {{"uri", file_uri(p)}};
  std::ifstream in(on_disk, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    a.text = text.str();
  }
  return a;
}

json location(const Artifact& a, const std::string& pointer) {
  json physical = {{"artifactLocation", a.location}};
  if (a.text)
    if (std::optional<TextSpan> span = locate_pointer(*a.text, pointer)) {
      json region = {{"startLine", span->start.line}, {"startColumn", span->start.column}};
      if (span->end.line != span->start.line || span->end.column != span->start.column) {
        region["endLine"] = span->end.line;  // known when the value is whole in the text
        region["endColumn"] = span->end.column;
      }
      physical["region"] = std::move(region);
    }
  json l = {{"physicalLocation", physical}};
  if (!pointer.empty())
    l["logicalLocations"] = json::array({{{"fullyQualifiedName", pointer}, {"kind", "element"}}});
  return l;
}

// Where a step happens in the file: at the first statement that allowed it. A policy the
// attacker rewrote (model/analysis/access_paths.cpp labels it "… (as changed by the attacker)") has
// no statements in the file, so the step points at the policy itself.
std::string step_pointer(const PathStep& s, const std::string& fallback) {
  if (s.statements.empty()) return fallback;
  const StatementRef& first = s.statements.front();
  if (!first.policy.ends_with("(as changed by the attacker)")) return first.pointer;
  std::size_t at = first.pointer.rfind("/Statement/");
  return at == std::string::npos ? first.pointer : first.pointer.substr(0, at);
}

json tool_driver(const std::string& name, const std::string& version,
                 const std::string& information_uri, json rules) {
  json d = {{"name", name}, {"version", version}};
  if (!version.empty()) d["semanticVersion"] = version;
  if (!information_uri.empty()) d["informationUri"] = information_uri;
  d["rules"] = std::move(rules);
  return d;
}

json sarif_log(json driver, const fs::path& base_dir, bool successful, json artifacts,
               json results) {
  json run = {{"tool", {{"driver", std::move(driver)}}}};
  if (!base_dir.empty()) {
    std::string base = file_uri(base_dir);
    if (!base.ends_with('/')) base += "/";
    run["originalUriBaseIds"] = {{kBaseId, {{"uri", base}}}};
  }
  run["invocations"] = json::array({{{"executionSuccessful", successful}}});
  run["columnKind"] = "unicodeCodePoints";
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  return {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
}

}  // namespace accesspath::sarif_parts
