// A service answers aws:SecureTransport and the principal keys without filling the request
// context (early_context_answer, model/services/service_common.h): most policies read only
// those, and a policy variable such as `home/${aws:username}/*` reads one on every request.
// The early answer must be what the filled context holds, for every kind of requester.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/condition/context_observer.h"
#include "model/services/service_common.h"
#include "model/world/requester.h"
#include "tests/test_world.h"

namespace accesspath {
namespace {

using rules::make_world;

constexpr std::string_view kWorld = R"json({"format": 1, "name": "early answers",
  "accounts": [
    {"id": "111122223333", "organization": "o-a1b2c3d4e5",
     "ou_path": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"},
    {"id": "444455556666", "organization": "o-a1b2c3d4e5"},
    {"id": "777788889999"}],
  "principals": [
    {"arn": "arn:aws:iam::111122223333:user/alice", "tags": {"team": "data", "Level": "3"}},
    {"arn": "arn:aws:iam::111122223333:role/reader", "tags": {"team": "ops"},
     "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}},
    {"arn": "arn:aws:iam::444455556666:user/bob"},
    {"arn": "arn:aws:iam::777788889999:user/carol"}]})json";

// Every kind of requester the services meet: users and role sessions of accounts in an
// organization (with and without an OU path) and outside one, root, an undeclared account,
// anonymous, a service principal, a federated identity.
const std::vector<std::string> kPrincipals = {"arn:aws:iam::111122223333:user/alice",
                                              "arn:aws:iam::111122223333:role/reader",
                                              "arn:aws:sts::111122223333:assumed-role/reader/s1",
                                              "arn:aws:iam::444455556666:user/bob",
                                              "arn:aws:iam::777788889999:user/carol",
                                              "arn:aws:iam::111122223333:root",
                                              "arn:aws:iam::999999999999:user/outsider",
                                              "anonymous",
                                              "s3.amazonaws.com",
                                              "federated:cognito-identity.amazonaws.com"};

// Keys a policy may read: the filled context's own, in other cases, and principal keys a
// requester does not carry.
const std::vector<std::string> kProbes = {"aws:SecureTransport",
                                          "AWS:securetransport",
                                          "aws:username",
                                          "AWS:UserName",
                                          "aws:userid",
                                          "aws:PrincipalArn",
                                          "aws:PrincipalTag/team",
                                          "aws:principaltag/level",
                                          "aws:PrincipalOrgID",
                                          "aws:PrincipalOrgPaths",
                                          "aws:PrincipalType",
                                          "aws:PrincipalAccount",
                                          "aws:PrincipalIsAWSService",
                                          "aws:PrincipalServiceName",
                                          "aws:FederatedProvider",
                                          "aws:CurrentTime",
                                          "aws:SourceIp",
                                          "aws:p",
                                          "aws:",
                                          "s3:prefix"};

// An observer that watches and changes nothing: a proof over request contexts installs one.
class Watching final : public ContextObserver {
 public:
  bool is_free(std::string_view, KeyRole) const override { return true; }
  bool on_clause(const ConditionClause&, const ConditionContext&, bool result) override {
    return result;
  }
  void on_service_read(std::string_view, bool) override {}
  void on_unsupported(std::string) override {}
};

bool same(const ContextEntry& a, const ContextEntry& b) {
  return a.key == b.key && a.values == b.values && a.multivalued == b.multivalued;
}

TEST(EarlyContextAnswers, AreWhatTheFilledContextHoldsForEveryRequester) {
  World w = make_world(kWorld);
  const Request request{.principal = "",
                        .action = "s3:GetObject",
                        .resource = "arn:aws:s3:::bucket/key",
                        .headers = {},
                        .context = {}};
  std::size_t answered = 0;
  for (const std::string& principal : kPrincipals) {
    std::optional<Requester> who = resolve_requester(w, principal);
    ASSERT_TRUE(who) << principal;
    RequestContext filled;
    fill_base_context(filled, *who, request, "us-east-1", "111122223333",
                      w.find_account("111122223333"));
    // The filled context copies the keys built once; filled from the requester's fields it is
    // the same, key for key, and marks the same keys undescribed.
    Requester bare = *who;
    bare.principal_keys = nullptr;
    RequestContext computed;
    fill_base_context(computed, bare, request, "us-east-1", "111122223333",
                      w.find_account("111122223333"));
    ASSERT_EQ(filled.entries().size(), computed.entries().size()) << principal;
    for (std::size_t i = 0; i < filled.entries().size(); ++i)
      EXPECT_TRUE(same(filled.entries()[i], computed.entries()[i])) << principal;
    for (const char* key : {"aws:principalorgid", "aws:principalorgpaths", "aws:sourcearn"})
      EXPECT_EQ(filled.undescribed(key), computed.undescribed(key)) << principal << " " << key;
    std::vector<std::string> keys = kProbes;
    for (const ContextEntry& e : filled.entries()) keys.push_back(e.key);
    for (const std::string& key : keys) {
      const ContextEntry* early = early_context_answer(*who, request, key);
      if (!early) continue;  // the context is filled instead: nothing to compare
      ++answered;
      const ContextEntry* full = filled.find(key);
      ASSERT_NE(full, nullptr) << principal << " " << key << " answered early but not filled";
      EXPECT_TRUE(same(*early, *full)) << principal << " " << key;
    }
    // The principal keys themselves are answered early (else the shortcut would never be used).
    if (who->type == RequesterType::kUser) {
      EXPECT_NE(early_context_answer(*who, request, "aws:username"), nullptr) << principal;
    }
  }
  EXPECT_GT(answered, kPrincipals.size() * 3);
}

TEST(EarlyContextAnswers, AreNotGivenWhenTheRequestSetsAKeyOrAProofWatches) {
  World w = make_world(kWorld);
  std::optional<Requester> alice = resolve_requester(w, "arn:aws:iam::111122223333:user/alice");
  ASSERT_TRUE(alice);
  Request plain{.principal = alice->arn,
                .action = "s3:GetObject",
                .resource = "arn:aws:s3:::bucket/key",
                .headers = {},
                .context = {}};
  ASSERT_NE(early_context_answer(*alice, plain, "aws:username"), nullptr);
  // The request's own keys override what the services fill (rule 39's `false`, a username the
  // caller claims): only the filled context knows.
  Request overriding = plain;
  overriding.context["aws:SecureTransport"] = {"false"};
  EXPECT_EQ(early_context_answer(*alice, overriding, "aws:SecureTransport"), nullptr);
  EXPECT_EQ(early_context_answer(*alice, overriding, "aws:username"), nullptr);
  // A proof over request contexts must see every read go through the filled context, whose
  // keys it may vary.
  {
    Watching watching;
    ScopedContextObserver watch(watching);
    EXPECT_EQ(early_context_answer(*alice, plain, "aws:SecureTransport"), nullptr);
    EXPECT_EQ(early_context_answer(*alice, plain, "aws:username"), nullptr);
  }
  // A Requester made by other means than resolve_requester has no principal keys to answer from.
  Requester made = *alice;
  made.principal_keys = nullptr;
  EXPECT_EQ(early_context_answer(made, plain, "aws:username"), nullptr);
}

}  // namespace
}  // namespace accesspath
