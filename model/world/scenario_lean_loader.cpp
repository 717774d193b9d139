#include "model/world/scenario_lean_loader.h"

#include <memory>

#include "model/core/ordered_chunks.h"
#include "model/world/expectation_reader.h"
#include "model/world/json_member_scan.h"
#include "model/world/json_parse.h"
#include "model/world/loader.h"

namespace accesspath {
namespace {

using nlohmann::json;

// One element of `expectations` read from its text, or nullopt where the loader would report a
// problem in it (or not read it as it reads it). `alone`: the limits of an element read alone.
std::optional<Expectation> read_element(std::string_view element, std::size_t i,
                                        RequesterCache& principals, const JsonLimits& alone,
                                        PlainExpectation& plain) {
  std::string ptr = pointer_join("/expectations", i);
  if (scan_plain_expectation(element, plain))
    if (std::optional<Expectation> e = read_plain_expectation(plain, ptr, principals)) return e;
  Diagnostics diags;
  std::optional<json> obj = parse_json_within_limits(element, diags, alone);
  if (!obj || !obj->is_object()) return std::nullopt;
  JsonFields fields(diags);
  std::optional<Expectation> e = read_expectation(*obj, ptr, principals, fields);
  if (!e || !diags.items().empty()) return std::nullopt;
  return e;
}

// An element alone is two levels less deep than in the document (the top-level object and the
// array). Its values are counted with the whole document's (by the scan), its strings by its
// own parser.
JsonLimits element_limits(const JsonLimits& limits) {
  JsonLimits alone = limits;
  alone.max_depth = limits.max_depth - 2;
  return alone;
}

// Each element of `expectations` read from its span of `text`, in order, kept in `out` unless
// it is null, or false at the first one read_element cannot read.
bool read_expectations(std::string_view text,
                       const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                       const World& world, const JsonLimits& limits,
                       std::vector<Expectation>* out) {
  const JsonLimits alone = element_limits(limits);
  RequesterCache principals(world);  // a file asks many questions of few principals
  PlainExpectation plain;
  if (out) out->reserve(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const std::string_view element = text.substr(spans[i].first, spans[i].second - spans[i].first);
    std::optional<Expectation> e = read_element(element, i, principals, alone, plain);
    if (!e) return false;
    if (out) out->push_back(std::move(*e));
  }
  return true;
}

// Whether every element can be read (the same reading as read_expectations, nothing kept), the
// elements split among `threads`, each chunk of them with its own principal cache.
bool all_readable(std::string_view text,
                  const std::vector<std::pair<std::size_t, std::size_t>>& spans, const World& world,
                  const JsonLimits& limits, unsigned threads) {
  if (threads <= 1) return read_expectations(text, spans, world, limits, nullptr);
  const JsonLimits alone = element_limits(limits);
  struct Chunk {
    bool readable = true;
    std::unique_ptr<RequesterCache> principals;  // kept when the chunk is filled again
    PlainExpectation plain;
    void clear() { readable = true; }
  };
  bool all = true;
  for_each_chunk_in_order<Chunk>(
      spans.size(), 1024, threads,
      [&](std::size_t begin, std::size_t end, Chunk& c) {
        if (!c.principals) c.principals = std::make_unique<RequesterCache>(world);
        for (std::size_t i = begin; i < end && c.readable; ++i) {
          const auto [from, to] = spans[i];
          c.readable = read_element(text.substr(from, to - from), i, *c.principals, alone, c.plain)
                           .has_value();
        }
      },
      [&](Chunk& c) { all = all && c.readable; });
  return all;
}

}  // namespace

std::optional<LoadResult> load_scenario_lean(std::string_view text, const std::string& file,
                                             const JsonLimits& limits,
                                             std::shared_ptr<const void> keep, unsigned threads) {
  if (text.size() > limits.max_bytes) return std::nullopt;
  // Limits over the whole document: values and depth counted by the scan; strings by their length
  // as written, never shorter than as read (an escape is longer than what it stands for).
  std::optional<ArrayMemberSpans> spans = scan_array_member(text, "expectations", limits.max_depth);
  if (!spans || spans->values > limits.max_values ||
      spans->longest_string > limits.max_string_bytes)
    return std::nullopt;
  std::string rest;
  rest.reserve(text.size() - (spans->array_end - spans->array_begin) + 2);
  rest.append(text.substr(0, spans->array_begin))
      .append("[]")
      .append(text.substr(spans->array_end));
  Diagnostics parse_diags;
  std::optional<json> doc = parse_json_within_limits(rest, parse_diags, limits);
  if (!doc) return std::nullopt;
  LoadResult r = loading::load_document(*doc, file);
  // With errors elsewhere, the usual path reports them along with any in the expectations.
  if (!r.scenario) return std::nullopt;
  if (keep) {
    if (!all_readable(text, spans->elements, r.scenario->world, limits, threads))
      return std::nullopt;
    r.scenario->deferred = DeferredExpectations{.owner = std::move(keep),
                                                .text = text,
                                                .spans = std::move(spans->elements),
                                                .element_limits = element_limits(limits)};
  } else if (!read_expectations(text, spans->elements, r.scenario->world, limits,
                                &r.scenario->expectations)) {
    return std::nullopt;
  }
  r.scenario->source = std::move(*doc);
  return r;
}

std::optional<Expectation> read_deferred_expectation(const DeferredExpectations& deferred,
                                                     std::size_t i, RequesterCache& principals,
                                                     PlainExpectation& scratch) {
  if (i >= deferred.spans.size() || !deferred.owner) return std::nullopt;
  const auto [begin, end] = deferred.spans[i];
  return read_element(deferred.text.substr(begin, end - begin), i, principals,
                      deferred.element_limits, scratch);
}

}  // namespace accesspath
