// `check --format json` streamed (tools/report/report_json_stream.h) is the document
// reports_to_json builds, byte for byte: on every bundled scenario, with a file that did not
// load among them, and with no file.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <sstream>

#include "model/core/byte_scan.h"
#include "model/services/evaluator.h"
#include "tests/bundled_scenarios.h"
#include "tools/report/json_text.h"
#include "tools/report/report_json.h"
#include "tools/report/report_json_stream.h"
#include "tools/report/report_text.h"

namespace accesspath {
namespace {

std::string whole(const std::vector<ScenarioReport>& reports) {
  return reports_to_json(reports).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

TEST(CheckJsonStream, IsTheWholeDocumentByteForByte) {
  std::vector<ScenarioReport> reports;
  std::ostringstream streamed;
  CheckJsonStream doc(streamed);
  std::size_t i = 0;
  for (const auto& [file, s] : test_data::bundled_scenarios()) {
    if (i++ == 1) {  // a file that did not load, among the others
      ScenarioReport failed;
      failed.file = "broken.json";
      failed.error = "broken.json: /: error: not valid JSON";
      doc.add_report(failed);
      reports.push_back(failed);
    }
    ScenarioReport kept = check_scenario(s);
    doc.begin_checked();
    ScenarioReport r = check_scenario(s, [&](const ExpectationResult& e) {
      doc.add_expectation(e);
      return false;
    });
    doc.end_checked(r);
    EXPECT_EQ(r.streamed, kept.expectations.size()) << file;
    EXPECT_EQ(r.ok(), kept.ok()) << file;
    EXPECT_TRUE(r.expectations.empty());
    reports.push_back(std::move(kept));
  }
  doc.finish();
  ASSERT_GE(reports.size(), 3u);
  EXPECT_EQ(streamed.str(), whole(reports));
}

// Expectations decided and rendered on several threads (check_scenario_rendered) make the same
// document as one by one, in the file's order, over several chunks of 256.
TEST(CheckJsonStream, RenderedOnThreadsIsTheSameDocumentInTheSameOrder) {
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  Scenario s = all.front().scenario;
  const std::vector<Expectation> one = s.expectations;
  ASSERT_FALSE(one.empty());
  while (s.expectations.size() < 1000)
    s.expectations.insert(s.expectations.end(), one.begin(), one.end());
  s.expectations.front().expect_allow = !s.expectations.front().expect_allow;  // one not met
  auto document = [&](std::optional<unsigned> threads) {
    std::ostringstream out;
    CheckJsonStream doc(out);
    doc.begin_checked();
    ScenarioReport r = threads ? check_scenario_rendered(
                                     s, *threads,
                                     [](const ExpectationResult& e, std::string& text) {
                                       CheckJsonStream::render_expectation(e, e.index > 0, text);
                                     },
                                     [&](std::string_view text) { doc.add_rendered(text); })
                               : check_scenario(s, [&](const ExpectationResult& e) {
                                   doc.add_expectation(e);
                                   return false;
                                 });
    EXPECT_EQ(r.streamed, s.expectations.size());
    EXPECT_EQ(r.streamed_not_met, 1u);
    doc.end_checked(r);
    doc.finish();
    return out.str();
  };
  const std::string sequential = document(std::nullopt);
  for (unsigned threads : {1u, 2u, 5u}) EXPECT_EQ(document(threads), sequential) << threads;
}

TEST(CheckJsonStream, NoFilesAndAFileWithoutExpectations) {
  std::ostringstream none;
  CheckJsonStream empty(none);
  empty.finish();
  EXPECT_EQ(none.str(), whole({}));
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  Scenario s = all.front().scenario;
  s.expectations.clear();
  std::ostringstream one;
  CheckJsonStream doc(one);
  doc.begin_checked();
  ScenarioReport r = check_scenario(s, [&](const ExpectationResult& e) {
    doc.add_expectation(e);
    return false;
  });
  doc.end_checked(r);
  doc.finish();
  EXPECT_EQ(one.str(), whole({check_scenario(s)}));
}

}  // namespace
}  // namespace accesspath

namespace accesspath {
namespace {

// The direct writer prints what dump() prints of decision_to_json, compact and indented, on
// every bundled expectation (and on text that needs escaping).
// Escaping (16 bytes at a time where nothing needs it) prints every string as dump() does.
RC_GTEST_PROP(JsonTextLaws, AStringIsWrittenAsDumpWritesIt, ()) {
  const auto bytes = *rc::gen::container<std::vector<char>>(rc::gen::weightedOneOf<char>(
      {{8, rc::gen::inRange<char>('a', 'z')},
       {1, rc::gen::element<char>('"', '\\', '\n', '\t', '\x01', '\x1f', '\x7f', ' ')},
       {1, rc::gen::arbitrary<char>()}}));
  const std::string s(bytes.begin(), bytes.end());
  std::string text;
  JsonText j(text, JsonText::kCompact);
  j.string(s);
  RC_ASSERT(text ==
            nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The run of bytes a JSON string holds as they are ends at the first byte that needs care, at
// any length and alignment (16 bytes a step, then the last bytes padded with zeros).
RC_GTEST_PROP(JsonTextLaws, APlainPrefixEndsAtTheFirstByteThatNeedsCare, ()) {
  const auto chars = *rc::gen::container<std::vector<char>>(rc::gen::weightedOneOf<char>(
      {{20, rc::gen::inRange<char>(' ', '~')}, {1, rc::gen::arbitrary<char>()}}));
  // (printable_plain_prefix and find_quote_or_backslash are checked on the same strings.)
  const std::size_t offset = *rc::gen::inRange<std::size_t>(0, chars.size() + 1);
  const std::string_view s(chars.data() + offset, chars.size() - offset);
  std::size_t want = 0;
  while (want < s.size()) {
    const auto u = static_cast<unsigned char>(s[want]);
    if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\') break;
    ++want;
  }
  RC_ASSERT(bytes::json_plain_prefix(s) == want);
  std::size_t printable = 0;  // the same without DEL
  while (printable < want && s[printable] != 0x7f) ++printable;
  RC_ASSERT(bytes::printable_plain_prefix(s) == printable);
  const std::size_t first = s.find_first_of("\"\\");
  RC_ASSERT(bytes::find_quote_or_backslash(s) ==
            (first == std::string_view::npos ? s.size() : first));
}

// Each complete top-level value is in the output at once; a nested one only when its top-level
// value is complete.
TEST(JsonText, TheTextIsInTheOutputWhenATopLevelValueIsComplete) {
  std::string text = "x";
  JsonText j(text, JsonText::kCompact);
  j.begin_object();
  j.key("a");
  j.string("b");
  EXPECT_EQ(text, "x");
  j.end_object();
  EXPECT_EQ(text, "x{\"a\":\"b\"}");
  j.number(7);
  EXPECT_EQ(text, "x{\"a\":\"b\"}7");
}

TEST(JsonText, DecisionTextIsDumpOfDecisionToJson) {
  std::size_t compared = 0;
  for (const auto& [file, s] : test_data::bundled_scenarios())
    for (const auto& e : s.expectations) {
      Decision d = evaluate(s.world, e.request);
      for (int indent : {JsonText::kCompact, 2}) {
        std::string text;
        JsonText j(text, indent);
        write_decision_json(d, j);
        ASSERT_EQ(text, decision_to_json(d).dump(indent)) << file << " " << e.pointer;
      }
      ++compared;
    }
  EXPECT_GE(compared, 60u);
  Decision odd;
  odd.principal = "quote \" backslash \\ tab \t bell \x07 é \xff";
  odd.unknown_keys = {"`aws:SourceIdentity`"};
  odd.undecided = "denied only if …";
  std::string text;
  JsonText j(text, 2, 3);
  write_decision_json(odd, j);
  std::string want =
      decision_to_json(odd).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string indented;
  for (char c : want) indented += c == '\n' ? std::string("\n      ") : std::string(1, c);
  EXPECT_EQ(text, indented);
}

}  // namespace
}  // namespace accesspath

namespace accesspath {
namespace {

// `check` (text) keeps only the expectations it shows (not met, or all with --verbose): the same
// report text and the same summary as when every expectation is kept, on every bundled scenario
// with one expectation turned around.
TEST(CheckTextStream, KeepsOnlyWhatItShowsAndSaysTheSame) {
  std::vector<ScenarioReport> kept_all, kept_shown;
  for (auto& [file, s] : test_data::bundled_scenarios()) {
    if (!s.expectations.empty())
      s.expectations.front().expect_allow = !s.expectations.front().expect_allow;
    for (bool verbose : {false, true}) {
      ScenarioReport all = check_scenario(s);
      ScenarioReport shown =
          check_scenario(s, [&](const ExpectationResult& e) { return verbose || !e.ok; });
      EXPECT_EQ(report_to_text(shown, verbose), report_to_text(all, verbose)) << file;
      EXPECT_EQ(shown.ok(), all.ok());
      if (!verbose) {
        EXPECT_LE(shown.expectations.size(), 1u) << file;
        kept_all.push_back(std::move(all));
        kept_shown.push_back(std::move(shown));
      }
    }
  }
  EXPECT_EQ(summary_to_text(kept_shown), summary_to_text(kept_all));
}

}  // namespace
}  // namespace accesspath
