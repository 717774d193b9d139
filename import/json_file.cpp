#include "import/json_file.h"

#include <fstream>

#include "model/world/json_data_limits.h"

namespace accesspath {

using nlohmann::json;

JsonTextProblem file_too_large(const std::string& size, std::size_t max_bytes) {
  return {"", "the file is not read: it is " + size + " than " + std::to_string(max_bytes >> 20) +
                  " MiB, the most an import reads from one file"};
}

std::optional<std::string> read_at_most(std::istream& in, std::size_t max_bytes,
                                        JsonTextProblem& problem) {
  auto too_large = [&](const std::string& size) {
    problem = file_too_large(size, max_bytes);
    return std::nullopt;
  };
  // A file's size is known before it is read; a pipe's is not, and reading stops at the cap.
  std::streamoff start = in.tellg();
  if (start >= 0 && in.seekg(0, std::ios::end)) {
    std::streamoff size = static_cast<std::streamoff>(in.tellg()) - start;
    if (size > static_cast<std::streamoff>(max_bytes))
      return too_large(std::to_string(size >> 20) + " MiB, larger");
    in.seekg(start);
  }
  in.clear();
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    auto got = static_cast<std::size_t>(in.gcount());
    if (got > max_bytes - text.size()) return too_large("larger");
    text.append(buffer, got);
  }
  return text;
}

std::optional<nlohmann::json> parse_json_text(const std::string& text, JsonTextProblem& problem,
                                              const JsonLimits& limits) {
  // The limits before the tree: a document nested 100,000 deep would overflow the stack of the
  // importers' recursive walks (and of a copy of it), one of tiny values would build a tree many
  // times its size. The check also refuses a number beyond a double (`1e400`), which nlohmann's
  // parser throws out_of_range for. Text that is not JSON passes, for the parser to place its
  // error: the tree it builds up to there is within the limits.
  Diagnostics diags;
  if (!check_json_data_limits(text, diags, limits)) {
    const Diagnostic& d = diags.items().front();
    problem = {d.pointer, "the file is not read: " + d.message};
    return std::nullopt;
  }
  std::size_t byte = 0;
  std::string what;
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    byte = e.byte;
    what = byte >= text.size() ? "truncated: the JSON ends early" : "not valid JSON";
  }
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  problem = {"", what + " at line " + std::to_string(line) + ", column " + std::to_string(col)};
  return std::nullopt;
}

std::optional<nlohmann::json> read_json_file(const std::string& path, ImportReport& report) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report.skipped(path, "", "cannot read the file (it does not exist or is not readable)");
    return std::nullopt;
  }
  JsonTextProblem problem;
  std::optional<std::string> text = read_at_most(in, kImportJsonLimits.max_bytes, problem);
  if (!text) {
    report.skipped(path, problem.pointer, problem.message);
    return std::nullopt;
  }
  return read_json_text(*text, path, report);
}

std::optional<nlohmann::json> read_json_text(const std::string& text, const std::string& path,
                                             ImportReport& report) {
  JsonTextProblem problem;
  std::optional<nlohmann::json> doc = parse_json_text(text, problem);
  if (!doc) report.skipped(path, problem.pointer, problem.message);
  return doc;
}

}  // namespace accesspath
