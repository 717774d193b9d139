// Proofs over every request context (model/symbolic/): each condition operator's encoding on the
// keys the caller chooses, the realism rules that tie keys together, and the search itself.
// Tests are named after the AWS rule or page they check (model/SEMANTICS.md, "Request contexts").
#include <gtest/gtest.h>

#include <algorithm>

#include "model/services/evaluation_memo.h"
#include "model/services/evaluator.h"
#include "model/symbolic/context_search.h"
#include "model/symbolic/search_memo.h"
#include "test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kReader = "arn:aws:iam::111122223333:user/reader";
constexpr std::string_view kObject = "arn:aws:s3:::data-bucket/report.csv";

// A world where `reader` may read the bucket's SSE-S3 object only under `condition` (a JSON
// Condition element) in its identity policy; `bucket_statements` are added to the bucket policy.
std::string world_doc(std::string_view condition, std::string_view bucket_statements = "",
                      std::string_view effect = "Allow") {
  std::string doc = R"json({"format": 1, "name": "t",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/reader",
      "policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"
          CONDITION}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "POLICY" "objects": [{"key": "report.csv", "sse": "AES256"}]}]})json";
  std::string cond = condition.empty() ? "" : ", \"Condition\": " + std::string(condition);
  doc.replace(doc.find("CONDITION"), 9, cond);
  std::string policy;
  if (!bucket_statements.empty())
    policy = R"("policy": {"Version": "2012-10-17", "Statement": [)" +
             std::string(bucket_statements) + "]},";
  doc.replace(doc.find("\"POLICY\""), 8, policy);
  (void)effect;
  return doc;
}

ContextAnswer search(const World& w, std::string_view principal, bool want_allow,
                     Context context = {}, Headers headers = {}) {
  Request r = request(principal, "s3:GetObject", kObject, std::move(headers), std::move(context));
  auto who = resolve_requester(w, r.principal);
  EXPECT_TRUE(who.has_value());
  return search_contexts(w, *who, r, want_allow, {.now = 1796428800});  // 2026-12-05
}

// The witness is decided by the concrete evaluator itself.
void expect_witness_allows(const World& w, const ContextAnswer& a) {
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason;
  EXPECT_TRUE(evaluate(w, a.request).allowed) << describe_needs(a.needs);
}

TEST(SymbolicContexts, NoConditionNeedsNoSolver_FastPath) {
  World w = make_world(world_doc(""));
  ContextAnswer a = search(w, kReader, true);
  expect_witness_allows(w, a);
  EXPECT_FALSE(a.context_dependent);
  EXPECT_EQ(a.rounds, 1u);
}

