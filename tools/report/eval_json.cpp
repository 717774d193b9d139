#include "tools/report/eval_json.h"

#include <nlohmann/json.hpp>

#include "tools/report/report_json.h"

namespace accesspath {

void append_eval_line(const DecidedLine& d, bool explain, std::string& out) {
  out += "{\"i\":";
  out += std::to_string(d.in.index);
  if (!d.decision) {
    out += ",\"line\":";
    out += std::to_string(d.in.line);
    out += ",\"error\":";
    out +=
        nlohmann::json(d.in.error).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "}\n";
    return;
  }
  // The plain line is written by hand: it is the hot path of `eval` and has no user text.
  out += d.decision->allowed ? ",\"decision\":\"allow\"" : ",\"decision\":\"deny\"";
  // A decision that depends on a key the world does not describe says so even without
  // --explain: `decision` is then the one with the keys absent (model/condition/unknown_keys.h).
  if (!d.decision->undecided.empty()) {
    out += ",\"undecided\":";
    out += nlohmann::json(d.decision->undecided)
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (explain) {
    out += ",\"explanation\":";
    JsonText j(out, JsonText::kCompact);
    write_decision_json(*d.decision, j);
  }
  out += "}\n";
}

}  // namespace accesspath
