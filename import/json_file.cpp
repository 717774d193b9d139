#include "import/json_file.h"

#include <fstream>
#include <sstream>

namespace accesspath {

std::optional<nlohmann::json> parse_json_text(const std::string& text, std::string* why) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    bool truncated = e.byte >= text.size();
    if (why)
      *why = std::string(truncated ? "truncated: the JSON ends early" : "not valid JSON") +
             " at line " + std::to_string(line) + ", column " + std::to_string(col);
    return std::nullopt;
  }
}

std::optional<nlohmann::json> read_json_file(const std::string& path, ImportReport& report) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report.skipped(path, "", "cannot read the file (it does not exist or is not readable)");
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string why;
  auto doc = parse_json_text(ss.str(), &why);
  if (!doc) report.skipped(path, "", why);
  return doc;
}

}  // namespace accesspath
