// denied_to_everyone (model/analysis/denied_to_everyone.h): the shortcut that spares the
// written-objects search from asking every writer about every key of the Region. It must never
// say "denied" of a request some caller could make: the law below checks it against the context
// search for every principal of random worlds.
#include "model/analysis/denied_to_everyone.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/analysis/invariant_targets.h"
#include "model/symbolic/some_context.h"
#include "model/world/considered_principals.h"
#include "properties/generators_world.h"
#include "properties/laws.h"
#include "tests/test_world.h"

namespace accesspath {
namespace {

using rules::make_world;
using rules::replace;

constexpr const char* kTeamKey = "arn:aws:kms:us-east-1:111122223333:key/team";
constexpr const char* kOtherKey = "arn:aws:kms:us-east-1:111122223333:key/other";
constexpr const char* kNewObject = "arn:aws:s3:::data-bucket/new.csv";

// A bucket that requires its team's key, as S3's documentation shows (a Deny for everyone on
// the key-id header), and denies plain HTTP (a key the caller chooses).
std::string team_key_world() {
  return R"json({
    "format": 1, "name": "team-key",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"],
                                               "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/team"},
             {"arn": "arn:aws:kms:us-east-1:111122223333:key/other"}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "RequireTeamKey", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
                                            "arn:aws:kms:us-east-1:111122223333:key/team"}}},
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]
  })json";
}

Request put(std::map<std::string, std::string> headers, std::string resource = kNewObject) {
  return Request{"", "s3:PutObject", std::move(resource), std::move(headers), {}};
}

std::map<std::string, std::string> kms_with(const char* key) {
  return {{"x-amz-server-side-encryption", "aws:kms"},
          {"x-amz-server-side-encryption-aws-kms-key-id", key}};
}

const Bucket& data_bucket(const World& w) {
  return *w.find_bucket("data-bucket");
}

// IAM: policy evaluation logic (rule 47): an explicit Deny ends the evaluation, and a statement
// for "*" whose condition reads only headers the request sends applies to every caller.
TEST(DeniedToEveryone, ExplicitDenyOnSentHeadersDeniesEveryCaller_Rule47) {
  World w = make_world(team_key_world());
  EXPECT_TRUE(denied_to_everyone(data_bucket(w), put(kms_with(kOtherKey))));
  EXPECT_FALSE(denied_to_everyone(data_bucket(w), put(kms_with(kTeamKey))));
}

// S3 condition keys come from the headers (rule 87): a header the request does not send is one
// the caller may still add, so nothing is certain about it.
TEST(DeniedToEveryone, AHeaderNotSentIsNotCertain_Rule87) {
  World w = make_world(team_key_world());
  EXPECT_FALSE(denied_to_everyone(data_bucket(w), put({})));
  EXPECT_FALSE(
      denied_to_everyone(data_bucket(w), put({{"x-amz-server-side-encryption", "aws:kms"}})));
}

TEST(DeniedToEveryone, AKeyTheCallerChoosesIsNotCertain) {
  // Only the transport Deny left: aws:SecureTransport is the caller's choice.
  World w = make_world(replace(team_key_world(), "s3:x-amz-server-side-encryption-aws-kms-key-id",
                               "aws:SourceVpce"));
  EXPECT_FALSE(denied_to_everyone(data_bucket(w), put(kms_with(kOtherKey))));
}

TEST(DeniedToEveryone, AnUnconditionalDenyForEveryoneIsCertain_Rule47) {
  World bare = make_world(replace(team_key_world(), R"(,
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
                                            "arn:aws:kms:us-east-1:111122223333:key/team"}}})",
                                  "}"));
  EXPECT_TRUE(denied_to_everyone(data_bucket(bare), put(kms_with(kTeamKey))));
  EXPECT_TRUE(denied_to_everyone(data_bucket(bare), put({})));
}

