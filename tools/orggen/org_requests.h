// Requests over a generated organisation, for end-to-end speed figures of `accesspath eval` and
// `check`: JSON Lines in the shape of an expectation's request, drawn from the organisation's
// principals, objects, buckets, keys and roles (object reads and SSE-KMS writes, listings, KMS
// decrypts, role assumptions; about half cross-account). Deterministic per seed; written as they
// are drawn, so memory does not grow with their number.
//
//   write_requests(generate_org(shape), 100000, 7, out);
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>

#include <nlohmann/json.hpp>

namespace accesspath::orggen {

void write_requests(const nlohmann::json& org, std::size_t count, std::uint64_t seed,
                    std::ostream& out);

}  // namespace accesspath::orggen
