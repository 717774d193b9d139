// Rule tests, Amazon S3: SSE-KMS (the KMS call S3 makes for the caller),
// key choice on upload, encryption context, header condition keys, anonymous
// and unencrypted transport, SSE-C, SSE-S3, Block Public Access and listing
// (model/SEMANTICS.md rules 80-97, U1/U2).
#include <gtest/gtest.h>

#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr std::string_view kDec = "arn:aws:iam::111122223333:user/decrypt-only";
constexpr std::string_view kGen = "arn:aws:iam::111122223333:user/generate-only";
constexpr std::string_view kBob = "arn:aws:iam::444455556666:user/bob";
constexpr std::string_view kK1 = "arn:aws:kms:us-east-1:111122223333:key/k1";
constexpr std::string_view kK2 = "arn:aws:kms:us-east-1:111122223333:key/k2";
constexpr std::string_view kKmsObject = "arn:aws:s3:::data-bucket/kms.csv";
constexpr std::string_view kS3Object = "arn:aws:s3:::data-bucket/plain.csv";
constexpr std::string_view kNewObject = "arn:aws:s3:::data-bucket/new.csv";
constexpr std::string_view kAwsS3KeyA =
    "arn:aws:kms:us-east-1:111122223333:key/aws-s3-111122223333-us-east-1";

const Headers kKmsHeader = {{"x-amz-server-side-encryption", "aws:kms"}};

// Account A owns data-bucket (us-east-1) and keys k1 (usable by A's IAM policies and by
// account B for Decrypt/GenerateDataKey), k2 (only an admin) and k-eu (eu-west-1). alice may
// do every S3 and KMS action; decrypt-only / generate-only have all of S3 and one KMS action;
// bob (B) has all of S3 and KMS in IAM. The bucket policy grants account B reads and writes.
// BUCKET_EXTRA is spliced into the bucket, B_KEYS into the key list.
std::string s3_world(std::string_view bucket_extra = "", std::string_view b_keys = "") {
  std::string doc = R"json({
    "format": 1, "name": "s3",
    "accounts": [{"id": "111122223333"}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::111122223333:user/decrypt-only", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::111122223333:user/generate-only", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:GenerateDataKey"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}]}]}],
    "keys": [
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "aliases": ["alias/data"],
       "policy": {"Version": "2012-10-17", "Statement": [
         {"Sid": "EnableIam", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*", "Resource": "*"},
         {"Sid": "PartnerUse", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
          "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}]}},
      {"arn": "arn:aws:kms:us-east-1:111122223333:key/k2",
       "policy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"},
          "Action": "kms:*", "Resource": "*"}]}},
      {"arn": "arn:aws:kms:eu-west-1:111122223333:key/k-eu",
       "policy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*", "Resource": "*"}]}} B_KEYS],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
         "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::data-bucket/*"}]},
      "objects": [
        {"key": "kms.csv", "sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"},
        {"key": "plain.csv", "sse": "AES256"},
        {"key": "customer.csv", "sse": "SSE-C"}] BUCKET_EXTRA}]
  })json";
  return replace(replace(doc, " BUCKET_EXTRA", bucket_extra), " B_KEYS", b_keys);
}

Headers kms_header_with_key(std::string_view key) {
  return {{"x-amz-server-side-encryption", "aws:kms"},
          {"x-amz-server-side-encryption-aws-kms-key-id", std::string(key)}};
}

// --- Rule 80: the permissions an SSE-KMS download and upload need -------------------------------

TEST(RulesS3, DownloadNeedsGetObjectAndKmsDecrypt_Rule80) {
  World w = make_world(s3_world());
  Decision d = decide(w, kDec, "s3:GetObject", kKmsObject);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[0].action, "s3:GetObject");
  EXPECT_EQ(d.checks[1].action, "kms:Decrypt");
  EXPECT_EQ(d.checks[1].resource, kK1);

  Decision gen = decide(w, kGen, "s3:GetObject", kKmsObject);
  EXPECT_FALSE(gen.allowed);
  ASSERT_EQ(gen.checks.size(), 2u) << explain(gen);
  EXPECT_EQ(gen.checks[0].outcome, Outcome::kAllow);
  EXPECT_EQ(gen.checks[1].outcome, Outcome::kImplicitDeny);
  ASSERT_NE(gen.blocking_check(), nullptr);
  EXPECT_EQ(gen.blocking_check()->action, "kms:Decrypt");
}

