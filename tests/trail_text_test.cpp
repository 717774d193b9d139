// The CloudTrail reader's entry point for text already read (read_trail_text) and the replay of
// records handed on by a caller (TrailReplay) read and replay what the file entry points do
// (read_trails, replay_trails), on every fixture file.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/world/scenario.h"
#include "model/world/scenario_file.h"
#include "trail/replay.h"
#include "trail/trail_files.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;

const World& world() {
  static const Scenario s = *load_scenario_file(std::string(ACCESSPATH_SOURCE_DIR) +
                                                "/scenarios/separation-of-duties.json")
                                 .scenario;
  return s.world;
}

std::vector<std::string> fixture_files() {
  std::string dir = std::string(ACCESSPATH_SOURCE_DIR) + "/tests/fixtures/cloudtrail/";
  std::vector<std::string> files = {dir + "export.jsonl", dir + "planted.json"};
  for (const auto& e : fs::recursive_directory_iterator(dir + "trail"))
    if (e.is_regular_file()) files.push_back(e.path().string());
  return files;
}

// What a read hands on, one line each: "record INDEX EVENT" or the problem.
struct Read {
  TrailReadSummary summary;
  std::vector<std::string> lines;
};

Read read_file(const std::string& file) {
  Read r;
  r.summary = read_trails(
      {file},
      [&](TrailRecord&& t) {
        r.lines.push_back("record " + std::to_string(t.index) + " " + t.event.dump());
      },
      [&](TrailProblem&& p) { r.lines.push_back(p.to_string()); });
  return r;
}

Read read_text(const std::string& file, const std::string& text) {
  Read r;
  read_trail_text(
      file, text,
      [&](TrailRecord&& t) {
        r.lines.push_back("record " + std::to_string(t.index) + " " + t.event.dump());
      },
      [&](TrailProblem&& p) { r.lines.push_back(p.to_string()); }, r.summary);
  return r;
}

TEST(TrailText, TheTextOfAFileReadsAndReplaysAsTheFileDoes) {
  std::size_t compared = 0;
  for (const std::string& file : fixture_files()) {
    SCOPED_TRACE(file);
    std::string text, why;
    if (!read_file_maybe_gzip(file, text, why)) continue;  // the cut gzip file: nothing to read
    ++compared;
    Read from_file = read_file(file), from_text = read_text(file, text);
    EXPECT_EQ(from_file.lines, from_text.lines);
    EXPECT_EQ(from_file.summary.records, from_text.summary.records);
    EXPECT_EQ(from_file.summary.files_read, from_text.summary.files_read);
    EXPECT_EQ(from_file.summary.files_failed, from_text.summary.files_failed);
    EXPECT_FALSE(from_text.lines.empty());

    ReplayReport whole = replay_trails(world(), {file});
    TrailReplay replay(world());
    TrailReadSummary summary;
    read_trail_text(
        file, text, [&](TrailRecord&& t) { replay.record(std::move(t)); },
        [&](TrailProblem&& p) { replay.problem(std::move(p)); }, summary);
    ReplayReport parts = replay.finish(summary);
    EXPECT_EQ(whole.events, parts.events);
    EXPECT_EQ(whole.decided, parts.decided);
    EXPECT_EQ(whole.agree, parts.agree);
    EXPECT_EQ(whole.tied, parts.tied);
    EXPECT_EQ(whole.tied_unmatched, parts.tied_unmatched);
    EXPECT_EQ(whole.breaks.size(), parts.breaks.size());
    EXPECT_EQ(whole.opens.size(), parts.opens.size());
    EXPECT_EQ(whole.undecided.size(), parts.undecided.size());
    EXPECT_EQ(whole.problems.size(), parts.problems.size());
    EXPECT_EQ(whole.by_principal.size(), parts.by_principal.size());
  }
  EXPECT_GE(compared, 3u);
}

}  // namespace
}  // namespace accesspath
