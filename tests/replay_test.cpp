// `accesspath replay`'s library (trail/): CloudTrail records to requests (CloudTrail User Guide,
// CloudTrail record contents and the userIdentity element), and the replay of the fixtures in
// tests/fixtures/cloudtrail/ (written from AWS's record shapes by make_fixtures.py) finding every
// planted break and opening against scenarios/separation-of-duties.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "trail/event_request.h"
#include "trail/replay.h"

namespace accesspath {
namespace {

using nlohmann::json;

const std::string kFixtures = std::string(ACCESSPATH_SOURCE_DIR) + "/tests/fixtures/cloudtrail/";

const World& world() {
  static const Scenario s = *load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                                "/scenarios/separation-of-duties.json")
                                 .scenario;
  return s.world;
}

json s3_get(json identity) {
  return {{"eventSource", "s3.amazonaws.com"},
          {"eventName", "GetObject"},
          {"eventID", "e1"},
          {"eventTime", "2026-12-01T10:00:00Z"},
          {"sourceIPAddress", "192.0.2.10"},
          {"userAgent", "aws-cli/2.18.5"},
          {"userIdentity", identity},
          {"requestParameters",
           {{"bucketName", "secure-demo-bucket"}, {"key", "KMS-Cryptographic-Details.pdf"}}}};
}

std::set<std::string> ids(const std::vector<ReplayEvent>& events) {
  std::set<std::string> out;
  for (const auto& e : events) out.insert(e.event_id);
  return out;
}

TEST(RulesReplay, UserIdentityTypesMapToPrincipals_CloudTrailUserIdentityElement) {
  struct Case {
    json identity;
    std::string principal;
  } cases[] = {
      {{{"type", "IAMUser"}, {"arn", "arn:aws:iam::111122223333:user/intern"}},
       "arn:aws:iam::111122223333:user/intern"},
      {{{"type", "AssumedRole"},
        {"arn", "arn:aws:sts::111122223333:assumed-role/authorized-users/alice"}},
       "arn:aws:sts::111122223333:assumed-role/authorized-users/alice"},
      {{{"type", "Root"}, {"arn", "arn:aws:iam::111122223333:root"}},
       "arn:aws:iam::111122223333:root"},
      {{{"type", "AWSService"}, {"invokedBy", "ec2.amazonaws.com"}}, "ec2.amazonaws.com"},
      {{{"type", "AWSAccount"}, {"accountId", "444455556666"}}, "arn:aws:iam::444455556666:root"},
      {{{"type", "AWSAccount"}, {"principalId", ""}, {"accountId", "anonymous"}}, "anonymous"},
  };
  for (const auto& c : cases) {
    EventRequest e = request_of_event(s3_get(c.identity), world());
    EXPECT_EQ(e.kind, EventKind::kDecide) << c.identity << ": " << e.reason;
    EXPECT_EQ(e.request.principal, c.principal);
    EXPECT_EQ(e.request.action, "s3:GetObject");
    EXPECT_EQ(e.request.resource, "arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf");
  }
  EventRequest federated = request_of_event(
      s3_get({{"type", "FederatedUser"}, {"arn", "arn:aws:sts::111122223333:federated-user/d"}}),
      world());
  EXPECT_EQ(federated.kind, EventKind::kUndecided);
  EXPECT_NE(federated.reason.find("FederatedUser"), std::string::npos);
}

TEST(RulesReplay, RequestContextFromTheRecord_GlobalConditionContextKeys) {
  json event = s3_get({{"type", "AssumedRole"},
                       {"arn", "arn:aws:sts::111122223333:assumed-role/authorized-users/a"},
                       {"sessionContext", {{"attributes", {{"mfaAuthenticated", "true"}}}}}});
  event["tlsDetails"] = {{"tlsVersion", "TLSv1.3"}};
  event["additionalEventData"] = {{"SignatureVersion", "SigV4"},
                                  {"AuthenticationMethod", "QueryString"}};
  EventRequest e = request_of_event(event, world());
  ASSERT_EQ(e.kind, EventKind::kDecide) << e.reason;
  auto value = [&](const std::string& k) {
    auto it = e.request.context.find(k);
    return it == e.request.context.end() ? std::string("(absent)") : it->second.at(0);
  };
  EXPECT_EQ(value("aws:SourceIp"), "192.0.2.10");
  EXPECT_EQ(value("aws:UserAgent"), "aws-cli/2.18.5");
  EXPECT_EQ(value("aws:CurrentTime"), "2026-12-01T10:00:00Z");
  EXPECT_EQ(value("aws:EpochTime"), "1796119200");
  EXPECT_EQ(value("aws:MultiFactorAuthPresent"), "true");
  EXPECT_EQ(value("aws:SecureTransport"), "true");
  EXPECT_EQ(value("s3:TlsVersion"), "1.3");
  EXPECT_EQ(value("s3:signatureversion"), "AWS4-HMAC-SHA256");
  EXPECT_EQ(value("s3:authType"), "REST-QUERY-STRING");
  // Through a VPC endpoint the address is the VPC's: aws:SourceVpce, no aws:SourceIp.
  event["vpcEndpointId"] = "vpce-1a2b3c4d";
  event["sourceIPAddress"] = "10.0.1.25";
  e = request_of_event(event, world());
  EXPECT_EQ(value("aws:SourceVpce"), "vpce-1a2b3c4d");
  EXPECT_EQ(value("aws:VpcSourceIp"), "10.0.1.25");
  EXPECT_EQ(value("aws:SourceIp"), "(absent)");
  // An IAM user's long-term keys: no sessionContext, no aws:MultiFactorAuthPresent.
  e = request_of_event(
      s3_get({{"type", "IAMUser"}, {"arn", "arn:aws:iam::111122223333:user/intern"}}), world());
  EXPECT_EQ(value("aws:MultiFactorAuthPresent"), "(absent)");
}

TEST(RulesReplay, KmsCallMadeByS3IsTiedToTheS3Request_S3CallsKmsWithTheCallersIdentity) {
  json event = {
      {"eventSource", "kms.amazonaws.com"},
      {"eventName", "Decrypt"},
      {"sourceIPAddress", "s3.amazonaws.com"},
      {"userAgent", "s3.amazonaws.com"},
      {"userIdentity",
       {{"type", "AssumedRole"},
        {"arn", "arn:aws:sts::111122223333:assumed-role/authorized-users/a"},
        {"invokedBy", "s3.amazonaws.com"}}},
      {"resources",
       {{{"ARN", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}}},
      {"requestParameters",
       {{"encryptionContext", {{"aws:s3:arn", "arn:aws:s3:::secure-demo-bucket/x"}}}}}};
  EventRequest e = request_of_event(event, world());
  EXPECT_EQ(e.kind, EventKind::kTiedToS3);
  EXPECT_EQ(e.tied_object, "arn:aws:s3:::secure-demo-bucket/x");
  // The same call made directly is decided, with its encryption context and AWS's denial.
  event["userIdentity"].erase("invokedBy");
  event["sourceIPAddress"] = "192.0.2.10";
  event["userAgent"] = "aws-cli/2.18.5";
  event["errorCode"] = "AccessDeniedException";
  e = request_of_event(event, world());
  ASSERT_EQ(e.kind, EventKind::kDecide) << e.reason;
  EXPECT_FALSE(e.aws_allowed);
  EXPECT_EQ(e.request.action, "kms:Decrypt");
  EXPECT_EQ(e.request.context.at("kms:EncryptionContext:aws:s3:arn").at(0),
            "arn:aws:s3:::secure-demo-bucket/x");
}

TEST(RulesReplay, WhatTheWorldCannotDecideSaysWhy_NeverASilentAllow) {
  json base = s3_get({{"type", "IAMUser"}, {"arn", "arn:aws:iam::111122223333:user/intern"}});
  json other_bucket = base;
  other_bucket["requestParameters"]["bucketName"] = "not-in-the-world";
  json failed = base;
  failed["errorCode"] = "NoSuchKey";
  json copy = base;
  copy["eventName"] = "CopyObject";
  for (const json& event : {other_bucket, failed, copy}) {
    EventRequest e = request_of_event(event, world());
    EXPECT_EQ(e.kind, EventKind::kUndecided) << event;
    EXPECT_FALSE(e.reason.empty());
  }
  EXPECT_EQ(request_of_event(json("text"), world()).kind, EventKind::kBad);
  EXPECT_EQ(request_of_event(json{{"eventID", "x"}}, world()).kind, EventKind::kBad);
}

TEST(Replay, FindsEveryPlantedBreakAndOpeningInTheFixtures) {
  json planted = json::parse(std::ifstream(kFixtures + "planted.json"));
  ReplayReport r = replay_trails(world(), {kFixtures + "trail", kFixtures + "export.jsonl"});
  EXPECT_EQ(ids(r.breaks), planted["break"].get<std::set<std::string>>());
  EXPECT_EQ(ids(r.opens), planted["open"].get<std::set<std::string>>());
  EXPECT_EQ(ids(r.undecided), planted["undecided"].get<std::set<std::string>>());
  EXPECT_EQ(r.agree, planted["agree"].get<std::size_t>());
  EXPECT_EQ(r.tied, planted["tied"].get<std::size_t>());
  EXPECT_EQ(r.tied_unmatched, 0u);
  EXPECT_EQ(r.read.files_read, 3u);
  EXPECT_EQ(r.read.files_failed, 1u);
  std::set<std::pair<std::string, std::size_t>> problems, wanted;
  for (const auto& p : r.problems)
    problems.insert({p.file.substr(p.file.find("cloudtrail/") + 11), p.index});
  for (const auto& p : planted["problems"])
    wanted.insert({p["file"], p["record"].is_null() ? kWholeFile : p["record"].get<std::size_t>()});
  EXPECT_EQ(problems, wanted);
  // Counts: every event once per principal and action; breaks in the bucket's row.
  std::size_t by_principal = 0;
  for (const auto& [p, t] : r.by_principal) by_principal += t.events;
  EXPECT_EQ(by_principal, r.events - r.tied);  // a tied KMS call counts with its S3 request
  EXPECT_EQ(r.by_bucket.at("secure-demo-bucket").breaks, 2u);
}

TEST(Replay, NothingReadableIsNoFileRead) {
  ReplayReport r = replay_trails(world(), {kFixtures + "no-such-file.json"});
  EXPECT_EQ(r.read.files_read, 0u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].message.find("cannot read the file"), std::string::npos);
}

}  // namespace
}  // namespace accesspath
