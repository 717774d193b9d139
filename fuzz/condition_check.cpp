// Fuzz target and its checks: compiling and evaluating a Condition element.
//
// Input: a JSON array `[condition, context]`, the Condition element of a statement and an object
// of condition keys to a value or a list of values. Properties:
// - a condition that compiles without errors prints back (to_json) to one that compiles to the
//   same block and decides the same;
// - explain_failure says nothing exactly when evaluate() is true;
// - where the reference of properties/ supports the operators used, it decides the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "model/condition/condition.h"
#include "properties/reference_match.h"

using namespace accesspath;
using nlohmann::json;

namespace {

// Values a condition key can have in a request: strings (JSON numbers and booleans as AWS
// writes them). Anything else makes the input uninteresting.
std::optional<fuzz::ContextValues> context_of(const json& j) {
  if (!j.is_object()) return std::nullopt;
  fuzz::ContextValues values;
  for (const auto& [key, v] : j.items()) {
    if (key.empty()) return std::nullopt;
    std::string lower = properties::reference::lower(key);
    auto as_text = [](const json& x) -> std::optional<std::string> {
      if (x.is_string()) return x.get<std::string>();
      return std::nullopt;
    };
    if (v.is_array()) {
      if (v.empty()) return std::nullopt;
      for (const json& x : v) {
        auto t = as_text(x);
        if (!t) return std::nullopt;
        values[lower].push_back(*t);
      }
    } else if (auto t = as_text(v)) {
      values[lower].push_back(*t);
    } else {
      return std::nullopt;
    }
  }
  return values;
}

}  // namespace

void accesspath::fuzz::check_condition(std::string_view input) {
  if (input.size() > 16384) return;
  auto doc = fuzz::parse_json(input);
  if (!doc || !doc->is_array() || doc->size() != 2) return;
  const json& element = (*doc)[0];
  auto values = context_of((*doc)[1]);
  if (!values) return;
  RequestContext ctx = fuzz::to_request_context(*values);

  for (bool variables : {true, false}) {
    Diagnostics diags;
    ConditionBlock block = compile_condition(element, "/Condition", variables, diags);
    bool decision = block.evaluate(ctx);
    if (decision != block.explain_failure(ctx).empty())
      fuzz::violation("explain_failure is empty exactly when the condition holds", doc->dump());
    (void)block.keys();
    if (diags.has_errors()) continue;

    json printed = block.to_json();
    Diagnostics again_diags;
    ConditionBlock again = compile_condition(printed, "/Condition", variables, again_diags);
    if (again_diags.has_errors())
      fuzz::violation("a compiled condition prints back to one that compiles",
                      doc->dump() + " printed as " + printed.dump() + ": " +
                          again_diags.items().front().message);
    if (!(again == block))
      fuzz::violation("a compiled condition prints back to the same block",
                      doc->dump() + " printed as " + printed.dump());
    if (again.evaluate(ctx) != decision)
      fuzz::violation("a printed condition decides the same", doc->dump());

    if (!variables) continue;
    bool reference = false;
    try {
      reference = properties::reference::condition_holds(element, *values);
    } catch (const properties::reference::Unsupported&) {
      continue;
    }
    if (reference != decision)
      fuzz::violation("the condition decides as the reference does",
                      doc->dump() + ": fast " + (decision ? "true" : "false") + ", reference " +
                          (reference ? "true" : "false"));
  }
}
