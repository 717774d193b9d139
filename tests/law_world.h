// Random small worlds and requests for the evaluator laws (RapidCheck).
//
// The world is fixed in shape (two accounts, a user, a role, an outsider, a
// bucket with an SSE-S3 and an SSE-KMS object, one customer key) so that
// generated statements name things that exist and therefore matter; the
// policies are random. Worlds are generated as scenario JSON so the laws also
// exercise the parser, and mutations (add a Deny, reorder, ...) act on JSON.
#pragma once

#include <rapidcheck.h>

#include <nlohmann/json.hpp>

#include "model/services/evaluator.h"
#include "model/world/scenario.h"

namespace accesspath::laws {

inline const char* kAccountA = "111111111111";
inline const char* kAccountB = "222222222222";
inline const char* kAlice = "arn:aws:iam::111111111111:user/alice";
inline const char* kRole = "arn:aws:iam::111111111111:role/app";
inline const char* kBob = "arn:aws:iam::222222222222:user/bob";
inline const char* kKey =
    "arn:aws:kms:us-east-1:111111111111:key/00000000-1111-2222-3333-444444444444";
inline const char* kBucket = "arn:aws:s3:::data";
inline const char* kObjKms = "arn:aws:s3:::data/kms.txt";
inline const char* kObjS3 = "arn:aws:s3:::data/plain.txt";

inline rc::Gen<nlohmann::json> gen_string_or_list(std::vector<std::string> vocabulary) {
  return rc::gen::mapcat(rc::gen::inRange<std::size_t>(1, 3), [vocabulary](std::size_t n) {
    return rc::gen::map(
        rc::gen::container<std::vector<std::string>>(n, rc::gen::elementOf(vocabulary)),
        [](std::vector<std::string> v) {
          return v.size() == 1 ? nlohmann::json(v.front()) : nlohmann::json(v);
        });
  });
}

inline rc::Gen<nlohmann::json> gen_condition() {
  using nlohmann::json;
  return rc::gen::elementOf(std::vector<json>{
      json::object(),
      json{{"Bool", {{"aws:SecureTransport", "true"}}}},
      json{{"StringEquals", {{"s3:x-amz-server-side-encryption", "aws:kms"}}}},
      json{{"StringNotEquals", {{"s3:x-amz-server-side-encryption", "aws:kms"}}}},
      json{{"StringEquals", {{"kms:ViaService", "s3.us-east-1.amazonaws.com"}}}},
      json{{"StringEquals", {{"kms:CallerAccount", kAccountA}}}},
      json{{"StringLike", {{"aws:PrincipalArn", "arn:aws:iam::111111111111:*"}}}},
      json{{"StringEqualsIfExists", {{"aws:username", "alice"}}}},
      json{{"Null", {{"s3:x-amz-server-side-encryption", "true"}}}},
  });
}

// One statement. `resource_based` adds a Principal.
inline rc::Gen<nlohmann::json> gen_statement(bool resource_based, bool key_policy) {
  using nlohmann::json;
  std::vector<std::string> actions = {"s3:GetObject", "s3:PutObject",        "s3:*",  "s3:Get*",
                                      "kms:Decrypt",  "kms:GenerateDataKey", "kms:*", "*",
                                      "s3:ListBucket"};
  std::vector<std::string> resources =
      key_policy ? std::vector<std::string>{"*", kKey}
                 : std::vector<std::string>{"*",     "arn:aws:s3:::data/*", kBucket, kKey,
                                            kObjKms, "arn:aws:s3:::data/k*"};
  std::vector<std::string> principals = {"*",    kAccountA, "arn:aws:iam::222222222222:root",
                                         kAlice, kRole,     kBob};
  return rc::gen::apply(
      [resource_based](bool allow, bool not_action, json action, json resource, json principal,
                       json condition) {
        json s = {{"Effect", allow ? "Allow" : "Deny"}};
        s[not_action ? "NotAction" : "Action"] = action;
        s["Resource"] = resource;
        if (resource_based)
          s["Principal"] = principal == "*" ? json("*") : json{{"AWS", principal}};
        if (!condition.empty()) s["Condition"] = condition;
        return s;
      },
      rc::gen::weightedElement<bool>({{3, true}, {1, false}}),
      rc::gen::weightedElement<bool>({{6, false}, {1, true}}), gen_string_or_list(actions),
      gen_string_or_list(resources), rc::gen::elementOf(principals), gen_condition());
}

inline rc::Gen<nlohmann::json> gen_policy(bool resource_based, bool key_policy) {
  return rc::gen::map(
      rc::gen::container<std::vector<nlohmann::json>>(gen_statement(resource_based, key_policy)),
      [](std::vector<nlohmann::json> statements) {
        return nlohmann::json{{"Version", "2012-10-17"}, {"Statement", statements}};
      });
}

inline nlohmann::json key_policy_base() {
  // Delegates to account A, so identity policies matter for KMS too.
  return nlohmann::json::parse(R"json({"Sid": "EnableIam", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"})json");
}

