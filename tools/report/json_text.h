// Writing JSON text directly, as nlohmann::json's dump() would print the same document (compact,
// or indented by 2 at a given depth; keys are written in the order given, so callers give them
// sorted, as dump sorts them). For the hot paths of `eval --explain` and `check --format json`,
// where building a json value per decision costs more than deciding it.
//
//   std::string out;
//   JsonText j(out, JsonText::kCompact);
//   j.begin_object(); j.key("decision"); j.string("allow"); j.end_object();   //
//   {"decision":"allow"}
//
// The text goes to a buffer of the writer's own and is appended to `out` each time a top-level
// value is complete (a std::string checks its room at every append; `check` writes hundreds of
// small pieces per expectation).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

// An object key written in the source: checked once, by the compiler, to need no escape (printable
// ASCII, no quote or backslash), and kept as the text written for it (`"key": `), so writing it
// is one copy. Keys are always literals.
class JsonKey {
 public:
  consteval JsonKey(const char* text) {  // NOLINT: implicit from a literal
    token_[size_++] = '"';
    for (const char* c = text; *c; ++c) {
      if (*c < 0x20 || *c >= 0x7f || *c == '"' || *c == '\\')
        throw "a JSON key written in the source must need no escape";
      if (size_ + 4 > kMax) throw "a JSON key written in the source is at most 28 characters";
      token_[size_++] = *c;
    }
    token_[size_++] = '"';
    token_[size_++] = ':';
    token_[size_++] = ' ';
  }
  // `"key": ` indented, `"key":` compact.
  std::string_view token(bool compact) const { return {token_, compact ? size_ - 1 : size_}; }

 private:
  static constexpr std::size_t kMax = 32;
  char token_[kMax] = {};
  std::size_t size_ = 0;
};

class JsonText {
 public:
  static constexpr int kCompact = -1;
  // `indent`: kCompact or 2; `depth`: the nesting level the first value is written at.
  JsonText(std::string& out, int indent, int depth = 0)
      : out_(out), indent_(indent), depth_(depth) {}
  JsonText(const JsonText&) = delete;
  JsonText& operator=(const JsonText&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(const JsonKey& k);
  void string(std::string_view s);
  void boolean(bool b);
  void number(std::size_t n);
  void strings(const std::vector<std::string>& list);  // an array of strings

  // A value written apart, by a JsonText of the same indent() at next_depth(), copied in as it
  // is (a text kept for values written again and again).
  void raw_value(std::string_view text) {
    value_start();
    put(text);
    value_end();
  }
  int indent() const { return indent_; }
  int next_depth() const { return depth_ + static_cast<int>(empty_.size()); }

 private:
  void value_start();
  void value_end() {
    if (empty_.empty()) flush();
  }
  void escaped(std::string_view s);  // a quoted, escaped string
  void open(char c);
  void close(char c);
  void newline(int depth);
  void flush();
  // Room for `n` more bytes at the end of the buffer.
  char* room(std::size_t n) {
    if (size_ + n > capacity_) grow(size_ + n);
    return buffer_.get() + size_;
  }
  void grow(std::size_t at_least);
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    size_ += s.size();
  }

  std::string& out_;
  int indent_;
  int depth_;
  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0, capacity_ = 0;
  std::vector<unsigned char> empty_;  // per open container: 1 while nothing is written in it
  bool after_key_ = false;
};

}  // namespace accesspath
