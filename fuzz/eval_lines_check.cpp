// Fuzz target and its checks: the request lines of `accesspath eval --requests` (decide_stream:
// LineChunks, read_request_line, append_eval_line), decided against
// scenarios/separation-of-duties.json.
//
// Input: one byte of options (bit 2: --explain; the rest: 1 to 4 lines a chunk, so lines cross
// chunk boundaries), then the JSON Lines. Properties:
// - every non-blank line is decided or is a bad line, once, in input order: the n-th output has
//   request number n and a line number past the previous one;
// - a bad line is an error that names its line, never an exception; a decided line has the
//   principal resolved;
// - the batch decides as a single evaluate() of the request does;
// - a line reads the same through the plain scan as through the JSON reader (the same request,
//   principal and error: model/world/plain_request_scan.h changes the speed, never the meaning);
// - every output line is a JSON object with its request's number `i`.
#include <cstddef>
#include <exception>
#include <sstream>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "fuzz/input_files.h"
#include "model/services/batch_decider.h"
#include "tools/report/eval_json.h"

using namespace accesspath;

namespace {

std::size_t non_blank_lines(std::string_view text) {
  std::size_t n = 0;
  for (std::string_view line : accesspath::fuzz::split(text, '\n', text.size() + 1))
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++n;
  return n;
}

}  // namespace

void accesspath::fuzz::check_eval_lines(std::string_view input) {
  if (input.empty() || input.size() > 65536) return;
  auto options = static_cast<unsigned char>(input[0]);
  std::string_view lines = input.substr(1);
  std::string shown(lines);
  const World& world = fuzz::fixed_scenario().world;
  BatchOptions batch{.threads = 1, .chunk_lines = 1 + options % 4u, .explain = (options & 4u) != 0};

  const std::vector<std::string_view> texts = fuzz::split(lines, '\n', lines.size() + 1);
  RequesterCache json_cache(world);
  std::size_t seen = 0, last_line = 0;
  std::string output;
  auto format = [&](const DecidedLine& d, std::string& out) {
    if (d.in.index != seen++ || d.in.line <= last_line)
      fuzz::violation("lines are decided once each, in input order", shown);
    last_line = d.in.line;
    if (d.decision.has_value() != d.in.request.has_value() ||
        d.in.request.has_value() != d.in.error.empty())
      fuzz::violation("a line is a decided request or an error", shown);
    if (d.in.line >= 1 && d.in.line <= texts.size()) {
      const SourceLine source{d.in.line, d.in.index, texts[d.in.line - 1], false};
      RequestLine json_read = read_request_line(source, json_cache, LineReader::kJsonOnly);
      if (json_read.error != d.in.error || json_read.request != d.in.request ||
          (json_read.who == nullptr) != (d.in.who == nullptr) ||
          (json_read.who && json_read.who->arn != d.in.who->arn))
        fuzz::violation("a line reads the same as the JSON reader reads it",
                        "line " + std::to_string(d.in.line) + "\n" + shown);
    }
    if (!d.decision) {
      if (d.in.error.rfind("line " + std::to_string(d.in.line) + ": ", 0) != 0)
        fuzz::violation("a bad line's error names its line", d.in.error);
    } else {
      if (!d.in.who) fuzz::violation("a decided line has its principal resolved", shown);
      Decision alone =
          evaluate(world, *d.in.request, {.explain = false, .note_unknown_keys = true});
      if (alone.allowed != d.decision->allowed || alone.undecided != d.decision->undecided)
        fuzz::violation("the batch decides as evaluate() does",
                        "line " + std::to_string(d.in.line) + "\n" + shown);
    }
    append_eval_line(d, batch.explain, out);
  };
  std::istringstream in{std::string(lines)};
  BatchCounts counts;
  try {
    counts = decide_stream(world, in, batch, format,
                           [&](std::string_view text) { output.append(text); });
  } catch (const fuzz::PropertyViolation&) {
    throw;
  } catch (const std::exception& e) {
    fuzz::violation("a bad line is an error value, never an exception",
                    std::string(e.what()) + "\n" + shown);
  }
  if (counts.decided + counts.bad != non_blank_lines(lines) || seen != counts.decided + counts.bad)
    fuzz::violation("every non-blank line is decided or a bad line",
                    std::to_string(counts.decided) + " decided, " + std::to_string(counts.bad) +
                        " bad\n" + shown);

  std::size_t i = 0;
  for (std::string_view out : fuzz::split(output, '\n', seen + 1)) {
    if (i == seen) {
      if (!out.empty()) fuzz::violation("one output line a request", output);
      break;
    }
    nlohmann::json j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("i") || j["i"] != i)
      fuzz::violation("every output line is a JSON object with its request's number",
                      std::string(out) + "\n" + shown);
    ++i;
  }
}