// A whole scenario document with random policies.
inline nlohmann::json world_skeleton() {
  return nlohmann::json::parse(R"json({
    "format": 1, "name": "law-world",
    "accounts": [{"id": "111111111111"}, {"id": "222222222222"}],
    "principals": [
      {"arn": "arn:aws:iam::111111111111:user/alice", "policies": []},
      {"arn": "arn:aws:iam::111111111111:role/app", "policies": [],
       "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}]}},
      {"arn": "arn:aws:iam::222222222222:user/bob", "policies": []}],
    "buckets": [{"name": "data", "account": "111111111111", "region": "us-east-1",
      "objects": [{"key": "kms.txt", "sse": "aws:kms",
                   "kms_key": "arn:aws:kms:us-east-1:111111111111:key/00000000-1111-2222-3333-444444444444"},
                  {"key": "plain.txt", "sse": "AES256"}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111111111111:key/00000000-1111-2222-3333-444444444444"}]
  })json");
}

inline rc::Gen<nlohmann::json> gen_world_doc() {
  using nlohmann::json;
  return rc::gen::apply(
      [](json alice, json role, json bob, json bucket_policy, json key_policy, bool delegate) {
        if (delegate) key_policy["Statement"].push_back(key_policy_base());
        json doc = world_skeleton();
        doc["principals"][0]["policies"].push_back(alice);
        doc["principals"][1]["policies"].push_back(role);
        doc["principals"][2]["policies"].push_back(bob);
        doc["buckets"][0]["policy"] = bucket_policy;
        doc["keys"][0]["policy"] = key_policy;
        return doc;
      },
      gen_policy(false, false), gen_policy(false, false), gen_policy(false, false),
      gen_policy(true, false), gen_policy(true, true), rc::gen::arbitrary<bool>());
}

inline rc::Gen<Request> gen_request() {
  return rc::gen::apply(
      [](std::string principal, int which, bool kms_headers) {
        Request r;
        r.principal = principal;
        switch (which) {
          case 0:
            r.action = "s3:GetObject";
            r.resource = kObjKms;
            break;
          case 1:
            r.action = "s3:GetObject";
            r.resource = kObjS3;
            break;
          case 2:
            r.action = "s3:PutObject";
            r.resource = "arn:aws:s3:::data/new.txt";
            break;
          case 3:
            r.action = "kms:Decrypt";
            r.resource = kKey;
            break;
          case 4:
            r.action = "s3:ListBucket";
            r.resource = kBucket;
            break;
          default:
            r.action = "sts:AssumeRole";
            r.resource = kRole;
            break;
        }
        if (kms_headers && r.action == "s3:PutObject") {
          r.headers["x-amz-server-side-encryption"] = "aws:kms";
          r.headers["x-amz-server-side-encryption-aws-kms-key-id"] = kKey;
        }
        return r;
      },
      rc::gen::elementOf(std::vector<std::string>{kAlice, kRole, kBob, "anonymous",
                                                  "arn:aws:iam::333333333333:user/eve"}),
      rc::gen::inRange(0, 6), rc::gen::arbitrary<bool>());
}

// All policy documents of a world document, as JSON pointers.
inline std::vector<nlohmann::json::json_pointer> policy_pointers() {
  using P = nlohmann::json::json_pointer;
  return {P("/principals/0/policies/0"), P("/principals/1/policies/0"),
          P("/principals/2/policies/0"), P("/buckets/0/policy"), P("/keys/0/policy")};
}

inline World load_world(const nlohmann::json& doc) {
  LoadResult r = load_scenario(doc, "generated.json");
  RC_ASSERT(r.scenario.has_value());
  return r.scenario->world;
}

inline bool decide(const World& w, const Request& r) {
  return evaluate(w, r, {.explain = false}).allowed;
}

}  // namespace accesspath::laws
