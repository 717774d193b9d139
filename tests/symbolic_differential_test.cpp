// Proofs over every request context (model/symbolic/) against sampling: on worlds whose identity,
// bucket and key policies are gated on the keys the caller chooses
// (properties/generators_free_conditions.h), the search is
//   - complete: when one of a few random realistic contexts is allowed (denied), the search for
//     an allowing (denying) context finds one, never answers "no context does";
//   - sound: every witness it finds is decided as wanted by the concrete evaluator, carries the
//     values its needs name, and is itself realistic (no time before the analysis date, over the
//     internet or through a VPC endpoint, not both);
//   - decisive: it rarely answers "cannot tell" on these conditions.
//
// This file needs the accesspath_properties library; without it the suite is one skipped test.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#ifdef ACCESSPATH_HAVE_PROPERTIES

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "model/condition/free_keys.h"
#include "model/condition/request_context.h"
#include "model/core/strings.h"
#include "model/services/evaluator.h"
#include "model/symbolic/context_search.h"
#include "model/world/scenario.h"
#include "properties/generators_free_conditions.h"
#include "properties/properties.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Kind = ContextAnswer::Kind;

constexpr std::int64_t kNow = 1796428800;  // 2026-12-05T00:00:00Z
constexpr std::size_t kSamples = 6;        // random contexts per question

const FreeVocabulary& vocabulary() {
  static const FreeVocabulary fv = free_vocabulary(kNow);
  return fv;
}

const char* kind_name(Kind k) {
  return k == Kind::kFound ? "found" : k == Kind::kNever ? "never" : "unknown";
}

struct Tally {
  std::size_t questions = 0, found = 0, never = 0, unknown = 0, solver = 0;
  std::string first_unknown;
  std::string kinds;  // "found/never": the answers of the last question, allow then deny
  void add(const ContextAnswer& a) {
    kinds = (kinds.empty() || kinds.find('/') != std::string::npos ? "" : kinds + "/") +
            kind_name(a.kind);
    ++questions;
    if (a.kind == Kind::kFound) ++found;
    if (a.kind == Kind::kNever) ++never;
    if (a.kind == Kind::kUnknown) {
      ++unknown;
      if (first_unknown.empty()) first_unknown = a.reason;
    }
    if (a.rounds > 1) ++solver;
  }
};

std::string show_request(const Request& r) {
  std::ostringstream out;
  out << r.principal << " " << r.action << " " << r.resource;
  for (const auto& [k, v] : r.context) {
    out << "\n  " << k << " =";
    for (const auto& x : v) out << " `" << x << "`";
  }
  for (const auto& [k, v] : r.headers) out << "\n  header " << k << ": `" << v << "`";
  return out.str();
}

const std::vector<std::string>* find_key(const Request& r, std::string_view key) {
  for (const auto& [k, v] : r.context)
    if (iequals(k, key)) return &v;
  return nullptr;
}

// Why the witness `a` of a search for `want_allow` is wrong, or "" when it is right.
std::string witness_fault(const World& world, const Requester& who, const ContextAnswer& a,
                          bool want_allow) {
  if (evaluate(world, who, a.request, {.explain = false}).allowed != want_allow)
    return "the witness is not decided as wanted by the evaluator";
  for (const auto& n : a.needs) {
    std::string key = to_lower(n.key);
    if (is_multivalued_free_key(key)) {  // a set: the witness carries exactly its members
      const auto* v = find_key(a.request, key);
      std::vector<std::string> carried = v ? *v : std::vector<std::string>{};
      std::vector<std::string> wanted = n.values;
      std::sort(carried.begin(), carried.end());
      std::sort(wanted.begin(), wanted.end());
      if (n.present && (!v || carried != wanted))
        return "the need " + n.key + " is a set the witness does not carry";
      if (!n.present && v) return "the need says " + n.key + " is absent, the witness has it";
      continue;
    }
    const std::string* value = nullptr;
    if (key.rfind("s3:x-amz-", 0) == 0) {
      for (const auto& [h, v] : a.request.headers)
        if (iequals("s3:" + h, key)) value = &v;
    } else if (const auto* v = find_key(a.request, key); v && !v->empty()) {
      value = &v->front();
    }
    if (key == "aws:securetransport" && !value) continue;  // the service fills it: true
    if (n.present && (!value || *value != n.value))
      return "the need " + n.key + " = `" + n.value + "` is not what the witness carries";
    if (!n.present && value) return "the need says " + n.key + " is absent, the witness has it";
  }
  if (const auto* t = find_key(a.request, "aws:EpochTime"); t && !t->empty())
    if (std::stoll(t->front()) < kNow) return "the witness is made before the analysis date";
  if (find_key(a.request, "aws:SourceIp") && find_key(a.request, "aws:SourceVpce"))
    return "the witness comes both over the internet and through a VPC endpoint";
  return "";
}

