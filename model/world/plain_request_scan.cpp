#include "model/world/plain_request_scan.h"

#include "model/core/byte_scan.h"
#include "model/core/strings.h"
#include "model/world/json_cursor.h"

namespace accesspath {
namespace {

// A cursor over one line. Every `take_*` returns false without consuming a meaningful part
// when the text is not the plain shape; the caller then gives up on the whole line.
class Scanner : public JsonCursor {
 public:
  using JsonCursor::JsonCursor;

  // A string of printable ASCII without escapes: what the full reader would read byte for byte.
  // A backslash, a control character or a byte of a UTF-8 sequence makes the line not plain
  // (the full reader decodes escapes and validates UTF-8).
  bool take_string(std::string_view& out) {
    if (!take('"')) return false;
    const std::size_t start = i_;
    // Ordinary characters skipped many at a time; then the string ends, or it is not plain.
    i_ += bytes::printable_plain_prefix(s_.substr(i_));
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    out = s_.substr(start, i_ - start);
    ++i_;
    return true;
  }
  // A string, or `true` / `false` as the full reader turns them into text.
  bool take_scalar(std::string_view& out) {
    skip_space();
    if (at('"')) return take_string(out);
    for (std::string_view word : {std::string_view("true"), std::string_view("false")})
      if (s_.substr(i_, word.size()) == word) {
        i_ += word.size();
        out = word;
        return true;
      }
    return false;
  }
};

// `{}` or `{"k": v, ...}`, calling `member(key)` after each key and its colon.
template <typename Member>
bool take_object(Scanner& in, Member member) {
  if (!in.take('{')) return false;
  if (in.take('}')) return true;
  do {
    std::string_view key;
    if (!in.take_string(key) || !in.take(':') || !member(key)) return false;
  } while (in.take(','));
  return in.take('}');
}

bool take_headers(Scanner& in, PlainRequest& out) {
  return take_object(in, [&](std::string_view name) {
    std::string_view value;
    if (!in.take_string(value)) return false;
    // Names are compared without case (and lowercased by the reader): a repeat in any case is
    // left to the full reader, which decides which one wins.
    for (const auto& [seen, ignored] : out.headers)
      if (iequals(seen, name)) return false;
    out.headers.emplace_back(name, value);
    return true;
  });
}

bool take_context(Scanner& in, PlainRequest& out) {
  return take_object(in, [&](std::string_view key) {
    for (const auto& seen : out.context)
      if (seen.key == key) return false;
    PlainRequest::ContextEntry entry{key, {}};
    std::string_view value;
    if (in.take('[')) {
      if (!in.take(']')) {
        do {
          if (!in.take_scalar(value)) return false;
          entry.values.push_back(value);
        } while (in.take(','));
        if (!in.take(']')) return false;
      }
    } else {
      if (!in.take_scalar(value)) return false;
      entry.values.push_back(value);
    }
    out.context.push_back(std::move(entry));
    return true;
  });
}

// The members of a plain request, and where `extra` is given (an expectation) its `expect` and
// `why`.
bool scan_plain(std::string_view text, PlainRequest& out, PlainExpectation* extra) {
  out.principal.reset();
  out.action.reset();
  out.resource.reset();
  out.headers.clear();
  out.context.clear();
  bool seen_headers = false, seen_context = false;
  Scanner in(text);
  const bool object = take_object(in, [&](std::string_view key) {
    auto string_member = [&](std::optional<std::string_view>& slot) {
      std::string_view value;
      if (slot || !in.take_string(value)) return false;
      slot = value;
      return true;
    };
    if (key == "principal") return string_member(out.principal);
    if (key == "action") return string_member(out.action);
    if (key == "resource") return string_member(out.resource);
    if (key == "headers") {
      if (seen_headers) return false;
      seen_headers = true;
      return take_headers(in, out);
    }
    if (key == "context") {
      if (seen_context) return false;
      seen_context = true;
      return take_context(in, out);
    }
    if (extra && key == "expect") return string_member(extra->expect);
    if (extra && key == "why") return string_member(extra->why);
    return false;  // an unknown key: the full reader names it
  });
  return object && in.at_end();
}

}  // namespace

bool scan_plain_request(std::string_view line, PlainRequest& out) {
  return scan_plain(line, out, nullptr);
}

bool scan_plain_expectation(std::string_view text, PlainExpectation& out) {
  out.expect.reset();
  out.why.reset();
  return scan_plain(text, out.request, &out);
}

}  // namespace accesspath
