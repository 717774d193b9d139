#include "model/analysis/access_graph.h"

#include <algorithm>

#include "model/analysis/counterexample.h"

namespace accesspath {

namespace {

struct KindNames {
  std::string_view id;     // JSON, SARIF, DOT ids: stable, lowercase, no spaces
  std::string_view label;  // what a picture's legend says
};

KindNames names_of(VertexKind k) {
  switch (k) {
    case VertexKind::kUser:
      return {"user", "user"};
    case VertexKind::kRole:
      return {"role", "role"};
    case VertexKind::kAnonymous:
      return {"anonymous", "anonymous"};
    case VertexKind::kOutsider:
      return {"outsider", "outsider"};
    case VertexKind::kService:
      return {"service", "service"};
    case VertexKind::kBucket:
      return {"bucket", "bucket"};
    case VertexKind::kObject:
      return {"object", "object"};
    case VertexKind::kKey:
      return {"key", "KMS key"};
  }
  return {"vertex", "vertex"};
}

KindNames names_of(EdgeKind k) {
  switch (k) {
    case EdgeKind::kAssumeRole:
      return {"assume-role", "assume role"};
    case EdgeKind::kRead:
      return {"read", "read (plaintext)"};
    case EdgeKind::kWrite:
      return {"write", "write"};
    case EdgeKind::kKeyUse:
      return {"key-use", "key use"};
    case EdgeKind::kAdmin:
      return {"admin", "admin (changes policy)"};
  }
  return {"edge", "edge"};
}

}  // namespace

std::string_view to_string(VertexKind k) {
  return names_of(k).id;
}
std::string_view kind_label(VertexKind k) {
  return names_of(k).label;
}
std::string_view to_string(EdgeKind k) {
  return names_of(k).id;
}
std::string_view kind_label(EdgeKind k) {
  return names_of(k).label;
}

std::string_view to_string(PathStep::Kind k) {
  switch (k) {
    case PathStep::Kind::kAssumeRole:
      return "assume-role";
    case PathStep::Kind::kChangePolicy:
      return "change-policy";
    case PathStep::Kind::kWriteObject:
      return "write-object";
    case PathStep::Kind::kAccess:
      return "access";
  }
  return "step";
}

std::optional<AccessVertexId> AccessGraph::find(std::string_view id) const {
  auto it = index.find(std::string(id));
  if (it == index.end()) return std::nullopt;
  return it->second;
}

AccessVertexId AccessGraph::add_vertex(AccessVertex v) {
  if (auto existing = find(v.id)) return *existing;
  std::string id = v.id;
  AccessVertexId vid = boost::add_vertex(std::move(v), graph);
  index.emplace(std::move(id), vid);
  return vid;
}

std::vector<StatementRef> allowing_statements(const Decision& d) {
  std::vector<StatementRef> out;
  std::size_t count = 0;  // reserved first: a graph keeps one such list per edge
  for (const auto& c : d.checks)
    for (const auto& f : c.policies) count += f.allows.size();
  out.reserve(count);
  // The same statement can allow twice (an AWS managed SCP attached at the root and at an OU):
  // it is listed once.
  auto same = [](const StatementRef& a, const StatementRef& b) {
    return a.pointer == b.pointer && a.sid == b.sid && a.policy == b.policy && a.via == b.via;
  };
  for (const auto& c : d.checks)
    for (const auto& f : c.policies)
      for (const auto& s : f.allows)
        if (std::none_of(out.begin(), out.end(), [&](const StatementRef& o) { return same(o, s); }))
          out.push_back(s);
  return out;
}

}  // namespace accesspath
