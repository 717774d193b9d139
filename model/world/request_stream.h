// A request stream: JSON Lines, one request a line, each an object with the keys of an
// expectation's request (`principal`, `action`, `resource`, optional `headers`, `context`; see
// docs/scenario-contract.md, `eval`). Read in bounded chunks of bounded lines, so memory does not
// grow with the number of requests or with a line that never ends; a bad line is a value with its
// line number, never an exception.
//
//   LineChunks chunks(std::cin, 4096);
//   RequesterCache cache(world);
//   LineChunk chunk;
//   while (chunks.next(chunk))
//     for (const auto& l : chunk.lines) RequestLine r = read_request_line(l, cache);
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/requester_cache.h"

namespace accesspath {

struct SourceLine {
  std::size_t number = 0;  // 1-based line number in the stream
  std::size_t index = 0;   // 0-based index among the non-blank lines (the request's number)
  std::string_view text;   // the line without its line feed, inside its LineChunk
  bool too_long = false;   // longer than LineChunks' limit: `text` is empty, the line skipped
};

struct LineChunk {
  // The lines' bytes. A vector, not a string: moving a chunk keeps `lines`' views valid.
  std::vector<char> text;
  std::vector<SourceLine> lines;
};

// Splits a stream into chunks of at most `max_lines` non-blank lines. A line longer than
// `max_line_bytes` is not kept: it comes out `too_long` (no request is anywhere near 1 MiB; a
// policy-sized context of 64 keys of 1 KiB is a tenth of it).
class LineChunks {
 public:
  static constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
  LineChunks(std::istream& in, std::size_t max_lines, std::size_t max_line_bytes = kMaxLineBytes)
      : in_(in), max_lines_(max_lines == 0 ? 1 : max_lines), max_line_bytes_(max_line_bytes) {}
  // Fills `out` (cleared first) with the next chunk; false at the end of the stream.
  bool next(LineChunk& out);

 private:
  bool read_more();  // appends a block of the stream to pending_; false at its end
  void hand_out(std::string_view line, LineChunk& out, std::vector<std::size_t>& starts);

  std::istream& in_;
  std::size_t max_lines_;
  std::size_t max_line_bytes_;
  std::size_t line_ = 0;
  std::size_t index_ = 0;
  std::string pending_;  // read but not handed out yet, from pos_
  std::size_t pos_ = 0;
  std::size_t block_ = 0;  // the last read's size (request_stream.cpp, kFirstBlockBytes)
  bool at_end_ = false;
};

struct RequestLine {
  std::size_t line = 0;            // 1-based line number
  std::size_t index = 0;           // 0-based index among the requests (non-blank lines)
  std::optional<Request> request;  // nullopt: `error` says why
  const Requester* who = nullptr;  // the request's principal, resolved (in the cache)
  std::string error;               // "line N: /pointer: what is wrong"
};

// How a line is read: plain lines (model/world/plain_request_scan.h) without a JSON tree and the
// rest with one, or every line with one (to test that both read the same).
enum class LineReader { kPlainFirst, kJsonOnly };

// Parses one line: a JSON object with the request's keys only, its principal resolvable in the
// cache's world (the checks of an expectation's request, model/world/request_reader.h). `who`
// stays valid until the cache's next `resolve`.
RequestLine read_request_line(const SourceLine& line, RequesterCache& cache,
                              LineReader reader = LineReader::kPlainFirst);
// The same, into `out`, reusing its storage: a stream reads millions of lines into one.
void read_request_line(const SourceLine& line, RequesterCache& cache, RequestLine& out,
                       LineReader reader = LineReader::kPlainFirst);

}  // namespace accesspath
