// What differs between two worlds, coarsely: which buckets and keys changed, and whether
// anything else did (principals, groups, managed policies, accounts, other resources). The
// incremental diff (access_diff.h) asks only about the resources a change can affect.
//
//   ChangeScope c = changed_between(base.world, next.world);
//   if (!c.everything) for (const auto& b : c.buckets) ...
#pragma once

#include <set>
#include <string>

#include "model/world/world.h"

namespace accesspath {

struct ChangeScope {
  // Something other than buckets and keys changed (a principal, group, managed policy, account
  // or other resource), or the principals considered did (a policy names a new partner
  // account): role chains, identity policies or principals may differ, so every pair may.
  bool everything = false;
  std::set<std::string> buckets;  // names of buckets added, removed or changed in any way
  std::set<std::string> keys;     // ARNs of keys added, removed or changed in any way
};

ChangeScope changed_between(const World& a, const World& b);

}  // namespace accesspath
