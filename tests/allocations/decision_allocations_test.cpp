// Issue 2: "no allocation per decision". Once warm, a decision without an
// explanation (explain = false) with the principal already resolved allocates
// nothing; the explaining path may allocate (it builds sentences).
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include "model/core/strings.h"
#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tests/allocations/counting_new.h"

namespace accesspath {
namespace {

using testing::allocation_count;

const Scenario& scenario(const std::string& name) {
  static std::map<std::string, Scenario> loaded;
  auto it = loaded.find(name);
  if (it == loaded.end()) {
    LoadResult r = load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/" + name);
    if (!r.scenario) throw std::runtime_error("cannot load " + name);
    it = loaded.emplace(name, std::move(*r.scenario)).first;
  }
  return it->second;
}

// Allocations made by `decisions` fast-path decisions of `request`, after one warm-up
// decision (thread-local contexts grow to their working size once).
std::size_t allocations_per_decisions(const World& world, const Requester& who,
                                      const Request& request, int decisions) {
  bool first = evaluate(world, who, request, {.explain = false}).allowed;
  const std::size_t before = allocation_count();
  for (int i = 0; i < decisions; ++i)
    if (evaluate(world, who, request, {.explain = false}).allowed != first) return SIZE_MAX;
  return allocation_count() - before;
}

TEST(DecisionAllocations, TheCounterSeesAllocations) {
  // Guards the test itself: a replaced operator new that did not count would pass everything.
  const std::size_t before = allocation_count();
  auto* p = new std::string(100, 'x');
  delete p;
  EXPECT_GE(allocation_count() - before, 2u);
}

TEST(DecisionAllocations, GetObjectOfAnSseKmsObjectAllocatesNothing) {
  const World& w = scenario("separation-of-duties.json").world;
  Request r{"arn:aws:iam::111122223333:role/authorized-users",
            "s3:GetObject",
            "arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf",
            {},
            {}};
  auto who = resolve_requester(w, r.principal);
  ASSERT_TRUE(who);
  EXPECT_EQ(allocations_per_decisions(w, *who, r, 1000), 0u);
}

// The seed 003 decisions that go through policies only: allows and denies, an explicit Deny
// by a condition (PutObject without encryption headers), the KMS call S3 makes, direct KMS
// calls. Not yet allocation-free, so not listed: action names longer than 15 characters
// (to_lower() of e.g. `s3:GetBucketLocation` outgrows the small-string buffer), requests with
// headers (add_header_keys builds `s3:<header>` strings), STS AssumeRole, and refusals (their
// sentences are built before Call::refuse looks at `explain`).
TEST(DecisionAllocations, PolicyOnlyDecisionsOfSeparationOfDutiesAllocateNothing) {
  const Scenario& s = scenario("separation-of-duties.json");
  for (std::size_t i : {1u, 2u, 6u, 8u, 9u, 10u, 11u, 14u, 15u, 17u, 21u}) {
    const Expectation& e = s.expectations.at(i);
    auto who = resolve_requester(s.world, e.request.principal);
    ASSERT_TRUE(who) << e.pointer;
    EXPECT_EQ(allocations_per_decisions(s.world, *who, e.request, 100), 0u)
        << e.pointer << ": " << e.request.action << " " << e.request.resource;
  }
}

}  // namespace
}  // namespace accesspath
