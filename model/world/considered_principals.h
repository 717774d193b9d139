// The principals a question about a world considers (scenario contract, "Principals that the
// file does not declare"): every declared user and role, `anonymous`, an undeclared principal of
// an undeclared account, an undeclared principal of each undeclared account a policy names (in a
// Principal element, a condition value or a KMS grant), an undeclared principal of each declared
// account, and an identity of each federated provider a trust policy names. Invariants, `who`, the
// access graph and the loader's check that an invariant names someone all ask the same list.
//
//   for (const std::string& arn : considered_principals(world)) ...
#pragma once

#include <string>
#include <vector>

#include "model/world/world.h"

namespace accesspath {

std::vector<std::string> considered_principals(const World& world);

}  // namespace accesspath
