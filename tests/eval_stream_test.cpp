// `eval`'s library parts: the request stream reader (model/world/request_stream.h) and the batch
// decider (model/services/batch_decider.h): order kept with threads, bad lines reported with their
// line number, and the same decisions as `explain` (evaluate) on every bundled expectation.
#include <gtest/gtest.h>

#include <sstream>

#include "model/services/batch_decider.h"
#include "model/services/evaluator.h"
#include "tests/bundled_scenarios.h"
#include "tools/report/eval_json.h"

namespace accesspath {
namespace {

using nlohmann::json;

// The request part of each expectation of `s`, one JSON object a line.
std::string expectation_lines(const Scenario& s) {
  std::string out;
  for (const auto& e : s.source.at("expectations")) {
    json line = json::object();
    for (const char* key : {"principal", "action", "resource", "headers", "context"})
      if (e.contains(key)) line[key] = e[key];
    out += line.dump() + "\n";
  }
  return out;
}

// Runs the stream and returns each output line parsed.
std::vector<json> run(const World& world, const std::string& input, const BatchOptions& options) {
  std::istringstream in(input);
  std::string out;
  decide_stream(
      world, in, options,
      [&](const DecidedLine& d, std::string& text) { append_eval_line(d, options.explain, text); },
      [&](std::string_view text) { out += text; });
  std::vector<json> lines;
  std::istringstream split(out);
  for (std::string l; std::getline(split, l);) lines.push_back(json::parse(l));
  return lines;
}

TEST(EvalStream, DecisionsEqualExplainOnEveryBundledExpectation) {
  std::size_t checked = 0;
  for (const auto& [file, s] : test_data::bundled_scenarios()) {
    SCOPED_TRACE(file);
    std::vector<json> out =
        run(s.world, expectation_lines(s), {.threads = 2, .chunk_lines = 3, .explain = true});
    ASSERT_EQ(out.size(), s.expectations.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      Decision d = evaluate(s.world, s.expectations[i].request);
      ASSERT_FALSE(out[i].contains("error")) << out[i].dump();
      EXPECT_EQ(out[i]["i"], i);
      EXPECT_EQ(out[i]["decision"], d.allowed ? "allow" : "deny") << "expectation " << i;
      EXPECT_EQ(out[i]["decision"], s.expectations[i].expect_allow ? "allow" : "deny");
      EXPECT_EQ(out[i]["explanation"]["checks"].size(), d.checks.size());
      ++checked;
    }
  }
  EXPECT_GE(checked, 60u);
}

TEST(EvalStream, OutputKeepsInputOrderWhateverTheThreadsAndChunks) {
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  const Scenario& s = all.front().scenario;
  std::string one = expectation_lines(s), input;
  for (int k = 0; k < 200; ++k) input += one;
  std::vector<json> reference = run(s.world, input, {.threads = 1, .chunk_lines = 4096});
  ASSERT_EQ(reference.size(), 200 * s.expectations.size());
  for (unsigned threads : {2u, 3u, 8u})
    for (std::size_t chunk : {1u, 7u, 1000u}) {
      std::vector<json> out = run(s.world, input, {.threads = threads, .chunk_lines = chunk});
      ASSERT_EQ(out, reference) << threads << " threads, chunks of " << chunk;
    }
  for (std::size_t i = 0; i < reference.size(); ++i) EXPECT_EQ(reference[i]["i"], i);
}

TEST(EvalStream, BadLinesAreReportedWithTheirLineNumberAndTheRestDecided) {
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  const Scenario& s = all.front().scenario;
  const json& e = s.source.at("expectations").at(0);
  json good = {{"principal", e["principal"]}, {"action", e["action"]}, {"resource", e["resource"]}};
  std::string input = good.dump() + "\n" +                          // line 1
                      "{\"principal\": \"arn:aws:iam::1\n" +        // line 2: truncated
                      "\n" +                                        // line 3: blank, skipped
                      "[1, 2]\n" +                                  // line 4: not an object
                      json{{"principal", e["principal"]}}.dump() +  // line 5: no action
                      "\n" +
                      json{{"principal", e["principal"]},
                           {"action", "s3:Get*"},
                           {"resource", e["resource"]},
                           {"expect", "allow"}}
                          .dump() +  // line 6: wildcard action, unknown key
                      "\n" +
                      good.dump();  // line 7, no final newline
  for (unsigned threads : {1u, 2u}) {
    std::vector<json> out = run(s.world, input, {.threads = threads, .chunk_lines = 2});
    ASSERT_EQ(out.size(), 6u);
    EXPECT_TRUE(out[0].contains("decision"));
    EXPECT_EQ(out[1]["line"], 2);
    EXPECT_EQ(out[1]["error"], "line 2: not valid JSON");
    EXPECT_EQ(out[2]["error"], "line 4: a request is a JSON object, got an array");
    EXPECT_NE(out[3]["error"].get<std::string>().find("line 5: /: missing required key `action`"),
              std::string::npos)
        << out[3];
    std::string six = out[4]["error"];
    EXPECT_NE(six.find("/expect: unknown key `expect`"), std::string::npos) << six;
    EXPECT_NE(six.find("/action: a request names one action"), std::string::npos) << six;
    EXPECT_EQ(out[5]["i"], 5);
    EXPECT_EQ(out[5]["decision"], out[0]["decision"]);
  }
}

TEST(EvalStream, AnUnresolvablePrincipalIsABadLineNotADeny) {
  auto all = test_data::bundled_scenarios();
  ASSERT_FALSE(all.empty());
  std::string input =
      json{{"principal", "not-an-arn"}, {"action", "s3:GetObject"}, {"resource", "*"}}.dump();
  std::vector<json> out = run(all.front().scenario.world, input, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].contains("decision"));
  EXPECT_NE(out[0]["error"].get<std::string>().find("line 1: /principal: "), std::string::npos);
}

}  // namespace
}  // namespace accesspath
