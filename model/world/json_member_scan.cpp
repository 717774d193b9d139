#include "model/world/json_member_scan.h"

#include <algorithm>
#include <string>

#include "model/core/byte_scan.h"
#include "model/world/json_cursor.h"

namespace accesspath {
namespace {

// A cursor over the document. Each step returns false where the text leaves the grammar; the
// scan then gives up (the caller's strict reader says what is wrong).
class Scan : public JsonCursor {
 public:
  Scan(std::string_view text, std::size_t max_depth) : JsonCursor(text), max_depth_(max_depth) {}

  ArrayMemberSpans& out() { return out_; }

  // A string at the cursor: its text as written (escapes not decoded) and whether it has any.
  bool string(std::string_view& raw, bool& escaped) {
    if (!take('"')) return false;
    const std::size_t start = i_;
    escaped = false;
    while (i_ < s_.size()) {
      i_ += bytes::find_quote_or_backslash(s_.substr(i_));  // most of a document is in strings
      if (i_ >= s_.size()) break;
      const char c = s_[i_];
      if (c == '"') {
        raw = s_.substr(start, i_ - start);
        out_.longest_string = std::max(out_.longest_string, raw.size());
        ++i_;
        return true;
      }
      if (c == '\\') {
        escaped = true;
        i_ += 2;  // the escaped character cannot end the string
        continue;
      }
    }
    return false;
  }
  // A key and its colon.
  bool key(std::string_view& raw, bool& escaped) { return string(raw, escaped) && take(':'); }

  // One value of any kind at the cursor, nested `depth` containers deep, each of its values
  // counted. Iterative: nesting costs a byte of `open_` each, never a stack frame.
  bool value(std::size_t depth) {
    open_.clear();
    for (;;) {
      skip_space();
      if (i_ >= s_.size()) return false;
      ++out_.values;
      const char c = s_[i_];
      if (c == '{' || c == '[') {
        const std::size_t nesting = depth + open_.size() + 1;
        if (nesting > max_depth_) return false;
        out_.depth = std::max(out_.depth, nesting);
        ++i_;
        const char close = c == '{' ? '}' : ']';
        if (!take(close)) {
          open_.push_back(close);
          if (close == '}' && !object_key()) return false;
          continue;  // the container's first value
        }
      } else if (!scalar()) {
        return false;
      }
      // After a value: close what ends here, then a comma before the next value, or the end.
      for (;;) {
        if (open_.empty()) return true;
        if (take(open_.back())) {
          open_.pop_back();
          continue;
        }
        if (!take(',')) return false;
        if (open_.back() == '}' && !object_key()) return false;
        break;
      }
    }
  }

 private:
  bool object_key() {
    std::string_view raw;
    bool escaped = false;
    return key(raw, escaped);
  }
  // A string, number or literal (numbers and literals as runs of the characters they are made
  // of: the strict reader of the piece validates them).
  bool scalar() {
    if (s_[i_] == '"') {
      std::string_view raw;
      bool escaped = false;
      return string(raw, escaped);
    }
    const std::size_t start = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '+' || c == '-' || c == '.'))
        break;
      ++i_;
    }
    return i_ > start;
  }

  std::size_t max_depth_;
  std::string open_;  // the closing bracket of each container open inside the current value
  ArrayMemberSpans out_;
};

}  // namespace

std::optional<ArrayMemberSpans> scan_array_member(std::string_view text, std::string_view key,
                                                  std::size_t max_depth) {
  if (max_depth < 2) return std::nullopt;
  Scan in(text, max_depth);
  ArrayMemberSpans& out = in.out();
  if (!in.take('{')) return std::nullopt;
  out.values = 1;
  out.depth = 1;
  bool found = false;
  if (in.take('}')) return std::nullopt;
  do {
    std::string_view name;
    bool escaped = false;
    if (!in.key(name, escaped) || escaped) return std::nullopt;
    if (name != key) {
      if (!in.value(1)) return std::nullopt;
      continue;
    }
    if (found || !in.at('[')) return std::nullopt;
    found = true;
    out.array_begin = in.pos();
    in.take('[');
    ++out.values;
    out.depth = std::max<std::size_t>(out.depth, 2);
    if (!in.take(']')) {
      do {
        in.skip_space();
        const std::size_t begin = in.pos();
        if (!in.value(2)) return std::nullopt;
        out.elements.emplace_back(begin, in.pos());
      } while (in.take(','));
      if (!in.take(']')) return std::nullopt;
    }
    out.array_end = in.pos();
  } while (in.take(','));
  if (!in.take('}') || !in.at_end() || !found) return std::nullopt;
  return std::move(out);
}

}  // namespace accesspath
