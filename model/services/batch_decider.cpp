#include "model/services/batch_decider.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace accesspath {
namespace {

struct ChunkResult {
  std::string text;
  BatchCounts counts;
};

ChunkResult decide_chunk(const World& world, RequesterCache& cache, const LineChunk& chunk,
                         const BatchOptions& options, const LineFormatter& format) {
  ChunkResult result;
  EvaluationOptions eval{.explain = options.explain, .note_unknown_keys = true};
  DecidedLine d;  // one for the whole chunk: its strings' storage is reused line after line
  for (const SourceLine& line : chunk.lines) {
    read_request_line(line, cache, d.in);
    d.decision.reset();
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
  LineChunks chunks(in, options.chunk_lines);
  LineChunk chunk;
  if (options.threads <= 1) {
    RequesterCache cache(world);
    while (chunks.next(chunk))
      add(total, decide_chunk(world, cache, chunk, options, format), write);
    return total;
  }
  // A pool of `threads` workers, alive for the whole stream (their thread-local evaluation
  // state stays warm); at most `threads` + 1 chunks in flight, written in input order.
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::pair<std::size_t, LineChunk>> todo;
  std::map<std::size_t, ChunkResult> done;
  bool reading_done = false;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < options.threads; ++t)
    workers.emplace_back([&] {
      RequesterCache cache(world);  // each worker resolves the principals it meets once
      for (;;) {
        std::pair<std::size_t, LineChunk> job;
        {
          std::unique_lock lock(m);
          cv.wait(lock, [&] { return !todo.empty() || reading_done; });
          if (todo.empty()) return;
          job = std::move(todo.front());
          todo.pop_front();
        }
        ChunkResult r = decide_chunk(world, cache, job.second, options, format);
        {
          std::lock_guard lock(m);
          done.emplace(job.first, std::move(r));
        }
        cv.notify_all();
      }
    });
  std::size_t next_read = 0, next_write = 0;
  auto write_ready = [&](bool wait_for_one) {
    std::unique_lock lock(m);
    for (;;) {
      auto it = done.find(next_write);
      if (it == done.end()) {
        if (!wait_for_one) return;
        cv.wait(lock, [&] { return done.count(next_write) > 0; });
        continue;
      }
      ChunkResult r = std::move(it->second);
      done.erase(it);
      ++next_write;
      wait_for_one = false;
      lock.unlock();
      add(total, r, write);
      lock.lock();
    }
  };
  while (chunks.next(chunk)) {
    if (next_read - next_write > options.threads) write_ready(true);
    {
      std::lock_guard lock(m);
      todo.emplace_back(next_read++, std::move(chunk));
    }
    cv.notify_all();
    chunk = {};
    write_ready(false);
  }
  {
    std::lock_guard lock(m);
    reading_done = true;
  }
  cv.notify_all();
  while (next_write < next_read) write_ready(true);
  for (auto& w : workers) w.join();
  return total;
}

}  // namespace accesspath