TEST(RulesS3, UploadNeedsPutObjectAndKmsGenerateDataKey_Rule80) {
  World w = make_world(s3_world());
  const Headers h = kms_header_with_key(kK1);
  Decision gen = decide(w, kGen, "s3:PutObject", kNewObject, h);
  EXPECT_TRUE(gen.allowed) << explain(gen);
  ASSERT_EQ(gen.checks.size(), 2u);
  EXPECT_EQ(gen.checks[1].action, "kms:GenerateDataKey");

  Decision dec = decide(w, kDec, "s3:PutObject", kNewObject, h);
  EXPECT_FALSE(dec.allowed);
  ASSERT_NE(dec.blocking_check(), nullptr) << explain(dec);
  EXPECT_EQ(dec.blocking_check()->action, "kms:GenerateDataKey");
}

TEST(RulesS3, S3DenialStopsTheRequestWhateverKmsSays_Rule80) {
  World w = make_world(replace(s3_world(), R"("Action": ["s3:*", "kms:Decrypt"])",
                               R"("Action": ["s3:PutObject", "kms:Decrypt"])"));
  Decision d = decide(w, kDec, "s3:GetObject", kKmsObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kImplicitDeny) << explain(d);
}

// --- Rule 82: the key must be in the bucket's Region ------------------------------------------

TEST(RulesS3, KmsKeyMustBeInTheBucketsRegion_Rule82) {
  World w = make_world(s3_world());
  Decision d = decide(w, kAlice, "s3:PutObject", kNewObject,
                      kms_header_with_key("arn:aws:kms:eu-west-1:111122223333:key/k-eu"));
  EXPECT_FALSE(d.allowed);
  bool region_refusal = false;
  for (const auto& c : d.checks)
    region_refusal |=
        c.outcome == Outcome::kRefused && c.reason.find("Region") != std::string::npos;
  EXPECT_TRUE(region_refusal) << explain(d);
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kNewObject, kms_header_with_key(kK1)));

  LoadResult r = load(s3_world(R"(, "default_encryption": {"sse": "aws:kms",
      "kms_key": "arn:aws:kms:eu-west-1:111122223333:key/k-eu"})"));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/default_encryption/kms_key",
                             Severity::kWarning, "bucket's Region"));
}

// --- Rule 83: which key an upload uses
// ------------------------------------------------------------

TEST(RulesS3, RequestHeadersBeatBucketDefaultEncryption_Rule83) {
  // The default key k2 is closed to alice; k1 is open to her.
  World w = make_world(s3_world(R"(, "default_encryption": {"sse": "aws:kms",
      "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k2"})"));
  Decision by_default = decide(w, kAlice, "s3:PutObject", kNewObject);
  EXPECT_FALSE(by_default.allowed);
  ASSERT_EQ(by_default.checks.size(), 2u) << explain(by_default);
  EXPECT_EQ(by_default.checks[1].resource, kK2);

  Decision header = decide(w, kAlice, "s3:PutObject", kNewObject, kms_header_with_key(kK1));
  EXPECT_TRUE(header.allowed) << explain(header);
  ASSERT_EQ(header.checks.size(), 2u);
  EXPECT_EQ(header.checks[1].resource, kK1);

  // SSE-S3 requested in the header: no KMS call at all.
  Decision sse_s3 =
      decide(w, kAlice, "s3:PutObject", kNewObject, {{"x-amz-server-side-encryption", "AES256"}});
  EXPECT_TRUE(sse_s3.allowed) << explain(sse_s3);
  EXPECT_EQ(sse_s3.checks.size(), 1u);
}

