#include "model/world/scenario_file.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "model/world/json_limits.h"

namespace accesspath {

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
