// Where a JSON pointer lands in the raw text of a JSON file: line and column of
// the value it names, so a report can point an editor (or a SARIF viewer) at it.
//
//   std::optional<TextSpan> span = locate_pointer(text, "/expectations/2");
//   if (span) std::cout << span->start.line << ":" << span->start.column;
//
// It reads the text itself (no JSON library keeps positions) and tolerates
// broken input: it goes as deep as the text allows and says whether it got to
// the end of the pointer. Columns count Unicode code points, from 1.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace accesspath {

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

struct TextSpan {
  TextPosition start;  // the first character of the value
  TextPosition end;    // just past its last character (the same as start when unknown)
  bool exact = false;  // false: the pointer goes further than the text, this is the deepest value
};

// nullopt when the text has no JSON value at all.
std::optional<TextSpan> locate_pointer(std::string_view text, std::string_view pointer);

}  // namespace accesspath
