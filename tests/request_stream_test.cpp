// `eval`'s fast reading path (issue 11): plain request lines read without a JSON tree
// (model/world/plain_request_scan.h), principals resolved once (requester_cache.h), lines cut
// from blocks of the stream (request_stream.h), and scenario files parsed within their limits in
// one pass (json_parse.h). Each is checked against the slower reader it replaces: the fast path
// may change the speed, never what a line or a file means.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <sstream>

#include "model/world/json_limits.h"
#include "model/world/json_parse.h"
#include "model/world/plain_request_scan.h"
#include "model/world/request_stream.h"
#include "model/world/scenario_file.h"

namespace accesspath {
namespace {

using nlohmann::json;

const Scenario& world_scenario() {
  static const Scenario s = *load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                                "/scenarios/separation-of-duties.json")
                                 .scenario;
  return s;
}

// JSON text pieces a request line is made of, plain or not: every way a line can leave the
// plain shape (escapes, numbers, non-ASCII, repeats, unknown keys, wrong types, truncation).
rc::Gen<std::string> gen_string_value() {
  std::vector<std::string> principals;
  for (const auto& p : world_scenario().world.principals) principals.push_back("\"" + p.arn + "\"");
  return rc::gen::oneOf(
      rc::gen::elementOf(principals),
      rc::gen::element<std::string>(
          "\"anonymous\"", "\"s3.amazonaws.com\"", "\"not-an-arn\"",
          "\"arn:aws:iam::999999999999:user/outsider\"",
          "\"arn:aws:sts::111122223333:assumed-role/reader/s1\"", "\"arn:aws:iam:\\/\\/x\"",
          "\"s3:GetObject\"", "\"kms:Decrypt\"", "\"s3:Get*\"", "\"s3\"", "\"S3:getobject\"",
          "\"*\"", "\"arn:aws:s3:::bucket/key\"", "\"arn:aws:s3:::b/k\\u00e9\"",
          "\"arn:aws:s3:::b/k\xc3\xa9\"", "\"arn:aws:kms:us-east-1:111122223333:key/k1\"",
          "\"a\\\"b\"", "\"\"", "\"tab\there\"",
          // Past the first 8 bytes, where the scanner looks at 8 or 16 bytes at a time: DEL, a raw
          // tab, an escape and a quote escape each end the plain shape there.
          "\"arn:aws:s3:::bucket/k\x7f-ey\"", "\"arn:aws:s3:::bucket/with\ttab-later\"",
          "\"arn:aws:s3:::bucket/twelve\\u0041bytes\"", "\"arn:aws:s3:::bucket/sixteen-b\\\"q\""));
}

rc::Gen<std::string> gen_scalar() {
  return rc::gen::oneOf(gen_string_value(),
                        rc::gen::element<std::string>("true", "false", "12", "1.50", "-0", "1e3",
                                                      "null", "{}", "{\"x\":1}"));
}

std::string join_members(const std::vector<std::pair<std::string, std::string>>& members,
                         const std::string& space) {
  std::string out = "{" + space;
  for (std::size_t i = 0; i < members.size(); ++i)
    out += (i ? "," + space : "") + members[i].first + space + ":" + space + members[i].second;
  return out + space + "}";
}

rc::Gen<std::string> gen_headers() {
  return rc::gen::map(
      rc::gen::container<std::vector<std::pair<std::string, std::string>>>(rc::gen::pair(
          rc::gen::element<std::string>("\"x-amz-server-side-encryption\"",
                                        "\"X-Amz-Server-Side-Encryption\"", "\"referer\"",
                                        "\"x-amz-server-side-encryption-aws-kms-key-id\""),
          rc::gen::oneOf(gen_string_value(), rc::gen::just<std::string>("7")))),
      [](const auto& members) { return join_members(members, ""); });
}

rc::Gen<std::string> gen_context() {
  auto value = rc::gen::oneOf(
      gen_scalar(), rc::gen::map(rc::gen::container<std::vector<std::string>>(gen_scalar()),
                                 [](const std::vector<std::string>& items) {
                                   std::string out = "[";
                                   for (std::size_t i = 0; i < items.size(); ++i)
                                     out += (i ? "," : "") + items[i];
                                   return out + "]";
                                 }));
  return rc::gen::map(
      rc::gen::container<std::vector<std::pair<std::string, std::string>>>(rc::gen::pair(
          rc::gen::element<std::string>("\"aws:SourceIp\"", "\"aws:sourceip\"",
                                        "\"aws:MultiFactorAuthPresent\"", "\"s3:prefix\""),
          value)),
      [](const auto& members) { return join_members(members, " "); });
}

rc::Gen<std::string> gen_request_line() {
  auto member = rc::gen::oneOf(
      rc::gen::pair(rc::gen::element<std::string>("\"principal\"", "\"action\"", "\"resource\"",
                                                  "\"principal\"", "\"action\"", "\"resource\""),
                    rc::gen::oneOf(gen_string_value(), gen_string_value(), gen_scalar())),
      rc::gen::pair(rc::gen::just<std::string>("\"headers\""),
                    rc::gen::oneOf(gen_headers(), gen_scalar())),
      rc::gen::pair(rc::gen::just<std::string>("\"context\""),
                    rc::gen::oneOf(gen_context(), gen_scalar())),
      rc::gen::pair(rc::gen::element<std::string>("\"expect\"", "\"Principal\""), gen_scalar()));
  return rc::gen::apply(
      [](std::vector<std::pair<std::string, std::string>> members, std::string space,
         std::size_t cut, bool truncate, std::string tail) {
        std::string line = join_members(members, space) + tail;
        if (truncate) line = line.substr(0, cut % (line.size() + 1));
        return line;
      },
      rc::gen::container<std::vector<std::pair<std::string, std::string>>>(member),
      rc::gen::element<std::string>("", " ", "\t", " \r"), rc::gen::arbitrary<std::size_t>(),
      rc::gen::weightedElement<bool>({{9, false}, {1, true}}),
      rc::gen::weightedElement<std::string>({{8, ""}, {1, " "}, {1, "x"}}));
}

// A line that names three members well is the common case: most generated lines should be
// plain and well formed, or the law would test only the fallback.
rc::Gen<std::string> gen_clean_line() {
  std::vector<std::string> principals = {"\"anonymous\""};
  for (const auto& p : world_scenario().world.principals) principals.push_back("\"" + p.arn + "\"");
  auto clean_string =
      rc::gen::element<std::string>("\"aws:kms\"", "\"AES256\"", "\"10.0.0.1\"", "\"\"", "\"a b\"");
  auto clean_value = rc::gen::oneOf(clean_string, rc::gen::element<std::string>("true", "false"));
  auto headers = rc::gen::map(
      rc::gen::resize(
          3, rc::gen::container<std::vector<std::pair<std::string, std::string>>>(rc::gen::pair(
                 rc::gen::element<std::string>("\"x-amz-server-side-encryption\"", "\"Referer\""),
                 clean_string))),
      [](const auto& members) { return join_members(members, ""); });
  auto context = rc::gen::map(
      rc::gen::resize(
          3,
          rc::gen::container<std::vector<std::pair<std::string, std::string>>>(rc::gen::pair(
              rc::gen::element<std::string>("\"aws:SourceIp\"", "\"aws:MultiFactorAuthPresent\""),
              rc::gen::oneOf(clean_value, rc::gen::element<std::string>(
                                              "[]", "[\"1.2.3.4\",\"5.6.7.8\"]", "[true]"))))),
      [](const auto& members) { return join_members(members, " "); });
  return rc::gen::apply(
      [](std::string principal, std::string action, std::string resource, rc::Maybe<std::string> h,
         rc::Maybe<std::string> c, std::string space) {
        std::vector<std::pair<std::string, std::string>> members = {
            {"\"resource\"", resource}, {"\"principal\"", principal}, {"\"action\"", action}};
        if (h) members.emplace_back("\"headers\"", *h);
        if (c) members.emplace_back("\"context\"", *c);
        return join_members(members, space);
      },
      rc::gen::elementOf(principals),
      rc::gen::element<std::string>("\"s3:GetObject\"", "\"kms:Decrypt\"", "\"s3:PutObject\"",
                                    "\"sts:AssumeRole\""),
      rc::gen::element<std::string>("\"*\"", "\"arn:aws:s3:::bucket/key\"",
                                    "\"arn:aws:kms:us-east-1:111122223333:key/k1\""),
      rc::gen::maybe(headers), rc::gen::maybe(context), rc::gen::element<std::string>("", " "));
}

rc::Gen<std::string> gen_mostly_good_line() {
  return rc::gen::weightedOneOf<std::string>(
      {{1, rc::gen::resize(8, gen_request_line())}, {2, gen_clean_line()}});
}

RC_GTEST_PROP(RequestStreamLaws, APlainLineReadsAsTheJsonReaderReadsIt, ()) {
  const std::string text = *gen_mostly_good_line();
  RequesterCache cache(world_scenario().world);
  const SourceLine line{3, 2, text, false};
  RequestLine fast = read_request_line(line, cache, LineReader::kPlainFirst);
  RequestLine slow = read_request_line(line, cache, LineReader::kJsonOnly);
  RC_TAG(fast.request ? "decided" : "bad");
  PlainRequest plain;
  RC_TAG(scan_plain_request(text, plain) ? "plain" : "not plain");
  RC_ASSERT(fast.line == slow.line);
  RC_ASSERT(fast.index == slow.index);
  RC_ASSERT(fast.error == slow.error);
  RC_ASSERT(fast.request == slow.request);
  RC_ASSERT(fast.who == slow.who);  // the same cache entry
}

// `eval` reads every line of a chunk into one RequestLine, reusing its strings: what a line
// reads as must not depend on the line read before it.
RC_GTEST_PROP(RequestStreamLaws, ALineReadIntoAUsedRequestLineReadsAsIntoAFreshOne, ()) {
  const auto texts =
      *rc::gen::resize(12, rc::gen::container<std::vector<std::string>>(gen_mostly_good_line()));
  RequesterCache cache(world_scenario().world);
  RequestLine reused;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const SourceLine line{i + 1, i, texts[i], i % 5 == 4};  // now and then one past the limit
    read_request_line(line, cache, reused);
    const RequestLine fresh = read_request_line(line, cache);
    RC_ASSERT(reused.line == fresh.line);
    RC_ASSERT(reused.index == fresh.index);
    RC_ASSERT(reused.error == fresh.error);
    RC_ASSERT(reused.request == fresh.request);
    RC_ASSERT(reused.who == fresh.who);
  }
}

