// A request stream: JSON Lines, one request a line, each an object with the keys of an
// expectation's request (`principal`, `action`, `resource`, optional `headers`, `context`; see
// docs/scenario-contract.md, `eval`). Read in bounded chunks, so memory does not grow
// with the number of requests; a bad line is a value with its line number, never an exception.
//
//   LineChunks chunks(std::cin, 4096);
//   std::vector<SourceLine> lines;
//   while (chunks.next(lines))
//     for (const auto& l : lines) RequestLine r = read_request_line(l, world);
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

struct SourceLine {
  std::size_t number = 0;  // 1-based line number in the stream
  std::size_t index = 0;   // 0-based index among the non-blank lines (the request's number)
  std::string text;
};

// Splits a stream into chunks of at most `max_lines` non-blank lines.
class LineChunks {
 public:
  LineChunks(std::istream& in, std::size_t max_lines) : in_(in), max_lines_(max_lines) {}
  // Fills `out` (cleared first) with the next chunk; false at the end of the stream.
  bool next(std::vector<SourceLine>& out);

 private:
  std::istream& in_;
  std::size_t max_lines_;
  std::size_t line_ = 0;
  std::size_t index_ = 0;
};

struct RequestLine {
  std::size_t line = 0;            // 1-based line number
  std::size_t index = 0;           // 0-based index among the requests (non-blank lines)
  std::optional<Request> request;  // nullopt: `error` says why
  std::optional<Requester> who;    // the request's principal, resolved
  std::string error;               // "line N: /pointer: what is wrong"
};

// Parses one line: a JSON object with the request's keys only, its principal resolvable in
// `world` (the checks of an expectation's request, model/world/request_reader.h).
RequestLine read_request_line(const SourceLine& line, const World& world);

}  // namespace accesspath
