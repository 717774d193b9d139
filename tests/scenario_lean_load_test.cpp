// `check`'s loading without a tree of the expectations (issue 11; scenario_lean_loader.h): the
// `expectations` array found in the text (json_member_scan.h), plain expectations read without a
// tree (plain_request_scan.h), the others parsed alone. The contract is exactness: for every
// document, the same scenario, expectations and diagnostics as the usual loader, limits included;
// the lean path may only change the speed and what Scenario::source keeps.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "model/analysis/check.h"
#include "model/world/json_member_scan.h"
#include "model/world/plain_request_scan.h"
#include "model/world/scenario.h"
#include "model/world/scenario_lean_loader.h"

namespace accesspath {
namespace {

using nlohmann::json;
using Members = std::vector<std::pair<std::string, std::string>>;

const json& base_document() {
  static const json doc = [] {
    std::ifstream in(std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/separation-of-duties.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
  }();
  return doc;
}

std::string join(const Members& members, const std::string& space) {
  std::string out = "{" + space;
  for (std::size_t i = 0; i < members.size(); ++i)
    out += (i ? "," + space : "") + members[i].first + space + ":" + space + members[i].second;
  return out + space + "}";
}

std::string list(const std::vector<std::string>& items, const std::string& separator) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out + "]";
}

// Each generator gives well-formed values, or with `flawed` also ones the loader refuses.
template <typename T>
rc::Gen<T> with_flaws(bool flawed, rc::Gen<T> good, rc::Gen<T> bad) {
  return flawed ? rc::gen::weightedOneOf<T>({{3, good}, {1, bad}}) : good;
}

rc::Gen<std::string> gen_principal(bool flawed) {
  std::vector<std::string> principals = {"\"anonymous\""};
  for (const auto& p : base_document()["principals"]) principals.push_back(p["arn"].dump());
  return with_flaws(flawed, rc::gen::elementOf(principals),
                    rc::gen::element<std::string>("\"arn:aws:iam::999999999999:user/outsider\"",
                                                  "\"not-an-arn\"", "3", "null"));
}

// Strings: plain, with escapes, non-ASCII, long (for the string limit); flawed: control
// characters (refused by the limits), a lone surrogate, bytes that are not UTF-8.
rc::Gen<std::string> gen_text(bool flawed) {
  auto good = rc::gen::weightedOneOf<std::string>(
      {{6, rc::gen::element<std::string>("\"aws:kms\"", "\"AES256\"", "\"10.0.0.1\"", "\"\"",
                                         "\"a b\"", "\"Test 1: why it is allowed.\"")},
       {2, rc::gen::element<std::string>("\"a\\\"b\"", "\"caf\\u00e9\"", "\"caf\xc3\xa9\"",
                                         "\"\\ud83d\\ude00\"", "\"tab\\there\"", "\"\\/\"")},
       {1, rc::gen::map(rc::gen::inRange<std::size_t>(20, 90),
                        [](std::size_t n) { return "\"" + std::string(n, 'x') + "\""; })}});
  return with_flaws(flawed, good,
                    rc::gen::element<std::string>("\"bell\\u0007\"", "\"\\ud800\"", "\"bad\xff\"",
                                                  "\"raw\ttab\"", "\"open"));
}

rc::Gen<std::string> gen_scalar(bool flawed) {
  return with_flaws(
      flawed,
      rc::gen::weightedOneOf<std::string>(
          {{4, gen_text(false)},
           {1, rc::gen::element<std::string>("true", "false", "12", "1.50", "-0", "2e3")}}),
      rc::gen::weightedOneOf<std::string>(
          {{1, gen_text(true)},
           {1, rc::gen::element<std::string>("1e400", "null", "{}", "[]", "tru", "01", "-")}}));
}

// Nesting of any depth (for the depth limit), inside a context value.
rc::Gen<std::string> gen_nested() {
  return rc::gen::map(rc::gen::inRange<std::size_t>(1, 9), [](std::size_t depth) {
    return std::string(depth, '[') + "\"x\"" + std::string(depth, ']');
  });
}

rc::Gen<std::string> gen_context(bool flawed) {
  auto list_of = rc::gen::map(
      rc::gen::resize(4, rc::gen::container<std::vector<std::string>>(gen_scalar(flawed))),
      [](const std::vector<std::string>& items) { return list(items, ","); });
  auto value = flawed ? rc::gen::weightedOneOf<std::string>(
                            {{4, gen_scalar(true)}, {2, list_of}, {1, gen_nested()}})
                      : rc::gen::weightedOneOf<std::string>({{4, gen_scalar(false)}, {2, list_of}});
  return rc::gen::map(
      rc::gen::resize(
          4, rc::gen::container<Members>(rc::gen::pair(
                 rc::gen::element<std::string>("\"aws:SourceIp\"", "\"aws:MultiFactorAuthPresent\"",
                                               "\"s3:prefix\"", "\"k\\u0065y\""),
                 value))),
      [](const Members& m) { return join(m, " "); });
}

rc::Gen<std::string> gen_headers(bool flawed) {
  return rc::gen::map(
      rc::gen::resize(
          3, rc::gen::container<Members>(rc::gen::pair(
                 rc::gen::element<std::string>("\"x-amz-server-side-encryption\"",
                                               "\"X-Amz-Server-Side-Encryption\"", "\"Referer\""),
                 with_flaws(flawed, gen_text(false),
                            rc::gen::weightedOneOf<std::string>(
                                {{1, gen_text(true)}, {1, rc::gen::just<std::string>("7")}}))))),
      [](const Members& m) { return join(m, ""); });
}

// An expectation's object, its members in some order; flawed: some member wrong.
rc::Gen<std::string> gen_expectation_object(bool flawed) {
  return rc::gen::apply(
      [](std::string principal, std::string action, std::string resource,
         rc::Maybe<std::string> headers, rc::Maybe<std::string> context, std::string expect,
         rc::Maybe<std::string> why, std::size_t rotate, std::string space) {
        Members m = {{"\"principal\"", principal},
                     {"\"action\"", action},
                     {"\"resource\"", resource},
                     {"\"expect\"", expect}};
        if (headers) m.emplace_back("\"headers\"", *headers);
        if (context) m.emplace_back("\"context\"", *context);
        if (why) m.emplace_back("\"why\"", *why);
        std::rotate(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(rotate % m.size()), m.end());
        return join(m, space);
      },
      gen_principal(flawed),
      with_flaws(flawed,
                 rc::gen::element<std::string>("\"s3:GetObject\"", "\"s3:PutObject\"",
                                               "\"kms:Decrypt\"", "\"s3:\\u0047etObject\""),
                 rc::gen::element<std::string>("\"s3:Get*\"", "\"s3\"", "1")),
      with_flaws(flawed,
                 rc::gen::element<std::string>(
                     "\"arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf\"", "\"*\"",
                     "\"arn:aws:s3:::secure-demo-bucket/caf\\u00e9\""),
                 rc::gen::element<std::string>("\"arn:aws:s3:us-east-1::bucket\"", "[]")),
      rc::gen::maybe(
          with_flaws(flawed, gen_headers(false),
                     rc::gen::oneOf(gen_headers(true), rc::gen::just<std::string>("[]")))),
      rc::gen::maybe(
          with_flaws(flawed, gen_context(false),
                     rc::gen::oneOf(gen_context(true), rc::gen::just<std::string>("\"x\"")))),
      with_flaws(flawed, rc::gen::element<std::string>("\"allow\"", "\"deny\"", "\"\\u0061llow\""),
                 rc::gen::element<std::string>("\"Allow\"", "true", "\"maybe\"")),
      rc::gen::maybe(with_flaws(flawed, gen_text(false), rc::gen::just<std::string>("42"))),
      rc::gen::arbitrary<std::size_t>(), rc::gen::element<std::string>("", " ", "\n  "));
}

// An element of `expectations`: mostly a well-formed expectation, sometimes one with problems
// (a wrong member, members missing, repeated or unknown), or not an object at all.
rc::Gen<std::string> gen_expectation() {
  auto odd = rc::gen::map(
      rc::gen::resize(6, rc::gen::container<Members>(rc::gen::pair(
                             rc::gen::element<std::string>(
                                 "\"principal\"", "\"action\"", "\"resource\"", "\"expect\"",
                                 "\"why\"", "\"whyy\"", "\"Expect\"", "\"headers\"", "\"context\""),
                             gen_scalar(true)))),
      [](const Members& m) { return join(m, ""); });
  return rc::gen::weightedOneOf<std::string>(
      {{60, gen_expectation_object(false)},
       {3, gen_expectation_object(true)},
       {1, odd},
       {1, rc::gen::element<std::string>("3", "\"x\"", "[]", "null", "{}")}});
}

// The document: the base scenario's members in some order, `expectations` among them, written
// as a scenario file would be or broken in one of the ways the lean path must notice.
rc::Gen<std::string> gen_document() {
  return rc::gen::apply(
      [](std::vector<std::string> elements, std::string separator, int shape, std::size_t position,
         bool pretty, rc::Maybe<std::size_t> cut) {
        Members members;
        for (const auto& [k, v] : base_document().items())
          if (k != "expectations") members.emplace_back(json(k).dump(), v.dump(pretty ? 1 : -1));
        std::string array = list(elements, separator);
        const std::size_t at = position % (members.size() + 1);
        auto insert = [&](std::string key, std::string value) {
          members.insert(members.begin() + static_cast<std::ptrdiff_t>(at),
                         {std::move(key), std::move(value)});
        };
        switch (shape) {
          case 0:
            insert("\"expectations\"", array);
            break;
          case 1:
            insert("\"expect\\u0061tions\"", array);
            break;
          case 2:  // twice: JSON readers keep the last
            insert("\"expectations\"", array);
            members.emplace_back("\"expectations\"",
                                 list({elements.empty() ? "{}" : elements[0]}, ","));
            break;
          case 3:
            insert("\"expectations\"", "{}");
            break;
          case 4:
            insert("\"expectations\"", "\"none\"");
            break;
          case 5:
            break;  // no expectations
          case 6:
            insert("\"expectations\"", array.substr(0, array.size() - 1) + ",]");
            break;
          case 7:
            insert("\"expectations\"", "[" + array);
            break;
          default:
            insert("\"expectations\"", array);
        }
        std::string text = join(members, pretty ? "\n" : "");
        if (cut) text = text.substr(0, *cut % (text.size() + 1));
        return text;
      },
      rc::gen::resize(12, rc::gen::container<std::vector<std::string>>(gen_expectation())),
      rc::gen::element<std::string>(",", ", ", ",\n    "),
      rc::gen::weightedElement<int>(
          {{30, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}}),
      rc::gen::arbitrary<std::size_t>(), rc::gen::arbitrary<bool>(),
      rc::gen::weightedOneOf<rc::Maybe<std::size_t>>(
          {{20, rc::gen::just(rc::Maybe<std::size_t>())},
           {1, rc::gen::map(rc::gen::arbitrary<std::size_t>(),
                            [](std::size_t n) { return rc::Maybe<std::size_t>(n); })}}));
}

// What json_limits.h bounds, as the document has it (when it parses at all).
struct Stats {
  std::size_t values = 0, depth = 0, longest = 0;
};
void count(const json& j, std::size_t depth, Stats& s) {
  ++s.values;
  if (j.is_string()) s.longest = std::max(s.longest, j.get_ref<const std::string&>().size());
  if (!j.is_structured()) return;
  s.depth = std::max(s.depth, depth + 1);
  for (const auto& [k, v] : j.items()) {
    if (j.is_object()) s.longest = std::max(s.longest, k.size());
    count(v, depth + 1, s);
  }
}

// The default limits, or one of them set right around what the document needs: the lean path
// judges limits over pieces of the document, so their edges are where it could go wrong.
rc::Gen<JsonLimits> gen_limits(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  Stats s;
  if (!j.is_discarded()) count(j, 0, s);
  return rc::gen::apply(
      [s, size = text.size()](int which, int delta) {
        JsonLimits l;
        auto near = [delta](std::size_t v) {
          return static_cast<std::size_t>(std::max<long>(0, static_cast<long>(v) + delta));
        };
        if (which == 1) l.max_values = near(s.values);
        if (which == 2) l.max_depth = near(s.depth);
        if (which == 3) l.max_string_bytes = near(s.longest);
        if (which == 4) l.max_bytes = near(size);
        return l;
      },
      rc::gen::weightedElement<int>({{4, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}}),
      rc::gen::inRange(-3, 4));
}

std::vector<std::string> lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) out.push_back(item.to_string());
  return out;
}

