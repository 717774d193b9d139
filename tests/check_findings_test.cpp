// tools/report/check_findings.h and report_junit.h: the rule of each loader warning, and
// text that XML can carry.
#include "tools/report/check_findings.h"

#include <gtest/gtest.h>

#include <set>

#include "tools/report/report_junit.h"

namespace accesspath {
namespace {

Diagnostic warning(std::string pointer, std::string message = "something") {
  return {Severity::kWarning, "x.json", std::move(pointer), std::move(message)};
}

TEST(CheckFindings, LintRuleFollowsThePolicyFieldThePointerNames) {
  const std::string st = "/principals/0/policies/0/Statement/0";
  EXPECT_EQ(lint_rule_id(warning(st + "/Action/1")), "lint-action");
  EXPECT_EQ(lint_rule_id(warning(st + "/NotResource")), "lint-resource");
  EXPECT_EQ(lint_rule_id(warning(st + "/Principal/AWS/0")), "lint-principal");
  EXPECT_EQ(lint_rule_id(warning(st + "/Condition/StringEquals/aws:SourceArn")), "lint-condition");
  // The innermost field decides: a condition key named like a field stays a condition.
  EXPECT_EQ(lint_rule_id(warning(st + "/Condition/ArnLike/Resource")), "lint-condition");
  EXPECT_EQ(lint_rule_id(warning(st + "/Sid")), "lint-sid");
  EXPECT_EQ(lint_rule_id(warning("/buckets/0/default_encryption/kms_key")), "lint-kms-key");
  EXPECT_EQ(lint_rule_id(warning("/keys/0", "key has no `policy`; using the default")),
            "lint-key-policy");
  EXPECT_EQ(lint_rule_id(warning("/principals/0/policies/0", "policy has no `Version`; …")),
            "lint-policy-version");
  EXPECT_EQ(lint_rule_id(warning("/buckets/0")), "lint-scenario");
}

TEST(CheckFindings, EveryRuleIsDescribedOnceAndEveryIdItNamesExists) {
  std::set<std::string_view> ids;
  for (const auto& r : check_rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_FALSE(r.short_description.empty());
    EXPECT_FALSE(r.full_description.empty());
    EXPECT_TRUE(r.level == "error" || r.level == "warning") << r.id;
  }
  for (std::string_view id : {"expectation-mismatch", "invariant-violated", "invariant-undecided",
                              "invariant-not-violated", "invariant-warning", "scenario-invalid"})
    EXPECT_NE(find_check_rule(id), nullptr) << id;
  for (const char* p :
       {"/Action", "/Resource", "/Principal", "/Condition", "/Sid", "/Id", "/kms_key", "/"})
    EXPECT_NE(find_check_rule(lint_rule_id(warning(p))), nullptr) << p;
}

TEST(CheckFindings, InvariantMessages) {
  InvariantResult undecided;
  undecided.name = "n";
  undecided.reason = "`aws:SourceIp` is not filled by the world";
  EXPECT_EQ(invariant_rule_id(undecided), "invariant-undecided");
  EXPECT_EQ(invariant_failure(undecided),
            "invariant `n` cannot be decided: `aws:SourceIp` is not filled by the world. "
            "accesspath does not guess an answer.");
  InvariantResult violated;
  violated.name = "n";
  violated.holds = false;
  violated.counterexample = Counterexample{"arn:aws:iam::1:user/a", {}};
  PathStep step;
  step.actor = "arn:aws:iam::1:user/a";
  step.action = "s3:GetObject";
  step.target = "arn:aws:s3:::b/k";
  StatementRef open;
  open.policy = "bucket policy of `b`";
  open.sid = "Open";
  open.pointer = "/buckets/0/policy/Statement/0";
  step.statements.push_back(open);
  violated.counterexample->steps.push_back(step);
  EXPECT_EQ(invariant_rule_id(violated), "invariant-violated");
  EXPECT_EQ(invariant_failure(violated),
            "invariant `n` is violated. arn:aws:iam::1:user/a gets there in 1 step: 1. "
            "arn:aws:iam::1:user/a s3:GetObject arn:aws:s3:::b/k, allowed by bucket policy of "
            "`b` `Open`.");
}

TEST(JunitXml, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape("line\nnext\ttab\r"), "line&#10;next&#9;tab&#13;");
  EXPECT_EQ(xml_escape(std::string("nul\0bell\x07", 9)),
            "nul\xEF\xBF\xBD"
            "bell\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml_escape("bad \xC3 \xFF \xC0\xAF"),
            "bad \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE is not an XML character
}

}  // namespace
}  // namespace accesspath
