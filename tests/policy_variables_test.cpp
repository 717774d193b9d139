// Tests for policy variable substitution (rules 14-16 of model/SEMANTICS.md).
#include "model/condition/policy_variables.h"

#include <gtest/gtest.h>

#include "model/core/wildcard.h"

namespace accesspath {
namespace {

RequestContext alice() {
  RequestContext ctx;
  ctx.set("aws:username", "alice");
  ctx.set("aws:PrincipalTag/team", "red*team?");
  ctx.set_multi("aws:CalledVia", {"athena.amazonaws.com"});
  return ctx;
}

std::optional<std::string> literal(std::string_view text, const ConditionContext& ctx) {
  return substitute_policy_variables(text, ctx, SubstituteFor::kLiteral);
}

std::optional<std::string> pattern(std::string_view text, const ConditionContext& ctx) {
  return substitute_policy_variables(text, ctx, SubstituteFor::kPattern);
}

TEST(PolicyVariables, SubstitutesTheRequestValue_Rule15) {
  EXPECT_EQ(literal("home/${aws:username}/", alice()), "home/alice/");
  EXPECT_EQ(literal("${aws:username}${aws:username}", alice()), "alicealice");
  EXPECT_EQ(literal("no variables", alice()), "no variables");
}

TEST(PolicyVariables, KeyNamesAreCaseInsensitive_Rule31) {
  EXPECT_EQ(literal("${AWS:UserName}", alice()), "alice");
}

TEST(PolicyVariables, MissingKeyHasNoValue_Rule16) {
  EXPECT_EQ(literal("home/${aws:userid}/", alice()), std::nullopt);
}

TEST(PolicyVariables, MultivaluedKeyCannotBeAVariable_Rule15) {
  // aws:CalledVia is multivalued even with one value in this request.
  EXPECT_EQ(literal("${aws:CalledVia}", alice()), std::nullopt);
  EXPECT_EQ(literal("${aws:CalledVia, 'none'}", alice()), "none");
}

TEST(PolicyVariables, DefaultIsUsedOnlyWhenTheKeyHasNoValue_Rule16) {
  EXPECT_EQ(literal("${aws:userid, 'nobody'}", alice()), "nobody");
  EXPECT_EQ(literal("${aws:username, 'nobody'}", alice()), "alice");
  EXPECT_EQ(literal("${ aws:userid ,  'two words' }", alice()), "two words");
  EXPECT_EQ(literal("${aws:userid, 'it''s'}", alice()), "it's");
  EXPECT_EQ(literal("${aws:userid, ''}", alice()), "");
}

TEST(PolicyVariables, SubstitutionIsOneRound_Rule16) {
  EXPECT_EQ(literal("${aws:userid, '${aws:username}'}", alice()), "${aws:username}");
}

TEST(PolicyVariables, SpecialCharactersAreLiteral_Rule16) {
  EXPECT_EQ(literal("a${*}b${?}c${$}d", alice()), "a*b?c$d");
  std::string p = *pattern("a${*}b", alice());
  EXPECT_EQ(p, std::string("a") + kLiteralStar + "b");
  EXPECT_TRUE(wildcard_match(p, "a*b", CaseMode::kSensitive));
  EXPECT_FALSE(wildcard_match(p, "axxb", CaseMode::kSensitive));
  std::string q = *pattern("a${?}", alice());
  EXPECT_TRUE(wildcard_match(q, "a?", CaseMode::kSensitive));
  EXPECT_FALSE(wildcard_match(q, "ab", CaseMode::kSensitive));
}

TEST(PolicyVariables, RequestValuesAreNeverWildcards_Rule16) {
  // The tag value `red*team?` must match only itself when used in a pattern.
  std::string p = *pattern("teams/${aws:PrincipalTag/team}/*", alice());
  EXPECT_TRUE(wildcard_match(p, "teams/red*team?/x", CaseMode::kSensitive));
  EXPECT_FALSE(wildcard_match(p, "teams/redXXteamY/x", CaseMode::kSensitive));
  // Literal mode keeps the characters as they are.
  EXPECT_EQ(literal("${aws:PrincipalTag/team}", alice()), "red*team?");
}

TEST(PolicyVariables, DefaultValueIsPolicyTextInPatterns) {
  std::string p = *pattern("${aws:userid, 'team-*'}", alice());
  EXPECT_TRUE(wildcard_match(p, "team-anything", CaseMode::kSensitive));
}

TEST(PolicyVariables, MalformedVariableMatchesNothing) {
  EXPECT_EQ(literal("home/${aws:username", alice()), std::nullopt);
  EXPECT_EQ(literal("${}", alice()), std::nullopt);
}

TEST(PolicyVariables, DollarWithoutBraceIsPlainText) {
  EXPECT_EQ(literal("cost$ and {braces}", alice()), "cost$ and {braces}");
  EXPECT_FALSE(contains_policy_variable("cost$ and {braces}"));
  EXPECT_TRUE(contains_policy_variable("x${y}"));
}

TEST(PolicyVariableSyntax, WellFormedUsesHaveNoProblems) {
  EXPECT_TRUE(check_policy_variable_syntax("home/${aws:username}/${*}").empty());
  EXPECT_TRUE(check_policy_variable_syntax("${aws:PrincipalTag/cost center, 'it''s'}").empty());
  EXPECT_TRUE(check_policy_variable_syntax("plain").empty());
}

TEST(PolicyVariableSyntax, ReportsEachProblem) {
  auto unterminated = check_policy_variable_syntax("home/${aws:username");
  ASSERT_EQ(unterminated.size(), 1u);
  EXPECT_NE(unterminated[0].find("unterminated policy variable `${aws:username`"),
            std::string::npos);

  auto empty = check_policy_variable_syntax("a${ }b");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_NE(empty[0].find("empty policy variable"), std::string::npos);

  auto unquoted = check_policy_variable_syntax("${aws:username, nobody}");
  ASSERT_EQ(unquoted.size(), 1u);
  EXPECT_NE(unquoted[0].find("single quotes"), std::string::npos);

  auto open_quote = check_policy_variable_syntax("${aws:username, 'nobody}");
  ASSERT_EQ(open_quote.size(), 1u);
  EXPECT_NE(open_quote[0].find("closing `'`"), std::string::npos);

  auto junk = check_policy_variable_syntax("${aws:username, 'a' 'b'}");
  ASSERT_EQ(junk.size(), 1u);
  EXPECT_NE(junk[0].find("expected `}`"), std::string::npos);

  auto nested = check_policy_variable_syntax("${a${b}}");
  ASSERT_EQ(nested.size(), 1u);
  EXPECT_NE(nested[0].find("invalid policy variable name"), std::string::npos);

  EXPECT_EQ(check_policy_variable_syntax("${} and ${x").size(), 2u);
}

TEST(PolicyVariableSyntax, ListsTheKeysThatAreRead) {
  EXPECT_EQ(policy_variable_keys("${aws:username}/${*}/${s3:prefix, 'x'}"),
            (std::vector<std::string>{"aws:username", "s3:prefix"}));
  EXPECT_TRUE(policy_variable_keys("${*}${?}${$}").empty());
}

}  // namespace
}  // namespace accesspath