// `lean` is what `usual` gives, but for the source (the document with `"expectations": []`).
void expect_same(const LoadResult& usual, const LoadResult& lean) {
  RC_ASSERT(lines(lean.diagnostics) == lines(usual.diagnostics));
  RC_ASSERT(lean.scenario.has_value() == usual.scenario.has_value());
  if (!usual.scenario) return;
  const Scenario &a = *usual.scenario, &b = *lean.scenario;
  RC_ASSERT(b.file == a.file);
  RC_ASSERT(b.name == a.name);
  RC_ASSERT(b.world.principals.size() == a.world.principals.size());
  RC_ASSERT(b.invariants.size() == a.invariants.size());
  RC_ASSERT(b.expectations.size() == a.expectations.size());
  for (std::size_t i = 0; i < a.expectations.size(); ++i) {
    RC_ASSERT(b.expectations[i].pointer == a.expectations[i].pointer);
    RC_ASSERT(b.expectations[i].request == a.expectations[i].request);
    RC_ASSERT(b.expectations[i].expect_allow == a.expectations[i].expect_allow);
    RC_ASSERT(b.expectations[i].why == a.expectations[i].why);
  }
  json source = a.source;
  if (auto it = source.find("expectations"); it != source.end()) *it = json::array();
  RC_ASSERT(b.source == source);
}