TEST(RequestStream, APlainLineIsScannedIntoItsMembers) {
  PlainRequest p;
  ASSERT_TRUE(scan_plain_request(
      R"( {"principal":"anonymous", "action" : "s3:GetObject","resource":"*",)"
      R"("headers":{"Referer":"x"},"context":{"aws:SourceIp":["10.0.0.1","10.0.0.2"],"b":true}} )",
      p));
  EXPECT_EQ(*p.principal, "anonymous");
  EXPECT_EQ(*p.action, "s3:GetObject");
  ASSERT_EQ(p.headers.size(), 1u);
  EXPECT_EQ(p.headers[0].first, "Referer");
  ASSERT_EQ(p.context.size(), 2u);
  EXPECT_EQ(p.context[0].values, (std::vector<std::string_view>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(p.context[1].values, (std::vector<std::string_view>{"true"}));
  // Each of these leaves the plain shape: the JSON reader reads them.
  for (const char* not_plain :
       {R"({"principal":"a\"b"})", R"({"principal":"é"})", R"({"context":{"n":1}})",
        R"({"principal":"a","principal":"b"})", R"({"headers":{"A":"1","a":"2"}})",
        R"({"expect":"allow"})", R"({"principal":"a"} x)", R"({"principal":"a")", "[]"})
    EXPECT_FALSE(scan_plain_request(not_plain, p)) << not_plain;
}

