// Where `accesspath import aws` reads an export's files from (aws_export.h): a folder on disk, or
// the same layout held in memory by a caller that has the files' bytes rather than a folder (the
// fuzz target, fuzz/aws_export_check.cpp). Paths are the folder's path joined with `/` as
// std::filesystem joins them, so a report names the same files either way.
//
//   ExportInMemory files("exports");
//   files.add("111122223333/iam/get-account-authorization-details.json", text);
//   std::optional<nlohmann::json> scenario = import_aws_export(files, report);
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "import/json_file.h"

namespace accesspath {

class ExportFiles {
 public:
  virtual ~ExportFiles() = default;
  virtual bool is_directory(const std::string& path) const = 0;
  // The entries of folder `dir`, in the order the folder lists them (nothing when it is none).
  virtual std::vector<std::filesystem::path> list(const std::string& dir) const = 0;
  // The file's text; nullopt with `missing` set when there is no file to open, or with `problem`
  // when it holds more than `max_bytes` (never read whole then).
  virtual std::optional<std::string> read(const std::string& path, std::size_t max_bytes,
                                          bool& missing, JsonTextProblem& problem) const = 0;
};

// The folder on disk.
class ExportFolder final : public ExportFiles {
 public:
  bool is_directory(const std::string& path) const override;
  std::vector<std::filesystem::path> list(const std::string& dir) const override;
  std::optional<std::string> read(const std::string& path, std::size_t max_bytes, bool& missing,
                                  JsonTextProblem& problem) const override;
};

// Files in memory below a root folder, which is always there (empty, it is an empty export).
// Folders are those that hold a file; a folder is never read as a file.
class ExportInMemory final : public ExportFiles {
 public:
  explicit ExportInMemory(std::string root) : root_(std::move(root)) {}
  const std::string& root() const { return root_; }
  // Adds the file at `relative` (names separated by `/`, none empty, `.` or `..`) below the root.
  // False, and nothing added, when the path is not such names or its place is taken: by a file,
  // by a folder of other files, or below a file (as a file system refuses them).
  bool add(std::string_view relative, std::string bytes);

  bool is_directory(const std::string& path) const override;
  std::vector<std::filesystem::path> list(const std::string& dir) const override;
  std::optional<std::string> read(const std::string& path, std::size_t max_bytes, bool& missing,
                                  JsonTextProblem& problem) const override;

 private:
  std::string root_;
  std::map<std::string, std::string> files_;           // path -> bytes
  std::map<std::string, std::set<std::string>> dirs_;  // folder path -> names in it
};

}  // namespace accesspath