RC_GTEST_PROP(ScenarioLeanLoadLaws, CheckLoadsWhatTheUsualLoaderLoads, ()) {
  const std::string text = *gen_document();
  const JsonLimits limits = *gen_limits(text);
  LoadResult usual = load_scenario_text(
      text, "s.json",
      LoadOptions{
          .keep_source = true, .defer_expectations = false, .limits = limits, .threads = 1});
  LoadResult lean = load_scenario_text(
      text, "s.json",
      LoadOptions{
          .keep_source = false, .defer_expectations = false, .limits = limits, .threads = 1});
  RC_TAG(usual.scenario ? "loads" : "refused");
  std::optional<LoadResult> direct = load_scenario_lean(text, "s.json", limits);
  RC_TAG(direct ? "lean path" : "usual path");
  expect_same(usual, lean);
  if (direct) expect_same(usual, *direct);
  // Deferred: the same diagnostics, and each expectation read again from its text is the one
  // the usual loader read; `check` reports the same results either way.
  LoadResult deferred = load_scenario_text(
      std::make_shared<const std::string>(text), "s.json",
      LoadOptions{
          .keep_source = false, .defer_expectations = true, .limits = limits, .threads = 1});
  RC_TAG(deferred.scenario && deferred.scenario->deferred.owner ? "deferred" : "not deferred");
  if (deferred.scenario && deferred.scenario->deferred.owner) {
    RC_ASSERT(direct.has_value());
    RC_ASSERT(deferred.scenario->expectations.empty());
    const ScenarioReport from_text = check_scenario(*deferred.scenario);
    const ScenarioReport from_structs = check_scenario(*usual.scenario);
    RC_ASSERT(from_text.expectations.size() == from_structs.expectations.size());
    for (std::size_t i = 0; i < from_text.expectations.size(); ++i) {
      const ExpectationResult &a = from_structs.expectations[i], &b = from_text.expectations[i];
      RC_ASSERT(b.index == a.index);
      RC_ASSERT(b.pointer == a.pointer);
      RC_ASSERT(b.why == a.why);
      RC_ASSERT(b.ok == a.ok);
      RC_ASSERT(b.decision.allowed == a.decision.allowed);
      RC_ASSERT(b.decision.undecided == a.decision.undecided);
    }
    RequesterCache principals(deferred.scenario->world);
    PlainExpectation scratch;
    for (std::size_t i = 0; i < deferred.scenario->deferred.size(); ++i) {
      std::optional<Expectation> e =
          read_deferred_expectation(deferred.scenario->deferred, i, principals, scratch);
      RC_ASSERT(e.has_value());
      deferred.scenario->expectations.push_back(std::move(*e));
    }
  }
  expect_same(usual, deferred);
}

