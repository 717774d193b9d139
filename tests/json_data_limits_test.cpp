// Limits on JSON that is data (model/world/json_data_limits.h): CloudTrail records, exports and
// plans record what callers sent, and an S3 key may hold ASCII 0-31 (Amazon S3 User Guide,
// "Naming Amazon S3 objects"), so a control character is no reason to refuse them; every other
// limit of check_json_limits holds, including after such a character.
#include <string>

#include <gtest/gtest.h>

#include "model/world/json_data_limits.h"

namespace accesspath {
namespace {

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonDataLimits, ControlCharactersAreDataEveryOtherLimitHolds) {
  const std::string key = R"({"bucketName": "b", "key": "report\u0007.pdf"})";
  Diagnostics policy_rules, data_rules;
  EXPECT_FALSE(check_json_limits(key, policy_rules));  // a policy refuses it
  EXPECT_TRUE(check_json_data_limits(key, data_rules, JsonLimits{}))
      << data_rules.items()[0].message;

  // A control character first does not hide what comes after it.
  Diagnostics deep;
  EXPECT_FALSE(check_json_data_limits(R"(["\u0001", )" + nested(100) + "]", deep, JsonLimits{}));
  ASSERT_EQ(deep.items().size(), 1u);
  EXPECT_EQ(deep.items()[0].pointer.rfind("/1/0/0/", 0), 0u);
  EXPECT_NE(deep.items()[0].message.find("nested more than 64 levels deep"), std::string::npos);

  // Sizes are those of the text: the escape decodes to one byte, as before.
  Diagnostics string_size;
  JsonLimits small{.max_string_bytes = 4};
  EXPECT_TRUE(check_json_data_limits(R"(["ab\u001fc"])", string_size, small));
  EXPECT_FALSE(check_json_data_limits(R"(["ab\u001fcd"])", string_size, small));

  // A key holding one is placed with a space for it; a number beyond a double is still refused.
  Diagnostics in_key, number;
  EXPECT_FALSE(check_json_data_limits(R"({"a\u0002": )" + nested(100) + "}", in_key, JsonLimits{}));
  ASSERT_EQ(in_key.items().size(), 1u);
  EXPECT_EQ(in_key.items()[0].pointer.rfind("/a /0/", 0), 0u) << in_key.items()[0].pointer;
  EXPECT_FALSE(check_json_data_limits(R"({"n": 1e400})", number, JsonLimits{}));

  // An escaped backslash followed by `u0001` is text, not an escape; tab, line feed and carriage
  // return were never refused.
  Diagnostics text;
  EXPECT_TRUE(check_json_data_limits(R"(["\\u0001", "\t\n\r\u0009"])", text, JsonLimits{}));
}

}  // namespace
}  // namespace accesspath
