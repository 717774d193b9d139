// Loading a command's scenario file: the scenario, or nullopt with every error printed to `err`
// (file, JSON pointer, what is wrong); the command then exits 2.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "model/world/scenario.h"

namespace accesspath {

std::optional<Scenario> load_or_report(const std::string& file, std::ostream& err);

}  // namespace accesspath
