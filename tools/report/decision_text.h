// A decision as a short tree a trainee can follow: which check failed, which
// policy allowed, which one is missing, and what to add.
//
//   std::cout << decision_to_text(evaluate(world, request));
#pragma once

#include <string>

#include "model/authz/decision.h"

namespace accesspath {

struct TextStyle {
  bool show_all_policies = false;  // also list policies with no matching statement
};

std::string decision_to_text(const Decision& decision, const TextStyle& style = {});

}  // namespace accesspath
