// The access graph: who can reach what, and by which statements.
//
// Built from a world by asking the evaluator (never by a second set of rules):
// an edge exists exactly when the evaluator allows the request it stands for,
// and it carries the statements that allowed it. Boost.Graph adjacency list.
//
//   AccessGraph g = build_access_graph(world);
//   for (auto e : boost::make_iterator_range(boost::out_edges(*g.find("arn:…:role/x"), g.graph))) …
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "model/authz/decision.h"
#include "model/symbolic/context_need.h"
#include "model/world/world.h"

namespace accesspath {

enum class VertexKind {
  kUser,
  kRole,
  kAnonymous,  // an unsigned caller
  kOutsider,   // an undeclared principal (of a declared or an undeclared account)
  kService,    // an AWS service principal named in a trust policy
  kBucket,
  kObject,  // a declared object, or a representative object that can be written now
  kKey,
};
// The kind's identifier in JSON and SARIF ("key") and its words in pictures and legends
// ("KMS key"): one table for both (access_graph.cpp).
std::string_view to_string(VertexKind k);
std::string_view kind_label(VertexKind k);

struct AccessVertex {
  VertexKind kind = VertexKind::kUser;
  std::string id;  // the ARN (principals, buckets, objects, keys), "anonymous", or a service name
  std::string label;    // short name for pictures: "role/authorized-users", "report.pdf"
  std::string account;  // "" for anonymous and services
  std::string detail;   // e.g. "SSE-KMS alias/secure-demo", "not declared: can be written now"
  bool declared = true;
};

enum class EdgeKind {
  kAssumeRole,  // sts:AssumeRole: trust policy and identity policy allow
  kRead,        // s3:GetObject end to end: plaintext
  kWrite,       // s3:PutObject end to end
  kKeyUse,      // a direct kms:Decrypt / kms:GenerateDataKey / kms:Encrypt call
  kAdmin,       // a permission that changes who may do what (policy administration)
};
// As for VertexKind: "assume-role" in JSON, "assume role" in a legend.
std::string_view to_string(EdgeKind k);
std::string_view kind_label(EdgeKind k);

struct AccessEdge {
  EdgeKind kind = EdgeKind::kRead;
  std::string action;  // "sts:AssumeRole", "s3:GetObject", "s3:PutBucketPolicy", ...
  std::string detail;  // e.g. the headers of a write: "SSE-KMS with alias/secure-demo"
  std::vector<StatementRef> statements;  // the statements that allowed it, every check of the call
  // The caller-chosen condition keys the allowing request read, with the values of one request
  // context that gets through (empty: any context).
  std::vector<ContextNeed> context;
};

using AccessGraphBase = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                              AccessVertex, AccessEdge>;
using AccessVertexId = boost::graph_traits<AccessGraphBase>::vertex_descriptor;
using AccessEdgeId = boost::graph_traits<AccessGraphBase>::edge_descriptor;

struct AccessGraph {
  AccessGraphBase graph;
  std::unordered_map<std::string, AccessVertexId> index;  // by AccessVertex::id
  // Questions no request context could be decided for: their edges may be missing.
  std::vector<std::string> undecided;

  std::optional<AccessVertexId> find(std::string_view id) const;
  AccessVertexId add_vertex(AccessVertex v);  // or the existing one with the same id
};

// The statements that allowed a decision (every check's allowing statements),
// for edge labels and counterexample steps.
std::vector<StatementRef> allowing_statements(const Decision& d);

}  // namespace accesspath