// Well-formed documents of plain expectations take the lean path (or the law above would test
// only the fallback), whatever their whitespace.
TEST(ScenarioLeanLoad, PlainExpectationsAreReadWithoutATree) {
  json doc = base_document();
  const std::string text = doc.dump(2);
  std::optional<LoadResult> lean = load_scenario_lean(text, "s.json", JsonLimits{});
  ASSERT_TRUE(lean);
  ASSERT_TRUE(lean->scenario);
  LoadResult usual = load_scenario_text(text, "s.json");
  ASSERT_EQ(lean->scenario->expectations.size(), doc["expectations"].size());
  ASSERT_EQ(usual.scenario->expectations.size(), doc["expectations"].size());
  for (std::size_t i = 0; i < doc["expectations"].size(); ++i) {
    EXPECT_EQ(lean->scenario->expectations[i].why, usual.scenario->expectations[i].why);
    EXPECT_EQ(lean->scenario->expectations[i].request, usual.scenario->expectations[i].request);
    EXPECT_EQ(lean->scenario->expectations[i].pointer, "/expectations/" + std::to_string(i));
  }
  EXPECT_EQ(lean->scenario->source["expectations"], json::array());
  EXPECT_EQ(lean->scenario->source["accounts"], doc["accounts"]);
}

// Deferred expectations are read on several threads at load time, in chunks: thousands of them
// load as on one thread, and one that cannot be read, wherever it is, sends the file to the
// usual loader, which names it.
TEST(ScenarioLeanLoad, ExpectationsReadOnThreadsLoadAsOnOne) {
  json doc = base_document();
  const json one = doc["expectations"][0];
  doc["expectations"] = json::array();
  for (int i = 0; i < 5000; ++i) doc["expectations"].push_back(one);
  auto load = [](const json& d, unsigned threads) {
    return load_scenario_text(
        std::make_shared<const std::string>(d.dump()), "s.json",
        LoadOptions{
            .keep_source = false, .defer_expectations = true, .limits = {}, .threads = threads});
  };
  LoadResult on_one = load(doc, 1), on_three = load(doc, 3);
  ASSERT_TRUE(on_three.scenario);
  EXPECT_EQ(on_three.scenario->deferred.size(), 5000u);
  EXPECT_EQ(on_three.scenario->deferred.spans, on_one.scenario->deferred.spans);
  EXPECT_EQ(lines(on_three.diagnostics), lines(on_one.diagnostics));
  doc["expectations"][4321]["expect"] = "maybe";
  LoadResult bad = load(doc, 3);
  EXPECT_FALSE(bad.scenario);
  EXPECT_EQ(lines(bad.diagnostics), lines(load_scenario_text(doc.dump(), "s.json").diagnostics));
  bool named = false;
  for (const auto& d : bad.diagnostics.items())
    named = named || d.pointer.find("/expectations/4321") == 0;
  EXPECT_TRUE(named);
}

