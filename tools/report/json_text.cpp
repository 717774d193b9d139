#include "tools/report/json_text.h"

#include <nlohmann/json.hpp>

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
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // Beyond ASCII, nlohmann's own escaping (and its replacement of invalid UTF-8) decides.
      out_.resize(start);
      out_ += nlohmann::json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    switch (c) {
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
      default:
        if (u < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[u >> 4];
          out_ += kHex[u & 0xF];
        } else {
          out_ += c;
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
