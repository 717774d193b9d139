#include "tools/report/json_text.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "model/core/byte_scan.h"

namespace accesspath {

void JsonText::newline(int depth) {
  // One append of a newline and the indentation, from a line of spaces long enough for most.
  static constexpr std::string_view kLine =
      "\n                                                                ";
  std::size_t spaces = static_cast<std::size_t>(indent_ * depth);
  const std::size_t first = std::min(spaces, kLine.size() - 1);
  out_.append(kLine.substr(0, first + 1));
  if (spaces > first) out_.append(spaces - first, ' ');
}

void JsonText::value_start() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top value
  if (!empty_.back()) out_ += ',';
  empty_.back() = 0;
  if (indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
}

void JsonText::open(char c) {
  value_start();
  out_ += c;
  empty_.push_back(1);
}

void JsonText::close(char c) {
  const bool was_empty = empty_.back() != 0;
  empty_.pop_back();
  if (!was_empty && indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
  out_ += c;
}

void JsonText::key(JsonKey k) {
  value_start();
  out_ += '"';
  out_ += k.text();
  out_ += indent_ == kCompact ? "\":" : "\": ";
  after_key_ = true;
}

void JsonText::string(std::string_view s) {
  value_start();
  escaped(s);
}

void JsonText::escaped(std::string_view s) {
  const std::size_t start = out_.size();
  out_ += '"';
  // Runs of characters that need no escape are appended whole (most text has none).
  for (std::size_t i = 0;;) {
    const std::size_t run = bytes::json_plain_prefix(s.substr(i));
    out_.append(s.substr(i, run));
    i += run;
    if (i >= s.size()) break;
    const auto u = static_cast<unsigned char>(s[i++]);
    if (u >= 0x80) {
      // Beyond ASCII, nlohmann's own escaping (and its replacement of invalid UTF-8) decides.
      out_.resize(start);
      out_ += nlohmann::json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    switch (u) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[u >> 4];
        out_ += kHex[u & 0xF];
      }
    }
  }
  out_ += '"';
}

void JsonText::boolean(bool b) {
  value_start();
  out_ += b ? "true" : "false";
}

void JsonText::number(std::size_t n) {
  value_start();
  out_ += std::to_string(n);
}

void JsonText::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const auto& s : list) string(s);
  end_array();
}

}  // namespace accesspath
