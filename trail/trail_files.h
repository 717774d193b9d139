// Reading CloudTrail log files as AWS delivers them: `{"Records": [ … ]}` documents, gzip or
// not (`.json.gz` as CloudTrail writes to S3), folders of them (recursively, in name order), and
// JSON Lines exports (CloudTrail Lake, Athena: one event object a line). One file is in memory
// at a time, within the limits of trail_limits.h (checked before a tree is built); a record or
// file that cannot be read, or is past them, is a problem with its place, never a stop.
//
//   read_trails({"trail/"}, [](TrailRecord r) { ... }, [](TrailProblem p) { ... });
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "trail/trail_limits.h"

namespace accesspath {

struct TrailRecord {
  std::string file;
  std::size_t index = 0;  // 0-based record index in `Records`, or line index of a JSON Lines file
  nlohmann::json event;
};

inline constexpr std::size_t kWholeFile = static_cast<std::size_t>(-1);

struct TrailProblem {
  std::string file;
  std::size_t index = kWholeFile;  // the record, or kWholeFile
  std::string message;

  // "file: record 3: message" (or "file: message")
  std::string to_string() const;
};

struct TrailReadSummary {
  std::size_t files_read = 0;    // files that gave records (or were empty trails)
  std::size_t files_failed = 0;  // unreadable, not gzip/JSON, not a trail
  std::size_t records = 0;
};

TrailReadSummary read_trails(const std::vector<std::string>& paths,
                             const std::function<void(TrailRecord&&)>& on_record,
                             const std::function<void(TrailProblem&&)>& on_problem);

// One file's text, already read (and gunzipped: read_file_maybe_gzip), as read_trails reads each
// file once it has its text: records, problems and the summary's counts (`files_read` or
// `files_failed` once) for `file`.
void read_trail_text(const std::string& file, std::string_view text,
                     const std::function<void(TrailRecord&&)>& on_record,
                     const std::function<void(TrailProblem&&)>& on_problem,
                     TrailReadSummary& summary);

// The bytes of a file, gunzipped when it is gzip (zlib reads plain files as they are).
// False (with `why`) when it cannot be read, or when the file or its gunzipped text is larger
// than `max_bytes` (trail_limits.h): reading stops there, so a gzip bomb is never held whole.
bool read_file_maybe_gzip(const std::string& path, std::string& out, std::string& why,
                          std::size_t max_bytes = kMaxTrailFileBytes);

}  // namespace accesspath
