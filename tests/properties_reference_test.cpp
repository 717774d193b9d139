// The reference evaluator's condition operators, policy variables and public-policy test on
// their own, against the answers the AWS pages give (each case names its rule of
// model/SEMANTICS.md). The differential test checks that the fast evaluator agrees with the
// reference; these check that the reference says what AWS says.
#include <gtest/gtest.h>

#ifdef ACCESSPATH_HAVE_PROPERTIES

#include "properties/reference_match.h"
#include "properties/reference_public_access.h"

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

struct ConditionCase {
  const char* rule;
  const char* condition;
  Context ctx;
  bool holds;
};

const ConditionCase kCases[] = {
    {"41 numeric less than",
     R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})",
     {{"aws:multifactorauthage", {"120"}}},
     true},
    {"41 numeric not less than itself",
     R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})",
     {{"aws:multifactorauthage", {"3600"}}},
     false},
    {"41 decimals",
     R"({"NumericGreaterThanEquals": {"aws:EpochTime": "1700000000.5"}})",
     {{"aws:epochtime", {"1700000000"}}},
     false},
    {"41 ISO against epoch",
     R"({"DateEquals": {"aws:CurrentTime": "1735689600"}})",
     {{"aws:currenttime", {"2025-01-01T00:00:00Z"}}},
     true},
    {"41 date only",
     R"({"DateGreaterThan": {"aws:CurrentTime": "2024-12-31"}})",
     {{"aws:currenttime", {"2025-01-01T00:00:00Z"}}},
     true},
    {"41 a fraction of a second",
     R"({"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00.5Z"}})",
     {{"aws:currenttime", {"2025-01-01T00:00:00Z"}}},
     true},
    {"40 CIDR",
     R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
     {{"aws:sourceip", {"203.0.113.7"}}},
     true},
    {"40 bare address is /32",
     R"({"IpAddress": {"aws:SourceIp": "203.0.113.7"}})",
     {{"aws:sourceip", {"203.0.113.8"}}},
     false},
    {"40 IPv6",
     R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})",
     {{"aws:sourceip", {"2001:db8::7"}}},
     true},
    {"40 IPv4 never in an IPv6 range",
     R"({"IpAddress": {"aws:SourceIp": "::/0"}})",
     {{"aws:sourceip", {"203.0.113.7"}}},
     false},
    {"34 negated operator, key absent",
     R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})",
     {},
     true},
    {"binary",
     R"({"BinaryEquals": {"aws:PrincipalTag/badge": "ZGF0YQ=="}})",
     {{"aws:principaltag/badge", {"ZGF0YQ=="}}},
     true},
    {"37 ignore case",
     R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "DATA"}})",
     {{"aws:principaltag/team", {"data"}}},
     true},
    {"42 ForAllValues, key absent",
     R"({"ForAllValues:StringEquals": {"aws:TagKeys": "team"}})",
     {},
     true},
    {"42 ForAllValues, one value outside",
     R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "project"]}})",
     {{"aws:tagkeys", {"team", "cost"}}},
     false},
    {"42 ForAllValues, every value inside",
     R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "project"]}})",
     {{"aws:tagkeys", {"team", "project"}}},
     true},
    {"42 ForAllValues:StringNotLike, AWS's example",
     R"({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}})",
     {{"aws:tagkeys", {"key2", "key1a"}}},
     false},
    {"43 ForAnyValue, key absent",
     R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}})",
     {},
     false},
    {"35 ForAnyValue IfExists, key absent",
     R"({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "team"}})",
     {},
     true},
    {"43 ForAnyValue, one value inside",
     R"({"ForAnyValue:StringLike": {"aws:TagKeys": "cost*"}})",
     {{"aws:tagkeys", {"team", "cost-center"}}},
     true},
    {"15 a variable",
     R"({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}})",
     {{"aws:resourceaccount", {"111111111111"}}, {"aws:principalaccount", {"111111111111"}}},
     true},
    {"16 a variable without a value",
     R"({"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}})",
     {{"aws:principaltag/team", {"data"}}},
     false},
    {"16 ... negated",
     R"({"StringNotEquals": {"aws:PrincipalTag/team": "${aws:username}"}})",
     {{"aws:principaltag/team", {"data"}}},
     true},
    {"16 a default, a wildcard in a pattern",
     R"({"StringLike": {"aws:PrincipalTag/team": "${aws:username, 'd*'}"}})",
     {{"aws:principaltag/team", {"data"}}},
     true},
    {"16 a default, literal in StringEquals",
     R"({"StringEquals": {"aws:PrincipalTag/team": "${aws:username, 'd*'}"}})",
     {{"aws:principaltag/team", {"data"}}},
     false},
    {"16 ${*} is a literal star",
     R"({"StringLike": {"aws:PrincipalTag/team": "${*}"}})",
     {{"aws:principaltag/team", {"data"}}},
     false},
    {"16 ${?} is a literal question mark",
     R"({"StringLike": {"aws:PrincipalTag/team": "d${?}ta"}})",
     {{"aws:principaltag/team", {"d?ta"}}},
     true},
    {"16 ${$} is a dollar",
     R"({"StringEquals": {"aws:PrincipalTag/team": "da${$}a"}})",
     {{"aws:principaltag/team", {"da$a"}}},
     true},
    {"38 a variable in an ARN pattern",
     R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:ResourceAccount}:*"}})",
     {{"aws:principalarn", {"arn:aws:iam::111111111111:role/app"}},
      {"aws:resourceaccount", {"111111111111"}}},
     true},
};

