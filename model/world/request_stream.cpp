#include "model/world/request_stream.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "model/world/json_data_limits.h"
#include "model/world/json_fields.h"
#include "model/world/plain_request_scan.h"
#include "model/world/request_reader.h"

namespace accesspath {

namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Blocks grow from the first to the largest: a stream of a few lines (a request piped in, a
// fuzz input) reads, and zero-fills, a few KiB rather than 64 KiB; a long one is read 64 KiB at a
// time after five reads. The chunks and lines are the same whatever the block size.
constexpr std::size_t kFirstBlockBytes = std::size_t{1} << 12;
constexpr std::size_t kBlockBytes = std::size_t{1} << 16;

std::string where(const SourceLine& line) {
  return "line " + std::to_string(line.number) + ": ";
}

// A plain line (plain_request_scan.h) as read_request reads it, into `out` (reusing its
// storage); false when it is missing a member or fails a check: the JSON reader then reads it
// again and says what is wrong.
bool read_plain(const SourceLine& line, const PlainRequest& plain, RequesterCache& cache,
                RequestLine& out) {
  Request& r = out.request ? *out.request : out.request.emplace();
  if (!read_plain_request(plain, cache, r, &out.who)) return false;
  out.line = line.number;
  out.index = line.index;
  out.error.clear();
  return true;
}

// A request nests three levels (`context`, a key, its list) and is far below these; a line past
// them is refused before its tree is built (no deep tree, no huge one). Control characters are
// data here, as in a CloudTrail record: an S3 key may hold them.
constexpr JsonLimits kRequestLineLimits{.max_bytes = LineChunks::kMaxLineBytes,
                                        .max_depth = 32,
                                        .max_string_bytes = std::size_t{64} << 10,
                                        .max_values = std::size_t{1} << 16};

RequestLine read_json(const SourceLine& line, RequesterCache& cache) {
  RequestLine out;
  out.line = line.number;
  out.index = line.index;
  if (Diagnostics limits; !check_json_data_limits(line.text, limits, kRequestLineLimits)) {
    const Diagnostic& d = limits.items().front();
    out.error = where(line) + (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message;
    return out;
  }
  nlohmann::json j = nlohmann::json::parse(line.text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    out.error = where(line) + "not valid JSON";
    return out;
  }
  if (!j.is_object()) {
    out.error = where(line) + "a request is a JSON object, got " + json_kind_of(j);
    return out;
  }
  Diagnostics diags;
  JsonFields fields(diags);
  fields.check_keys(j, "", {"principal", "action", "resource", "headers", "context"});
  std::optional<Request> request = read_request(j, "", cache, fields);
  if (diags.has_errors()) {
    for (const auto& d : diags.items()) {
      if (d.severity != Severity::kError) continue;
      if (!out.error.empty()) out.error += "; ";
      out.error += where(line) + (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message;
    }
    return out;
  }
  // read_request resolved the principal already; the cache keeps it for the lines to come.
  out.who = cache.resolve(request->principal);
  out.request = std::move(request);
  return out;
}

}  // namespace

bool LineChunks::read_more() {
  if (at_end_) return false;
  if (pos_ > 0) {
    pending_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t had = pending_.size();
  block_ = block_ == 0 ? kFirstBlockBytes : std::min(2 * block_, kBlockBytes);
  pending_.resize(had + block_);
  in_.read(pending_.data() + had, static_cast<std::streamsize>(block_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  pending_.resize(had + got);
  if (got == 0) at_end_ = true;
  return got > 0;
}

void LineChunks::hand_out(std::string_view line, LineChunk& out, std::vector<std::size_t>& starts) {
  ++line_;
  if (blank(line)) return;
  starts.push_back(out.text.size());
  out.text.insert(out.text.end(), line.begin(), line.end());
  out.lines.push_back({line_, index_++, std::string_view(), false});
}

bool LineChunks::next(LineChunk& out) {
  out.text.clear();
  out.lines.clear();
  std::vector<std::size_t> starts;  // each line's offset in out.text (views are made at the end)
  while (out.lines.size() < max_lines_) {
    const std::size_t nl = pending_.find('\n', pos_);
    if (nl != std::string::npos && nl - pos_ <= max_line_bytes_) {
      hand_out(std::string_view(pending_).substr(pos_, nl - pos_), out, starts);
      pos_ = nl + 1;
      continue;
    }
    if (pending_.size() - pos_ > max_line_bytes_) {
      // A line past the limit: reported, and its bytes dropped up to its line feed.
      ++line_;
      starts.push_back(out.text.size());
      out.lines.push_back({line_, index_++, std::string_view(), true});
      for (;;) {
        const std::size_t end = pending_.find('\n', pos_);
        if (end != std::string::npos) {
          pos_ = end + 1;
          break;
        }
        pending_.clear();
        pos_ = 0;
        if (!read_more()) break;
      }
      continue;
    }
    if (read_more()) continue;
    // The end of the stream: a last line without a line feed.
    if (pos_ < pending_.size()) hand_out(std::string_view(pending_).substr(pos_), out, starts);
    pos_ = pending_.size();
    break;
  }
  const std::string_view all(out.text.data(), out.text.size());
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : all.size();
    if (!out.lines[i].too_long) out.lines[i].text = all.substr(starts[i], end - starts[i]);
  }
  return !out.lines.empty();
}

void read_request_line(const SourceLine& line, RequesterCache& cache, RequestLine& out,
                       LineReader reader) {
  if (line.too_long) {
    out = RequestLine{};
    out.line = line.number;
    out.index = line.index;
    out.error = where(line) + "longer than " + std::to_string(LineChunks::kMaxLineBytes) +
                " bytes; a request line is far shorter";
    return;
  }
  if (reader == LineReader::kPlainFirst) {
    thread_local PlainRequest plain;
    if (scan_plain_request(line.text, plain) && read_plain(line, plain, cache, out)) return;
  }
  out = read_json(line, cache);
}

RequestLine read_request_line(const SourceLine& line, RequesterCache& cache, LineReader reader) {
  RequestLine out;
  read_request_line(line, cache, out, reader);
  return out;
}

}  // namespace accesspath