// Checks both laws for one question (both directions); "" when they hold.
std::string check_question(const World& world, const Requester& who, const Request& base,
                           const std::vector<ContextKeys>& samples, Tally& tally) {
  std::vector<bool> allowed;
  for (const auto& c : samples)
    allowed.push_back(evaluate(world, who, with_context(base, c), {.explain = false}).allowed);
  for (bool want : {true, false}) {
    ContextAnswer a = search_contexts(world, who, base, want, {.now = kNow});
    tally.add(a);
    const std::string dir = want ? "an allowing" : "a denying";
    if (a.kind == Kind::kFound) {
      std::string fault = witness_fault(world, who, a, want);
      if (!fault.empty())
        return "unsound: searching " + dir + " context: " + fault +
               "\nwitness: " + show_request(a.request) + "\nneeds: " + describe_needs(a.needs);
    }
    if (a.kind != Kind::kNever) continue;
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (allowed[i] == want)
        return "incomplete: the search says no context is " +
               std::string(want ? "allowed" : "denied") + ", but this one is:\n" +
               show_request(with_context(base, samples[i]));
  }
  return "";
}

std::size_t max_success() {
  std::size_t n = 100;  // RapidCheck's default
  if (const char* params = std::getenv("RC_PARAMS")) {
    std::string p(params);
    if (auto at = p.find("max_success="); at != std::string::npos)
      n = std::strtoul(p.c_str() + at + 12, nullptr, 10);
  }
  return n;
}

// With shrinking and classification: one world, one question per case (RC_PARAMS max_success:
// 1000 in the normal suite, 25 under the sanitizer run).
RC_GTEST_PROP(SymbolicDifferential, SearchIsSoundAndCompleteAgainstSampledContexts, ()) {
  WorldDoc w = *gen_free_conditions_world(vocabulary());
  Request base = without_free_keys(*gen_request(w.doc));
  auto samples = *rc::gen::container<std::vector<ContextKeys>>(
      kSamples, gen_realistic_context(vocabulary(), base));
  World world = load_or_throw(w.doc);
  auto who = resolve_requester(world, base.principal);
  RC_PRE(who.has_value());
  Tally tally;
  std::string fault = check_question(world, *who, base, samples, tally);
  if (!fault.empty()) RC_FAIL(fault);
  RC_CLASSIFY(tally.solver > 0, "solver asked");
  RC_TAG(tally.kinds);
  RC_CLASSIFY(tally.unknown > 0, "unknown");
}

// The suite's cases: ten times the property's (10,000 questions in the normal suite, 250 under
// the sanitizer run), each asked both ways against kSamples random contexts, over 50 worlds drawn
// with fixed seeds in 5 shards that CTest runs side by side; no shrinking (a failure prints the
// whole world). Counts found/never/unknown.
constexpr std::size_t kWorlds = 50;
constexpr std::size_t kShards = 5;

class SymbolicDifferentialShard : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SymbolicDifferentialShard, SearchAgreesWithSamplingOnTheSuitesCases) {
  const std::size_t per_world = std::max<std::size_t>(1, 10 * max_success() / kWorlds);
  Tally tally;
  std::size_t context_dependent = 0;
  for (std::size_t i = GetParam(); i < kWorlds; i += kShards) {
    rc::Random random(static_cast<std::uint64_t>(0x5EA2C4 + i));
    json doc =
        gen_free_conditions_world(vocabulary())(random.split(), rc::kNominalSize).value().doc;
    World world = load_or_throw(doc);
    rc::Gen<Request> requests = gen_request(doc);
    for (std::size_t k = 0; k < per_world; ++k) {
      Request base = without_free_keys(requests(random.split(), rc::kNominalSize).value());
      auto who = resolve_requester(world, base.principal);
      if (!who) continue;
      std::vector<ContextKeys> samples;
      auto contexts = gen_realistic_context(vocabulary(), base);
      for (std::size_t n = 0; n < kSamples; ++n)
        samples.push_back(contexts(random.split(), rc::kNominalSize).value());
      const std::size_t solver_before = tally.solver;
      std::string fault = check_question(world, *who, base, samples, tally);
      ASSERT_TRUE(fault.empty()) << fault << "\nrequest: " << show_request(base) << "\nworld:\n"
                                 << doc.dump(2);
      if (tally.solver > solver_before) ++context_dependent;
    }
  }
  std::cout << tally.questions << " searches over " << tally.questions / 2
            << " questions: " << tally.found << " found, " << tally.never << " never, "
            << tally.unknown << " unknown; " << context_dependent
            << " questions needed the solver\n";
  if (!tally.first_unknown.empty()) std::cout << "first unknown: " << tally.first_unknown << "\n";
  EXPECT_LE(tally.unknown * 100, tally.questions)
      << "more than 1% unknown: " << tally.first_unknown;
  // 5% of the questions must need the solver when there are enough of them to say so; the
  // sanitizer run's 50 questions per shard are too few for a rate, so there at least one must.
  if (tally.questions / 2 >= 200)
    EXPECT_GE(context_dependent * 20, tally.questions / 2)
        << "fewer than 5% of the questions needed the solver: the generators miss";
  else
    EXPECT_GE(context_dependent, 1u) << "no question needed the solver: the generators miss";
}

INSTANTIATE_TEST_SUITE_P(Worlds, SymbolicDifferentialShard,
                         ::testing::Range<std::size_t>(0, kShards));

}  // namespace
}  // namespace accesspath::properties

#else

TEST(SymbolicDifferential, NeedsThePropertiesLibrary) {
  GTEST_SKIP() << "built without accesspath_properties";
}

#endif