// Lines cut from blocks (4 KiB, doubling to 64 KiB): every line comes out whole and numbered as the
// stream has it, blank lines skipped, the last one without a line feed kept, a line past the limit
// reported in its place and the next one read.
TEST(RequestStream, LinesAreCutWholeAcrossBlocksAndALongLineIsReportedInItsPlace) {
  std::string input;
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < 3000; ++i) {
    std::string line(1 + (i * 7919) % 300, static_cast<char>('a' + i % 26));
    if (i % 97 == 0) input += "  \r\n";  // a blank line: numbered, not a request
    input += line + (i % 11 == 0 ? "\r\n" : "\n");
    expected.push_back(line + (i % 11 == 0 ? "\r" : ""));
  }
  input += std::string(5000, 'z') + "\n" + "last";  // too long at a limit of 4096, then the end
  std::istringstream in(input);
  LineChunks chunks(in, 1000, 4096);
  LineChunk chunk;
  std::vector<SourceLine> seen;
  std::vector<std::string> texts;
  while (chunks.next(chunk)) {
    ASSERT_LE(chunk.lines.size(), 1000u);
    for (const auto& l : chunk.lines) {
      seen.push_back(l);
      texts.emplace_back(l.text);
    }
  }
  ASSERT_EQ(seen.size(), expected.size() + 2);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(texts[i], expected[i]) << "line " << i;
    EXPECT_EQ(seen[i].index, i);
  }
  EXPECT_TRUE(seen[expected.size()].too_long);
  EXPECT_EQ(texts.back(), "last");
  EXPECT_EQ(seen.back().number, expected.size() + expected.size() / 97 + 1 + 2);
  RequesterCache cache(world_scenario().world);
  RequestLine r = read_request_line(seen[expected.size()], cache);
  EXPECT_EQ(
      r.error.rfind("line " + std::to_string(seen[expected.size()].number) + ": longer than", 0),
      0u)
      << r.error;
}

