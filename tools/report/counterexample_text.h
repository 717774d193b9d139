// A counterexample as numbered steps a person can follow:
//
//   1. role/secure-bucket-admin  s3:PutBucketPolicy  arn:aws:s3:::bucket
//      the bucket policy becomes anything …
//      allowed by: managed policy `…/secure-bucket-admin` `AllowAllActions`
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/analysis/counterexample.h"

namespace accesspath {

// "managed policy `…/admin` `AllowAll`" (the statement's pointer when it has no Sid).
std::string statement_text(const StatementRef& s);
// The statements joined with "; ".
std::string statement_text_list(const std::vector<StatementRef>& list);
std::string counterexample_to_text(const Counterexample& c, const std::string& indent = "");
nlohmann::json counterexample_to_json(const Counterexample& c);
// The request context a step or an edge needs: what it read, as text, and the parts an
// expectation replays (`context`, `headers`).
nlohmann::json context_to_json(const std::vector<ContextNeed>& needs);

}  // namespace accesspath
