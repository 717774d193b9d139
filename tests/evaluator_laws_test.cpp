// Laws of the evaluator, checked on random worlds and requests (RapidCheck).
// RC_PARAMS="max_success=1000" is the suite's default (tests/CMakeLists.txt).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "model/policy/policy.h"
#include "tests/law_world.h"

namespace accesspath {
namespace {

using nlohmann::json;
using namespace laws;

// The fast path (no explanation) and the explaining path give the same answer.
RC_GTEST_PROP(EvaluatorLaws, ExplainingNeverChangesTheDecision, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  World w = load_world(doc);
  RC_ASSERT(evaluate(w, r, {.explain = true}).allowed == decide(w, r));
}

// Cedar's unchanged_deny_when_add_forbid: adding a Deny statement never turns a deny into an allow.
RC_GTEST_PROP(EvaluatorLaws, AddingADenyNeverGrants, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  RC_PRE(!decide(load_world(doc), r));
  auto ptrs = policy_pointers();
  auto ptr = *rc::gen::elementOf(ptrs);
  bool resource_based = ptr.to_string().find("principals") == std::string::npos;
  json deny = *gen_statement(resource_based, ptr.to_string().find("keys") != std::string::npos);
  deny["Effect"] = "Deny";
  doc[ptr]["Statement"].push_back(deny);
  RC_ASSERT(!decide(load_world(doc), r));
}

// Removing an Allow statement never turns a deny into an allow.
RC_GTEST_PROP(EvaluatorLaws, RemovingAnAllowNeverGrants, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  RC_PRE(!decide(load_world(doc), r));
  auto ptr = *rc::gen::elementOf(policy_pointers());
  json& statements = doc[ptr]["Statement"];
  std::vector<std::size_t> allows;
  for (std::size_t i = 0; i < statements.size(); ++i)
    if (statements[i]["Effect"] == "Allow") allows.push_back(i);
  RC_PRE(!allows.empty());
  statements.erase(*rc::gen::elementOf(allows));
  RC_ASSERT(!decide(load_world(doc), r));
}

// Statement order and duplication never change a decision (Cedar: order_and_dup_independent).
RC_GTEST_PROP(EvaluatorLaws, StatementOrderAndDuplicationDoNotMatter, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  bool before = decide(load_world(doc), r);
  for (const auto& ptr : policy_pointers()) {
    json& statements = doc[ptr]["Statement"];
    std::vector<json> v(statements.begin(), statements.end());
    if (!v.empty() && *rc::gen::arbitrary<bool>())
      v.push_back(v[*rc::gen::inRange<std::size_t>(0, v.size())]);
    // A random permutation: sort by random keys.
    auto keys = *rc::gen::container<std::vector<int>>(v.size(), rc::gen::arbitrary<int>());
    std::vector<std::size_t> order(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    std::vector<json> shuffled;
    for (std::size_t i : order) shuffled.push_back(v[i]);
    v = shuffled;
    statements = v;
  }
  RC_ASSERT(decide(load_world(doc), r) == before);
}

// A string and a one-element array mean the same (IAM grammar: <string> or [<string>, ...]).
RC_GTEST_PROP(EvaluatorLaws, StringAndOneElementArrayMeanTheSame, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  bool before = decide(load_world(doc), r);
  for (const auto& ptr : policy_pointers())
    for (auto& s : doc[ptr]["Statement"])
      for (const char* key : {"Action", "NotAction", "Resource"}) {
        if (!s.contains(key)) continue;
        json& v = s[key];
        if (v.is_string())
          v = json::array({v});
        else if (v.is_array() && v.size() == 1)
          v = v[0];
      }
  RC_ASSERT(decide(load_world(doc), r) == before);
}

// A decision is the same after a parse/print round trip of every policy.
RC_GTEST_PROP(EvaluatorLaws, DecisionSurvivesPolicyRoundTrip, ()) {
  json doc = *gen_world_doc();
  Request r = *gen_request();
  bool before = decide(load_world(doc), r);
  for (const auto& ptr : policy_pointers()) {
    Diagnostics diags;
    bool resource_based = ptr.to_string().find("principals") == std::string::npos;
    PolicyKind kind = !resource_based                                     ? PolicyKind::kIdentity
                      : ptr.to_string().find("keys") != std::string::npos ? PolicyKind::kKeyPolicy
                                                                          : PolicyKind::kResource;
    Policy p = parse_policy(doc[ptr], "", kind, diags);
    RC_ASSERT(!diags.has_errors());
    json printed = to_json(p);
    Diagnostics again;
    Policy q = parse_policy(printed, "", kind, again);
    RC_ASSERT(q.statements.size() == p.statements.size());
    for (std::size_t i = 0; i < p.statements.size(); ++i)
      RC_ASSERT(p.statements[i].same_meaning(q.statements[i]));
    doc[ptr] = printed;
  }
  RC_ASSERT(decide(load_world(doc), r) == before);
}

// Anonymous callers never read an SSE-KMS object, whatever the policies (rule 88).
RC_GTEST_PROP(EvaluatorLaws, AnonymousNeverReadsSseKms, ()) {
  json doc = *gen_world_doc();
  RC_ASSERT(!decide(load_world(doc), Request{"anonymous", "s3:GetObject", kObjKms, {}, {}}));
}

}  // namespace
}  // namespace accesspath
