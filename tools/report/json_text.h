// Writing JSON text directly, as nlohmann::json's dump() would print the same document (compact,
// or indented by 2 at a given depth; keys are written in the order given, so callers give them
// sorted, as dump sorts them). For the hot paths of `eval --explain` and `check --format json`,
// where building a json value per decision costs more than deciding it.
//
//   std::string out;
//   JsonText j(out, JsonText::kCompact);
//   j.begin_object(); j.key("decision"); j.string("allow"); j.end_object();   //
//   {"decision":"allow"}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

// An object key written in the source: checked once, by the compiler, to need no escape (printable
// ASCII, no quote or backslash), so writing it is a copy, not a scan. Keys are always literals.
class JsonKey {
 public:
  consteval JsonKey(const char* text) : text_(text) {  // NOLINT: implicit from a literal
    for (const char* c = text; *c; ++c)
      if (*c < 0x20 || *c >= 0x7f || *c == '"' || *c == '\\')
        throw "a JSON key written in the source must need no escape";
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonText {
 public:
  static constexpr int kCompact = -1;
  // `indent`: kCompact or 2; `depth`: the nesting level the first value is written at.
  JsonText(std::string& out, int indent, int depth = 0)
      : out_(out), indent_(indent), depth_(depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(JsonKey k);
  void string(std::string_view s);
  void boolean(bool b);
  void number(std::size_t n);
  void strings(const std::vector<std::string>& list);  // an array of strings

 private:
  void value_start();
  void escaped(std::string_view s);  // a quoted, escaped string
  void open(char c);
  void close(char c);
  void newline(int depth);

  std::string& out_;
  int indent_;
  int depth_;
  std::vector<unsigned char> empty_;  // per open container: 1 while nothing is written in it
  bool after_key_ = false;
};

}  // namespace accesspath
