#include "model/world/scenario_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/world/json_limits.h"

namespace accesspath {

LoadResult load_scenario_file(const std::string& path) {
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
  if (!ec && bytes > JsonLimits{}.max_bytes) {
    LoadResult r;
    r.diagnostics.error("", "the file is " + std::to_string(bytes >> 20) + " MiB; at most " +
                                std::to_string(JsonLimits{}.max_bytes >> 20) + " MiB are read");
    r.diagnostics.set_file(path);
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_scenario_text(ss.str(), path);
}

}  // namespace accesspath
