// Deciding a stream of requests in bounded chunks, several threads when asked, with what each
// decision becomes handed on in input order. Memory is (threads + 1) chunks whatever the number
// of requests: the reader waits for the oldest chunk in flight before it reads another.
//
//   decide_stream(world, std::cin, {.threads = 2},
//                 [](const DecidedLine& d, std::string& out) { out += d.decision->allowed ? ... },
//                 [](std::string_view text) { std::cout << text; });
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "model/authz/decision.h"
#include "model/services/evaluator.h"
#include "model/world/request_stream.h"
#include "model/world/world.h"

namespace accesspath {

struct BatchOptions {
  unsigned threads = 1;            // 1: everything on the calling thread
  std::size_t chunk_lines = 4096;  // lines decided together (and held in memory per thread)
  bool explain = false;            // fill the decisions' explanations (EvaluationOptions)
};

struct DecidedLine {
  RequestLine in;
  std::optional<Decision> decision;  // set when `in.request` is
};

// Appends the output of one decided line to `out`; called on the worker threads.
using LineFormatter = std::function<void(const DecidedLine&, std::string& out)>;
// Receives a chunk's output, chunks in input order; called on the calling thread.
using ChunkWriter = std::function<void(std::string_view)>;

struct BatchCounts {
  std::size_t decided = 0;
  std::size_t bad = 0;
};

BatchCounts decide_stream(const World& world, std::istream& in, const BatchOptions& options,
                          const LineFormatter& format, const ChunkWriter& write);

}  // namespace accesspath
