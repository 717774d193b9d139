// A cursor over JSON text for the scanners that read it without building a tree
// (plain_request_scan.h, json_member_scan.h): JSON's whitespace skipped before each token.
//
//   JsonCursor in(R"( {"a": 1} )");
//   in.take('{');  // true, past the brace
#pragma once

#include <cstddef>
#include <string_view>

namespace accesspath {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : s_(text) {}

  // JSON's whitespace (RFC 8259, section 2): space, tab, line feed, carriage return.
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool take(char c) {
    skip_space();
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  bool at(char c) {
    skip_space();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool at_end() {
    skip_space();
    return i_ == s_.size();
  }
  std::size_t pos() const { return i_; }

 protected:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace accesspath
