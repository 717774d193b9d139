#include "tools/report/json_text.h"

#include <nlohmann/json.hpp>

#include "model/core/byte_scan.h"

namespace accesspath {

void JsonText::newline(int depth) {
  out_ += '\n';
  out_.append(static_cast<std::size_t>(indent_ * depth), ' ');
}

void JsonText::value_start() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top value
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  if (indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
}

void JsonText::open(char c) {
  value_start();
  out_ += c;
  empty_.push_back(true);
}

void JsonText::close(char c) {
  bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty && indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
  out_ += c;
}

void JsonText::key(std::string_view k) {
  value_start();
  escaped(k);
  out_ += indent_ == kCompact ? ":" : ": ";
  after_key_ = true;
}

void JsonText::string(std::string_view s) {
  value_start();
  escaped(s);
}

void JsonText::escaped(std::string_view s) {
  std::size_t start = out_.size();
  out_ += '"';
  // Runs of characters that need no escape are appended whole (most text has none), skipped
  // over 8 bytes at a time.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (; i + 8 <= s.size(); i += 8)
      if (bytes::json_string_special(bytes::load8(s.data() + i))) break;
    if (i >= s.size()) break;
    const auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') continue;
    if (u >= 0x80) {
      // Beyond ASCII, nlohmann's own escaping (and its replacement of invalid UTF-8) decides.
      out_.resize(start);
      out_ += nlohmann::json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    out_.append(s.substr(run, i - run));
    run = i + 1;
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
  out_.append(s.substr(run));
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