TEST(RulesS3, AwsKmsWithoutKeyIdUsesTheAwsManagedKey_Rule83) {
  World w = make_world(s3_world());
  Decision d = decide(w, kAlice, "s3:PutObject", kNewObject, kKmsHeader);
  EXPECT_TRUE(d.allowed) << explain(d);
  ASSERT_EQ(d.checks.size(), 2u);
  EXPECT_EQ(d.checks[1].resource, kAwsS3KeyA);
  // bob in account B cannot use A's aws/s3 (its policy pins kms:CallerAccount).
  EXPECT_TRUE(denies(w, kBob, "s3:PutObject", kNewObject, kKmsHeader));
  EXPECT_TRUE(allows(w, kBob, "s3:PutObject", kNewObject, kms_header_with_key(kK1)));
}

TEST(RulesS3, NoHeadersAndNoDefaultMeansSseS3_Rule83) {
  World w = make_world(s3_world());
  Decision d = decide(w, kAlice, "s3:PutObject", kNewObject);
  EXPECT_TRUE(d.allowed) << explain(d);
  EXPECT_EQ(d.checks.size(), 1u) << explain(d);
}

// --- Rules 84, 85: where a key id or alias is resolved
// ---------------------------------------------

TEST(RulesS3, KeyIdHeaderResolvesInTheRequestersAccount_Rule84) {
  World w = make_world(s3_world());
  // Same account: the bare key id names k1.
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kNewObject, kms_header_with_key("k1")));
  // bob's bare key id is looked up in account B, where there is no k1.
  Decision d = decide(w, kBob, "s3:PutObject", kNewObject, kms_header_with_key("k1"));
  EXPECT_FALSE(d.allowed);
  ASSERT_NE(d.blocking_check(), nullptr) << explain(d);
  EXPECT_EQ(d.blocking_check()->outcome, Outcome::kRefused);
  EXPECT_NE(d.blocking_check()->reason.find("444455556666"), std::string::npos) << explain(d);
  // The full key ARN works across accounts.
  EXPECT_TRUE(allows(w, kBob, "s3:PutObject", kNewObject, kms_header_with_key(kK1)));
}

// [X] (U1, rule 85) AWS documents two resolutions for an alias in bucket default encryption
// used by another account. The reading chosen (model/services/s3_service.cpp, after the S3 API
// Reference): the requester's account; `check` warns about any form other than a key ARN.
TEST(RulesS3, DefaultEncryptionAliasResolvesInTheRequestersAccount_Rule85_U1) {
  const std::string bucket_default = R"(, "default_encryption": {"sse": "aws:kms",
      "kms_key": "alias/data"})";
  LoadResult r = load(s3_world(bucket_default));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics, "/buckets/0/default_encryption/kms_key",
                             Severity::kWarning, "not a key ARN"));
  const World& w = r.scenario->world;
  Decision own = decide(w, kAlice, "s3:PutObject", kNewObject);
  EXPECT_TRUE(own.allowed) << explain(own);
  ASSERT_EQ(own.checks.size(), 2u);
  EXPECT_EQ(own.checks[1].resource, kK1);
  // bob's upload looks for alias/data in account B: there is none.
  Decision other = decide(w, kBob, "s3:PutObject", kNewObject);
  EXPECT_FALSE(other.allowed);
  ASSERT_NE(other.blocking_check(), nullptr) << explain(other);
  EXPECT_EQ(other.blocking_check()->outcome, Outcome::kRefused);

  // With an alias/data of its own, account B's key is used: the data ends up under bob's key.
  World b_has_alias = make_world(s3_world(bucket_default, R"(,
      {"arn": "arn:aws:kms:us-east-1:444455556666:key/b1", "aliases": ["alias/data"],
       "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]}})"));
  Decision b = decide(b_has_alias, kBob, "s3:PutObject", kNewObject);
  EXPECT_TRUE(b.allowed) << explain(b);
  ASSERT_EQ(b.checks.size(), 2u);
  EXPECT_EQ(b.checks[1].resource, "arn:aws:kms:us-east-1:444455556666:key/b1");

  // A key ARN in the default encryption is not flagged.
  LoadResult arn = load(s3_world(R"(, "default_encryption": {"sse": "aws:kms",
      "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"})"));
  ASSERT_TRUE(arn.scenario);
  EXPECT_FALSE(
      diagnostic_at(arn.diagnostics, "/buckets/0/default_encryption/kms_key", Severity::kWarning));
}

// --- Rule 86: the encryption context with and without an S3 Bucket Key --------------------------

