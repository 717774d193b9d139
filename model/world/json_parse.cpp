#include "model/world/json_parse.h"

#include <cmath>
#include <string>
#include <vector>

namespace accesspath {
namespace {

using nlohmann::json;

// Builds the tree from SAX events as nlohmann's own DOM parser does (a repeated key keeps its
// last value), counting and bounding values, depth and strings on the way. The JSON pointer of
// the value being read is worked out from the containers open only when a limit is hit.
class LimitedBuilder : public nlohmann::json_sax<json> {
 public:
  LimitedBuilder(json& root, const JsonLimits& limits, Diagnostics& diags)
      : root_(root), limits_(limits), diags_(diags) {}

  bool failed() const { return failed_; }
  // A syntax error: its byte offset and nlohmann's message.
  const std::optional<std::pair<std::size_t, std::string>>& syntax_error() const { return syntax_; }

  bool null() override { return place(json(nullptr)); }
  bool boolean(bool v) override { return place(json(v)); }
  bool number_integer(number_integer_t v) override { return place(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return place(json(v)); }
  // Each value is counted before it is checked, as check_json_limits does (the same first error).
  bool number_float(number_float_t v, const string_t& text) override {
    if (!counted()) return false;
    if (!std::isfinite(v)) return fail(pointer(), out_of_range_problem(text));
    put(json(v));
    return true;
  }
  bool string(string_t& v) override {
    if (!counted()) return false;
    if (std::string p = text_limit_problem(v, "string", limits_); !p.empty())
      return fail(pointer(), std::move(p));
    put(json(std::move(v)));
    return true;
  }
  bool binary(binary_t&) override { return fail(pointer(), "binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (std::string p = text_limit_problem(k, "key", limits_); !p.empty())
      return fail(pointer_join(container_pointer(), k), std::move(p));
    Frame& f = stack_.back();
    auto& members = *f.container->get_ptr<json::object_t*>();
    auto [it, added] = members.try_emplace(std::move(k));
    f.key = &it->first;
    f.member = &it->second;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& e) override {
    // A number too large for a double (`1e400`) is not a syntax error: nlohmann reports it as
    // out_of_range (406), which a caller expecting parse errors would not catch.
    if (e.id == 406) {
      if (!counted()) return false;
      return fail(pointer(), out_of_range_problem(token));
    }
    syntax_.emplace(position, e.what());
    return false;
  }

 private:
  struct Frame {
    json* container;
    const std::string* key = nullptr;  // objects: the member being read, and its value
    json* member = nullptr;
  };

  // The pointer of the innermost open container (every open container is already placed in
  // its parent: an array's last item or an object's current member).
  std::string container_pointer() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      p = f.container->is_array() ? pointer_join(p, f.container->size() - 1)
                                  : pointer_join(p, *f.key);
    }
    return p;
  }
  // The pointer of the value about to be placed.
  std::string pointer() const {
    if (stack_.empty()) return "";
    const Frame& f = stack_.back();
    return f.container->is_array() ? pointer_join(container_pointer(), f.container->size())
                                   : pointer_join(container_pointer(), *f.key);
  }

  bool fail(std::string at, std::string message) {
    diags_.error(std::move(at), std::move(message));
    failed_ = true;
    return false;
  }
  bool counted() {
    return ++values_ <= limits_.max_values || fail(pointer(), too_many_values_problem(limits_));
  }

  // Puts `v` where the value being read goes; its address, for a container about to be filled.
  json* put(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.container->is_array()) {
      auto& items = *f.container->get_ptr<json::array_t*>();
      items.push_back(std::move(v));
      return &items.back();
    }
    *f.member = std::move(v);
    return f.member;
  }
  bool place(json&& v) {
    if (!counted()) return false;
    put(std::move(v));
    return true;
  }
  bool open(json&& container) {
    if (!counted()) return false;
    if (stack_.size() >= limits_.max_depth) return fail(pointer(), too_deep_problem(limits_));
    // A container is placed before it is filled: a parent array grows only after it closes, so
    // the addresses on the stack stay valid.
    stack_.push_back(Frame{put(std::move(container))});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  const JsonLimits& limits_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::size_t values_ = 0;
  bool failed_ = false;
  std::optional<std::pair<std::size_t, std::string>> syntax_;
};

// "not valid JSON at line L, column C: parse error …", from nlohmann's byte offset.
std::string syntax_message(std::string_view text, std::size_t byte, const std::string& what) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  std::size_t cut = what.find("parse error");
  return "not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) +
         ": " + (cut == std::string::npos ? what : what.substr(cut));
}

}  // namespace

std::optional<json> parse_json_within_limits(std::string_view text, Diagnostics& diags,
                                             const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    diags.error("", too_large_problem(text.size(), limits));
    return std::nullopt;
  }
  json root;
  LimitedBuilder builder(root, limits, diags);
  const bool ok =
      json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                      /*strict=*/true, /*ignore_comments=*/false);
  if (ok && !builder.failed()) return root;
  if (!builder.failed()) {
    const auto& syntax = builder.syntax_error();
    diags.error("", syntax ? syntax_message(text, syntax->first, syntax->second)
                           : std::string("not valid JSON"));
  }
  return std::nullopt;
}

}  // namespace accesspath
