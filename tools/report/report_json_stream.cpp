#include "tools/report/report_json_stream.h"

#include <string>

#include "tools/report/report_json.h"

namespace accesspath {
namespace {

using nlohmann::json;

// Placeholder for the expectations in a report's text: a string no report can contain (a
// control character is always escaped by dump).
constexpr const char* kHole = "\x01expectations\x01";

// `j` as dump(2) writes it at `depth` (its lines after the first indented by 2 * depth).
std::string at_depth(const json& j, int depth) {
  std::string text = j.dump(2, ' ', false, json::error_handler_t::replace);
  std::string pad = "\n" + std::string(static_cast<std::size_t>(2 * depth), ' ');
  std::string out;
  out.reserve(text.size());
  for (char c : text)
    if (c == '\n')
      out += pad;
    else
      out += c;
  return out;
}

// Files are objects at depth 2 (the document, then `files`); expectations at depth 4.
constexpr int kFileDepth = 2;
constexpr int kExpectationDepth = 4;

}  // namespace

void CheckJsonStream::begin_file() {
  out_ << (any_file_ ? ",\n" : "{\n  \"files\": [\n") << std::string(2 * kFileDepth, ' ');
  any_file_ = true;
}

void CheckJsonStream::add_report(const ScenarioReport& report) {
  begin_file();
  out_ << at_depth(report_to_json(report), kFileDepth);
}

void CheckJsonStream::begin_checked() {
  begin_file();
  // The keys before `expectations`, as dump sorts them: only `error`, null for a loaded file.
  std::string pad(2 * (kFileDepth + 1), ' ');
  out_ << "{\n" << pad << "\"error\": null,\n" << pad << "\"expectations\": ";
  any_expectation_ = false;
}

void CheckJsonStream::add_expectation(const ExpectationResult& e) {
  text_.clear();
  render_expectation(e, any_expectation_, text_);
  add_rendered(text_);
}

void CheckJsonStream::render_expectation(const ExpectationResult& e, bool after_another,
                                         std::string& out) {
  out += after_another ? ",\n" : "[\n";
  out.append(2 * kExpectationDepth, ' ');
  JsonText j(out, 2, kExpectationDepth);
  write_expectation_json(e, j);
}

void CheckJsonStream::add_rendered(std::string_view text) {
  if (text.empty()) return;
  out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  any_expectation_ = true;
}

void CheckJsonStream::end_checked(const ScenarioReport& report) {
  out_ << (any_expectation_ ? "\n" + std::string(2 * (kFileDepth + 1), ' ') + "]" : "[]");
  // The rest of the report's text: what follows the expectations' place.
  json j = report_to_json(report);
  j["expectations"] = kHole;
  std::string text = at_depth(j, kFileDepth);
  std::string hole = json(kHole).dump();
  out_ << text.substr(text.find(hole) + hole.size());
}

void CheckJsonStream::finish() {
  out_ << (any_file_ ? "\n  ]\n}\n" : "{\n  \"files\": []\n}\n");
}

}  // namespace accesspath
