// The targets of a question: the concrete requests an invariant or a `who` query is about, in one
// world. For reads of S3 objects these include the objects that can be written now (scenario
// contract, invariants): one representative per encryption a successful s3:PutObject by some
// considered principal could give, with the steps of who writes it. Internal to analysis/.
//
//   paths::Query q{"s3:GetObject", "arn:aws:s3:::data/*", {}, {}, false};
//   std::vector<paths::Target> targets = paths::targets_for(world, q, principals, chains,
//   &warnings);
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/analysis/counterexample.h"
#include "model/analysis/role_chains.h"
#include "model/world/request.h"
#include "model/world/world.h"

namespace accesspath::paths {

struct Query {
  std::string action;
  std::string resource;  // pattern
  std::map<std::string, std::string> headers;
  std::map<std::string, std::vector<std::string>> context;
  bool pinned_headers = false;
};

struct Target {
  Request request;     // principal filled in per identity
  std::string writer;  // for a writable-now object: who can write it (a start principal)
  std::vector<PathStep> write_steps;  // how the writer writes it
  // Other principals that can write the same kind of object, with their steps: a counterexample
  // prefers a writer other than the reader (the point is reading someone else's data).
  std::vector<std::pair<std::string, std::vector<PathStep>>> other_writers;
  // A writable-now object's encryption as S3 stores it (key ARN, S3 Bucket Key: a read's
  // encryption context depends on it).
  Encryption written;
};

// Concrete requests for `q` in `w`, plus the objects writable now by `principals` (their chains
// through `chains`). `every_writer`: keep every writer of a writable object (a counterexample
// prefers another principal's write); else one is enough. A pattern that matches nothing adds a
// warning.
std::vector<Target> targets_for(const World& w, const Query& q,
                                const std::vector<std::string>& principals, RoleChains& chains,
                                std::vector<std::string>* warnings, bool every_writer = true);

// Materializes writable-now objects in a copy of the world so reads can be decided on them.
World with_written_objects(const World& w, const std::vector<Target>& targets);

}  // namespace accesspath::paths
