// Golden tests of `explain` output: the decision tree a trainee reads.
// Cases live in tests/golden/explain_cases.json, expected text in tests/golden/<name>.txt.
// After an intended change, regenerate with ACCESSPATH_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tools/report/decision_text.h"

namespace accesspath {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ExplainGolden, TextMatchesGoldenFiles) {
  const std::string root = ACCESSPATH_SOURCE_DIR;
  auto cases = nlohmann::json::parse(read(root + "/tests/golden/explain_cases.json"));
  ASSERT_GE(cases.size(), 5u);
  const bool update = std::getenv("ACCESSPATH_UPDATE_GOLDEN") != nullptr;
  for (const auto& c : cases) {
    std::string name = c.at("name");
    SCOPED_TRACE(name);
    LoadResult loaded = load_scenario_file(root + "/" + c.at("scenario").get<std::string>());
    ASSERT_TRUE(loaded.scenario);
    Request r;
    r.principal = c.at("principal");
    r.action = c.at("action");
    r.resource = c.at("resource");
    if (c.contains("headers"))
      for (const auto& [k, v] : c["headers"].items()) r.headers[k] = v.get<std::string>();
    std::string text = decision_to_text(evaluate(loaded.scenario->world, r));
    std::string path = root + "/tests/golden/" + name + ".txt";
    if (update) {
      std::ofstream(path) << text;
      continue;
    }
    EXPECT_EQ(read(path), text) << "golden file " << path
                                << " differs; if the change is intended, rerun with "
                                   "ACCESSPATH_UPDATE_GOLDEN=1 and review the diff";
  }
}

TEST(ExplainGolden, DenialNamesTheMissingPolicy) {
  // The point of `explain`: a denied read names the check that failed and what to add.
  const std::string root = ACCESSPATH_SOURCE_DIR;
  LoadResult loaded =
      load_scenario_file(root + "/scenarios/separation-of-duties-key-user-removed.json");
  ASSERT_TRUE(loaded.scenario);
  Decision d = evaluate(loaded.scenario->world,
                        {"arn:aws:iam::111122223333:role/authorized-users",
                         "s3:GetObject",
                         "arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf",
                         {},
                         {}});
  ASSERT_FALSE(d.allowed);
  const Check* blocking = d.blocking_check();
  ASSERT_NE(blocking, nullptr);
  EXPECT_EQ(blocking->action, "kms:Decrypt");
  EXPECT_FALSE(blocking->missing.empty());
  std::string text = decision_to_text(d);
  EXPECT_NE(text.find("ALLOW  S3 authorizes"), std::string::npos) << text;
  EXPECT_NE(text.find("DENY  KMS authorizes `kms:Decrypt`"), std::string::npos) << text;
  EXPECT_NE(text.find("to allow, add"), std::string::npos) << text;
}

}  // namespace
}  // namespace accesspath
