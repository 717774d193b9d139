// A counterexample to an invariant: the path by which a principal reaches what
// it must never reach, each step with the statements that allowed it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/authz/decision.h"
#include "model/symbolic/context_need.h"

namespace accesspath {

struct PathStep {
  enum class Kind {
    kAssumeRole,    // actor assumes the role `target`
    kChangePolicy,  // actor changes a policy or setting of `target` (escalation)
    kWriteObject,   // actor (any considered principal) writes a new object `target`
    kAccess,        // actor performs the invariant's action on `target`: the violation
  };
  Kind kind = Kind::kAccess;
  std::string actor;   // principal ARN (a role means its session), or "anonymous"
  std::string action;  // "sts:AssumeRole", "s3:PutBucketPolicy", "s3:GetObject", ...
  std::string target;  // role, bucket, key or object ARN
  std::string detail;  // e.g. "the bucket policy becomes anything", "SSE-S3 (AES256)"
  std::vector<StatementRef> statements;  // what allowed this step
  // The caller-chosen condition keys this step's request needs, with their values (empty when
  // its decision reads none: any request context will do).
  std::vector<ContextNeed> context;
  // The request headers the step's request sends (a write's encryption choice), names lowercased.
  std::map<std::string, std::string> headers;
};

std::string_view to_string(PathStep::Kind k);

struct Counterexample {
  std::string start;  // the principal the path starts from
  std::vector<PathStep> steps;
};

}  // namespace accesspath