TEST(PropertiesReference, ConditionOperatorsAnswerAsAwsDocumentsThem) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string("rule ") + c.rule);
    EXPECT_EQ(condition_holds(json::parse(c.condition), c.ctx), c.holds);
  }
}

// Rule 14: without "Version": "2012-10-17" a variable is literal text.
TEST(PropertiesReference, VariablesAreLiteralWithoutVersion2012_Rule14) {
  const json condition =
      json::parse(R"({"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}})");
  const Context ctx = {{"aws:principaltag/team", {"${aws:username}"}}, {"aws:username", {"alice"}}};
  EXPECT_TRUE(condition_holds(condition, ctx, /*variables=*/false));
  EXPECT_FALSE(condition_holds(condition, ctx, /*variables=*/true));
}

// Rule 44: what a plain operator does with several request values is not documented.
TEST(PropertiesReference, APlainOperatorOnAMultivaluedKeyIsUnsupported_Rule44) {
  EXPECT_THROW(condition_holds(json::parse(R"({"StringEquals": {"aws:TagKeys": "team"}})"),
                               {{"aws:tagkeys", {"team", "cost"}}}),
               Unsupported);
}

// Rule 95: which bucket policies are public.
TEST(PropertiesReference, PublicBucketPolicies_Rule95) {
  auto policy = [](const std::string& principal, const std::string& condition) {
    std::string st = R"({"Effect": "Allow", )" + principal +
                     R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")";
    if (!condition.empty()) st += R"(, "Condition": )" + condition;
    return json::parse(R"({"Version": "2012-10-17", "Statement": [)" + st + "}]}");
  };
  const std::string star = R"("Principal": "*")";
  EXPECT_TRUE(is_public_policy(policy(star, "")));
  EXPECT_TRUE(is_public_policy(policy(R"("NotPrincipal": {"AWS": "111111111111"})", "")));
  EXPECT_FALSE(is_public_policy(policy(R"("Principal": {"AWS": "111111111111"})", "")));
  EXPECT_FALSE(is_public_policy(policy(star, R"({"StringEquals": {"aws:SourceVpc": "vpc-1"}})")));
  EXPECT_TRUE(is_public_policy(policy(star, R"({"StringLike": {"aws:SourceVpc": "vpc-*"}})")));
  EXPECT_TRUE(
      is_public_policy(policy(star, R"({"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}})")));
  EXPECT_TRUE(is_public_policy(policy(star, R"({"Null": {"aws:PrincipalArn": "false"}})")));
  EXPECT_TRUE(is_public_policy(
      policy(star, R"({"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-aaaa111111"}})")));
  EXPECT_FALSE(is_public_policy(
      policy(star, R"({"ForAnyValue:StringEquals": {"aws:PrincipalOrgID": "o-aaaa111111"}})")));
  EXPECT_FALSE(is_public_policy(policy(star, R"({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})")));
  EXPECT_TRUE(
      is_public_policy(policy(star, R"({"StringEquals": {"aws:PrincipalTag/team": "data"}})")));
}

}  // namespace
}  // namespace accesspath::properties::reference

#else
TEST(PropertiesReference, NeedsThePropertiesLibrary) {
  GTEST_SKIP() << "built without accesspath_properties";
}
#endif
