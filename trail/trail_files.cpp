#include "trail/trail_files.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "model/world/json_data_limits.h"
#include "trail/trail_limits.h"

namespace accesspath {

using nlohmann::json;

std::string TrailProblem::to_string() const {
  if (index == kWholeFile) return file + ": " + message;
  return file + ": record " + std::to_string(index) + ": " + message;
}

namespace {

// A size in MiB, rounded up.
std::string mib(std::uintmax_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

// What a limits check found, as one phrase: "past the limits of a CloudTrail file at /a/0: …".
std::string past_limits(std::string_view what, const Diagnostics& diags) {
  const Diagnostic& d = diags.items().front();
  return "past the limits of " + std::string(what) + (d.pointer.empty() ? "" : " at " + d.pointer) +
         ": " + d.message;
}

// Not one document but JSON Lines (an export): its first line starts an object and others follow.
bool looks_like_json_lines(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' &&
         text.find('\n', first) != std::string_view::npos;
}

// Surely JSON Lines: more lines follow a first line that is a whole object (it ends with `}`,
// where a pretty-printed document's first line ends with `{`). Nothing is parsed: a file of one
// huge document is not read twice, and a first line that is not JSON is that line's problem.
bool is_json_lines(std::string_view text) {
  if (!looks_like_json_lines(text)) return false;
  std::size_t end = text.find('\n', text.find_first_not_of(" \t\r\n"));
  std::size_t last = text.find_last_not_of(" \t\r", end - 1);
  return text[last] == '}' && text.find_first_not_of(" \t\r\n", end) != std::string_view::npos;
}

// A JSON Lines export: every non-blank line an event object, each checked against the limits
// before its tree is built (a check of the whole text stops at the end of the first line).
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
    Diagnostics limits;
    if (!check_json_data_limits(line, limits, kTrailJsonLimits)) {
      on_problem({file, i,
                  "line " + std::to_string(i + 1) +
                      " is not read: " + past_limits("a CloudTrail record", limits)});
      continue;
    }
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
  read_trail_text(file, text, on_record, on_problem, summary);
}

}  // namespace

void read_trail_text(const std::string& file, std::string_view text,
                     const std::function<void(TrailRecord&&)>& on_record,
                     const std::function<void(TrailProblem&&)>& on_problem,
                     TrailReadSummary& summary) {
  // The limits before the tree: a record nested 100,000 deep would overflow the stack of a
  // recursive walk or copy of it, and a file of tiny values would build a tree many times its size.
  Diagnostics limits;
  if (!check_json_data_limits(text, limits, kTrailJsonLimits)) {
    // The check reads JSON Lines only to the end of the first line: that line is past the limits,
    // the others may not be.
    if (is_json_lines(text)) {
      ++summary.files_read;
      read_lines(file, text, on_record, on_problem, summary);
      return;
    }
    ++summary.files_failed;
    on_problem({file, kWholeFile, past_limits("a CloudTrail file", limits)});
    return;
  }
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    if (looks_like_json_lines(text)) {
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

bool read_file_maybe_gzip(const std::string& path, std::string& out, std::string& why,
                          std::size_t max_bytes) {
  out.clear();
  // The file first: gzip makes JSON several times smaller, never larger, so a file over the cap is
  // over it gunzipped too (and a file of empty gzip members, which expands to nothing, is never
  // read for long).
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    why = "the file is " + mib(size) + "; at most " + mib(max_bytes) +
          " are read from one trail file (a delivered CloudTrail file is far smaller)";
    return false;
  }
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    why = "cannot read the file (it does not exist or is not readable)";
    return false;
  }
  // Gunzipped a buffer at a time, stopping at the cap: a gzip bomb (a few KB expanding to
  // gigabytes) costs at most the cap in memory and the time to inflate that much.
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0) {
    auto got = static_cast<std::size_t>(n);
    if (got > max_bytes - out.size()) {
      gzclose(f);
      out = std::string();
      why = "gunzipped, the file is more than " + mib(max_bytes) +
            ", the most read from one trail file (a delivered CloudTrail file is far smaller; a "
            "gzip bomb?)";
      return false;
    }
    out.append(buffer, got);
  }
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
