// tools/report/json_locator.h: a JSON pointer's line and column in the raw text,
// as SARIF regions need them.
#include "tools/report/json_locator.h"

#include <gtest/gtest.h>

#include <string>

namespace accesspath {
namespace {

TextSpan at(std::string_view text, std::string_view pointer) {
  std::optional<TextSpan> span = locate_pointer(text, pointer);
  EXPECT_TRUE(span.has_value()) << pointer;
  return span.value_or(TextSpan{});
}

void expect_span(const TextSpan& s, std::size_t l1, std::size_t c1, std::size_t l2,
                 std::size_t c2) {
  EXPECT_EQ(s.start.line, l1);
  EXPECT_EQ(s.start.column, c1);
  EXPECT_EQ(s.end.line, l2);
  EXPECT_EQ(s.end.column, c2);
}

const char* kDoc =
    "{\n"
    "  \"name\": \"x\",\n"
    "  \"a/b\": {\"m~n\": [10, {\"deep\": true}]},\n"
    "  \"list\": [\n"
    "    {\"k\": \"v\"},\n"
    "    [1, 2]\n"
    "  ]\n"
    "}\n";

TEST(JsonLocator, WholeDocument) {
  TextSpan s = at(kDoc, "");
  expect_span(s, 1, 1, 8, 2);
  EXPECT_TRUE(s.exact);
}

TEST(JsonLocator, MembersAndElements) {
  expect_span(at(kDoc, "/name"), 2, 11, 2, 14);
  expect_span(at(kDoc, "/list/0"), 5, 5, 5, 15);
  expect_span(at(kDoc, "/list/1/1"), 6, 9, 6, 10);
  expect_span(at(kDoc, "/list"), 4, 11, 7, 4);
}

TEST(JsonLocator, EscapedPointerTokens) {
  TextSpan s = at(kDoc, "/a~1b/m~0n/1/deep");
  expect_span(s, 3, 32, 3, 36);
  EXPECT_TRUE(s.exact);
}

TEST(JsonLocator, EscapedKeysInTheText) {
  // "\u00e9" and "\/" in a key are the characters they stand for.
  TextSpan s = at(R"({"caf\u00e9": 1, "a\/b": 2, "\ud83d\ude00": 3})", "/a~1b");
  expect_span(s, 1, 26, 1, 27);
  EXPECT_EQ(at(R"({"caf\u00e9": 1})", "/café").start.column, 15u);
  EXPECT_EQ(at(R"({"\ud83d\ude00": 3})", "/\xF0\x9F\x98\x80").start.column, 18u);
}

TEST(JsonLocator, ColumnsCountCodePoints) {
  // "é" is two bytes, "😀" four: one column each.
  TextSpan s = at("{\"k\": \"é😀\", \"n\": 5}", "/n");
  expect_span(s, 1, 18, 1, 19);
}

TEST(JsonLocator, MissingPlacesGiveTheDeepestValue) {
  TextSpan s = at(kDoc, "/list/0/nothing");
  expect_span(s, 5, 5, 5, 15);
  EXPECT_FALSE(s.exact);
  EXPECT_FALSE(at(kDoc, "/list/7").exact);
  EXPECT_FALSE(at(kDoc, "/list/01").exact);  // not an array index
  EXPECT_FALSE(at(kDoc, "/name/0").exact);   // into a string
  // "/" names the member "" (RFC 6901), which this document does not have.
  TextSpan root = at(kDoc, "/");
  EXPECT_FALSE(root.exact);
  expect_span(root, 1, 1, 8, 2);
}

TEST(JsonLocator, BrokenTextStillLocatesWhatPrecedesTheBreak) {
  const char* broken = "{\n  \"a\": [1, 2],\n  \"b\": {\"c\": ";
  expect_span(at(broken, "/a/1"), 2, 12, 2, 13);
  TextSpan b = at(broken, "/b/c");  // the value is missing: the span is empty
  EXPECT_EQ(b.start.line, 3u);
  EXPECT_EQ(b.start.column, 14u);
  EXPECT_FALSE(at(broken, "/z").exact);
  EXPECT_FALSE(locate_pointer("   \n ", "/a").has_value());
  EXPECT_FALSE(locate_pointer("", "").has_value());
}

TEST(JsonLocator, DeepNestingDoesNotExhaustTheStack) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  std::optional<TextSpan> s = locate_pointer(deep, "/0/0");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->start.column, 3u);
}

}  // namespace
}  // namespace accesspath
