// Resource limits of `accesspath replay`'s reader (trail/trail_limits.h): a gzip bomb, a record
// nested 100,000 deep and a 100 MB string are each a problem of their file, read no further, in
// bounded memory and time, never a crash; the other files are still replayed. CloudTrail User
// Guide, "CloudTrail log file examples" (a file delivered about every 5 minutes) and "Quotas in
// AWS CloudTrail" (event size, 256 KB).
#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "trail/trail_files.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;

const std::string kTrail = std::string(ACCESSPATH_SOURCE_DIR) + "/tests/fixtures/cloudtrail/trail/";
const std::string kGoodFile = kTrail +
                              "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/"
                              "111122223333_CloudTrail_us-east-1_20261201T1005Z_b2.json";

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// `bytes` zeros, gzipped a MiB at a time (the test never holds the expansion either).
void write_gzip_of_zeros(const fs::path& path, std::size_t bytes) {
  gzFile f = gzopen(path.c_str(), "wb9");
  ASSERT_NE(f, nullptr);
  std::vector<char> zeros(std::size_t{1} << 20, '0');
  for (std::size_t done = 0; done < bytes; done += zeros.size())
    ASSERT_EQ(gzwrite(f, zeros.data(), static_cast<unsigned>(zeros.size())),
              static_cast<int>(zeros.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

// The process's peak resident memory so far, in MiB.
long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss >> 10;  // KiB on Linux
}

std::vector<TrailProblem> problems_of(const std::vector<std::string>& paths,
                                      TrailReadSummary* summary = nullptr) {
  std::vector<TrailProblem> problems;
  TrailReadSummary s = read_trails(
      paths, [](TrailRecord&&) {}, [&](TrailProblem&& p) { problems.push_back(std::move(p)); });
  if (summary) *summary = s;
  return problems;
}

std::string text_of(const std::vector<TrailProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// One S3 GetObject record, on one line (JSON Lines holds one a line).
std::string record_with_parameters(const std::string& parameters) {
  return R"({"eventVersion": "1.09", "eventSource": "s3.amazonaws.com", "eventName": "GetObject", )"
         R"("eventID": "e1", "eventTime": "2026-12-01T10:00:00Z", "userIdentity": {"type": )"
         R"("IAMUser", "arn": "arn:aws:iam::111122223333:user/alice", "accountId": )"
         R"("111122223333"}, "requestParameters": )" +
         parameters + "}";
}

TEST(TrailLimits, AGzipBombIsRefusedAtTheCapWithoutExpandingIt) {
  fs::path dir = fresh_dir("trail-gzip-bomb");
  fs::path bomb = dir / "bomb.json.gz";
  write_gzip_of_zeros(bomb, std::size_t{200} << 20);  // 200 MiB of text in about 200 KB
  ASSERT_LT(fs::file_size(bomb), std::size_t{1} << 20);

  // Reading stops at the cap: a 1 MiB cap costs about 1 MiB, not the 200 MiB of the expansion.
  std::string out, why;
  long before = peak_rss_mib();
  EXPECT_FALSE(read_file_maybe_gzip(bomb.string(), out, why, std::size_t{1} << 20));
  EXPECT_LT(peak_rss_mib() - before, 32);
  EXPECT_TRUE(out.empty());
  EXPECT_NE(why.find("gunzipped, the file is more than 1 MiB"), std::string::npos) << why;

  // The real cap, in a replay with a good file: the bomb is a problem naming it and the cap, read
  // quickly; the good file is still replayed.
  auto start = std::chrono::steady_clock::now();
  TrailReadSummary summary;
  std::vector<TrailProblem> problems = problems_of({bomb.string(), kGoodFile}, &summary);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  ASSERT_EQ(problems.size(), 1u) << text_of(problems);
  EXPECT_EQ(problems[0].file, bomb.string());
  EXPECT_EQ(problems[0].index, kWholeFile);
  EXPECT_NE(problems[0].message.find("more than 128 MiB, the most read from one trail file"),
            std::string::npos)
      << problems[0].message;
  EXPECT_EQ(summary.files_failed, 1u);
  EXPECT_EQ(summary.files_read, 1u);
  EXPECT_GT(summary.records, 0u);
  fs::remove_all(dir);
}

TEST(TrailLimits, AFileLargerThanTheCapIsNotRead) {
  fs::path dir = fresh_dir("trail-large-file");
  fs::path large = dir / "large.json";
  std::ofstream(large) << "{}";
  fs::resize_file(large, (std::size_t{128} << 20) + 1);  // sparse: nothing is written
  std::string out, why;
  EXPECT_FALSE(read_file_maybe_gzip(large.string(), out, why));
  EXPECT_EQ(why,
            "the file is 129 MiB; at most 128 MiB are read from one trail file (a delivered "
            "CloudTrail file is far smaller)");
  fs::remove_all(dir);
}

TEST(TrailLimits, ARecordNested100000DeepIsRefusedNotACrash) {
  fs::path dir = fresh_dir("trail-deep");
  std::string deep = record_with_parameters(nested(100000));
  std::string good = record_with_parameters(R"({"bucketName": "b", "key": "k"})");
  std::ofstream(dir / "records.json") << R"({"Records": [)" + good + "," + deep + "]}";

  TrailReadSummary summary;
  std::vector<TrailProblem> problems = problems_of({(dir / "records.json").string()}, &summary);
  ASSERT_EQ(problems.size(), 1u) << text_of(problems);
  EXPECT_EQ(problems[0].index, kWholeFile);
  EXPECT_EQ(problems[0].message.rfind("past the limits of a CloudTrail file at "
                                      "/Records/1/requestParameters/0/0/0/",
                                      0),
            0u)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("nested more than 128 levels deep"), std::string::npos);
  EXPECT_EQ(summary.files_failed, 1u);
  EXPECT_EQ(summary.records, 0u);  // the file is refused whole, before any tree

  // JSON Lines: the deep line is a problem of its own, first or not; the other lines are read.
  for (bool deep_first : {true, false}) {
    std::ofstream(dir / "export.jsonl", std::ios::trunc)
        << (deep_first ? deep + "\n" + good + "\n" + good + "\n"
                       : good + "\n" + deep + "\n" + good + "\n");
    problems = problems_of({(dir / "export.jsonl").string()}, &summary);
    ASSERT_EQ(problems.size(), 1u) << text_of(problems);
    EXPECT_EQ(problems[0].index, deep_first ? 0u : 1u);
    EXPECT_NE(problems[0].message.find(" is not read: past the limits of a CloudTrail record at "
                                       "/requestParameters/0/0/"),
              std::string::npos)
        << problems[0].message;
    EXPECT_EQ(summary.records, 2u);
    EXPECT_EQ(summary.files_read, 1u);
  }
  fs::remove_all(dir);
}

TEST(TrailLimits, AJsonLinesFileWhoseFirstLineIsPastTheLimitsStillGivesItsOtherLines) {
  // The limits check of the whole text reads JSON Lines to the end of the first line only: a
  // number beyond a double there is that line's problem, not the file's.
  fs::path dir = fresh_dir("trail-first-line");
  std::string good = record_with_parameters(R"({"bucketName": "b", "key": "k"})");
  std::ofstream(dir / "export.jsonl") << R"({"eventName": "GetObject", "n": 1e400})"
                                      << "\n" + good + "\n";
  TrailReadSummary summary;
  std::vector<TrailProblem> problems = problems_of({(dir / "export.jsonl").string()}, &summary);
  ASSERT_EQ(problems.size(), 1u) << text_of(problems);
  EXPECT_EQ(problems[0].index, 0u);
  EXPECT_NE(problems[0].message.find("line 1 is not read: past the limits of a CloudTrail record "
                                     "at /n: number `1e400` is out of range"),
            std::string::npos)
      << problems[0].message;
  EXPECT_EQ(summary.records, 1u);
  fs::remove_all(dir);
}

TEST(TrailLimits, AHundredMegabyteStringIsRefused) {
  fs::path dir = fresh_dir("trail-long-string");
  {
    // Written a MiB at a time: the test holds no 100 MB string either.
    std::ofstream out(dir / "long.json", std::ios::binary);
    std::string record = record_with_parameters(R"({"key": "")");
    out << R"({"Records": [)" << record.substr(0, record.size() - 2);
    std::string chunk(std::size_t{1} << 20, 'a');
    for (int i = 0; i < 100; ++i) out << chunk;
    out << R"("}}]})";
  }
  std::vector<TrailProblem> problems = problems_of({(dir / "long.json").string()});
  ASSERT_EQ(problems.size(), 1u) << text_of(problems);
  EXPECT_EQ(problems[0].message.rfind("past the limits of a CloudTrail file at "
                                      "/Records/0/requestParameters/key: a string of 100 MiB; at "
                                      "most 1 MiB are allowed",
                                      0),
            0u)
      << problems[0].message;
  fs::remove_all(dir);
}