// A line nested or sized far past any request is refused before its tree is built, with its
// place; a control character in a string is data (an S3 key may hold one), not a refusal.
TEST(RequestStream, ALinePastTheLimitsOfARequestIsABadLineWithItsPlace) {
  RequesterCache cache(world_scenario().world);
  const std::string deep =
      R"({"context": {"k": )" + std::string(100000, '[') + std::string(100000, ']') + "}}";
  RequestLine r = read_request_line({7, 0, deep, false}, cache);
  EXPECT_FALSE(r.request);
  EXPECT_EQ(r.error.rfind("line 7: /context/k/0/0/", 0), 0u) << r.error.substr(0, 200);
  EXPECT_NE(r.error.find("nested more than 32 levels deep"), std::string::npos);
  const std::string arn = world_scenario().world.principals.front().arn;
  RequestLine key = read_request_line(
      {8, 1,
       R"({"principal": ")" + arn +
           R"(", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/a\u0007b"})",
       false},
      cache);
  ASSERT_TRUE(key.request) << key.error;
  EXPECT_EQ(key.request->resource,
            "arn:aws:s3:::b/a\x07"
            "b");
}

TEST(RequesterCache, ResolvesAsResolveRequesterAndStaysBounded) {
  const World& world = world_scenario().world;
  RequesterCache cache(world, 2);
  for (const auto& p : world.principals) {
    const Requester* cached = cache.resolve(p.arn);
    std::optional<Requester> direct = resolve_requester(world, p.arn);
    ASSERT_TRUE(cached && direct) << p.arn;
    EXPECT_EQ(cached->arn, direct->arn);
    EXPECT_EQ(cached->principal_arn, direct->principal_arn);
    EXPECT_EQ(cached->identity_policies, direct->identity_policies);
    EXPECT_EQ(cache.resolve(p.arn), cached) << "a second resolve is the same entry";
  }
  std::string why;
  EXPECT_EQ(cache.resolve("not-an-arn", &why), nullptr);
  EXPECT_NE(why.find("not-an-arn"), std::string::npos);
}

rc::Gen<json> gen_json(int depth) {
  auto scalar = rc::gen::oneOf(
      rc::gen::element<json>(json(nullptr), json(true), json(-2.5), json(7), json("x"),
                             json("a long string value"), json("tab\t"), json(""), json(1e300)),
      rc::gen::map(rc::gen::inRange(-1000, 1000), [](int n) { return json(n); }));
  if (depth == 0) return scalar;
  auto items = rc::gen::resize(5, rc::gen::container<std::vector<json>>(gen_json(depth - 1)));
  return rc::gen::oneOf(
      scalar, rc::gen::map(items, [](std::vector<json> v) { return json(std::move(v)); }),
      rc::gen::map(rc::gen::pair(rc::gen::resize(4, rc::gen::container<std::vector<std::string>>(
                                                        rc::gen::element<std::string>(
                                                            "a", "b", "key", "k\u0001"))),
                                 items),
                   [](const auto& keys_items) {
                     json o = json::object();
                     for (std::size_t i = 0;
                          i < keys_items.first.size() && i < keys_items.second.size(); ++i)
                       o[keys_items.first[i]] = keys_items.second[i];
                     return o;
                   }));
}

// The one-pass parser refuses what the limits check refused, with the same message at the same
// pointer, and builds the tree nlohmann's parser built.
RC_GTEST_PROP(JsonParseLaws, OnePassParsingEqualsTheLimitsCheckThenTheParser, ()) {
  const JsonLimits limits{.max_bytes = *rc::gen::inRange<std::size_t>(16, 4096),
                          .max_depth = *rc::gen::inRange<std::size_t>(1, 8),
                          .max_string_bytes = *rc::gen::inRange<std::size_t>(0, 24),
                          .max_values = *rc::gen::inRange<std::size_t>(1, 80)};
  // Mostly well-formed documents (dumped random trees), some spliced with stray tokens.
  const json tree = *gen_json(3);
  std::string text = tree.dump();
  if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size() + 1);
    text.insert(at, *rc::gen::element<std::string>("{", "]", ",", "1e400", "\"\x01\"", "\"k\":"));
  }
  Diagnostics one, two;
  std::optional<json> parsed = parse_json_within_limits(text, one, limits);
  std::optional<json> reference;
  if (check_json_limits(text, two, limits)) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) reference = std::move(j);
  }
  RC_TAG(parsed ? "parsed" : "refused");
  RC_ASSERT(parsed.has_value() == reference.has_value());
  if (parsed) RC_ASSERT(*parsed == *reference);
  // A limit's message and pointer are the checker's (syntax errors are reported by the parser).
  if (!two.items().empty()) {
    RC_ASSERT(one.items().size() == 1u);
    RC_ASSERT(one.items()[0].pointer == two.items()[0].pointer);
    RC_ASSERT(one.items()[0].message == two.items()[0].message);
  }
}

}  // namespace
}  // namespace accesspath
