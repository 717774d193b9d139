// Turning the values a solver chose for the keys the caller controls into a concrete request,
// as AWS would receive it (realistic values for the keys no clause read: an internet address of
// the documentation range, HTTPS with TLS 1.2, the analysis date), and reading back what a
// request carries. Internal to symbolic/ (context_search.cpp).
//
//   Request r = realize(base, chosen, pinned, RequestService::kS3, now);
//   std::map<std::string, ChosenValue> pins = carried(r);
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/services/evaluator.h"
#include "model/symbolic/condition_encoding.h"
#include "model/world/request.h"

namespace accesspath::search {

// S3 request headers are condition keys `s3:x-amz-*` (S3: Amazon S3 condition keys).
bool is_header_key(std::string_view key_lower);

// The values of `key` (any case) in the request's context; nullptr when it has none.
const std::vector<std::string>* context_value(const Request& r, std::string_view key);

// The concrete request for chosen values, with realistic values for the keys no clause read.
Request realize(const Request& base, const std::map<std::string, ChosenValue>& chosen,
                const std::set<std::string, std::less<>>& pinned, RequestService service,
                std::int64_t now);

// What the request carries for each key, as the encoder's values (to pin them).
std::map<std::string, ChosenValue> carried(const Request& r);

}  // namespace accesspath::search
