#include "properties/generators_request.h"

#include "properties/generators_conditions_extended.h"
#include "properties/generators_core.h"
#include "properties/generators_names.h"

namespace accesspath::properties {
namespace {

using Headers = std::map<std::string, std::string>;
using Strings = std::vector<std::string>;

Headers ssec_headers() {
  return {{s3_headers::kSseCAlgorithm, "AES256"},
          {s3_headers::kSseCKey, "a2V5"},
          {s3_headers::kSseCKeyMd5, "bWQ1"}};
}

// Headers of a GET: usually none; sometimes SSE-C headers, sometimes (wrongly) an SSE header.
rc::Gen<Headers> gen_get_headers() {
  return pick_weighted<Headers>({{8, {}},
                                 {2, ssec_headers()},
                                 {1, {{s3_headers::kSse, "aws:kms"}}},
                                 {1, {{s3_headers::kSseCAlgorithm, "AES256"}}}});
}

// Headers of a PUT: every combination of SSE-S3, SSE-KMS (with and without a key, by ARN, id or
// alias), bucket keys, SSE-C (complete or not) and invalid mixes.
rc::Gen<Headers> gen_put_headers(const Vocabulary& v, const GenSettings& s) {
  Strings key_refs = v.keys;
  for (const auto& k : v.customer_keys) key_refs.push_back(last_segment(k));
  for (const auto& a : v.key_aliases) {
    key_refs.push_back(a);
    key_refs.push_back(a.substr(a.find(":alias/") + 1));
  }
  key_refs.push_back("alias/aws/s3");
  auto with_key = rc::gen::apply(
      [](std::string key, bool bucket_key) {
        Headers h = {{s3_headers::kSse, "aws:kms"}, {s3_headers::kSseKmsKeyId, key}};
        if (bucket_key) h[s3_headers::kSseBucketKey] = "true";
        return h;
      },
      one_of_weighted<std::string>({{6, pick(key_refs)}, {1, gen_arn(v, ArnKind::kKey, s)}}),
      chance(20));
  return one_of_weighted<Headers>(
      {{6, rc::gen::just(Headers{})},
       {2, rc::gen::just(Headers{{s3_headers::kSse, "AES256"}})},
       {2, rc::gen::just(Headers{{s3_headers::kSse, "aws:kms"}})},
       {4, with_key},
       {2, rc::gen::just(ssec_headers())},
       {1, pick<Headers>({{{s3_headers::kSseCAlgorithm, "AES256"}},
                          {{s3_headers::kSseKmsKeyId, "alias/aws/s3"}},
                          {{s3_headers::kSse, "AES256"}, {s3_headers::kSseCAlgorithm, "AES256"}},
                          {{s3_headers::kSse, "aws:kms"}, {s3_headers::kSseBucketKey, "false"}},
                          {{s3_headers::kSse, "bogus"}}})}});
}

Request make(std::string principal, std::string action, std::string resource, Headers h = {}) {
  Request r;
  r.principal = std::move(principal);
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.headers = std::move(h);
  return r;
}

rc::Gen<Request> gen_s3_read(const Vocabulary& v, const GenSettings& s) {
  return rc::gen::apply(
      [](std::string who, std::string action, std::string object, Headers h) {
        return make(who, action, object, h);
      },
      gen_requester(v, s),
      pick_weighted<std::string>({{6, "s3:GetObject"}, {1, "s3:GetObjectVersion"}}),
      gen_arn(v, ArnKind::kObject, s), gen_get_headers());
}

rc::Gen<Request> gen_s3_write(const Vocabulary& v, const GenSettings& s) {
  return rc::gen::apply([](std::string who, std::string object,
                           Headers h) { return make(who, "s3:PutObject", object, h); },
                        gen_requester(v, s), gen_arn(v, ArnKind::kObject, s),
                        gen_put_headers(v, s));
}

rc::Gen<Request> gen_s3_other(const Vocabulary& v, const GenSettings& s) {
  return one_of_weighted<Request>(
      {{8, rc::gen::apply(
               [](std::string who, std::string action, std::string bucket) {
                 return make(who, action, bucket);
               },
               gen_requester(v, s),
               pick<std::string>({"s3:ListBucket", "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                                  "s3:DeleteBucketPolicy", "s3:PutEncryptionConfiguration"}),
               gen_arn(v, ArnKind::kBucket, s))},
       {4, rc::gen::apply([](std::string who,
                             std::string object) { return make(who, "s3:DeleteObject", object); },
                          gen_requester(v, s), gen_arn(v, ArnKind::kObject, s))},
       // An object action on a bucket ARN: S3 refuses it.
       {1, rc::gen::apply([](std::string who,
                             std::string bucket) { return make(who, "s3:GetObject", bucket); },
                          gen_requester(v, s), gen_arn(v, ArnKind::kBucket, s))}});
}

rc::Gen<Request> gen_kms(const Vocabulary& v, const GenSettings& s) {
  Strings contexts = v.objects;
  for (const auto& b : v.buckets) contexts.push_back("arn:aws:s3:::" + b);
  if (contexts.empty()) contexts.push_back("arn:aws:s3:::ghost-bucket");
  auto context = one_of_weighted<std::map<std::string, std::vector<std::string>>>(
      {{3, rc::gen::just(std::map<std::string, std::vector<std::string>>{})},
       {1, rc::gen::map(pick(contexts), [](std::string arn) {
          return std::map<std::string, std::vector<std::string>>{
              {"kms:EncryptionContext:aws:s3:arn", {arn}}};
        })}});
  return rc::gen::apply(
      [](std::string who, std::string action, std::string key,
         std::map<std::string, std::vector<std::string>> ctx) {
        Request r = make(who, action, key);
        r.context = ctx;
        return r;
      },
      gen_requester(v, s),
      pick<std::string>({"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey",
                         "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:CreateGrant"}),
      one_of_weighted<std::string>(
          {{5, gen_arn(v, ArnKind::kKey, s)}, {1, gen_arn(v, ArnKind::kKeyAlias, s)}}),
      context);
}

rc::Gen<Request> gen_sts(const Vocabulary& v, const GenSettings& s) {
  auto who = one_of_weighted<std::string>(
      {{8, gen_requester(v, s)}, {1, rc::gen::just(std::string("ec2.amazonaws.com"))}});
  return rc::gen::apply(
      [](std::string principal, std::string role, std::string external_id) {
        Request r = make(principal, "sts:AssumeRole", role);
        if (!external_id.empty()) r.context["sts:ExternalId"] = {external_id};
        return r;
      },
      who, gen_arn(v, ArnKind::kRole, s), pick_weighted<std::string>({{3, ""}, {1, "ext-1"}}));
}

rc::Gen<Request> gen_other(const Vocabulary& v, const GenSettings& s) {
  return one_of_weighted<Request>(
      {{2, rc::gen::apply([](std::string who,
                             std::string role) { return make(who, "iam:PutRolePolicy", role); },
                          gen_requester(v, s), gen_arn(v, ArnKind::kRole, s))},
       {1, rc::gen::apply(
               [](std::string who, std::string action) { return make(who, action, "*"); },
               gen_requester(v, s), pick<std::string>({"s3:ListAllMyBuckets", "kms:ListKeys"}))}});
}

}  // namespace

rc::Gen<std::string> gen_requester(const Vocabulary& v, const GenSettings& s) {
  Strings accounts = v.accounts;
  if (accounts.empty()) accounts.push_back("111111111111");
  auto undeclared_in_declared = rc::gen::map(
      pick(accounts), [](std::string a) { return "arn:aws:iam::" + a + ":user/ghost"; });
  auto other_session = rc::gen::map(gen_arn(v, ArnKind::kRole, s), [](std::string role) {
    return session_arn(role, "other-session");
  });
  return one_of_weighted<std::string>(
      {{6, gen_arn(v, ArnKind::kUser, s)},
       {6, gen_arn(v, ArnKind::kRole, s)},
       {1, gen_arn(v, ArnKind::kSession, s)},
       {1, other_session},
       {1, gen_arn(v, ArnKind::kRoot, s)},
       {1, undeclared_in_declared},
       {1, rc::gen::just(std::string("arn:aws:iam::") + kOutsideAccount + ":user/eve")},
       {2, rc::gen::just(std::string("anonymous"))}});
}

rc::Gen<Request> gen_request(const nlohmann::json& world_doc, const GenSettings& s) {
  Vocabulary v = vocabulary_of(world_doc);
  auto request = one_of_weighted<Request>({{6, gen_s3_read(v, s)},
                                           {5, gen_s3_write(v, s)},
                                           {2, gen_s3_other(v, s)},
                                           {3, gen_kms(v, s)},
                                           {3, gen_sts(v, s)},
                                           {1, gen_other(v, s)}});
  // Sometimes over HTTP (aws:SecureTransport false), sometimes from a known IPv4 or IPv6 address,
  // sometimes with MFA (aws:MultiFactorAuthAge), sometimes with the tag keys of the request
  // (aws:TagKeys, a multivalued key for the set operators; empty sets included).
  auto address = pick_weighted<std::string>(
      {{3, ""}, {2, "203.0.113.7"}, {1, "10.1.2.3"}, {1, "2001:db8::7"}});
  auto mfa_age = pick_weighted<std::string>({{4, ""}, {1, "120"}, {1, "3600"}});
  auto tag_keys = one_of_weighted<std::vector<std::string>>(
      {{3, rc::gen::just(std::vector<std::string>{})},
       {1, up_to(kRequestTagKeys.size(), pick(kRequestTagKeys))}});
  return rc::gen::apply(
      [](Request r, bool http, std::string ip, std::string age, std::vector<std::string> tags) {
        if (http) r.context["aws:SecureTransport"] = {"false"};
        if (!ip.empty()) r.context["aws:SourceIp"] = {ip};
        if (!age.empty() && r.principal != "anonymous") {
          r.context["aws:MultiFactorAuthPresent"] = {"true"};
          r.context["aws:MultiFactorAuthAge"] = {age};
        }
        if (!tags.empty()) r.context[kTagKeysKey] = tags;
        return r;
      },
      request, chance(8), address, mfa_age, tag_keys);
}

}  // namespace accesspath::properties
