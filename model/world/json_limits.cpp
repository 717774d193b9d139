// Bounds on untrusted JSON: a SAX pass before the document is built (json_limits.h).
#include "model/world/json_limits.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace accesspath {
namespace {

using nlohmann::json;

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (std::size_t{1} << 10)) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// Follows the SAX events with a stack of positions, so that the pointer of the value being read
// is known when a limit is hit; stops the parse (returns false) at the first problem.
class LimitChecker : public nlohmann::json_sax<json> {
 public:
  LimitChecker(const JsonLimits& limits, Diagnostics& diags) : limits_(limits), diags_(diags) {}

  bool failed() const { return failed_; }

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t value, const string_t& text) override {
    if (!scalar()) return false;
    if (!std::isfinite(value)) return fail(pointer(), out_of_range_problem(text));
    return true;
  }
  bool string(string_t& value) override {
    if (!scalar()) return false;
    return text_ok(value, "string");
  }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool key(string_t& value) override {
    stack_.back().token = value;
    return text_ok(value, "key");
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  // Syntax errors are the caller's parser's to report (with line and column). A number too large
  // for a double (`1e400`) is not one: nlohmann's DOM parser throws out_of_range for it, which a
  // caller catching parse errors would not expect (a fuzzer found that it crashed the loader).
  bool parse_error(std::size_t, const std::string& token,
                   const nlohmann::detail::exception& e) override {
    if (e.id == 406) {
      begin_value();
      return fail(pointer(), out_of_range_problem(token));
    }
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t next = 0;
    std::string token;  // of the value being read in this container
  };

  std::string pointer() const {
    std::string p;
    for (const Frame& f : stack_) p = pointer_join(p, f.token);
    return p;
  }

  bool fail(std::string at, std::string message) {
    diags_.error(std::move(at), std::move(message));
    failed_ = true;
    return false;
  }

  // Every value: its place in an array, and the count of values.
  bool begin_value() {
    if (!stack_.empty() && stack_.back().array)
      stack_.back().token = std::to_string(stack_.back().next++);
    if (++values_ > limits_.max_values) return fail(pointer(), too_many_values_problem(limits_));
    return true;
  }
  bool scalar() { return begin_value(); }
  bool open(bool array) {
    if (!begin_value()) return false;
    if (stack_.size() >= limits_.max_depth) return fail(pointer(), too_deep_problem(limits_));
    stack_.push_back(Frame{array, 0, {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  // The pointer only for a problem: built for every string, it cost more than the parse.
  bool text_ok(const std::string& s, std::string_view what) {
    std::string problem = text_limit_problem(s, what, limits_);
    return problem.empty() || fail(pointer(), std::move(problem));
  }

  const JsonLimits& limits_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::size_t values_ = 0;
  bool failed_ = false;
};

std::string clip(std::string_view s) {
  return s.size() <= 40 ? std::string(s) : std::string(s.substr(0, 40)) + "…";
}

}  // namespace

std::string text_limit_problem(std::string_view s, std::string_view what,
                               const JsonLimits& limits) {
  if (s.size() > limits.max_string_bytes)
    return std::string("a ") + std::string(what) + " of " + size_text(s.size()) + "; at most " +
           size_text(limits.max_string_bytes) +
           " are allowed (no AWS policy is longer than 32 KB as a whole)";
  std::size_t bad = find_refused_character(s);
  if (bad == std::string::npos) return {};
  char code[8];
  std::snprintf(code, sizeof code, "U+%04X",
                static_cast<unsigned>(static_cast<unsigned char>(s[bad])));
  return std::string("control character ") + code + " in a " + std::string(what) + " (`" +
         clip(s.substr(0, bad)) +
         "…`); AWS accepts only tab, line feed, carriage return and characters "
         "from U+0020 on (IAM and AWS STS quotas, \"IAM name requirements\")";
}

std::string too_many_values_problem(const JsonLimits& limits) {
  return "the document has more than " + std::to_string(limits.max_values) +
         " values; this is far beyond any AWS account's policies";
}

std::string too_deep_problem(const JsonLimits& limits) {
  return "nested more than " + std::to_string(limits.max_depth) +
         " levels deep (no AWS policy or scenario needs more)";
}

std::string out_of_range_problem(std::string_view number_text) {
  return "number `" + clip(number_text) +
         "` is out of range (a JSON number here must fit a double, at most about 1.8e308)";
}

std::string too_large_problem(std::size_t bytes, const JsonLimits& limits) {
  return "the document is " + size_text(bytes) + "; at most " + size_text(limits.max_bytes) +
         " are read";
}

std::size_t find_refused_character(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
  }
  return std::string_view::npos;
}

bool check_json_limits(std::string_view text, Diagnostics& diags, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    diags.error("", too_large_problem(text.size(), limits));
    return false;
  }
  LimitChecker checker(limits, diags);
  json::sax_parse(text.begin(), text.end(), &checker, nlohmann::detail::input_format_t::json,
                  /*strict=*/true, /*ignore_comments=*/false);
  return !checker.failed();
}

}  // namespace accesspath