TEST(ScenarioLeanLoad, TheScanFindsTheArrayAndItsElements) {
  const std::string text =
      R"({"a": {"expectations": [1]}, "s": "x\"]y", "expectations" : [ {"k": "[\\"}, 3 ,[[]]], "z": 1})";
  std::optional<ArrayMemberSpans> s = scan_array_member(text, "expectations", 64);
  ASSERT_TRUE(s);
  EXPECT_EQ(text.substr(s->array_begin, s->array_end - s->array_begin),
            R"([ {"k": "[\\"}, 3 ,[[]]])");
  ASSERT_EQ(s->elements.size(), 3u);
  auto element = [&](std::size_t i) {
    return text.substr(s->elements[i].first, s->elements[i].second - s->elements[i].first);
  };
  EXPECT_EQ(element(0), R"({"k": "[\\"})");
  EXPECT_EQ(element(1), "3");
  EXPECT_EQ(element(2), "[[]]");
  // As json_limits counts them: 1 + {a: {expectations: [1]}} 3 + "s" 1 + the array 1 + {k} 2
  // + 3 1 + [[]] 2 + z 1.
  EXPECT_EQ(s->values, 12u);
  EXPECT_EQ(s->depth, 4u);
  EXPECT_EQ(s->longest_string, std::string("expectations").size());
  // Each of these is left to the usual reader.
  for (const char* unusual :
       {R"([])", R"({"expect\u0061tions": []})", R"({"expectations": [], "expectations": []})",
        R"({"expectations": {}})", R"({"other": []})", R"({"expectations": [1,]})",
        R"({"expectations": [1 2]})", R"({"expectations": [1]} x)", R"({"expectations": ["x)",
        R"({"expectations": [[[[1]]]]})"})
    EXPECT_FALSE(scan_array_member(unusual, "expectations", 4)) << unusual;
  EXPECT_TRUE(scan_array_member(R"({"expectations": [[[[1]]]]})", "expectations", 5));
}

TEST(ScenarioLeanLoad, OnlyExpectationsMayHaveExpectAndWhy) {
  const std::string text =
      R"({"principal":"anonymous","action":"s3:GetObject","resource":"*","expect":"deny",)"
      R"("why":"no grant"})";
  PlainExpectation e;
  ASSERT_TRUE(scan_plain_expectation(text, e));
  EXPECT_EQ(*e.expect, "deny");
  EXPECT_EQ(*e.why, "no grant");
  EXPECT_EQ(*e.request.principal, "anonymous");
  PlainRequest r;
  EXPECT_FALSE(scan_plain_request(text, r));  // `eval` refuses those keys
  EXPECT_FALSE(scan_plain_expectation(R"({"expect":"deny","expect":"allow"})", e));
  EXPECT_FALSE(scan_plain_expectation(R"({"why":1})", e));
}

}  // namespace
}  // namespace accesspath
