#include "model/batch_decider.h"

#include <deque>
#include <future>
#include <utility>
#include <vector>

namespace accesspath {
namespace {

struct ChunkResult {
  std::string text;
  BatchCounts counts;
};

ChunkResult decide_chunk(const World& world, const std::vector<SourceLine>& lines,
                         const BatchOptions& options, const LineFormatter& format) {
  ChunkResult result;
  EvaluationOptions eval{.explain = options.explain, .note_unknown_keys = true};
  for (const SourceLine& line : lines) {
    DecidedLine d{read_request_line(line, world), std::nullopt};
    if (d.in.request) {
      d.decision = evaluate(world, *d.in.who, *d.in.request, eval);
      ++result.counts.decided;
    } else {
      ++result.counts.bad;
    }
    format(d, result.text);
  }
  return result;
}

void add(BatchCounts& total, const ChunkResult& r, const ChunkWriter& write) {
  write(r.text);
  total.decided += r.counts.decided;
  total.bad += r.counts.bad;
}

}  // namespace

BatchCounts decide_stream(const World& world, std::istream& in, const BatchOptions& options,
                          const LineFormatter& format, const ChunkWriter& write) {
  BatchCounts total;
  LineChunks chunks(in, options.chunk_lines == 0 ? 1 : options.chunk_lines);
  std::vector<SourceLine> lines;
  if (options.threads <= 1) {
    while (chunks.next(lines)) add(total, decide_chunk(world, lines, options, format), write);
    return total;
  }
  // The oldest chunk in flight is written first; at most `threads` are decided at once.
  std::deque<std::future<ChunkResult>> in_flight;
  while (chunks.next(lines)) {
    if (in_flight.size() >= options.threads) {
      add(total, in_flight.front().get(), write);
      in_flight.pop_front();
    }
    in_flight.push_back(
        std::async(std::launch::async, [&world, &options, &format, chunk = std::move(lines)] {
          return decide_chunk(world, chunk, options, format);
        }));
    lines = {};
  }
  while (!in_flight.empty()) {
    add(total, in_flight.front().get(), write);
    in_flight.pop_front();
  }
  return total;
}

}  // namespace accesspath
