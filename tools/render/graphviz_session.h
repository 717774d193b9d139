// Access to Graphviz, which is neither re-entrant nor thread-safe: one GVC
// context per process (created on first use, it costs tens of milliseconds),
// and a lock that every Graphviz call is made under. Graphviz's own messages
// (warnings and errors it would print to stderr) are collected instead.
//
//   GraphvizSession gv;              // locks until destroyed
//   gvLayout(gv.context(), g, "dot");
//   if (!gv.messages().empty()) ...  // what Graphviz complained about
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace accesspath {

class GraphvizSession {
 public:
  GraphvizSession();
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;

  GVC_t* context();
  // What Graphviz reported since this session began.
  const std::string& messages() const;

  // A graph whose subgraphs, nodes and edges keep the order they were created in
  // (Graphviz's default ids order subgraphs by string address, which varies).
  Agraph_t* open_graph(const char* name);

 private:
  std::unique_lock<std::mutex> lock_;
};

// Closes a graph (under the session's lock: destroy it before the session).
struct GraphCloser {
  void operator()(Agraph_t* g) const;
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Frees the layout of a graph on scope exit; declare it after the GraphPtr, so the
// layout goes first (gvFreeLayout, then agclose).
class LayoutGuard {
 public:
  LayoutGuard(GraphvizSession& session, Agraph_t* g) : session_(session), g_(g) {}
  ~LayoutGuard();
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GraphvizSession& session_;
  Agraph_t* g_;
};

}  // namespace accesspath
