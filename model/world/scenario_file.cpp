#include "model/world/scenario_file.h"

#include <sys/mman.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "model/world/json_limits.h"

namespace accesspath {
namespace {

// A file's bytes in memory of their own, for a scenario that keeps its text (deferred
// expectations). The memory is mapped with its pages in place (MAP_POPULATE) and read into
// directly: a std::string would zero its 20 MB first and fault its pages in one at a time, a
// third of `check`'s loading time. Anonymous memory, not the file mapped: a file truncated
// while `check` runs cannot take the pages away.
class FileBytes {
 public:
  static std::shared_ptr<const FileBytes> read(std::ifstream& in, std::size_t size) {
    if (size == 0) return nullptr;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    auto bytes = std::shared_ptr<FileBytes>(new FileBytes(static_cast<char*>(p), size));
    in.read(bytes->data_, static_cast<std::streamsize>(size));
    bytes->size_ = static_cast<std::size_t>(in.gcount());
    return bytes;
  }
  ~FileBytes() { munmap(data_, capacity_); }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  std::string_view text() const { return {data_, size_}; }

 private:
  FileBytes(char* data, std::size_t capacity) : data_(data), size_(0), capacity_(capacity) {}
  char* data_;
  std::size_t size_, capacity_;
};

}  // namespace

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.diagnostics.error("", "cannot read the file (it does not exist or is not readable)");
    r.diagnostics.set_file(path);
    return r;
  }
  // A file far larger than any account's policies is refused before it is read.
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > options.limits.max_bytes) {
    LoadResult r;
    r.diagnostics.error("", "the file is " + std::to_string(bytes >> 20) + " MiB; at most " +
                                std::to_string(options.limits.max_bytes >> 20) + " MiB are read");
    r.diagnostics.set_file(path);
    return r;
  }
  if (options.defer_expectations && !ec && bytes > 0) {
    if (std::shared_ptr<const FileBytes> read = FileBytes::read(in, bytes))
      // What the size announced is all there is (a file still growing is read as a string).
      if (read->text().size() == bytes && in.peek() == std::ifstream::traits_type::eof())
        return load_scenario_text(read->text(), read, path, options);
    in.clear();  // a regular file: read again from the start, below
    in.seekg(0);
  }
  // Read straight into one string (a string stream and its copy would hold the text twice);
  // what the size did not announce (a file of unknown size, or one still growing) is appended.
  std::string text;
  if (!ec) {
    text.resize(static_cast<std::size_t>(bytes));
    in.read(text.data(), static_cast<std::streamsize>(bytes));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (in && in.peek() != std::ifstream::traits_type::eof()) {
    std::ostringstream more;
    more << in.rdbuf();
    text += more.str();
  }
  if (options.defer_expectations)
    return load_scenario_text(std::make_shared<const std::string>(std::move(text)), path, options);
  return load_scenario_text(text, path, options);
}

}  // namespace accesspath
