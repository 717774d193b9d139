// `accesspath graph` end to end, on the real analysis: exit statuses, the format
// chosen by the extension, the counterexample highlighted, bad input reported with
// exit 2 and no file left behind, and the same bytes on every run.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/analysis/access_paths.h"
#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "tools/render/render_graph.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = ACCESSPATH_SOURCE_DIR;
const std::string kSeed = kRoot + "/scenarios/separation-of-duties.json";

struct CliRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

std::string quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliRun graph(const std::vector<std::string>& args) {
  std::string command = quote(ACCESSPATH_CLI) + " graph";
  for (const auto& a : args) command += " " + quote(a);
  command += " 2>&1";
  CliRun r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.output.append(buffer.data(), n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GraphCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("render_cli_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The seed-003 world with one invariant that is violated on purpose: only the
  // bucket admin may read, yet authorized-users reads the data.
  std::string violated_scenario() {
    auto doc = nlohmann::json::parse(read(kSeed));
    doc["invariants"] = nlohmann::json::array(
        {{{"name", "only the bucket admin reads"},
          {"action", "s3:GetObject"},
          {"resource", "arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf"},
          {"only", {"arn:aws:iam::111122223333:role/secure-bucket-admin"}},
          {"expect", "violated"}}});
    std::string path = (dir_ / "violated.json").string();
    std::ofstream(path) << doc.dump(2);
    return path;
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
};

TEST_F(GraphCommand, WritesDotAndSvgBySuffix) {
  CliRun dot = graph({kSeed, "-o", (dir_ / "sod.dot").string()});
  ASSERT_EQ(dot.status, 0) << dot.output;
  EXPECT_NE(dot.output.find("wrote"), std::string::npos) << dot.output;
  std::string text = read(dir_ / "sod.dot");
  EXPECT_TRUE(text.starts_with("digraph")) << text.substr(0, 100);
  EXPECT_NE(text.find("subgraph cluster_account_111122223333"), std::string::npos);
  EXPECT_NE(text.find("account 111122223333 (secure-demo)"), std::string::npos);
  EXPECT_NE(text.find("role/authorized-users"), std::string::npos);
  EXPECT_NE(text.find("cluster_legend"), std::string::npos);

  CliRun svg = graph({kSeed, "-o", (dir_ / "sod.svg").string()});
  ASSERT_EQ(svg.status, 0) << svg.output;
  std::string picture = read(dir_ / "sod.svg");
  EXPECT_NE(picture.find("<svg"), std::string::npos);
  EXPECT_NE(picture.find("</svg>"), std::string::npos);
  EXPECT_NE(picture.find("role/secure&#45;key&#45;admin"), std::string::npos);  // '-' escaped
  EXPECT_EQ(entries(), (std::vector<std::string>{"sod.dot", "sod.svg"}));  // no temporary files
}

TEST_F(GraphCommand, SameBytesOnEveryRun) {
  ASSERT_EQ(graph({kSeed, "-o", (dir_ / "a.dot").string()}).status, 0);
  ASSERT_EQ(graph({kSeed, "-o", (dir_ / "b.dot").string()}).status, 0);
  EXPECT_EQ(read(dir_ / "a.dot"), read(dir_ / "b.dot"));
}

TEST_F(GraphCommand, HighlightsTheCounterexampleOfAnInvariant) {
  std::string file = violated_scenario();
  CliRun r =
      graph({file, "--invariant", "only the bucket admin reads", "-o", (dir_ / "cx.dot").string()});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("is violated"), std::string::npos) << r.output;
  std::string dot = read(dir_ / "cx.dot");
  EXPECT_NE(dot.find(". s3:GetObject"), std::string::npos) << dot;
  EXPECT_NE(dot.find("penwidth=3.5"), std::string::npos);
  EXPECT_NE(dot.find("counterexample step"), std::string::npos);  // in the legend
}

// An escalation step says what the change was; its label is not cut short.
TEST_F(GraphCommand, AnEscalationStepShowsTheWholeChange) {
  CliRun r = graph({kSeed, "--invariant",
                    "bucket admin can read future uploads by changing bucket settings it controls",
                    "-o", (dir_ / "esc.dot").string()});
  ASSERT_EQ(r.status, 0) << r.output;
  std::string dot = read(dir_ / "esc.dot");
  EXPECT_NE(dot.find("1. s3:PutBucketPolicy"), std::string::npos) << dot;
  EXPECT_NE(dot.find("attacker granted s3:*"), std::string::npos) << dot;
}

TEST_F(GraphCommand, UnknownInvariantListsTheValidNames) {
  std::string file = violated_scenario();
  fs::path out = dir_ / "x.svg";
  CliRun r = graph({file, "--invariant", "no such thing", "-o", out.string()});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("--invariant `no such thing`"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("`only the bucket admin reads`"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(GraphCommand, FromLimitsThePictureAndRejectsStrangers) {
  CliRun r = graph({kSeed, "--from", "arn:aws:iam::111122223333:role/authorized-users", "-o",
                    (dir_ / "from.dot").string()});
  ASSERT_EQ(r.status, 0) << r.output;
  std::string dot = read(dir_ / "from.dot");
  EXPECT_NE(dot.find("role/authorized-users"), std::string::npos);
  EXPECT_EQ(dot.find("role/secure-key-admin"), std::string::npos) << dot;

  CliRun bad = graph({kSeed, "--from", "arn:aws:iam::111122223333:role/nobody", "-o",
                      (dir_ / "bad.dot").string()});
  EXPECT_EQ(bad.status, 2) << bad.output;
  EXPECT_NE(bad.output.find("--from `arn:aws:iam::111122223333:role/nobody`"), std::string::npos)
      << bad.output;
  EXPECT_FALSE(fs::exists(dir_ / "bad.dot"));
}

TEST_F(GraphCommand, BadOutputIsExitTwoAndLeavesNothing) {
  CliRun png = graph({kSeed, "-o", (dir_ / "x.png").string()});
  EXPECT_EQ(png.status, 2);
  EXPECT_NE(png.output.find(".dot or .svg"), std::string::npos) << png.output;

  CliRun missing_dir = graph({kSeed, "-o", (dir_ / "no" / "such" / "x.svg").string()});
  EXPECT_EQ(missing_dir.status, 2);
  EXPECT_NE(missing_dir.output.find("cannot write"), std::string::npos) << missing_dir.output;

  CliRun no_output = graph({kSeed});
  EXPECT_EQ(no_output.status, 2) << no_output.output;

  CliRun missing_file = graph({(dir_ / "none.json").string(), "-o", (dir_ / "x.dot").string()});
  EXPECT_EQ(missing_file.status, 2) << missing_file.output;
  EXPECT_TRUE(entries().empty());

  // A file that is already there stays as it was when the command fails.
  std::ofstream(dir_ / "keep.dot") << "old";
  CliRun bad = graph({kSeed, "--invariant", "nope", "-o", (dir_ / "keep.dot").string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(read(dir_ / "keep.dot"), "old");
  EXPECT_EQ(entries(), std::vector<std::string>{"keep.dot"});
}

TEST_F(GraphCommand, WritesWhatTheLibraryRenders) {
  // An SVG first: the DOT text must not depend on whether Graphviz's layout
  // context exists yet (the command makes none for DOT).
  LoadResult loaded = load_scenario_file(kSeed);
  ASSERT_TRUE(loaded.scenario);
  AccessGraph g = build_access_graph(loaded.scenario->world);
  RenderOptions o;
  o.account_names = account_names(loaded.scenario->world);
  o.title = loaded.scenario->name;
  EXPECT_NE(render_svg(g, o).find("<svg"), std::string::npos);
  ASSERT_EQ(graph({kSeed, "-o", (dir_ / "cli.dot").string()}).status, 0);
  EXPECT_EQ(read(dir_ / "cli.dot"), render_dot(g, o));
}

TEST(RenderRealGraph, Seed003DrawsEveryVertexOnce) {
  LoadResult loaded = load_scenario_file(kSeed);
  ASSERT_TRUE(loaded.scenario);
  AccessGraph g = build_access_graph(loaded.scenario->world);
  RenderOptions o;
  o.account_names = account_names(loaded.scenario->world);
  std::string dot = render_dot(g, o);
  for (auto v : boost::make_iterator_range(boost::vertices(g.graph))) {
    const std::string& id = g.graph[v].id;
    // agwrite quotes a name only when it has to ("anonymous" stays bare); a node
    // statement follows a tab, an edge's head follows "-> ".
    std::string name = id.find_first_of(":./-") == std::string::npos ? id : "\"" + id + "\"";
    std::string node = "\t" + name + "\t[";
    std::size_t first = dot.find(node);
    EXPECT_NE(first, std::string::npos) << id;
    EXPECT_EQ(dot.find(node, first + 1), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace accesspath