std::string context_pinned_world(std::string_view arn, std::string_view bucket_key) {
  std::string doc = R"json({
    "format": 1, "name": "bucket-key-context",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"StringEquals": {"kms:EncryptionContext:aws:s3:arn": "CONTEXT_ARN"}}}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "objects": [{"key": "kms.csv", "sse": "aws:kms",
                   "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1", "bucket_key": BUCKET_KEY}]}]
  })json";
  return replace(replace(doc, "CONTEXT_ARN", arn), "BUCKET_KEY", bucket_key);
}

TEST(RulesS3, BucketKeyMakesTheEncryptionContextTheBucketArn_Rule86) {
  EXPECT_TRUE(allows(make_world(context_pinned_world(kKmsObject, "false")), kAlice, "s3:GetObject",
                     kKmsObject));
  Decision d = decide(make_world(context_pinned_world(kKmsObject, "true")), kAlice, "s3:GetObject",
                      kKmsObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  bool noted = false;
  for (const auto& n : d.checks[1].notes) noted |= n.find("Bucket Key") != std::string::npos;
  EXPECT_TRUE(noted) << explain(d);
  EXPECT_TRUE(allows(make_world(context_pinned_world("arn:aws:s3:::data-bucket", "true")), kAlice,
                     "s3:GetObject", kKmsObject));
}

// --- Rule 87: the encryption condition keys come from the request headers
// ---------------------------

// [U] (U2) whether S3 fills s3:x-amz-server-side-encryption* from default encryption is not
// documented; the reading chosen (model/services/s3_service.cpp, add_header_keys) is "headers
// only".
TEST(RulesS3, EncryptionConditionKeysComeFromHeadersOnly_Rule87_U2) {
  const std::string doc =
      replace(s3_world(R"(, "default_encryption": {"sse": "aws:kms",
          "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"})"),
              R"({"Sid": "Partner",)", R"({"Sid": "RequireKms", "Effect": "Deny", "Principal": "*",
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
        {"Sid": "Partner",)");
  World w = make_world(doc);
  // The bucket default would encrypt with k1, but the policy sees no header.
  Decision d = decide(w, kAlice, "s3:PutObject", kNewObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_FALSE(d.checks.empty());
  EXPECT_EQ(d.checks[0].outcome, Outcome::kExplicitDeny) << explain(d);
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kNewObject, kKmsHeader));
}

TEST(RulesS3, KeyIdConditionMustMatchTheHeader_Rule87) {
  const std::string doc = replace(s3_world(), R"({"Sid": "Partner",)",
                                  R"({"Sid": "RequireK1", "Effect": "Deny", "Principal": "*",
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data-bucket/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id":
                                            "arn:aws:kms:us-east-1:111122223333:key/k1"}}},
        {"Sid": "Partner",)");
  World w = make_world(doc);
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kNewObject, kms_header_with_key(kK1)));
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", kNewObject, kKmsHeader));  // aws/s3, no header
  EXPECT_TRUE(denies(w, kAlice, "s3:PutObject", kNewObject, kms_header_with_key("k1")));
}

// --- Rules 88, 91: anonymous callers, TLS
// ------------------------------------------------------------

