#include "trail/trail_files.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

namespace accesspath {

using nlohmann::json;

std::string TrailProblem::to_string() const {
  if (index == kWholeFile) return file + ": " + message;
  return file + ": record " + std::to_string(index) + ": " + message;
}

bool read_file_maybe_gzip(const std::string& path, std::string& out, std::string& why) {
  out.clear();
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    why = "cannot read the file (it does not exist or is not readable)";
    return false;
  }
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  // A gzip stream that ends early reads as far as it goes and then reports Z_BUF_ERROR.
  int code = Z_OK;
  const char* message = gzerror(f, &code);
  bool ok = n == 0 && code == Z_OK;
  if (!ok) {
    std::string what = message ? message : "read error";
    if (what.rfind(path + ": ", 0) == 0) what.erase(0, path.size() + 2);  // zlib names the file
    why = "cannot read the file: " + what + " (a truncated or damaged gzip file?)";
  }
  gzclose(f);
  return ok;
}

namespace {

// A JSON Lines export: every non-blank line an event object.
void read_lines(const std::string& file, std::string_view text,
                const std::function<void(TrailRecord&&)>& on_record,
                const std::function<void(TrailProblem&&)>& on_problem, TrailReadSummary& summary) {
  std::size_t index = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::size_t i = index++;
    json event = json::parse(line, nullptr, false);
    if (event.is_discarded()) {
      on_problem({file, i, "line " + std::to_string(i + 1) + " is not valid JSON"});
      continue;
    }
    ++summary.records;
    on_record({file, i, std::move(event)});
  }
}

void read_one(const std::string& file, const std::function<void(TrailRecord&&)>& on_record,
              const std::function<void(TrailProblem&&)>& on_problem, TrailReadSummary& summary) {
  std::string text, why;
  if (!read_file_maybe_gzip(file, text, why)) {
    ++summary.files_failed;
    on_problem({file, kWholeFile, why});
    return;
  }
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    // Not one document: JSON Lines (an export), when its first line is an object.
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{' &&
        text.find('\n', first) != std::string::npos) {
      ++summary.files_read;
      read_lines(file, text, on_record, on_problem, summary);
      return;
    }
    ++summary.files_failed;
    on_problem({file, kWholeFile, "not valid JSON (nor JSON Lines): not a CloudTrail log file"});
    return;
  }
  if (doc.is_object() && !doc.contains("Records") && doc.contains("eventName")) {
    ++summary.files_read;  // a one-line export: one event
    ++summary.records;
    on_record({file, 0, std::move(doc)});
    return;
  }
  if (!doc.is_object() || !doc.contains("Records") || !doc["Records"].is_array()) {
    ++summary.files_failed;
    on_problem(
        {file, kWholeFile, "not a CloudTrail log file: expected an object with a `Records` array"});
    return;
  }
  ++summary.files_read;
  json& records = doc["Records"];
  for (std::size_t i = 0; i < records.size(); ++i) {
    ++summary.records;
    on_record({file, i, std::move(records[i])});
  }
}

}  // namespace

TrailReadSummary read_trails(const std::vector<std::string>& paths,
                             const std::function<void(TrailRecord&&)>& on_record,
                             const std::function<void(TrailProblem&&)>& on_problem) {
  namespace fs = std::filesystem;
  TrailReadSummary summary;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      read_one(path, on_record, on_problem, summary);
      continue;
    }
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    if (ec) on_problem({path, kWholeFile, "cannot list the folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    for (const auto& f : files) read_one(f, on_record, on_problem, summary);
  }
  return summary;
}

}  // namespace accesspath
