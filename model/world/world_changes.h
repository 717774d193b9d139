// What differs between two worlds, coarsely: which buckets, keys and principals changed, and
// whether anything else did (accounts, other resources, the principals considered). The
// incremental diff (access_diff.h) asks only about the pairs a change can affect.
//
//   ChangeScope c = changed_between(base.world, next.world);
//   if (!c.everything) for (const auto& b : c.buckets) ...
#pragma once

#include <set>
#include <string>

#include "model/world/world.h"

namespace accesspath {

struct ChangeScope {
  // An account or another resource changed, or the principals considered did (a principal was
  // added or removed, a policy names a new partner account): every pair may differ.
  bool everything = false;
  std::set<std::string> buckets;  // names of buckets added, removed or changed in any way
  std::set<std::string> keys;     // ARNs of keys added, removed or changed in any way
  // ARNs of users and roles added, removed or changed in any way, their groups' and their
  // managed policies' changes included: who can become them, what they can do and what can be
  // done to them may differ.
  std::set<std::string> principals;
  // Those of `principals` that may act differently as callers: added, removed, or changed in
  // anything but their trust policy (a trust policy decides who becomes the role, not what the
  // role may do).
  std::set<std::string> identities;
};

ChangeScope changed_between(const World& a, const World& b);

}  // namespace accesspath