std::string public_world() {
  return R"json({
    "format": 1, "name": "public-bucket",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"],
                                               "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1",
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": "arn:aws:s3:::data-bucket/*"}]},
      "objects": [
        {"key": "kms.csv", "sse": "aws:kms", "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1"},
        {"key": "plain.csv", "sse": "AES256"}]}]
  })json";
}

TEST(RulesS3, AnonymousCanNeverUseKmsKey_Rule88) {
  World w = make_world(public_world());
  Decision d = decide(w, "anonymous", "s3:GetObject", kKmsObject);
  EXPECT_FALSE(d.allowed);
  ASSERT_EQ(d.checks.size(), 2u) << explain(d);
  EXPECT_EQ(d.checks[0].outcome, Outcome::kAllow);  // the bucket policy does allow it
  EXPECT_EQ(d.checks[1].outcome, Outcome::kRefused);
  EXPECT_NE(d.checks[1].reason.find("signed"), std::string::npos) << explain(d);
  EXPECT_TRUE(denies(w, "anonymous", "s3:PutObject", kNewObject,
                     kms_header_with_key("arn:aws:kms:us-east-1:111122223333:key/k1")));
  // A signed caller reads the same object.
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kKmsObject));
}

TEST(RulesS3, SseKmsRequestsMustUseTls_Rule88) {
  World w = make_world(public_world());
  const Context http = {{"aws:SecureTransport", {"false"}}};
  Decision d = decide(w, kAlice, "s3:GetObject", kKmsObject, {}, http);
  EXPECT_FALSE(d.allowed);
  ASSERT_NE(d.blocking_check(), nullptr) << explain(d);
  EXPECT_EQ(d.blocking_check()->outcome, Outcome::kRefused);
  EXPECT_NE(d.blocking_check()->reason.find("HTTPS"), std::string::npos) << explain(d);
  // SSE-S3 objects have no such requirement.
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kS3Object, {}, http));
}

TEST(RulesS3, SseS3ObjectIsServedToAnonymousThroughAPublicPolicy_Rule91) {
  World w = make_world(public_world());
  Decision d = decide(w, "anonymous", "s3:GetObject", kS3Object);
  EXPECT_TRUE(d.allowed) << explain(d);
  EXPECT_EQ(d.checks.size(), 1u);  // no KMS permission involved
  World private_bucket = make_world(replace(
      public_world(), R"("Principal": "*", "Action": ["s3:GetObject")",
      R"("Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": ["s3:GetObject")"));
  EXPECT_TRUE(denies(private_bucket, "anonymous", "s3:GetObject", kS3Object));
}

// --- Rule 89: no encryption headers on GET of an SSE-KMS object
// ------------------------------------

TEST(RulesS3, EncryptionHeadersOnGetOfSseKmsObjectAreRejected_Rule89) {
  World w = make_world(s3_world());
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kKmsObject));
  for (const Headers& h : {kKmsHeader, kms_header_with_key(kK1)}) {
    Decision d = decide(w, kAlice, "s3:GetObject", kKmsObject, h);
    EXPECT_FALSE(d.allowed);
    ASSERT_NE(d.blocking_check(), nullptr) << explain(d);
    EXPECT_EQ(d.blocking_check()->outcome, Outcome::kRefused);
    EXPECT_NE(d.blocking_check()->reason.find("400"), std::string::npos) << explain(d);
  }
}

// --- Rule 90: SSE-C -----------------------------------------------------------------------------

TEST(RulesS3, SseCNeedsTheCustomerKeyHeadersOverHttps_Rule90) {
  World w = make_world(s3_world());
  const std::string_view object = "arn:aws:s3:::data-bucket/customer.csv";
  const Headers ssec = {{"x-amz-server-side-encryption-customer-algorithm", "AES256"},
                        {"x-amz-server-side-encryption-customer-key", "a2V5"},
                        {"x-amz-server-side-encryption-customer-key-MD5", "bWQ1"}};
  Decision ok = decide(w, kAlice, "s3:GetObject", object, ssec);
  EXPECT_TRUE(ok.allowed) << explain(ok);
  EXPECT_EQ(ok.checks.size(), 1u);  // no KMS permission involved

  Decision no_key = decide(w, kAlice, "s3:GetObject", object);
  EXPECT_FALSE(no_key.allowed);
  ASSERT_NE(no_key.blocking_check(), nullptr) << explain(no_key);
  EXPECT_EQ(no_key.blocking_check()->outcome, Outcome::kRefused);

  EXPECT_TRUE(
      denies(w, kAlice, "s3:GetObject", object, ssec, {{"aws:SecureTransport", {"false"}}}));
  EXPECT_TRUE(allows(w, kAlice, "s3:PutObject", kNewObject, ssec));
  EXPECT_TRUE(
      denies(w, kAlice, "s3:PutObject", kNewObject, ssec, {{"aws:SecureTransport", {"false"}}}));
}

// --- Rules 94, 95: Block Public Access, RestrictPublicBuckets
// ------------------------------------------

// The bucket policy has a public statement (`*`) and one for account B.
std::string restricted_world(std::string_view public_statement, std::string_view bpa_place) {
  std::string doc = R"json({
    "format": 1, "name": "restrict-public-buckets",
    "accounts": [{"id": "111122223333" ACCOUNT_BPA}, {"id": "444455556666"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/alice"},
      {"arn": "arn:aws:iam::444455556666:user/bob", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1" BUCKET_BPA,
      "policy": {"Version": "2012-10-17", "Statement": [
        PUBLIC
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"}]}}]
  })json";
  const std::string bpa = R"(, "block_public_access": {"RestrictPublicBuckets": true})";
  doc = replace(doc, " ACCOUNT_BPA", bpa_place == "account" ? bpa : "");
  doc = replace(doc, " BUCKET_BPA", bpa_place == "bucket" ? bpa : "");
  return replace(doc, "PUBLIC", public_statement);
}

constexpr std::string_view kPublicRead =
    R"({"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::data-bucket/*"},)";

TEST(RulesS3, RestrictPublicBucketsBlocksCrossAccountWhenPolicyIsPublic_Rule94) {
  EXPECT_TRUE(
      allows(make_world(restricted_world(kPublicRead, "none")), kBob, "s3:GetObject", kS3Object));
  for (std::string_view place : {"bucket", "account"}) {
    World w = make_world(restricted_world(kPublicRead, place));
    Decision d = decide(w, kBob, "s3:GetObject", kS3Object);
    EXPECT_FALSE(d.allowed) << place;
    ASSERT_FALSE(d.checks.empty());
    bool noted = false;
    for (const auto& n : d.checks[0].notes)
      noted |= n.find("RestrictPublicBuckets") != std::string::npos;
    EXPECT_TRUE(noted) << explain(d);
    EXPECT_TRUE(denies(w, "anonymous", "s3:GetObject", kS3Object)) << place;
    // Principals of the owner's account keep the public grant.
    EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kS3Object)) << place;
  }
  // Without the public statement the policy is not public: the grant to B works again.
  EXPECT_TRUE(allows(make_world(restricted_world("", "bucket")), kBob, "s3:GetObject", kS3Object));
}

TEST(RulesS3, FixedPrincipalOrgIdConditionMakesTheStatementNonPublic_Rule95) {
  World w = make_world(restricted_world(
      R"({"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::data-bucket/*",
          "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}},)",
      "bucket"));
  EXPECT_TRUE(allows(w, kBob, "s3:GetObject", kS3Object));
}

// S3: Blocking public access, "The meaning of public": only fixed values (no wildcard, no
// variable) make a statement non-public, and the page's own example `"StringLike":
// {"aws:SourceVpc": "vpc-*"}` is public. The model treats any condition on a listed key as
// non-public, so RestrictPublicBuckets does not apply and account B keeps access.
TEST(RulesS3, WildcardConditionValueLeavesThePolicyPublic_Rule95) {
  World w = make_world(restricted_world(
      R"({"Sid": "AnyVpc", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::data-bucket/*",
          "Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}},)",
      "bucket"));
  EXPECT_TRUE(denies(w, kBob, "s3:GetObject", kS3Object));
}

// S3: Blocking public access, "The meaning of public": a grant is non-public when it goes to "a
// fixed" value of a listed key. `Null` false asks only that the key be present, so any principal
// with an ARN passes: the policy stays public and RestrictPublicBuckets keeps account B out.
TEST(RulesS3, NullConditionLeavesThePolicyPublic_Rule95) {
  World w = make_world(restricted_world(
      R"({"Sid": "AnyArn", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::data-bucket/*",
          "Condition": {"Null": {"aws:PrincipalArn": "false"}}},)",
      "bucket"));
  EXPECT_TRUE(denies(w, kBob, "s3:GetObject", kS3Object));
}

// The same page, with IAM: Creating a condition with multiple keys or values: `ForAllValues:` is
// true when the key is absent (rule 42), so it does not limit the grant to fixed values and the
// policy stays public; `ForAnyValue:` needs a listed value (rule 43) and limits it as the plain
// operator does.
TEST(RulesS3, ForAllValuesConditionLeavesThePolicyPublic_Rule95) {
  auto world = [](const std::string& op) {
    return make_world(restricted_world(
        R"({"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::data-bucket/*",
            "Condition": {")" +
            op + R"(": {"aws:PrincipalOrgID": "o-abc123"}}},)",
        "bucket"));
  };
  EXPECT_TRUE(denies(world("ForAllValues:StringEquals"), kBob, "s3:GetObject", kS3Object));
  EXPECT_TRUE(allows(world("ForAnyValue:StringEquals"), kBob, "s3:GetObject", kS3Object));
}

// --- Rule 97: listing needs s3:ListBucket on the bucket ARN
// -------------------------------------------

TEST(RulesS3, ListingNeedsListBucketOnTheBucketArn_Rule97) {
  const std::string doc = R"json({
    "format": 1, "name": "listing",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-bucket/*"} LIST]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json";
  World w = make_world(replace(doc, " LIST", ""));
  EXPECT_TRUE(allows(w, kAlice, "s3:GetObject", kS3Object));
  EXPECT_TRUE(denies(w, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
  World list = make_world(replace(doc, " LIST", R"(, {"Effect": "Allow", "Action": "s3:ListBucket",
                                                   "Resource": "arn:aws:s3:::data-bucket"})"));
  EXPECT_TRUE(allows(list, kAlice, "s3:ListBucket", "arn:aws:s3:::data-bucket"));
}

// S3 User Guide, access points: a request through an access point is authorized by its policy
// too, which no world describes. The decision says so (undecided) instead of a silent deny.
TEST(RulesS3, RequestsThroughAccessPointsAreUndecided_AccessPoints) {
  World w = make_world(R"json({
    "format": 1, "name": "access-point",
    "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}],
    "buckets": [{"name": "data-bucket", "account": "111122223333", "region": "us-east-1"}]
  })json");
  for (std::string_view resource :
       {"arn:aws:s3:us-east-1:111122223333:accesspoint/reports/object/plain.csv",
        "arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap/object/plain.csv",
        "arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/redact/object/plain.csv"}) {
    Decision d = decide(w, kAlice, "s3:GetObject", resource);
    EXPECT_FALSE(d.allowed) << resource;
    EXPECT_NE(d.undecided.find("access points are not modelled"), std::string::npos) << resource;
  }
  // A bucket's own ARN is decided as usual.
  Decision direct = decide(w, kAlice, "s3:GetObject", kS3Object);
  EXPECT_TRUE(direct.allowed);
  EXPECT_TRUE(direct.undecided.empty());
}

}  // namespace
}  // namespace accesspath::rules

namespace accesspath::rules {
namespace {

// --- Rule 39: aws:SecureTransport is always present, "true" unless the request says otherwise ---
// S3 answers it without building the rest of the context when the request overrides no key
// (early_context_answer); with an override the whole context is built. Both must decide alike.
TEST(RulesS3, SecureTransportIsTrueUnlessTheRequestSaysOtherwise_Rule39) {
  World w = make_world(replace(s3_world(), R"("Sid": "Partner")",
                               R"("Sid": "TlsOnly", "Effect": "Deny", "Principal": "*",
                                  "Action": "s3:*", "Resource": "arn:aws:s3:::data-bucket/*",
                                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                                 {"Sid": "Partner")"));
  const std::string alice = "arn:aws:iam::111122223333:user/alice";
  EXPECT_TRUE(allows(w, alice, "s3:GetObject", kS3Object));
  EXPECT_TRUE(
      denies(w, alice, "s3:GetObject", kS3Object, {}, {{"aws:SecureTransport", {"false"}}}));
  EXPECT_TRUE(
      denies(w, alice, "s3:GetObject", kS3Object, {}, {{"AWS:securetransport", {"false"}}}));
  EXPECT_TRUE(allows(w, alice, "s3:GetObject", kS3Object, {}, {{"aws:SecureTransport", {"true"}}}));
  EXPECT_TRUE(allows(w, alice, "s3:GetObject", kS3Object, {}, {{"aws:SourceIp", {"10.0.0.1"}}}));
  // The explanation names the Deny when the request says false.
  Decision d =
      decide(w, alice, "s3:GetObject", kS3Object, {}, {{"aws:SecureTransport", {"false"}}});
  EXPECT_NE(explain(d).find("TlsOnly"), std::string::npos) << explain(d);
}

}  // namespace
}  // namespace accesspath::rules
