// Tests for the Condition element: operators, missing keys, set qualifiers,
// policy variables in conditions, diagnostics and printing. Test names end in
// the number of the rule of model/SEMANTICS.md they check.
#include "model/condition/condition.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/condition/condition_binary.h"

namespace accesspath {
namespace {

using nlohmann::json;

const std::string kPointer = "/Statement/0/Condition";

ConditionBlock compile(std::string_view text, Diagnostics& diags, bool variables = true) {
  return compile_condition(json::parse(text), kPointer, variables, diags);
}

ConditionBlock compile(std::string_view text, bool variables = true) {
  Diagnostics diags;
  ConditionBlock block = compile(text, diags, variables);
  EXPECT_FALSE(diags.has_errors()) << (diags.items().empty() ? "" : diags.items()[0].to_string());
  return block;
}

bool eval(std::string_view text, const ConditionContext& ctx) {
  return compile(text).evaluate(ctx);
}

RequestContext with(std::string_view key, std::string value) {
  RequestContext ctx;
  ctx.set(key, std::move(value));
  return ctx;
}

RequestContext with_multi(std::string_view key, std::vector<std::string> values) {
  RequestContext ctx;
  ctx.set_multi(key, std::move(values));
  return ctx;
}

const RequestContext kEmpty;

// Finds the diagnostic at `pointer`; nullptr when there is none.
const Diagnostic* at(const Diagnostics& diags, std::string_view pointer) {
  for (const auto& d : diags.items())
    if (d.pointer == pointer) return &d;
  return nullptr;
}

bool mentions(const Diagnostic* d, std::string_view text) {
  return d != nullptr && d->message.find(text) != std::string::npos;
}

// --- Combining keys and values (rules 31-33) ------------------------------

TEST(ConditionOperators, ConditionKeyNamesAreCaseInsensitive_Rule31) {
  EXPECT_TRUE(eval(R"({"IpAddress": {"AWS:SourceIP": "203.0.113.0/24"}})",
                   with("aws:SourceIp", "203.0.113.9")));
  EXPECT_TRUE(eval(R"({"StringEquals": {"aws:ResourceTag/Team": "red"}})",
                   with("AWS:RESOURCETAG/team", "red")));
}

TEST(ConditionOperators, ValuesFollowTheOperatorsCase_Rule31) {
  EXPECT_FALSE(
      eval(R"({"StringEquals": {"aws:username": "johndoe"}})", with("aws:username", "JohnDoe")));
  EXPECT_TRUE(eval(R"({"StringEqualsIgnoreCase": {"aws:username": "johndoe"}})",
                   with("aws:username", "JohnDoe")));
}

TEST(ConditionOperators, MultipleKeysAreAnded_Rule32) {
  const char* cond =
      R"({"StringEquals": {"aws:PrincipalTag/dept": "hr", "aws:PrincipalTag/role": "audit"}})";
  RequestContext both;
  both.set("aws:PrincipalTag/dept", "hr");
  both.set("aws:PrincipalTag/role", "audit");
  EXPECT_TRUE(eval(cond, both));
  EXPECT_FALSE(eval(cond, with("aws:PrincipalTag/dept", "hr")));
}

TEST(ConditionOperators, MultipleOperatorsAreAnded_Rule32) {
  const char* cond =
      R"({"StringEquals": {"aws:PrincipalTag/dept": "hr"}, "Bool": {"aws:SecureTransport": "true"}})";
  RequestContext ctx = with("aws:PrincipalTag/dept", "hr");
  ctx.set("aws:SecureTransport", "false");
  EXPECT_FALSE(eval(cond, ctx));
  ctx.set("aws:SecureTransport", "true");
  EXPECT_TRUE(eval(cond, ctx));
}

TEST(ConditionOperators, MultipleValuesAreOred_Rule32) {
  const char* cond = R"({"StringEquals": {"aws:PrincipalTag/role": ["audit", "security"]}})";
  EXPECT_TRUE(eval(cond, with("aws:PrincipalTag/role", "audit")));
  EXPECT_TRUE(eval(cond, with("aws:PrincipalTag/role", "security")));
  EXPECT_FALSE(eval(cond, with("aws:PrincipalTag/role", "dev")));
}

TEST(ConditionOperators, NegatedOperatorValuesAreNored_Rule33) {
  const char* cond = R"({"StringNotEquals": {"aws:PrincipalTag/role": ["audit", "security"]}})";
  EXPECT_FALSE(eval(cond, with("aws:PrincipalTag/role", "audit")));
  EXPECT_FALSE(eval(cond, with("aws:PrincipalTag/role", "security")));
  EXPECT_TRUE(eval(cond, with("aws:PrincipalTag/role", "dev")));
  const char* ips = R"({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}})";
  EXPECT_FALSE(eval(ips, with("aws:SourceIp", "192.0.2.1")));
  EXPECT_TRUE(eval(ips, with("aws:SourceIp", "198.51.100.1")));
}

// --- Missing keys, IfExists, Null (rules 34-36, 45) -----------------------

TEST(ConditionOperators, PositiveOperatorWithMissingKeyIsFalse_Rule34) {
  for (const char* cond : {R"({"StringEquals": {"k": "v"}})", R"({"ArnLike": {"k": "*"}})",
                           R"({"Bool": {"k": "true"}})", R"({"IpAddress": {"k": "0.0.0.0/0"}})",
                           R"({"NumericLessThan": {"k": "10"}})",
                           R"({"DateGreaterThan": {"k": "0"}})", R"({"StringLike": {"k": "*"}})"})
    EXPECT_FALSE(eval(cond, kEmpty)) << cond;
}

TEST(ConditionOperators, NegatedOperatorWithMissingKeyIsTrue_Rule34) {
  for (const char* cond :
       {R"({"StringNotEquals": {"k": "v"}})", R"({"StringNotLike": {"k": "*"}})",
        R"({"ArnNotLike": {"k": "*"}})", R"({"NotIpAddress": {"k": "0.0.0.0/0"}})",
        R"({"NumericNotEquals": {"k": "1"}})", R"({"DateNotEquals": {"k": "0"}})",
        R"({"StringNotEqualsIgnoreCase": {"k": "v"}})", R"({"ArnNotEquals": {"k": "*"}})"})
    EXPECT_TRUE(eval(cond, kEmpty)) << cond;
}

TEST(ConditionOperators, IfExistsWithMissingKeyIsTrue_Rule35) {
  EXPECT_TRUE(eval(R"({"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*"]}})", kEmpty));
  EXPECT_TRUE(eval(R"({"NumericLessThanIfExists": {"k": "3"}})", kEmpty));
}

TEST(ConditionOperators, IfExistsWithPresentKeyEvaluatesNormally_Rule35) {
  const char* cond = R"({"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*"]}})";
  EXPECT_TRUE(eval(cond, with("ec2:InstanceType", "t2.micro")));
  EXPECT_FALSE(eval(cond, with("ec2:InstanceType", "m5.large")));
}

TEST(ConditionOperators, DenyWithStringNotEqualsIfExistsStillDeniesWhenMissing_Rule35) {
  // The condition is true, so a Deny statement carrying it applies.
  EXPECT_TRUE(eval(R"({"StringNotEqualsIfExists": {"aws:ResourceTag/team": "red"}})", kEmpty));
  EXPECT_FALSE(eval(R"({"StringNotEqualsIfExists": {"aws:ResourceTag/team": "red"}})",
                    with("aws:ResourceTag/team", "red")));
}

TEST(ConditionOperators, NullTrueMeansTheKeyIsAbsent_Rule36) {
  const char* cond = R"({"Null": {"aws:TokenIssueTime": "true"}})";
  EXPECT_TRUE(eval(cond, kEmpty));
  EXPECT_FALSE(eval(cond, with("aws:TokenIssueTime", "2024-01-01T00:00:00Z")));
}

TEST(ConditionOperators, NullFalseMeansTheKeyIsPresent_Rule36) {
  const char* cond = R"({"Null": {"aws:TokenIssueTime": false}})";
  EXPECT_FALSE(eval(cond, kEmpty));
  EXPECT_TRUE(eval(cond, with("aws:TokenIssueTime", "2024-01-01T00:00:00Z")));
}

TEST(ConditionOperators, NullTreatsAnEmptySetAsAbsent_Rule36) {
  EXPECT_TRUE(eval(R"({"Null": {"aws:TagKeys": "true"}})", with_multi("aws:TagKeys", {})));
  EXPECT_FALSE(eval(R"({"Null": {"aws:TagKeys": "false"}})", with_multi("aws:TagKeys", {})));
}

TEST(ConditionOperators, KeyMissingForOtherResourceTypesIsFalse_Rule45) {
  // The "THISPOLICYDOESNOTWORK" example: images and key pairs have no ec2:InstanceType.
  EXPECT_FALSE(eval(R"({"StringLike": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}})", kEmpty));
}

// --- String, ARN, Bool (rules 37-39) ---------------------------------------

TEST(ConditionOperators, StringEqualsIsExactAndCaseSensitive_Rule37) {
  EXPECT_TRUE(eval(R"({"StringEquals": {"k": "AES256"}})", with("k", "AES256")));
  EXPECT_FALSE(eval(R"({"StringEquals": {"k": "AES256"}})", with("k", "aes256")));
  EXPECT_FALSE(eval(R"({"StringEquals": {"k": "AES*"}})", with("k", "AES256")));
  EXPECT_TRUE(eval(R"({"StringEquals": {"k": "AES*"}})", with("k", "AES*")));
}

TEST(ConditionOperators, StringLikeIsCaseSensitiveWithWildcards_Rule37) {
  const char* cond = R"({"StringLike": {"s3:prefix": ["home/*", "ab?d"]}})";
  EXPECT_TRUE(eval(cond, with("s3:prefix", "home/alice/x")));
  EXPECT_FALSE(eval(cond, with("s3:prefix", "Home/alice")));
  EXPECT_TRUE(eval(cond, with("s3:prefix", "abcd")));
  EXPECT_FALSE(eval(cond, with("s3:prefix", "abd")));
  // "You must specify wildcards to achieve partial string matches."
  EXPECT_FALSE(eval(R"({"StringLike": {"s3:prefix": "home"}})", with("s3:prefix", "home/alice")));
  EXPECT_TRUE(eval(R"({"StringNotLike": {"s3:prefix": "home/*"}})", with("s3:prefix", "tmp/x")));
}

TEST(ConditionOperators, ArnLikeWildcardDoesNotCrossColon_Rule38) {
  // The example of IAM: Condition operators, "ARN condition operators".
  const std::string value =
      "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
  const char* pattern = "arn:aws:someservice:*:111122223333:finance/*";
  EXPECT_TRUE(eval(json{{"StringLike", {{"aws:SourceArn", pattern}}}}.dump(),
                   with("aws:SourceArn", value)));
  EXPECT_FALSE(
      eval(json{{"ArnLike", {{"aws:SourceArn", pattern}}}}.dump(), with("aws:SourceArn", value)));
}

TEST(ConditionOperators, ArnEqualsBehavesLikeArnLike_Rule38) {
  const char* like =
      R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Admin*"}})";
  const char* equals =
      R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Admin*"}})";
  for (const char* arn :
       {"arn:aws:iam::111122223333:role/AdminRole", "arn:aws:iam::111122223333:role/Dev",
        "arn:aws:iam::444455556666:role/AdminRole"}) {
    RequestContext ctx = with("aws:PrincipalArn", arn);
    EXPECT_EQ(eval(like, ctx), eval(equals, ctx)) << arn;
  }
  EXPECT_TRUE(eval(equals, with("aws:PrincipalArn", "arn:aws:iam::111122223333:role/AdminRole")));
  EXPECT_FALSE(eval(R"({"ArnLike": {"k": "arn:aws:iam::111122223333:role/admin"}})",
                    with("k", "arn:aws:iam::111122223333:role/Admin")));
  EXPECT_TRUE(eval(R"({"ArnNotEquals": {"k": "arn:aws:sns:*:111122223333:topic"}})",
                   with("k", "arn:aws:sns:us-east-1:999999999999:topic")));
}

TEST(ConditionOperators, BoolComparesTrueAndFalse_Rule39) {
  EXPECT_TRUE(
      eval(R"({"Bool": {"aws:SecureTransport": "false"}})", with("aws:SecureTransport", "false")));
  EXPECT_FALSE(
      eval(R"({"Bool": {"aws:SecureTransport": "false"}})", with("aws:SecureTransport", "true")));
  EXPECT_TRUE(
      eval(R"({"Bool": {"aws:SecureTransport": true}})", with("aws:SecureTransport", "true")));
}

TEST(ConditionOperators, BoolIfExistsAcceptsMissingMfaKey_Rule39) {
  const char* cond = R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})";
  EXPECT_TRUE(eval(cond, kEmpty));  // long-term keys: the key is absent
  EXPECT_FALSE(eval(cond, with("aws:MultiFactorAuthPresent", "true")));
}

TEST(ConditionOperators, BoolWithCapitalisedValueWarnsAndIgnoresCase_Rule39) {
  Diagnostics diags;
  auto block = compile(R"({"Bool": {"aws:SecureTransport": "False"}})", diags);
  EXPECT_FALSE(diags.has_errors());
  EXPECT_TRUE(mentions(at(diags, kPointer + "/Bool/aws:SecureTransport"), "lowercase"));
  EXPECT_TRUE(block.evaluate(with("aws:SecureTransport", "false")));
}

TEST(ConditionOperators, BoolValueOtherThanTrueOrFalseMatchesNothing_Rule39) {
  Diagnostics diags;
  auto block = compile(R"({"Bool": {"aws:SecureTransport": "yes"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/Bool/aws:SecureTransport"),
                       "`yes` matches no request value"));
  EXPECT_FALSE(block.evaluate(with("aws:SecureTransport", "yes")));
}

TEST(ConditionOperators, BinaryEqualsComparesBase64Bytes) {
  const char* cond = R"({"BinaryEquals": {"k": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})";
  EXPECT_TRUE(eval(cond, with("k", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")));
  EXPECT_TRUE(eval(cond, with("k", "QmluYXJ5VmFsdWVJbkJhc2U2NA")));  // padding is not data
  EXPECT_FALSE(eval(cond, with("k", "QmluYXJ5")));
  EXPECT_FALSE(eval(cond, with("k", "not base64!")));
}

// --- IP addresses (rule 40) -------------------------------------------------

TEST(ConditionOperators, CidrRangeContainsItsAddresses_Rule40) {
  const char* cond = R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})";
  EXPECT_TRUE(eval(cond, with("aws:SourceIp", "203.0.113.0")));
  EXPECT_TRUE(eval(cond, with("aws:SourceIp", "203.0.113.255")));
  EXPECT_FALSE(eval(cond, with("aws:SourceIp", "203.0.114.0")));
  EXPECT_TRUE(
      eval(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})", with("aws:SourceIp", "8.8.8.8")));
  EXPECT_TRUE(eval(R"({"IpAddress": {"aws:SourceIp": "10.0.0.0/13"}})",
                   with("aws:SourceIp", "10.7.255.1")));
  EXPECT_FALSE(
      eval(R"({"IpAddress": {"aws:SourceIp": "10.0.0.0/13"}})", with("aws:SourceIp", "10.8.0.1")));
}

TEST(ConditionOperators, BareIpIsSlash32_Rule40) {
  const char* cond = R"({"IpAddress": {"aws:SourceIp": "203.0.113.7"}})";
  EXPECT_TRUE(eval(cond, with("aws:SourceIp", "203.0.113.7")));
  EXPECT_FALSE(eval(cond, with("aws:SourceIp", "203.0.113.8")));
}

TEST(ConditionOperators, Ipv6CidrRange_Rule40) {
  const char* cond = R"({"IpAddress": {"aws:SourceIp": "2001:DB8:1234:5678::/64"}})";
  EXPECT_TRUE(eval(cond, with("aws:SourceIp", "2001:db8:1234:5678:abcd::1")));
  EXPECT_FALSE(eval(cond, with("aws:SourceIp", "2001:db8:1234:5679::1")));
  EXPECT_TRUE(eval(R"({"IpAddress": {"aws:SourceIp": "2001:db8::1"}})",
                   with("aws:SourceIp", "2001:DB8:0:0::1")));
  EXPECT_FALSE(eval(R"({"IpAddress": {"aws:SourceIp": "2001:db8::1"}})",
                    with("aws:SourceIp", "2001:db8::2")));
  EXPECT_TRUE(eval(R"({"IpAddress": {"aws:SourceIp": "::ffff:192.0.2.0/120"}})",
                   with("aws:SourceIp", "::ffff:192.0.2.9")));
}

TEST(ConditionOperators, Ipv4AndIpv6NeverMatchEachOther_Rule40) {
  EXPECT_FALSE(
      eval(R"({"IpAddress": {"aws:SourceIp": "::/0"}})", with("aws:SourceIp", "192.0.2.1")));
  EXPECT_FALSE(
      eval(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})", with("aws:SourceIp", "2001:db8::1")));
}

TEST(ConditionOperators, RequestValueThatIsNotAnIpMatchesNoRange_Rule40) {
  EXPECT_FALSE(
      eval(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})", with("aws:SourceIp", "vpce-123")));
  EXPECT_TRUE(
      eval(R"({"NotIpAddress": {"aws:SourceIp": "0.0.0.0/0"}})", with("aws:SourceIp", "vpce-123")));
}

// An octet written with a leading zero (`05`, `010`) is no address: some parsers read it as
// octal, and AWS, which fills aws:SourceIp itself, never writes one (model/SEMANTICS.md). The
// condition fuzzer found the reference evaluator reading `05` as 5 (tests/fuzz_findings/condition).
TEST(ConditionOperators, AnOctetWithALeadingZeroIsNoAddress_Rule40) {
  EXPECT_FALSE(eval(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                    with("aws:SourceIp", "203.0.113.05")));
  EXPECT_TRUE(eval(R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                   with("aws:SourceIp", "203.0.113.05")));
  EXPECT_TRUE(eval(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                   with("aws:SourceIp", "203.0.113.5")));
}

// --- Numbers and dates (rule 41) -------------------------------------------

TEST(ConditionOperators, NumericOperatorsCompareNumbers_Rule41) {
  RequestContext ten = with("s3:max-keys", "10");
  EXPECT_TRUE(eval(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})", ten));
  EXPECT_FALSE(eval(R"({"NumericLessThan": {"s3:max-keys": "10"}})", ten));
  EXPECT_TRUE(eval(R"({"NumericLessThan": {"s3:max-keys": 10.5}})", ten));
  EXPECT_TRUE(eval(R"({"NumericGreaterThan": {"s3:max-keys": "9.99"}})", ten));
  EXPECT_TRUE(eval(R"({"NumericGreaterThanEquals": {"s3:max-keys": "-3"}})", ten));
  EXPECT_TRUE(eval(R"({"NumericEquals": {"s3:max-keys": "010.000"}})", ten));
  EXPECT_TRUE(eval(R"({"NumericNotEquals": {"s3:max-keys": ["1", "2"]}})", ten));
  EXPECT_FALSE(eval(R"({"NumericNotEquals": {"s3:max-keys": ["1", "10"]}})", ten));
  // Exact, not double precision.
  EXPECT_FALSE(
      eval(R"({"NumericEquals": {"k": "12345678901234567"}})", with("k", "12345678901234568")));
  EXPECT_TRUE(eval(R"({"NumericLessThan": {"k": "-1.5"}})", with("k", "-1.75")));
}

TEST(ConditionOperators, UnparsableNumericRequestValueDoesNotMatch_Rule41) {
  EXPECT_FALSE(eval(R"({"NumericLessThan": {"k": "10"}})", with("k", "ten")));
  EXPECT_FALSE(eval(R"({"NumericEquals": {"k": "10"}})", with("k", "1e1")));
}

TEST(ConditionOperators, DatesCompareIsoAndEpochForms_Rule41) {
  RequestContext now = with("aws:CurrentTime", "2020-01-01T00:00:01Z");
  EXPECT_TRUE(eval(R"({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})", now));
  EXPECT_FALSE(eval(R"({"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})", now));
  EXPECT_TRUE(eval(R"({"DateEquals": {"aws:CurrentTime": "1577836801"}})", now));
  EXPECT_TRUE(eval(R"({"DateEquals": {"aws:CurrentTime": 1577836801}})", now));
  EXPECT_TRUE(eval(R"({"DateEquals": {"aws:CurrentTime": "2020-01-01T01:00:01+01:00"}})", now));
  EXPECT_TRUE(eval(R"({"DateLessThanEquals": {"aws:EpochTime": "2020-01-01T00:00:01Z"}})",
                   with("aws:EpochTime", "1577836801")));
  EXPECT_TRUE(eval(R"({"DateGreaterThanEquals": {"aws:CurrentTime": "2020-01-01"}})", now));
  EXPECT_TRUE(eval(R"({"DateNotEquals": {"aws:CurrentTime": "2020-01-01T00:00:01.5Z"}})", now));
  EXPECT_FALSE(eval(R"({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                    with("aws:CurrentTime", "yesterday")));
}

TEST(ConditionOperators, DatesAcceptNoWildcards_Rule41) {
  Diagnostics diags;
  auto block = compile(R"({"DateGreaterThan": {"aws:CurrentTime": "2020-*"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/DateGreaterThan/aws:CurrentTime"), "is not a date"));
  EXPECT_FALSE(block.evaluate(with("aws:CurrentTime", "2021-01-01T00:00:00Z")));
}

// --- Set qualifiers (rules 42-44) ------------------------------------------

TEST(ConditionOperators, ForAllValuesTrueWhenKeyAbsent_Rule42) {
  EXPECT_TRUE(eval(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})", kEmpty));
}

TEST(ConditionOperators, ForAllValuesTrueWhenSetIsEmpty_Rule42) {
  EXPECT_TRUE(eval(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})",
                   with_multi("aws:TagKeys", {})));
}

TEST(ConditionOperators, ForAllValuesNeedsEveryRequestValueToMatch_Rule42) {
  const char* cond =
      R"({"ForAllValues:StringLike": {"dynamodb:requestedAttributes": ["PostDateTime", "Message", "Tags"]}})";
  EXPECT_TRUE(eval(cond, with_multi("dynamodb:requestedAttributes", {"PostDateTime", "Message"})));
  EXPECT_FALSE(
      eval(cond, with_multi("dynamodb:requestedAttributes", {"PostDateTime", "UserName"})));
}

TEST(ConditionOperators, ForAnyValueFalseWhenKeyAbsent_Rule43) {
  EXPECT_FALSE(eval(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}})", kEmpty));
  EXPECT_FALSE(
      eval(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}})", with_multi("aws:TagKeys", {})));
  EXPECT_FALSE(eval(R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "a"}})", kEmpty));
  EXPECT_TRUE(eval(R"({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "a"}})", kEmpty));
}

TEST(ConditionOperators, ForAnyValueTrueWhenOneRequestValueMatches_Rule43) {
  const char* cond =
      R"({"ForAnyValue:StringLike": {"dynamodb:requestedAttributes": ["ID", "PostDateTime"]}})";
  EXPECT_TRUE(eval(
      cond, with_multi("dynamodb:requestedAttributes", {"UserName", "Message", "PostDateTime"})));
  EXPECT_FALSE(eval(cond, with_multi("dynamodb:requestedAttributes", {"UserName"})));
}

TEST(ConditionOperators, ForAllValuesWithNegatedOperatorFollowsAwsTable_Rule42) {
  // IAM: Multivalued context key examples, "DenyRestrictedTags".
  const char* cond = R"({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}})";
  EXPECT_FALSE(eval(cond, with_multi("aws:TagKeys", {"key1:legal"})));
  EXPECT_FALSE(eval(cond, with_multi("aws:TagKeys", {"key1:hr", "key1:personnel"})));
  EXPECT_TRUE(eval(cond, with_multi("aws:TagKeys", {"key2:audit"})));
  EXPECT_TRUE(eval(cond, kEmpty));
  EXPECT_FALSE(eval(cond, with_multi("aws:TagKeys", {"key2:audit", "key1:hr"})));
}

TEST(ConditionOperators, ForAnyValueWithNegatedOperatorNeedsOneUnlistedValue_Rule43) {
  const char* cond = R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a", "b"]}})";
  EXPECT_TRUE(eval(cond, with_multi("aws:TagKeys", {"a", "c"})));
  EXPECT_FALSE(eval(cond, with_multi("aws:TagKeys", {"a", "b"})));
}

TEST(ConditionOperators, PlainOperatorOnSeveralRequestValuesMatchesNoPolicyValue_Rule44) {
  RequestContext two = with_multi("aws:CalledVia", {"athena.amazonaws.com", "glue.amazonaws.com"});
  EXPECT_FALSE(eval(R"({"StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}})", two));
  EXPECT_TRUE(eval(R"({"StringNotEquals": {"aws:CalledVia": "athena.amazonaws.com"}})", two));
  EXPECT_TRUE(
      eval(R"({"ForAnyValue:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}})", two));
  // One value in the set compares like a single-valued key.
  EXPECT_TRUE(eval(R"({"StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}})",
                   with_multi("aws:CalledVia", {"athena.amazonaws.com"})));
}

TEST(ConditionOperators, SingleValuedKeyIsSingleValuedWhateverThePolicyLists_Rule44) {
  // Several policy values do not make aws:RequestTag/x multivalued: plain OR.
  EXPECT_TRUE(eval(R"({"StringEquals": {"aws:RequestTag/env": ["dev", "test"]}})",
                   with("aws:RequestTag/env", "test")));
}

TEST(ConditionDiagnostics, ForAllValuesWithSingleValuedKmsKeyWarns_Rule44) {
  Diagnostics diags;
  compile(
      R"({"ForAllValues:StringEquals": {"kms:EncryptionContext:Department": "IT", "aws:RequestTag/env": "dev"}})",
      diags);
  EXPECT_FALSE(diags.has_errors());
  const Diagnostic* kms =
      at(diags, kPointer + "/ForAllValues:StringEquals/kms:EncryptionContext:Department");
  ASSERT_NE(kms, nullptr);
  EXPECT_EQ(kms->severity, Severity::kWarning);
  EXPECT_TRUE(mentions(kms, "OverlyPermissiveCondition"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/ForAllValues:StringEquals/aws:RequestTag~1env"),
                       "single-valued"));
  Diagnostics none;
  compile(R"({"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": "Department"}})", none);
  EXPECT_TRUE(none.items().empty());
}

// --- Policy variables in conditions (rules 14-16) ---------------------------

TEST(ConditionVariables, PolicyVariablesAreLiteralWithoutVersion2012_Rule14) {
  Diagnostics diags;
  auto block = compile(R"({"StringEquals": {"s3:prefix": "home/${aws:username}"}})", diags,
                       /*variables=*/false);
  RequestContext ctx = with("s3:prefix", "home/alice");
  ctx.set("aws:username", "alice");
  EXPECT_FALSE(block.evaluate(ctx));
  EXPECT_TRUE(block.evaluate(with("s3:prefix", "home/${aws:username}")));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/StringEquals/s3:prefix"), "literal text"));
}

TEST(ConditionVariables, VariablesAreSubstitutedInStringAndArnOperators_Rule15) {
  RequestContext ctx = with("s3:prefix", "home/alice/docs");
  ctx.set("aws:username", "alice");
  EXPECT_TRUE(eval(R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})", ctx));
  EXPECT_FALSE(eval(R"({"StringLike": {"s3:prefix": "home/${aws:userid}/*"}})", ctx));
  ctx.set("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:alice-topic");
  EXPECT_TRUE(eval(
      R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:${aws:username}-*"}})", ctx));
  EXPECT_TRUE(eval(
      R"({"StringEqualsIgnoreCase": {"aws:SourceArn": "ARN:AWS:SNS:US-EAST-1:111122223333:${aws:username}-TOPIC"}})",
      ctx));
}

TEST(ConditionVariables, VariablesAreLiteralInOtherOperators_Rule15) {
  Diagnostics diags;
  auto block = compile(R"({"NumericEquals": {"s3:max-keys": "${aws:limit}"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/NumericEquals/s3:max-keys"), "not substituted"));
  EXPECT_TRUE(diags.has_errors());  // and it is not a number
  RequestContext ctx = with("s3:max-keys", "3");
  ctx.set("aws:limit", "3");
  EXPECT_FALSE(block.evaluate(ctx));
}

TEST(ConditionVariables, VariableWithoutValueMatchesNothing_Rule16) {
  RequestContext ctx = with("s3:prefix", "home/");
  EXPECT_FALSE(eval(R"({"StringEquals": {"s3:prefix": "home/${aws:username}"}})", ctx));
  EXPECT_TRUE(eval(R"({"StringNotEquals": {"s3:prefix": "home/${aws:username}"}})", ctx));
  EXPECT_TRUE(eval(R"({"StringNotLike": {"s3:prefix": "home/${aws:username}*"}})", ctx));
  // Other values of the same key still match.
  EXPECT_TRUE(eval(R"({"StringEquals": {"s3:prefix": ["home/${aws:username}", "home/"]}})", ctx));
}

TEST(ConditionVariables, DefaultValueIsUsedWhenTheKeyIsAbsent_Rule16) {
  const char* cond = R"({"StringEquals": {"s3:prefix": "home/${aws:username, 'guest'}"}})";
  EXPECT_TRUE(eval(cond, with("s3:prefix", "home/guest")));
  RequestContext alice = with("s3:prefix", "home/guest");
  alice.set("aws:username", "alice");
  EXPECT_FALSE(eval(cond, alice));
}

TEST(ConditionVariables, LiteralStarVariableIsNotAWildcard_Rule16) {
  const char* cond = R"({"StringLike": {"s3:prefix": "a${*}b*"}})";
  EXPECT_TRUE(eval(cond, with("s3:prefix", "a*bcd")));
  EXPECT_FALSE(eval(cond, with("s3:prefix", "axbcd")));
  EXPECT_TRUE(eval(R"({"StringEquals": {"k": "cost${$}${?}"}})", with("k", "cost$?")));
}

TEST(ConditionVariables, RequestValueInAPatternIsNotAWildcard_Rule16) {
  RequestContext ctx = with("s3:prefix", "home/anything");
  ctx.set("aws:username", "*");
  EXPECT_FALSE(eval(R"({"StringLike": {"s3:prefix": "home/${aws:username}"}})", ctx));
  ctx.set("s3:prefix", "home/*");
  EXPECT_TRUE(eval(R"({"StringLike": {"s3:prefix": "home/${aws:username}"}})", ctx));
}

TEST(ConditionVariables, MalformedVariableIsAnErrorAtTheValue_Rule16) {
  Diagnostics diags;
  auto block = compile(R"({"StringLike": {"s3:prefix": ["ok", "home/${aws:username"]}})", diags);
  const Diagnostic* d = at(diags, kPointer + "/StringLike/s3:prefix/1");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kError);
  EXPECT_TRUE(mentions(d, "unterminated"));
  EXPECT_TRUE(block.evaluate(with("s3:prefix", "ok")));
}

// --- Diagnostics ------------------------------------------------------------

TEST(ConditionDiagnostics, UnknownOperatorIsReportedWithPointerAndSuggestion) {
  Diagnostics diags;
  auto block = compile(R"({"StringEqual": {"k": "v"}})", diags);
  const Diagnostic* d = at(diags, kPointer + "/StringEqual");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kError);
  EXPECT_EQ(d->message, "unknown condition operator `StringEqual`; did you mean `StringEquals`?");
  EXPECT_FALSE(block.evaluate(with("k", "v")));
  EXPECT_FALSE(block.empty());
}

TEST(ConditionDiagnostics, OperatorNamesAreMatchedAsAwsSpellsThem) {
  Diagnostics diags;
  compile(R"({"stringequals": {"k": "v"}, "ForAllValues:stringLikeIfExists": {"k": "v"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/stringequals"), "did you mean `StringEquals`?"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/ForAllValues:stringLikeIfExists"),
                       "did you mean `ForAllValues:StringLikeIfExists`?"));
}

TEST(ConditionDiagnostics, UnknownQualifierIsAnError) {
  Diagnostics diags;
  compile(R"({"ForAllValue:StringEquals": {"k": "v"}, "Sometimes:Bool": {"k": "true"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/ForAllValue:StringEquals"),
                       "did you mean `ForAllValues:StringEquals`?"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/Sometimes:Bool"), "unknown condition set qualifier"));
  EXPECT_EQ(diags.error_count(), 2u);
}

TEST(ConditionDiagnostics, FarFetchedOperatorGetsTheListInsteadOfASuggestion) {
  Diagnostics diags;
  compile(R"({"Whatever": {"k": "v"}})", diags);
  const Diagnostic* d = at(diags, kPointer + "/Whatever");
  EXPECT_TRUE(mentions(d, "expected an operator such as"));
  EXPECT_FALSE(mentions(d, "did you mean"));
}

TEST(ConditionDiagnostics, IfExistsOnNullIsAnError_Rule36) {
  Diagnostics diags;
  compile(R"({"NullIfExists": {"k": "true"}})", diags);
  EXPECT_TRUE(
      mentions(at(diags, kPointer + "/NullIfExists"), "`IfExists` cannot be added to `Null`"));
}

TEST(ConditionDiagnostics, NullValueMustBeTrueOrFalse_Rule36) {
  Diagnostics diags;
  compile(R"({"Null": {"k": "maybe"}})", diags);
  const Diagnostic* d = at(diags, kPointer + "/Null/k");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kError);
  EXPECT_TRUE(mentions(d, "`maybe`"));
}

TEST(ConditionDiagnostics, BadCidrIsReportedWithPointer_Rule40) {
  Diagnostics diags;
  auto block = compile(
      R"({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.300/24", "10.0.0.0/33"]}})",
      diags);
  const Diagnostic* bad_address = at(diags, kPointer + "/IpAddress/aws:SourceIp/1");
  ASSERT_NE(bad_address, nullptr);
  EXPECT_EQ(bad_address->severity, Severity::kError);
  EXPECT_TRUE(mentions(bad_address, "`203.0.113.300/24`"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/IpAddress/aws:SourceIp/2"), "from 0 to 32"));
  // The good value still works; the bad ones match nothing.
  EXPECT_TRUE(block.evaluate(with("aws:SourceIp", "203.0.113.5")));
  EXPECT_FALSE(block.evaluate(with("aws:SourceIp", "10.0.0.1")));
}

TEST(ConditionDiagnostics, HostBitsInCidrWarn_Rule40) {
  Diagnostics diags;
  auto block = compile(R"({"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}})", diags);
  EXPECT_FALSE(diags.has_errors());
  EXPECT_TRUE(mentions(at(diags, kPointer + "/IpAddress/aws:SourceIp"), "bits set"));
  EXPECT_TRUE(block.evaluate(with("aws:SourceIp", "203.0.113.200")));
}

TEST(ConditionDiagnostics, BadNumberAndDateAreErrors_Rule41) {
  Diagnostics diags;
  compile(
      R"({"NumericLessThan": {"k": "ten"}, "DateLessThan": {"k": "2020-13-01"}, "BinaryEquals": {"k": "!!"}})",
      diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/NumericLessThan/k"), "`ten` is not a number"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/DateLessThan/k"), "`2020-13-01` is not a date"));
  EXPECT_TRUE(mentions(at(diags, kPointer + "/BinaryEquals/k"), "not base64"));
  EXPECT_EQ(diags.error_count(), 3u);
}

TEST(ConditionDiagnostics, FourDigitDateWarnsAboutEpochReading_Rule41) {
  Diagnostics diags;
  compile(R"({"DateGreaterThan": {"aws:CurrentTime": "2020"}})", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer + "/DateGreaterThan/aws:CurrentTime"), "epoch seconds"));
}

TEST(ConditionDiagnostics, StructuralErrorsAreReportedAtTheirPointers) {
  Diagnostics diags;
  auto not_object = compile(R"(["StringEquals"])", diags);
  EXPECT_TRUE(mentions(at(diags, kPointer), "must be an object"));
  EXPECT_FALSE(not_object.evaluate(kEmpty));

  Diagnostics d2;
  compile(R"({"StringEquals": "k"})", d2);
  EXPECT_TRUE(
      mentions(at(d2, kPointer + "/StringEquals"), "must be an object that maps condition keys"));

  Diagnostics d3;
  compile(R"({"StringEquals": {"": "v"}})", d3);
  EXPECT_TRUE(mentions(at(d3, kPointer + "/StringEquals/"), "empty condition key name"));

  Diagnostics d4;
  compile(R"({"StringEquals": {"k": {"nested": 1}, "j": [null], "m": []}})", d4);
  EXPECT_TRUE(mentions(at(d4, kPointer + "/StringEquals/k"), "not an object"));
  EXPECT_TRUE(mentions(at(d4, kPointer + "/StringEquals/j/0"), "not null"));
  EXPECT_TRUE(mentions(at(d4, kPointer + "/StringEquals/m"), "empty list of values"));
  EXPECT_EQ(d4.error_count(), 3u);
}

TEST(ConditionDiagnostics, KeyNamesAreEscapedInPointers) {
  Diagnostics diags;
  compile(R"({"NumericEquals": {"aws:RequestTag/a~b": "x"}})", diags);
  EXPECT_NE(at(diags, kPointer + "/NumericEquals/aws:RequestTag~1a~0b"), nullptr);
}

// --- Printing, keys, explanations -------------------------------------------

TEST(ConditionBlockTest, EmptyBlockIsTrue) {
  auto block = compile("{}");
  EXPECT_TRUE(block.empty());
  EXPECT_TRUE(block.evaluate(kEmpty));
  EXPECT_EQ(block.explain_failure(kEmpty), "");
}

TEST(ConditionBlockTest, ToJsonRoundTrips) {
  const char* text = R"({
    "StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]},
    "StringEquals": {"aws:PrincipalTag/Team": "red"},
    "ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a", "b"]},
    "NumericLessThanEquals": {"s3:max-keys": 10},
    "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:01Z"},
    "Bool": {"aws:SecureTransport": true},
    "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8::/32"]},
    "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"},
    "Null": {"aws:TokenIssueTime": "true"},
    "BinaryEquals": {"k": "QmluYXJ5"}
  })";
  auto block = compile(text);
  json printed = block.to_json();
  EXPECT_EQ(printed["NumericLessThanEquals"]["s3:max-keys"], json(10));
  EXPECT_EQ(printed["Bool"]["aws:SecureTransport"], json(true));
  EXPECT_EQ(printed["StringEquals"]["aws:PrincipalTag/Team"], json("red"));
  EXPECT_EQ(compile(printed.dump()), block);
  // A one-element array prints as the scalar and compiles to the same block.
  EXPECT_EQ(compile(R"({"StringEquals": {"k": ["v"]}})"),
            compile(R"({"StringEquals": {"k": "v"}})"));
  EXPECT_NE(compile(R"({"StringEquals": {"k": "v"}})"), compile(R"({"StringEquals": {"k": "w"}})"));
}

TEST(ConditionBlockTest, KeysAreLowercasedAndListedOnce) {
  auto block = compile(
      R"({"StringEquals": {"AWS:SourceVpc": "vpc-1"}, "StringLike": {"aws:sourcevpc": "vpc-*"},
                           "Null": {"aws:TokenIssueTime": "false"}})");
  auto keys = block.keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"aws:sourcevpc", "aws:tokenissuetime"}));
}

TEST(ConditionBlockTest, ExplainsTheFirstFailingClause) {
  auto block = compile(R"({"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}})");
  RequestContext ctx = with("s3:x-amz-server-side-encryption", "aws:kms");
  EXPECT_FALSE(block.evaluate(ctx));
  EXPECT_EQ(
      block.explain_failure(ctx),
      "StringNotEquals s3:x-amz-server-side-encryption [`aws:kms`]: the request has `aws:kms`");
  EXPECT_EQ(block.explain_failure(with("s3:x-amz-server-side-encryption", "AES256")), "");

  auto missing = compile(R"({"StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}})");
  EXPECT_EQ(missing.explain_failure(kEmpty),
            "StringEquals aws:SourceVpce [`vpce-1`, `vpce-2`]: the request does not have the key");

  auto any = compile(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}})");
  EXPECT_NE(any.explain_failure(kEmpty).find("`ForAnyValue:` is false"), std::string::npos);

  auto all = compile(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})");
  EXPECT_NE(all.explain_failure(with_multi("aws:TagKeys", {"a", "c"}))
                .find("the request value `c` matches no policy value"),
            std::string::npos);

  auto variable = compile(R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})");
  EXPECT_NE(
      variable.explain_failure(with("s3:prefix", "home/x/y")).find("has no value in this request"),
      std::string::npos);
}

// --- Value parsers ------------------------------------------------------------

TEST(ConditionValues, DecimalsCompareExactly) {
  auto cmp = [](std::string_view a, std::string_view b) {
    return compare_decimal(*parse_decimal(a), *parse_decimal(b));
  };
  EXPECT_EQ(cmp("10", "10.0"), 0);
  EXPECT_EQ(cmp("-0", "0"), 0);
  EXPECT_LT(cmp("9.5", "10"), 0);
  EXPECT_GT(cmp("0.5", "0.25"), 0);
  EXPECT_LT(cmp("-2", "-1.5"), 0);
  EXPECT_GT(cmp("+.5", "0"), 0);
  for (std::string_view bad : {"", "-", ".", "1e3", "1.2.3", " 1", "0x10"})
    EXPECT_FALSE(parse_decimal(bad)) << bad;
}

TEST(ConditionValues, DatesParseW3cFormsAndEpochSeconds) {
  EXPECT_EQ(parse_date("1970-01-01T00:00:00Z")->instant, (Instant{0, 0}));
  EXPECT_EQ(parse_date("2020-02-29")->instant, parse_date("2020-02-29T00:00Z")->instant);
  EXPECT_EQ(parse_date("2020-01-01T00:00:00-05:00")->instant,
            parse_date("2020-01-01T05:00:00Z")->instant);
  EXPECT_EQ(parse_date("1.5")->instant, (Instant{1, 500'000'000}));
  EXPECT_EQ(parse_date("2020-01-01T00:00:00.25Z")->instant.nanos, 250'000'000);
  EXPECT_TRUE(parse_date("2020-01-01T00:00:00")->assumed_utc);
  EXPECT_TRUE(parse_date("2020")->epoch);
  for (std::string_view bad :
       {"2021-02-29", "2020-01-01T24:00:00Z", "2020-01-01 00:00:00Z", "2020-1-01",
        "2020-01-01T00:00:00+5", "abc", "", "2020-01-01T00:00:00ZZ"})
    EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(ConditionValues, IpAddressesParseBothFamilies) {
  EXPECT_TRUE(parse_ip("0.0.0.0"));
  EXPECT_TRUE(parse_ip("::"));
  EXPECT_TRUE(parse_ip("1:2:3:4:5:6:7:8"));
  EXPECT_TRUE(parse_ip("::ffff:1.2.3.4"));
  EXPECT_EQ(parse_ip("2001:db8::1"), parse_ip("2001:0DB8:0:0:0:0:0:1"));
  for (std::string_view bad : {"1.2.3", "1.2.3.256", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3",
                               "12345::", "1.2.3.4/24", "fe80::1%eth0", ""})
    EXPECT_FALSE(parse_ip(bad)) << bad;
  EXPECT_EQ(parse_cidr("2001:db8::/129", nullptr), std::nullopt);
}

TEST(ConditionValues, Base64Decodes) {
  EXPECT_EQ(decode_base64("QmluYXJ5"), "Binary");
  EXPECT_EQ(decode_base64("QQ=="), "A");
  EXPECT_EQ(decode_base64("QQ"), "A");
  EXPECT_EQ(decode_base64(""), "");
  EXPECT_FALSE(decode_base64("Q"));
  EXPECT_FALSE(decode_base64("QQ="));
  EXPECT_FALSE(decode_base64("Q Q="));
}

// --- Property: a scalar means the same as a one-element array ----------------

rc::Gen<std::string> small_text() {
  return rc::gen::container<std::string>(rc::gen::elementOf(std::string("ab*?${}:'")));
}

RC_GTEST_PROP(ConditionProperties, ScalarAndOneElementArrayEvaluateIdentically, ()) {
  static const std::vector<std::string> kOps = {"StringEquals",
                                                "StringNotEquals",
                                                "StringEqualsIgnoreCase",
                                                "StringLike",
                                                "StringNotLike",
                                                "ArnLike",
                                                "ArnNotEquals",
                                                "StringLikeIfExists",
                                                "ForAllValues:StringLike",
                                                "ForAnyValue:StringNotEquals",
                                                "NumericLessThan",
                                                "Bool",
                                                "Null"};
  const std::string op = *rc::gen::elementOf(kOps);
  const std::string value = *small_text();
  const bool variables = *rc::gen::arbitrary<bool>();
  Diagnostics d1, d2;
  auto scalar = compile_condition(json{{op, {{"k", value}}}}, kPointer, variables, d1);
  auto array =
      compile_condition(json{{op, {{"k", json::array({value})}}}}, kPointer, variables, d2);
  RC_ASSERT(scalar == array);

  RequestContext ctx;
  const int shape = *rc::gen::inRange(0, 4);
  if (shape == 1) ctx.set("K", *small_text());
  if (shape == 2) ctx.set_multi("k", *rc::gen::container<std::vector<std::string>>(small_text()));
  if (shape == 3) ctx.set("k", value);
  if (*rc::gen::arbitrary<bool>()) ctx.set("a", *small_text());  // a variable `${a}` may resolve
  RC_ASSERT(scalar.evaluate(ctx) == array.evaluate(ctx));
  RC_ASSERT(scalar.explain_failure(ctx).empty() == scalar.evaluate(ctx));
}

}  // namespace
}  // namespace accesspath