TEST(TrailLimits, AControlCharacterInAnS3KeyIsDataNotPastALimit) {
  // S3 keys may hold ASCII 0-31 (Amazon S3 User Guide, "Naming Amazon S3 objects"), and a data
  // event logs the key as it is: the record is read.
  fs::path dir = fresh_dir("trail-control-character");
  std::ofstream(dir / "key.json") << R"({"Records": [)" +
                                         record_with_parameters(
                                             R"({"bucketName": "b", "key": "report\u0007.pdf"})") +
                                         "]}";
  TrailReadSummary summary;
  std::vector<TrailProblem> problems = problems_of({(dir / "key.json").string()}, &summary);
  EXPECT_TRUE(problems.empty()) << text_of(problems);
  EXPECT_EQ(summary.records, 1u);
  fs::remove_all(dir);
}

TEST(TrailLimits, TheFixturesAreWithinTheLimits) {
  TrailReadSummary summary;
  std::vector<TrailProblem> problems = problems_of({kTrail}, &summary);
  for (const auto& p : problems)
    EXPECT_EQ(p.message.find("past the limits"), std::string::npos) << p.to_string();
  EXPECT_EQ(summary.files_read, 2u);
  EXPECT_GT(summary.records, 10u);
}

}  // namespace
}  // namespace accesspath
