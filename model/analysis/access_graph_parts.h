// The parts of building an access graph that do not depend on how the builder chooses which
// questions to ask: the vertices, the edge recorder, the write variants, the admin actions and
// the `from` restriction. Shared by the indexed builder and the exhaustive reference builder,
// so the two differ only in which pairs they ask the evaluator about.
#pragma once

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/analysis/access_graph.h"
#include "model/analysis/access_paths.h"
#include "model/services/evaluator.h"
#include "model/world/request.h"
#include "model/world/requester.h"

namespace accesspath::graph_parts {

// Declared users and roles, the considered outsiders, service principals named in trust
// policies; buckets, declared objects and keys.
void add_vertices(const World& w, AccessGraph& g);

// Who the builder asks about: the considered principals, then the service principals.
std::vector<std::string> requesters(const World& w, const AccessGraph& g);

// An edge found, not yet in the graph: builders may ask from several threads, then add the
// edges in the order the questions were asked.
struct FoundEdge {
  AccessVertexId from;
  AccessVertexId to;
  AccessEdge edge;
};
void add_edges(AccessGraph& g, std::vector<FoundEdge>& found);

// Records an edge when the evaluator allows the request in some request context
// (context_search.h; the explained decision of that context gives the statements); returns
// whether it did. Reads the graph only (to find vertices).
struct Asker {
  const World& w;
  const AccessGraph& g;
  std::vector<FoundEdge>& found;
  bool ask(const std::string& principal, const Requester& who, EdgeKind kind, const Request& r,
           const std::string& target, std::string detail = {});
};

// The key S3 decrypts a stored object with: the object's SSE-KMS key, or its bucket default's
// (aws/s3 when none is named), resolved in the bucket owner's account. nullptr when the object
// is not SSE-KMS or the key is not declared.
const Key* stored_object_key(const World& w, const Bucket& b, const S3Object& o);

// The encryption choices a caller has when writing a new object: name and request headers.
// `key` is the key an SSE-KMS variant names, or nullptr.
struct WriteVariant {
  std::string name;
  std::map<std::string, std::string> headers;
  const Key* key = nullptr;
};
std::vector<WriteVariant> write_variants(const World& w, const Bucket& b);
std::string new_object_arn(const Bucket& b);

// Asks every write variant the `allowed` predicate admits (the others are certainly denied) and
// adds one Write edge listing the variants that work.
template <typename Admit>
void ask_write(Asker& asker, const std::string& principal, const Requester& who, const Bucket& b,
               const std::vector<WriteVariant>& variants, Admit admit);

inline constexpr std::array<const char*, 3> kBucketAdmin = {
    "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutEncryptionConfiguration"};
inline constexpr std::array<const char*, 2> kKeyAdmin = {"kms:PutKeyPolicy", "kms:CreateGrant"};
inline constexpr std::array<const char*, 3> kKeyUse = {"kms:Decrypt", "kms:GenerateDataKey",
                                                       "kms:Encrypt"};
inline constexpr std::array<const char*, 4> kRoleAdmin = {
    "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PassRole"};
inline constexpr std::array<const char*, 2> kUserAdmin = {"iam:PutUserPolicy",
                                                          "iam:AttachUserPolicy"};
std::vector<const char*> principal_admin_actions(const Principal& p);

// What `from` reaches: its vertex, the roles it reaches through assume edges, and the targets
// of their edges. An empty graph when `from` is not a vertex.
AccessGraph restrict_to(const AccessGraph& g, const std::string& from);

template <typename Admit>
void ask_write(Asker& asker, const std::string& principal, const Requester& who, const Bucket& b,
               const std::vector<WriteVariant>& variants, Admit admit) {
  std::string writes;
  Request first_ok;
  const std::string object = new_object_arn(b);
  for (const auto& v : variants) {
    if (!admit(v)) continue;
    Request r{principal, "s3:PutObject", object, v.headers, {}};
    if (evaluate(asker.w, who, r, {.explain = false}).allowed) {
      if (writes.empty()) first_ok = r;
      writes += (writes.empty() ? "" : ", ") + v.name;
    }
  }
  if (!writes.empty())
    asker.ask(principal, who, EdgeKind::kWrite, first_ok, b.arn(), "new objects: " + writes);
}

}  // namespace accesspath::graph_parts
