#include "model/analysis/bucket_readers.h"

#include <algorithm>
#include <cstdint>

#include "model/analysis/access_paths.h"

namespace accesspath {
namespace {

// A set of buckets, one bit each.
class BucketSet {
 public:
  explicit BucketSet(std::size_t buckets = 0) : words_((buckets + 63) / 64, 0) {}
  void insert(std::size_t b) { words_[b / 64] |= std::uint64_t{1} << (b % 64); }
  void merge(const BucketSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }
  template <typename F>
  void for_each(F f) const {
    for (std::size_t i = 0; i < words_.size(); ++i)
      for (std::uint64_t w = words_[i]; w; w &= w - 1)
        f(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w)));
  }

 private:
  std::vector<std::uint64_t> words_;
};

// Strongly connected components of the AssumeRole edges (Tarjan, iterative), in the order
// Tarjan completes them: every component comes after the components it reaches.
std::vector<std::vector<AccessVertexId>> assume_components(const AccessGraph& g) {
  const std::size_t n = boost::num_vertices(g.graph);
  constexpr std::size_t kUnvisited = SIZE_MAX;
  std::vector<std::size_t> index(n, kUnvisited), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<AccessVertexId> stack;
  std::vector<std::vector<AccessVertexId>> out;
  std::size_t counter = 0;
  struct Frame {
    AccessVertexId v;
    boost::graph_traits<AccessGraphBase>::out_edge_iterator next, end;
  };
  std::vector<Frame> frames;
  for (AccessVertexId root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    auto open = [&](AccessVertexId v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = 1;
      auto [b, e] = boost::out_edges(v, g.graph);
      frames.push_back({v, b, e});
    };
    open(root);
    while (!frames.empty()) {
      Frame& f = frames.back();
      if (f.next != f.end) {
        auto e = *f.next++;
        if (g.graph[e].kind != EdgeKind::kAssumeRole) continue;
        AccessVertexId t = boost::target(e, g.graph);
        if (index[t] == kUnvisited)
          open(t);
        else if (on_stack[t])
          low[f.v] = std::min(low[f.v], index[t]);
        continue;
      }
      AccessVertexId v = f.v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().v] = std::min(low[frames.back().v], low[v]);
      if (low[v] != index[v]) continue;
      std::vector<AccessVertexId> component;
      AccessVertexId w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = 0;
        component.push_back(w);
      } while (w != v);
      out.push_back(std::move(component));
    }
  }
  return out;
}

}  // namespace

BucketReaders readers_per_bucket(const World& world, const AccessGraph& g) {
  const std::size_t buckets = world.buckets.size();
  // Which bucket each declared object vertex belongs to.
  std::vector<std::size_t> bucket_of(boost::num_vertices(g.graph), SIZE_MAX);
  for (std::size_t b = 0; b < buckets; ++b)
    for (const auto& o : world.buckets[b].objects)
      if (auto v = g.find(world.buckets[b].arn() + "/" + o.key)) bucket_of[*v] = b;
  // What each component reads: its own Read edges, plus what the components it assumes read
  // (those are complete already: Tarjan finishes them first).
  auto components = assume_components(g);
  std::vector<std::size_t> component_of(boost::num_vertices(g.graph));
  std::vector<BucketSet> reads(components.size(), BucketSet(buckets));
  for (std::size_t c = 0; c < components.size(); ++c) {
    for (AccessVertexId v : components[c]) component_of[v] = c;
    for (AccessVertexId v : components[c])
      for (auto e : boost::make_iterator_range(boost::out_edges(v, g.graph))) {
        AccessVertexId t = boost::target(e, g.graph);
        if (g.graph[e].kind == EdgeKind::kRead && bucket_of[t] != SIZE_MAX)
          reads[c].insert(bucket_of[t]);
        else if (g.graph[e].kind == EdgeKind::kAssumeRole && component_of[t] != c)
          reads[c].merge(reads[component_of[t]]);
      }
  }
  BucketReaders out;
  out.readers.resize(buckets);
  for (const auto& principal : considered_principals(world)) {
    auto v = g.find(principal);
    if (!v) continue;
    reads[component_of[*v]].for_each([&](std::size_t b) { out.readers[b].push_back(principal); });
  }
  for (auto& r : out.readers) std::sort(r.begin(), r.end());
  return out;
}

}  // namespace accesspath
