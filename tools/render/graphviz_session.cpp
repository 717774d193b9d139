#include "tools/render/graphviz_session.h"

#include <map>
#include <utility>

namespace accesspath {
namespace {

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

std::string& collected_messages() {
  static std::string messages;
  return messages;
}

int collect_message(char* message) {
  collected_messages() += message;
  return 0;
}

// The process's one context, freed at exit (after every graph is closed).
class Context {
 public:
  Context() : gvc_(gvContext()) {}
  ~Context() {
    std::lock_guard<std::mutex> lock(graphviz_mutex());
    gvFreeContext(gvc_);
  }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  GVC_t* get() const { return gvc_; }

 private:
  GVC_t* gvc_;
};

// Id discipline: every named object gets the next number of one counter, so that
// subgraphs keep their creation order (the default uses the address of the name,
// which varies from run to run). Names are interned strings of the graph, as
// with the default discipline (agwrite reads their flags), and are kept here
// rather than in cgraph's internal map, whose entries Graphviz 2.42 never frees.
struct IdState {
  Agraph_t* root = nullptr;
  IDTYPE next = 1;
  std::map<std::pair<int, std::string>, IDTYPE> ids;  // (object type, name) -> id
  std::map<std::pair<int, IDTYPE>, char*> names;      // interned with agstrdup
};

int object_type(int type) {
  return type == AGINEDGE ? AGOUTEDGE : type;
}

void* id_open(Agraph_t* g, Agdisc_t*) {
  IdState* s = new IdState;
  s->root = g;
  return s;
}
long id_map(void* state, int type, char* name, IDTYPE* id, int create) {
  IdState* s = static_cast<IdState*>(state);
  if (name == nullptr) {  // an anonymous object (an edge)
    if (create == 0) return 0;
    *id = s->next;
    s->next += 2;
    return 1;
  }
  auto key = std::make_pair(object_type(type), std::string(name));
  if (auto it = s->ids.find(key); it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (create == 0) return 0;
  *id = s->next;
  s->next += 2;
  s->ids.emplace(key, *id);
  s->names.emplace(std::make_pair(key.first, *id), agstrdup(s->root, name));
  return 1;
}
long id_alloc(void*, int, IDTYPE) {
  return 0;
}
void id_free(void* state, int type, IDTYPE id) {
  IdState* s = static_cast<IdState*>(state);
  auto it = s->names.find({object_type(type), id});
  if (it == s->names.end()) return;
  s->ids.erase({it->first.first, std::string(it->second)});
  agstrfree(s->root, it->second);
  s->names.erase(it);
}
char* id_print(void* state, int type, IDTYPE id) {
  IdState* s = static_cast<IdState*>(state);
  auto it = s->names.find({object_type(type), id});
  return it == s->names.end() ? nullptr : it->second;
}
// The names still held are freed with the graph's string table.
void id_close(void* state) {
  delete static_cast<IdState*>(state);
}
void id_register(void*, int, void*) {}

Agiddisc_t sequential_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
Agdisc_t sequential_disc = {&AgMemDisc, &sequential_ids, &AgIoDisc};

}  // namespace

GraphvizSession::GraphvizSession() : lock_(graphviz_mutex()) {
  collected_messages().clear();
  agseterrf(collect_message);
  agseterr(AGWARN);
}

GVC_t* GraphvizSession::context() {
  static Context context;
  return context.get();
}

const std::string& GraphvizSession::messages() const {
  return collected_messages();
}

Agraph_t* GraphvizSession::open_graph(const char* name) {
  return agopen(const_cast<char*>(name), Agdirected, &sequential_disc);
}

void GraphCloser::operator()(Agraph_t* g) const {
  if (g != nullptr) agclose(g);
}

LayoutGuard::~LayoutGuard() {
  gvFreeLayout(session_.context(), g_);
}

}  // namespace accesspath