TEST(SymbolicContexts, IpAddressAllowIsFoundFromInsideTheRange_GlobalKeysSourceIp) {
  World w = make_world(world_doc(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  ContextAnswer a = search(w, kReader, true);
  expect_witness_allows(w, a);
  EXPECT_TRUE(a.context_dependent);
  ASSERT_FALSE(a.needs.empty());
  EXPECT_EQ(a.needs[0].key, "aws:SourceIp");
  EXPECT_EQ(a.needs[0].value.rfind("203.0.113.", 0), 0u) << a.needs[0].value;
}

TEST(SymbolicContexts, IpAddressDenyOfEveryAddressHolds_GlobalKeysSourceIp) {
  // Allowed only from 203.0.113.0/24, denied from 203.0.0.0/16 by the bucket policy: never.
  World w = make_world(world_doc(
      R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
          "Condition": {"IpAddress": {"aws:SourceIp": "203.0.0.0/16"}}})"));
  ContextAnswer a = search(w, kReader, true);
  EXPECT_EQ(a.kind, ContextAnswer::Kind::kNever) << describe_needs(a.needs);
}

TEST(SymbolicContexts, SourceIpIsAbsentThroughAVpcEndpoint_GlobalKeysSourceIp) {
  // A deny of everything outside 203.0.113.0/24 written with NotIpAddress on aws:SourceIp does
  // not stop a request through a VPC endpoint (no aws:SourceIp: the negated operator is true...
  // so the deny applies). Written with IfExists it lets endpoint requests through.
  World strict = make_world(world_doc(
      "",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})"));
  ContextAnswer a = search(strict, kReader, true);
  expect_witness_allows(strict, a);
  EXPECT_EQ(a.needs[0].value.rfind("203.0.113.", 0), 0u);
  World lax = make_world(world_doc(
      "",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"},
                          "Null": {"aws:SourceVpce": "true"}}})"));
  ContextAnswer b = search(lax, kReader, true);
  expect_witness_allows(lax, b);
}

// The searches' own cache (while an evaluation memo is installed) answers only when the full key
// matches, not the digest alone: with every digest forced equal, a PutObject question must not
// get the answer of the GetObject question asked before it.
TEST(SymbolicContexts, RememberedAnswersNeedTheFullKeyNotOnlyTheDigest) {
  World w = make_world(world_doc(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  auto who = resolve_requester(w, std::string(kReader));
  ASSERT_TRUE(who.has_value());
  Request get = request(kReader, "s3:GetObject", kObject, {}, {});
  Request put = request(kReader, "s3:PutObject", kObject, {}, {});
  EvaluationMemo memo;
  memo.collide_digests_for_testing();
  ScopedEvaluationMemo use(memo);
  const ContextSearchOptions options{.now = 1796428800};
  EXPECT_EQ(search_contexts(w, *who, get, true, options).kind, ContextAnswer::Kind::kFound);
  EXPECT_EQ(search_contexts(w, *who, put, true, options).kind, ContextAnswer::Kind::kNever);
  EXPECT_EQ(search_contexts(w, *who, get, true, options).kind, ContextAnswer::Kind::kFound);
}

TEST(SymbolicContexts, SolverBudgetSpentIsUndecidedNotNever_NeverAGuess) {
  // The solver's budget is counted in its own steps (the same on every machine): one step per
  // call cannot decide an address range, and the answer says so instead of "never". (The memo
  // of earlier searches would give the answer without the solver.)
  SearchMemo::of_this_thread().clear();
  World w = make_world(world_doc(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  Request r = request(kReader, "s3:GetObject", kObject);
  auto who = resolve_requester(w, r.principal);
  ASSERT_TRUE(who.has_value());
  ContextAnswer starved =
      search_contexts(w, *who, r, true, {.now = 1796428800, .solver_budget = 1});
  EXPECT_EQ(starved.kind, ContextAnswer::Kind::kUnknown);
  EXPECT_NE(starved.reason.find("budget of 1 steps"), std::string::npos) << starved.reason;
  // The default budget decides it, and twice the same way.
  ContextAnswer first = search_contexts(w, *who, r, true, {.now = 1796428800});
  ContextAnswer again = search_contexts(w, *who, r, true, {.now = 1796428800});
  ASSERT_EQ(first.kind, ContextAnswer::Kind::kFound) << first.reason;
  EXPECT_EQ(first.request, again.request);
}

TEST(SymbolicContexts, RefererLimitedPublicReadIsReadByAnyone_GlobalKeysReferer) {
  World w = make_world(world_doc(
      "",
      R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"StringLike": {"aws:Referer": ["https://www.example.com/*"]}}})"));
  ContextAnswer a = search(w, "anonymous", true);
  expect_witness_allows(w, a);
  ASSERT_FALSE(a.needs.empty());
  EXPECT_EQ(a.needs[0].key, "aws:Referer");
  EXPECT_EQ(a.needs[0].value.rfind("https://www.example.com/", 0), 0u) << a.needs[0].value;
}

TEST(SymbolicContexts, VpceFenceAllowsThroughTheEndpoint_GlobalKeysSourceVpce) {
  World w = make_world(world_doc(
      "",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})"));
  ContextAnswer a = search(w, kReader, true);
  expect_witness_allows(w, a);
  EXPECT_EQ(a.request.context.at("aws:sourcevpce").front(), "vpce-1a2b3c4d");
  // Through the endpoint there is no aws:SourceIp (IAM: aws:SourceIp).
  EXPECT_EQ(a.request.context.count("aws:sourceip"), 0u);
}

TEST(SymbolicContexts, MfaAgeOnlyWithMfa_GlobalKeysMultiFactorAuthAge) {
  World w = make_world(world_doc(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})"));
  ContextAnswer a = search(w, kReader, true);
  expect_witness_allows(w, a);
  EXPECT_EQ(a.request.context.at("aws:multifactorauthpresent").front(), "true");
}

TEST(SymbolicContexts, TimeDoesNotRunBackwards_GlobalKeysCurrentTime) {
  // Readable only before 2026-01-01: never, from an analysis date of 2026-12-05.
  World before =
      make_world(world_doc(R"({"DateLessThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}})"));
  EXPECT_EQ(search(before, kReader, true).kind, ContextAnswer::Kind::kNever);
  // Readable from 2027 on: yes, at some time from then.
  World after =
      make_world(world_doc(R"({"DateGreaterThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}})"));
  ContextAnswer a = search(after, kReader, true);
  expect_witness_allows(after, a);
  EXPECT_GT(a.request.context.at("aws:currenttime").front(), "2027-01-01T00:00:00Z");
}

TEST(SymbolicContexts, EpochTimeIsCurrentTime_GlobalKeysEpochTime) {
  // Both keys read one instant: a window one key opens, the other closes, is empty.
  World w = make_world(world_doc(R"({"DateGreaterThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"},
                                    "NumericLessThan": {"aws:EpochTime": "1798761600"}})"));
  EXPECT_EQ(search(w, kReader, true).kind, ContextAnswer::Kind::kNever);  // 1798761600 = 2027-01-01
}

TEST(SymbolicContexts, UserAgentLikeWithIgnoreCase_ConditionOperatorsString) {
  World w =
      make_world(world_doc(R"({"StringEqualsIgnoreCase": {"aws:UserAgent": "ReportBot/1.0"}})"));
  ContextAnswer a = search(w, kReader, true);
  expect_witness_allows(w, a);
}

TEST(SymbolicContexts, SecureTransportDenyIsLiftedOverHttps_GlobalKeysSecureTransport) {
  World w = make_world(world_doc(
      "",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}})"));
  ContextAnswer allowed = search(w, kReader, true);
  expect_witness_allows(w, allowed);
  // And the other way: some context is denied (plain HTTP).
  ContextAnswer denied = search(w, kReader, false);
  ASSERT_EQ(denied.kind, ContextAnswer::Kind::kFound) << denied.reason;
  EXPECT_FALSE(evaluate(w, denied.request).allowed);
  EXPECT_EQ(denied.request.context.at("aws:securetransport").front(), "false");
}

TEST(SymbolicContexts, NoAllowAnywhereNeedsNoSolver_PolicyEvaluationLogic) {
  // A fence deny reads aws:SourceVpce, but the contractor has no allow at all: even with every
  // condition on a free key the most favourable way the request is denied, so no context allows
  // it, and that is settled without a solver.
  World w = make_world(world_doc(
      "",
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})"));
  ContextAnswer a = search(w, "arn:aws:iam::111122223333:user/contractor", true);
  EXPECT_EQ(a.kind, ContextAnswer::Kind::kNever);
  EXPECT_TRUE(a.context_dependent);
  EXPECT_EQ(a.rounds, 1u);
}

// Two readers behind the bucket's VPC endpoint fence; `careful` also denies itself that very
// endpoint, so it reads from nowhere.
constexpr std::string_view kFencedWorld = R"json({"format": 1, "name": "t",
  "accounts": [{"id": "111122223333"}],
  "principals": [
    {"arn": "arn:aws:iam::111122223333:user/reader", "policies": [{"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
    {"arn": "arn:aws:iam::111122223333:user/careful", "policies": [{"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
         "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}]}],
  "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
      "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
      "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]},
    "objects": [{"key": "report.csv", "sse": "AES256"}]}]})json";

TEST(SymbolicContexts, RememberedContextIsOnlyAHint_PolicyEvaluationLogic) {
  // The fence gives both searches the same first solver round. The reader's witness is
  // remembered; for `careful` it is tried, denied by its own deny, and the search goes on to
  // "never" without remembering that for the signature: the reader still reads afterwards.
  SearchMemo::of_this_thread().clear();
  World w = make_world(std::string(kFencedWorld));
  const std::size_t hits = SearchMemo::of_this_thread().hits();
  expect_witness_allows(w, search(w, kReader, true));
  EXPECT_EQ(search(w, "arn:aws:iam::111122223333:user/careful", true).kind,
            ContextAnswer::Kind::kNever);
  EXPECT_EQ(SearchMemo::of_this_thread().hits(), hits + 1);
  ContextAnswer again = search(w, kReader, true);
  expect_witness_allows(w, again);
  EXPECT_EQ(again.needs.at(0).value, "vpce-1a2b3c4d");
}

TEST(SymbolicContexts, RememberedRoundsReplayTheSameSearch_PolicyEvaluationLogic) {
  // `careful` needs two rounds: the fence asks for the endpoint, its own deny then refuses it;
  // the solver's second answer is "unsat". A second search meets both rounds' signatures and
  // needs no solver (two memo hits), with the same answer; the reader, whose first round is the
  // same, is given the remembered next context and reads (the concrete evaluator decides it).
  SearchMemo::of_this_thread().clear();
  World w = make_world(std::string(kFencedWorld));
  constexpr std::string_view kCareful = "arn:aws:iam::111122223333:user/careful";
  EXPECT_EQ(search(w, kCareful, true).kind, ContextAnswer::Kind::kNever);
  const std::size_t hits = SearchMemo::of_this_thread().hits();
  ContextAnswer again = search(w, kCareful, true);
  EXPECT_EQ(again.kind, ContextAnswer::Kind::kNever);
  EXPECT_EQ(again.rounds, 2u);
  EXPECT_EQ(SearchMemo::of_this_thread().hits(), hits + 2);
  expect_witness_allows(w, search(w, kReader, true));
  EXPECT_EQ(SearchMemo::of_this_thread().hits(), hits + 3);
}

TEST(SymbolicContexts, RememberedNeverNeedsTheSameClauses_PolicyEvaluationLogic) {
  // A grant that expired before the analysis date: time does not run backwards, so no request
  // is ever allowed, as the solver's first answer says. The second search with the same clause
  // is answered from the memo; a grant with another date is a new signature.
  SearchMemo::of_this_thread().clear();
  auto until = [](std::string_view date) {
    return R"({"DateLessThan": {"aws:CurrentTime": ")" + std::string(date) + R"("}})";
  };
  World w = make_world(world_doc(until("2020-01-01T00:00:00Z")));
  EXPECT_EQ(search(w, kReader, true).kind, ContextAnswer::Kind::kNever);
  const std::size_t hits = SearchMemo::of_this_thread().hits();
  EXPECT_EQ(search(w, kReader, true).kind, ContextAnswer::Kind::kNever);
  EXPECT_EQ(SearchMemo::of_this_thread().hits(), hits + 1);
  World other = make_world(world_doc(until("2021-01-01T00:00:00Z")));
  EXPECT_EQ(search(other, kReader, true).kind, ContextAnswer::Kind::kNever);
  EXPECT_EQ(SearchMemo::of_this_thread().hits(), hits + 1);
  // The memo never says "never" where the clause's own date allows: a later grant is found.
  World later = make_world(world_doc(until("2030-01-01T00:00:00Z")));
  expect_witness_allows(later, search(later, kReader, true));
}

TEST(SymbolicContexts, PinnedContextIsNotVaried_ScenarioFormatInvariants) {
  World w = make_world(world_doc(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  EXPECT_EQ(search(w, kReader, true, {{"aws:SourceIp", {"198.51.100.1"}}}).kind,
            ContextAnswer::Kind::kNever);
}

TEST(SymbolicContexts, VariableNamingAFreeKeyIsUndecided_NeverAGuess) {
  World w = make_world(world_doc(R"({"StringEquals": {"aws:username": "${aws:UserAgent}"}})"));
  ContextAnswer a = search(w, kReader, true);
  EXPECT_EQ(a.kind, ContextAnswer::Kind::kUnknown);
  EXPECT_NE(a.reason.find("aws:UserAgent"), std::string::npos) << a.reason;
}

// A world where `reader` may do `action` on anything under `condition` (its identity policy), with
// one key whose policy delegates to the account, and `deny` (a whole statement) added to the same
// identity policy.
World any_action_world(std::string_view action, std::string_view condition,
                       std::string_view deny = "") {
  std::string doc = R"json({"format": 1, "name": "t",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/reader",
      "policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ACTION", "Resource": "*" CONDITION} DENY]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "objects": [{"key": "report.csv", "sse": "AES256"}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1",
      "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}}]})json";
  doc.replace(doc.find("ACTION"), 6, action);
  doc.replace(doc.find("CONDITION"), 9,
              condition.empty() ? "" : ", \"Condition\": " + std::string(condition));
  doc.replace(doc.find("DENY"), 4, deny.empty() ? "" : ", " + std::string(deny));
  return make_world(doc);
}

constexpr std::string_view kKey = "arn:aws:kms:us-east-1:111122223333:key/k1";
constexpr std::string_view kNewObject = "arn:aws:s3:::data-bucket/new.csv";

ContextAnswer search_action(const World& w, std::string_view action, std::string_view resource,
                            bool want_allow = true, Context context = {}) {
  Request r = request(kReader, action, resource, {}, std::move(context));
  auto who = resolve_requester(w, r.principal);
  EXPECT_TRUE(who.has_value());
  return search_contexts(w, *who, r, want_allow, {.now = 1796428800});  // 2026-12-05
}

const std::vector<std::string>& values_of(const ContextAnswer& a, const std::string& key) {
  static const std::vector<std::string> none;
  auto it = a.request.context.find(key);
  return it == a.request.context.end() ? none : it->second;
}

TEST(SymbolicContexts, RequestTagsOnlyInRequestsThatPassTags_GlobalKeysTagKeys) {
  // Service Authorization Reference: s3:GetObject lists no request-tag key, so no request
  // context carries aws:TagKeys there and an Allow that needs one never applies.
  World w = make_world(world_doc(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}})"));
  EXPECT_EQ(search(w, kReader, true).kind, ContextAnswer::Kind::kNever);
}

TEST(SymbolicContexts, RequestTagAndTagKeysComeFromTheSameTags_GlobalKeysRequestTag) {
  // kms:TagResource passes tags: a request tagging team=data (and nothing else) is allowed.
  World w = any_action_world("kms:TagResource",
                             R"({"StringEquals": {"aws:RequestTag/team": "data"},
                                 "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}})");
  ContextAnswer a = search_action(w, "kms:TagResource", kKey);
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason;
  EXPECT_TRUE(evaluate(w, a.request).allowed);
  EXPECT_EQ(values_of(a, "aws:requesttag/team"), std::vector<std::string>{"data"});
  // The request that carries aws:RequestTag/team lists `team` among its tag keys.
  const auto& keys = values_of(a, "aws:tagkeys");
  EXPECT_NE(std::find(keys.begin(), keys.end(), "team"), keys.end());
  for (const auto& k : keys) EXPECT_TRUE(k == "team" || k == "env") << k;
}

TEST(SymbolicContexts, ForAllValuesOnTagKeysIsTrueWithoutTags_MultivaluedRule42) {
  // A deny of any tag key other than `team` (ForAnyValue:StringNotEquals) leaves a request with
  // only `team`, or with no tags at all: the search finds one, the deny does not apply.
  World w = any_action_world("kms:TagResource", "",
                             R"({"Effect": "Deny", "Action": "kms:TagResource", "Resource": "*",
          "Condition": {"ForAnyValue:StringNotEquals": {"aws:TagKeys": "team"}}})");
  ContextAnswer a = search_action(w, "kms:TagResource", kKey);
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason;
  EXPECT_TRUE(evaluate(w, a.request).allowed);
  for (const auto& k : values_of(a, "aws:tagkeys")) EXPECT_EQ(k, "team");
  // And a request with another key is denied in every context where it carries it.
  ContextAnswer pinned =
      search_action(w, "kms:TagResource", kKey, true, {{"aws:TagKeys", {"team", "owner"}}});
  EXPECT_EQ(pinned.kind, ContextAnswer::Kind::kNever);
}

TEST(SymbolicContexts, ContradictoryClausesOnTagKeysNeverAllow_MultivaluedRule43) {
  // Some tag key is `secret` (ForAnyValue) and no tag key is `secret` (ForAllValues NotEquals).
  World w = any_action_world("kms:TagResource",
                             R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "secret"},
                                 "ForAllValues:StringNotEquals": {"aws:TagKeys": "secret"}})");
  ContextAnswer a = search_action(w, "kms:TagResource", kKey);
  EXPECT_EQ(a.kind, ContextAnswer::Kind::kNever) << a.reason << describe_needs(a.needs);
}

TEST(SymbolicContexts, PlainOperatorOnSeveralValuesMatchesNone_MultivaluedRule44) {
  // A plain StringEquals on the object's tag keys matches a request with exactly that one key
  // (condition_eval.cpp's reading of rule 44): the witness has one tag key.
  World w = any_action_world("s3:PutObject",
                             R"({"StringEquals": {"s3:RequestObjectTagKeys": "classification",
                                                  "s3:RequestObjectTag/classification": "public"}})");
  ContextAnswer a = search_action(w, "s3:PutObject", kNewObject);
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason << " after " << a.rounds;
  EXPECT_TRUE(evaluate(w, a.request).allowed);
  EXPECT_EQ(values_of(a, "s3:requestobjecttagkeys"), std::vector<std::string>{"classification"});
  EXPECT_EQ(values_of(a, "s3:requestobjecttag/classification"), std::vector<std::string>{"public"});
  // Pinned to two keys, the plain operator never matches.
  EXPECT_EQ(search_action(w, "s3:PutObject", kNewObject, true,
                          {{"s3:RequestObjectTagKeys", {"classification", "owner"}}})
                .kind,
            ContextAnswer::Kind::kNever);
}

