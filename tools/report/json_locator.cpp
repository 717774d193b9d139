#include "tools/report/json_locator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accesspath {
namespace {

constexpr std::size_t kMaxDepth = 1000;  // deeper values are not skipped (no region end)

struct Place {
  std::size_t offset = 0;
  TextPosition position;
};

void append_utf8(std::string& out, std::uint32_t cp) {
  auto byte = [&out](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6));
    byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  }
}

// A forward-only reader of JSON text that knows the line and column it is at.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  const Place& place() const { return here_; }
  void go_to(const Place& p) { here_ = p; }
  bool at_end() const { return here_.offset >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[here_.offset]; }

  void advance() {
    if (at_end()) return;
    auto c = static_cast<unsigned char>(text_[here_.offset++]);
    if (c == '\n') {
      ++here_.position.line;
      here_.position.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // a UTF-8 continuation byte is not a new character
      ++here_.position.column;
    }
  }

  void skip_space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') advance();
  }

  bool expect(char c) {
    if (peek() != c) return false;
    advance();
    return true;
  }

  // A string at the current place, decoded into *out when out is not null.
  bool string(std::string* out) {
    if (!expect('"')) return false;
    while (!at_end()) {
      char c = peek();
      advance();
      if (c == '"') return true;
      if (c != '\\') {
        if (out) out->push_back(c);
        continue;
      }
      char e = peek();
      advance();
      switch (e) {
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 't':
          c = '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && peek() == '\\') {  // a surrogate pair
            Place before = here_;
            advance();
            std::uint32_t low = 0;
            if (peek() == 'u' && (advance(), hex4(low)) && low >= 0xDC00 && low < 0xE000)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else
              here_ = before;
          }
          if (out) append_utf8(*out, cp);
          continue;
        }
        default:
          c = e;  // \" \\ \/
      }
      if (out) out->push_back(c);
    }
    return false;
  }

  bool value(std::size_t depth = 0) {
    if (depth > kMaxDepth) return false;
    switch (peek()) {
      case '"':
        return string(nullptr);
      case '{':
        return container('}', depth, true);
      case '[':
        return container(']', depth, false);
      default: {
        std::size_t start = here_.offset;
        while (!at_end() && scalar_char(peek())) advance();
        return here_.offset > start;
      }
    }
  }

 private:
  static bool scalar_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
           c == '-' || c == '.';
  }

  bool hex4(std::uint32_t& cp) {
    for (int k = 0; k < 4; ++k) {
      char h = peek();
      std::uint32_t digit = 0;
      if (h >= '0' && h <= '9')
        digit = static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        digit = static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        digit = static_cast<std::uint32_t>(h - 'A' + 10);
      else
        return false;
      cp = cp * 16 + digit;
      advance();
    }
    return true;
  }

  bool container(char close, std::size_t depth, bool members) {
    advance();
    skip_space();
    if (expect(close)) return true;
    while (true) {
      if (members) {
        if (!string(nullptr)) return false;
        skip_space();
        if (!expect(':')) return false;
        skip_space();
      }
      if (!value(depth + 1)) return false;
      skip_space();
      if (expect(close)) return true;
      if (!expect(',')) return false;
      skip_space();
    }
  }

  std::string_view text_;
  Place here_;
};

std::vector<std::string> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty() || pointer.front() != '/') return tokens;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
    } else if (pointer[i] == '~' && i + 1 < pointer.size() &&
               (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      token.push_back(pointer[++i] == '0' ? '~' : '/');
    } else {
      token.push_back(pointer[i]);
    }
  }
  return tokens;
}

std::optional<std::size_t> array_index(const std::string& token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0'))
    return std::nullopt;
  std::size_t n = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// Moves past the member `token` of the object at the scanner's place, to its value.
bool enter_member(Scanner& s, const std::string& token) {
  s.advance();  // '{'
  s.skip_space();
  if (s.peek() == '}') return false;
  while (true) {
    std::string key;
    if (!s.string(&key)) return false;
    s.skip_space();
    if (!s.expect(':')) return false;
    s.skip_space();
    if (key == token) return true;
    if (!s.value()) return false;
    s.skip_space();
    if (!s.expect(',')) return false;
    s.skip_space();
  }
}

// Moves to the element `token` (a decimal index) of the array at the scanner's place.
bool enter_element(Scanner& s, const std::string& token) {
  std::optional<std::size_t> index = array_index(token);
  if (!index) return false;
  s.advance();  // '['
  s.skip_space();
  if (s.peek() == ']') return false;
  for (std::size_t n = 0;; ++n) {
    if (n == *index) return true;
    if (!s.value()) return false;
    s.skip_space();
    if (!s.expect(',')) return false;
    s.skip_space();
  }
}

}  // namespace

std::optional<TextSpan> locate_pointer(std::string_view text, std::string_view pointer) {
  Scanner s(text);
  s.skip_space();
  if (s.at_end()) return std::nullopt;
  Place start = s.place();
  bool exact = true;
  for (const std::string& token : pointer_tokens(pointer)) {
    bool entered = false;
    if (s.peek() == '{')
      entered = enter_member(s, token);
    else if (s.peek() == '[')
      entered = enter_element(s, token);
    if (!entered) {
      exact = false;
      break;
    }
    start = s.place();
  }
  s.go_to(start);
  TextSpan span;
  span.start = start.position;
  span.end = s.value() ? s.place().position : start.position;
  span.exact = exact;
  return span;
}

}  // namespace accesspath
