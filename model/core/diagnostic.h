// Diagnostics: an error or warning with its place in the input.
//
// Loading never stops at the first problem: every parser appends to a
// `Diagnostics` list, and the caller decides (an error anywhere means the
// scenario is not valid; warnings are lint). A place is a file plus an RFC 6901
// JSON pointer, so a user can find the exact value that is wrong.
//
//   Diagnostics diags;
//   diags.error("/Statement/0/Effect", "`Effect` must be `Allow` or `Deny`, not `allow`");
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;     // may be empty for in-memory input
  std::string pointer;  // RFC 6901 JSON pointer ("" is the whole document)
  std::string message;  // lowercase, user input in backticks, says what would be valid

  // "file: /pointer: error: message"
  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(std::string pointer, std::string message);
  void warning(std::string pointer, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void set_file(const std::string& file);  // stamps every diagnostic without a file
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

// Escapes one reference token of a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view token);
// pointer + "/" + escaped token.
std::string pointer_join(std::string_view pointer, std::string_view token);
std::string pointer_join(std::string_view pointer, std::size_t index);

}  // namespace accesspath