TEST(DeniedToEveryone, ADenyForSomePrincipalsIsNotCertain_Rule19) {
  World named = make_world(replace(
      team_key_world(), R"("Sid": "RequireTeamKey", "Effect": "Deny", "Principal": "*")",
      R"("Sid": "RequireTeamKey", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_FALSE(denied_to_everyone(data_bucket(named), put(kms_with(kOtherKey))));
  World not_principal = make_world(replace(
      team_key_world(), R"("Sid": "RequireTeamKey", "Effect": "Deny", "Principal": "*")",
      R"("Sid": "RequireTeamKey", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"})"));
  EXPECT_FALSE(denied_to_everyone(data_bucket(not_principal), put(kms_with(kOtherKey))));
}

TEST(DeniedToEveryone, OnlyTheActionsAndObjectsTheStatementCovers_Rules4_8) {
  World w = make_world(team_key_world());
  Request get = put(kms_with(kOtherKey));
  get.action = "s3:GetObject";
  EXPECT_FALSE(denied_to_everyone(data_bucket(w), get));
  World reports = make_world(replace(team_key_world(), R"("Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"StringNotEquals")",
                                     R"("Resource": "arn:aws:s3:::data-bucket/reports/*",
         "Condition": {"StringNotEquals")"));
  EXPECT_FALSE(denied_to_everyone(data_bucket(reports), put(kms_with(kOtherKey))));
  EXPECT_TRUE(denied_to_everyone(data_bucket(reports),
                                 put(kms_with(kOtherKey), "arn:aws:s3:::data-bucket/reports/q1")));
}

TEST(DeniedToEveryone, PolicyVariablesAndContextOverridesAreNotCertain_Rule14) {
  World vars =
      make_world(replace(team_key_world(), R"("arn:aws:kms:us-east-1:111122223333:key/team"}}})",
                         R"("arn:aws:kms:us-east-1:111122223333:key/${aws:username}"}}})"));
  EXPECT_FALSE(denied_to_everyone(data_bucket(vars), put(kms_with(kOtherKey))));
  World w = make_world(team_key_world());
  Request overridden = put(kms_with(kOtherKey));
  overridden.context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = {kTeamKey};
  EXPECT_FALSE(denied_to_everyone(data_bucket(w), overridden));
}

// A Deny for everyone on the encryption headers, as teams write them (random operator, key and
// value), added to a bucket policy of a random world: most of the law's cases then meet one.
rc::Gen<nlohmann::json> gen_header_deny(const std::string& bucket,
                                        std::vector<std::string> key_arns,
                                        const std::string& account) {
  using nlohmann::json;
  std::vector<std::string> values = {"aws:kms", "AES256", "arn:aws:kms:*"};
  values.insert(values.end(), key_arns.begin(), key_arns.end());
  return rc::gen::apply(
      [bucket](std::string op, std::string key, std::string value, json principal,
               std::string action, std::string resource) {
        if (op == "Null") value = value.size() % 2 ? "true" : "false";
        return json{{"Effect", "Deny"},
                    {"Principal", principal},
                    {"Action", action},
                    {"Resource", "arn:aws:s3:::" + bucket + resource},
                    {"Condition", {{op, {{key, value}}}}}};
      },
      rc::gen::elementOf(
          std::vector<std::string>{"StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
                                   "StringEqualsIfExists", "StringNotEqualsIfExists", "Null",
                                   "ForAnyValue:StringEquals", "ForAllValues:StringNotEquals"}),
      rc::gen::elementOf(std::vector<std::string>{
          "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id",
          "s3:x-amz-server-side-encryption-customer-algorithm"}),
      rc::gen::elementOf(values),
      rc::gen::elementOf(std::vector<json>{json("*"), json{{"AWS", "*"}}, json{{"AWS", account}}}),
      rc::gen::elementOf(std::vector<std::string>{"s3:PutObject", "s3:Put*", "s3:*", "*"}),
      rc::gen::elementOf(std::vector<std::string>{"/*", "/new*", "/other/*"}));
}

// The law: whenever the shortcut says "denied to everyone", no principal of the world (declared,
// anonymous, outsiders) is allowed the request in any request context.
RC_GTEST_PROP(DeniedToEveryoneLaws, NoCallerIsAllowedWhatTheShortcutDenies, ()) {
  properties::WorldDoc doc = *properties::gen_world_doc();
  std::vector<std::string> key_arns;
  if (doc.doc.contains("keys"))
    for (const auto& k : doc.doc["keys"])
      if (k.contains("arn")) key_arns.push_back(k["arn"].get<std::string>());
  if (doc.doc.contains("buckets"))
    for (auto& b : doc.doc["buckets"]) {
      if (!*rc::gen::arbitrary<bool>()) continue;
      auto deny = *gen_header_deny(b["name"].get<std::string>(), key_arns,
                                   doc.doc["accounts"][0]["id"].get<std::string>());
      if (!b.contains("policy"))
        b["policy"] = {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array()}};
      auto& statements = b["policy"]["Statement"];
      if (statements.is_object()) statements = nlohmann::json::array({statements});
      statements.push_back(std::move(deny));
      // Without the Deny, anyone may write: the Deny decides, so a wrong "denied" is caught.
      statements.push_back({{"Effect", "Allow"},
                            {"Principal", "*"},
                            {"Action", "s3:PutObject"},
                            {"Resource", "arn:aws:s3:::" + b["name"].get<std::string>() + "/*"}});
    }
  World w = properties::load_or_throw(doc.doc);
  std::size_t denied = 0;
  for (const Bucket& b : w.buckets) {
    for (const auto& headers : invariant_targets::header_variants(w, b)) {
      Request request{"", "s3:PutObject", "arn:aws:s3:::" + b.name + "/new", headers, {}};
      if (!denied_to_everyone(b, request)) continue;
      ++denied;
      for (const auto& principal : considered_principals(w)) {
        auto who = resolve_requester(w, principal);
        if (!who) continue;
        request.principal = principal;
        UndecidedLog ignored;
        ScopedUndecidedLog use(ignored);
        RC_ASSERT(!allowed_in_some_context(w, *who, request).has_value());
      }
    }
  }
  RC_CLASSIFY(denied > 0, "some variant denied to everyone");
}

}  // namespace
}  // namespace accesspath
