// The importers' entry points for input held in memory (ExportInMemory, import_terraform_plan_text)
// read what their file entry points read: the same scenario and the same report, file names
// included, on every fixture.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "import/aws_export.h"
#include "import/export_files.h"
#include "import/terraform_plan.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::report_text;

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every file below `dir`, held in memory under the same root.
ExportInMemory in_memory(const std::string& dir) {
  ExportInMemory files(dir);
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    EXPECT_TRUE(files.add(e.path().lexically_relative(dir).generic_string(), file_text(e.path())))
        << e.path();
  }
  return files;
}

TEST(ImportInMemory, AnExportInMemoryImportsAsItsFolderDoes) {
  for (const char* name : {"aws-seed-003", "aws-organization", "aws-bad", "aws-empty"}) {
    SCOPED_TRACE(name);
    std::string dir = fixture(name);
    ImportReport from_disk, from_memory;
    auto disk = import_aws_export(dir, from_disk);
    auto memory = import_aws_export(in_memory(dir), from_memory);
    EXPECT_EQ(disk, memory);
    EXPECT_EQ(report_text(from_disk), report_text(from_memory));
  }
}

TEST(ImportInMemory, APlansTextImportsAsItsFileDoes) {
  for (const char* name : {"terraform-seed-003.json", "terraform-state-users-scps.json",
                           "terraform-unknown-values.json", "not-a-plan.json"}) {
    SCOPED_TRACE(name);
    std::string file = fixture(name);
    ImportReport from_file, from_text;
    auto read = import_terraform_plan(file, from_file);
    auto text = import_terraform_plan_text(file_text(file), file, from_text);
    EXPECT_EQ(read, text);
    EXPECT_EQ(report_text(from_file), report_text(from_text));
  }
  // Text that is not JSON is placed as in a file.
  ImportReport report;
  EXPECT_FALSE(import_terraform_plan_text("{\n  \"a\": ]\n}", "plan.json", report));
  EXPECT_EQ(report_text(report), "skipped: plan.json: not valid JSON at line 2, column 8\n");
}

TEST(ImportInMemory, AFileWhosePlaceIsTakenIsNotAdded) {
  ExportInMemory files("export");
  EXPECT_TRUE(files.add("111122223333/iam/a.json", "{}"));
  EXPECT_FALSE(files.add("111122223333/iam/a.json", "{}"));    // the file
  EXPECT_FALSE(files.add("111122223333/iam", "{}"));           // a folder of another file
  EXPECT_FALSE(files.add("111122223333/iam/a.json/b", "{}"));  // below a file
  EXPECT_FALSE(files.add("111122223333/../b", "{}"));
  EXPECT_FALSE(files.add("111122223333//b", "{}"));
  EXPECT_TRUE(files.is_directory("export"));
  EXPECT_TRUE(files.is_directory("export/111122223333/iam"));
  EXPECT_FALSE(files.is_directory("export/111122223333/iam/a.json"));
  ASSERT_EQ(files.list("export/111122223333").size(), 1u);
  EXPECT_EQ(files.list("export/111122223333")[0], fs::path("export/111122223333/iam"));
}

}  // namespace
}  // namespace accesspath
