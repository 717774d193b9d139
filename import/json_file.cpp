#include "import/json_file.h"

#include <fstream>
#include <sstream>

namespace accesspath {

namespace {

using nlohmann::json;

// Where the parser stops on `text`. A number beyond a double (`1e400`) is an out_of_range
// exception, which, unlike a parse_error, does not carry the byte: the SAX interface gives it.
struct ErrorPosition : json::json_sax_t {
  std::size_t byte = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    byte = position;
    return false;
  }
};

}  // namespace

std::optional<nlohmann::json> parse_json_text(const std::string& text, std::string* why) {
  std::size_t byte = 0;
  std::string what;
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    byte = e.byte;
    what = byte >= text.size() ? "truncated: the JSON ends early" : "not valid JSON";
  } catch (const json::out_of_range&) {
    ErrorPosition at;
    json::sax_parse(text, &at);
    byte = at.byte;
    what = "not valid JSON: a number beyond a double";
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
  if (why) *why = what + " at line " + std::to_string(line) + ", column " + std::to_string(col);
  return std::nullopt;
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
