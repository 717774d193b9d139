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
  void key(std::string_view k);
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
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace accesspath
