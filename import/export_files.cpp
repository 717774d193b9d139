#include "import/export_files.h"

#include <fstream>

namespace accesspath {

namespace fs = std::filesystem;

bool ExportFolder::is_directory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::vector<fs::path> ExportFolder::list(const std::string& dir) const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
  return out;
}

std::optional<std::string> ExportFolder::read(const std::string& path, std::size_t max_bytes,
                                              bool& missing, JsonTextProblem& problem) const {
  std::ifstream in(path, std::ios::binary);
  missing = !in;
  if (missing) return std::nullopt;
  return read_at_most(in, max_bytes, problem);
}

bool ExportInMemory::add(std::string_view relative, std::string bytes) {
  // Each folder on the way, with the name below it; the file's own path last.
  std::vector<std::pair<std::string, std::string>> steps;
  fs::path path(root_);
  for (std::size_t start = 0;;) {
    std::size_t end = relative.find('/', start);
    std::string name(relative.substr(start, end == std::string_view::npos ? end : end - start));
    if (name.empty() || name == "." || name == "..") return false;
    steps.emplace_back(path.string(), name);
    path /= name;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::string file = path.string();
  if (files_.count(file) || dirs_.count(file)) return false;
  for (const auto& [folder, name] : steps)
    if (files_.count(folder)) return false;
  for (const auto& [folder, name] : steps) dirs_[folder].insert(name);
  files_.emplace(std::move(file), std::move(bytes));
  return true;
}

bool ExportInMemory::is_directory(const std::string& path) const {
  return path == root_ || dirs_.count(path) > 0;
}

std::vector<fs::path> ExportInMemory::list(const std::string& dir) const {
  std::vector<fs::path> out;
  auto it = dirs_.find(dir);
  if (it == dirs_.end()) return out;
  for (const std::string& name : it->second) out.push_back(fs::path(dir) / name);
  return out;
}

std::optional<std::string> ExportInMemory::read(const std::string& path, std::size_t max_bytes,
                                                bool& missing, JsonTextProblem& problem) const {
  auto it = files_.find(path);
  missing = it == files_.end();
  if (missing) return std::nullopt;
  if (it->second.size() > max_bytes) {
    problem = file_too_large(std::to_string(it->second.size() >> 20) + " MiB, larger", max_bytes);
    return std::nullopt;
  }
  return it->second;
}

}  // namespace accesspath
