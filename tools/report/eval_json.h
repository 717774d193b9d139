// The output lines of `accesspath eval` (docs/scenario-contract.md, further commands):
//   {"i":0,"decision":"allow"}                       one a request, in input order
//   {"i":1,"decision":"deny","explanation":{…}}      with --explain (decision_to_json)
//   {"i":2,"line":3,"error":"line 3: /action: …"}    a line that is not a request
//   "undecided":"…" is added when the decision depends on a key the world does not describe
#pragma once

#include <string>

#include "model/services/batch_decider.h"

namespace accesspath {

// Appends one line (with its '\n') for `d` to `out`.
void append_eval_line(const DecidedLine& d, bool explain, std::string& out);

}  // namespace accesspath