TEST(SymbolicContexts, EncryptionContextKeysOnDirectKmsCalls_KmsEncryptionContextKeys) {
  // A direct Decrypt whose encryption context must be exactly {app: payroll}.
  World w = any_action_world("kms:Decrypt",
                             R"({"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": "app"},
                                 "ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "app"},
                                 "StringEquals": {"kms:EncryptionContext:app": "payroll"}})");
  ContextAnswer a = search_action(w, "kms:Decrypt", kKey);
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason;
  EXPECT_TRUE(evaluate(w, a.request).allowed);
  EXPECT_EQ(values_of(a, "kms:encryptioncontextkeys"), std::vector<std::string>{"app"});
  EXPECT_EQ(values_of(a, "kms:encryptioncontext:app"), std::vector<std::string>{"payroll"});
}

TEST(SymbolicContexts, ManyClausesOnOneSetBeyondTheBoundAreUndecided_NeverAGuess) {
  // Seven clauses that each need another tag key (the deny: unless some key is g): met by a
  // request with seven tags, more than the bounded sets hold. Whichever path the search takes, it
  // must end undecided, never "never".
  World w = any_action_world("kms:TagResource",
                             R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"},
                                 "ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "b"},
                                 "ForAnyValue:StringEqualsIgnoreCase": {"aws:TagKeys": "c"},
                                 "ForAnyValue:StringEqualsIgnoreCaseIfExists": {"aws:TagKeys": "d"},
                                 "ForAnyValue:StringLike": {"aws:TagKeys": "e"},
                                 "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "f"}})",
                             R"({"Effect": "Deny", "Action": "kms:TagResource", "Resource": "*",
                                 "Condition": {"ForAllValues:StringNotEquals": {"aws:TagKeys": "g"}}})");
  ContextAnswer a = search_action(w, "kms:TagResource", kKey);
  ASSERT_NE(a.kind, ContextAnswer::Kind::kNever) << a.rounds;
  if (a.kind == ContextAnswer::Kind::kFound) {
    EXPECT_TRUE(evaluate(w, a.request).allowed);
  } else {
    EXPECT_NE(a.reason.find("aws:tagkeys"), std::string::npos) << a.reason;
  }
}

TEST(SymbolicContexts, RetainUntilDateIsTheCallersChoice_S3ObjectLockRetainUntilDate) {
  World w = any_action_world(
      "s3:PutObject",
      R"({"DateGreaterThan": {"s3:object-lock-retain-until-date": "2030-01-01T00:00:00Z"}})");
  ContextAnswer a = search_action(w, "s3:PutObject", kNewObject);
  ASSERT_EQ(a.kind, ContextAnswer::Kind::kFound) << a.reason;
  EXPECT_TRUE(evaluate(w, a.request).allowed);
  ASSERT_EQ(values_of(a, "s3:object-lock-retain-until-date").size(), 1u);
  EXPECT_GT(values_of(a, "s3:object-lock-retain-until-date").front(), "2030-01-01T00:00:00Z");
}

}  // namespace
}  // namespace accesspath::rules
