#include "tools/report/json_text.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "model/core/byte_scan.h"

namespace accesspath {

void JsonText::grow(std::size_t at_least) {
  const std::size_t capacity = std::max({at_least, 2 * capacity_, std::size_t{8192}});
  auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_ > 0) std::memcpy(bigger.get(), buffer_.get(), size_);
  buffer_ = std::move(bigger);
  capacity_ = capacity;
}

void JsonText::flush() {
  out_.append(buffer_.get(), size_);
  size_ = 0;
}

void JsonText::newline(int depth) {
  const auto spaces = static_cast<std::size_t>(indent_ * depth);
  char* p = room(1 + spaces);
  p[0] = '\n';
  std::memset(p + 1, ' ', spaces);
  size_ += 1 + spaces;
}

void JsonText::value_start() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top value
  if (!empty_.back()) put(',');
  empty_.back() = 0;
  if (indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
}

void JsonText::open(char c) {
  value_start();
  put(c);
  empty_.push_back(1);
}

void JsonText::close(char c) {
  const bool was_empty = empty_.back() != 0;
  empty_.pop_back();
  if (!was_empty && indent_ != kCompact) newline(depth_ + static_cast<int>(empty_.size()));
  put(c);
  value_end();
}

void JsonText::key(const JsonKey& k) {
  value_start();
  put(k.token(indent_ == kCompact));
  after_key_ = true;
}

void JsonText::string(std::string_view s) {
  value_start();
  escaped(s);
  value_end();
}

void JsonText::escaped(std::string_view s) {
  const std::size_t start = size_;
  put('"');
  // Runs of characters that need no escape are copied whole (most text has none).
  for (std::size_t i = 0;;) {
    const std::size_t run = bytes::json_plain_prefix(s.substr(i));
    put(s.substr(i, run));
    i += run;
    if (i >= s.size()) break;
    const auto u = static_cast<unsigned char>(s[i++]);
    if (u >= 0x80) {
      // Beyond ASCII, nlohmann's own escaping (and its replacement of invalid UTF-8) decides.
      size_ = start;
      put(nlohmann::json(std::string(s))
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    switch (u) {
      case '"':
        put("\\\"");
        break;
      case '\\':
        put("\\\\");
        break;
      case '\b':
        put("\\b");
        break;
      case '\f':
        put("\\f");
        break;
      case '\n':
        put("\\n");
        break;
      case '\r':
        put("\\r");
        break;
      case '\t':
        put("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        put("\\u00");
        put(kHex[u >> 4]);
        put(kHex[u & 0xF]);
      }
    }
  }
  put('"');
}

void JsonText::boolean(bool b) {
  value_start();
  put(b ? std::string_view("true") : std::string_view("false"));
  value_end();
}

void JsonText::number(std::size_t n) {
  value_start();
  put(std::to_string(n));
  value_end();
}

void JsonText::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const auto& s : list) string(s);
  end_array();
}

}  // namespace accesspath
