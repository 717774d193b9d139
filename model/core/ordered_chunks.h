// Work split in chunks over a few threads, its results handed on in order: what `check` needs to
// decide and render 100,000 expectations on every core while writing them as the file lists
// them, with memory bounded by the chunks in flight (at most `threads` + 1).
//
//   for_each_chunk_in_order<std::string>(
//       items, 512, 2,
//       [&](std::size_t begin, std::size_t end, std::string& out) { ... },   // worker threads
//       [&](std::string& out) { std::cout << out; });                        // calling thread
//
// `Result` has clear(): a delivered result is cleared and filled again by a later chunk, so its
// storage (megabytes of text for `check`) is allocated once, not once a chunk.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace accesspath {

template <typename Result, typename Work, typename Deliver>
void for_each_chunk_in_order(std::size_t items, std::size_t chunk, unsigned threads, Work work,
                             Deliver deliver) {
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t chunks = (items + chunk - 1) / chunk;
  if (threads <= 1 || chunks <= 1) {
    Result r{};
    for (std::size_t c = 0; c < chunks; ++c) {
      r.clear();
      work(c * chunk, std::min(items, (c + 1) * chunk), r);
      deliver(r);
    }
    return;
  }
  std::mutex m;
  std::condition_variable cv;
  std::map<std::size_t, Result> done;
  std::vector<Result> spare;  // delivered results, cleared, to be filled again
  std::size_t next_claim = 0, next_deliver = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t c;
      Result r{};
      {
        std::unique_lock lock(m);
        // Claim a chunk only while at most `threads` + 1 wait to be delivered.
        cv.wait(lock, [&] { return next_claim >= chunks || next_claim - next_deliver <= threads; });
        if (next_claim >= chunks) return;
        c = next_claim++;
        if (!spare.empty()) {
          r = std::move(spare.back());
          spare.pop_back();
        }
      }
      work(c * chunk, std::min(items, (c + 1) * chunk), r);
      {
        std::lock_guard lock(m);
        done.emplace(c, std::move(r));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  while (next_deliver < chunks) {
    Result r;
    {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return done.count(next_deliver) > 0; });
      auto it = done.find(next_deliver);
      r = std::move(it->second);
      done.erase(it);
    }
    deliver(r);
    r.clear();
    {
      std::lock_guard lock(m);
      ++next_deliver;
      spare.push_back(std::move(r));
    }
    cv.notify_all();
  }
  for (auto& t : pool) t.join();
}

}  // namespace accesspath
