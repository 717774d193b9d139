// `accesspath eval WORLD --requests FILE|- [--explain] [--threads N]`: one decision a request
// line, JSON Lines in and out, in input order (docs/scenario-contract.md, further
// commands). Exit 0 every line decided, 1 some line was not a request (its output line says
// why), 2 the world or the request file could not be read.
#include <fstream>
#include <iostream>

#include "model/services/batch_decider.h"
#include "tools/cli/commands.h"
#include "tools/cli/load_input.h"
#include "tools/report/eval_json.h"

namespace accesspath {

int run_eval(const EvalOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<Scenario> scenario = load_or_report(o.world, err);
  if (!scenario) return 2;
  std::ifstream file;
  if (o.requests != "-") {
    file.open(o.requests, std::ios::binary);
    if (!file) {
      err << o.requests
          << ": cannot read the request file (it does not exist or is not readable)\n";
      return 2;
    }
  }
  std::istream& in = o.requests == "-" ? std::cin : file;
  BatchOptions batch{.threads = o.threads, .explain = o.explain};
  BatchCounts counts = decide_stream(
      scenario->world, in, batch,
      [explain = o.explain](const DecidedLine& d, std::string& text) {
        append_eval_line(d, explain, text);
      },
      [&out](std::string_view text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
      });
  out.flush();
  if (counts.bad > 0)
    err << "eval: " << counts.bad << " line(s) were not requests (see their \"error\")\n";
  return counts.bad == 0 ? 0 : 1;
}

}  // namespace accesspath
