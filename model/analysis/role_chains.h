// Role chains: the identities a start principal can act as, itself and every role it can become
// through sts:AssumeRole (or a federated provider's AssumeRoleWith*) chains, each step decided by
// the evaluator in some request context (trust policy and the caller's permission). Internal to
// analysis/ (namespace paths): access paths, targets and escalation share it.
//
//   paths::RoleChains chains(world);
//   paths::Reach r = chains.reach("arn:aws:iam::111122223333:user/alice");
//   r.identities[0].principal == "arn:aws:iam::111122223333:user/alice"  // then roles, BFS order
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/analysis/access_candidates.h"
#include "model/analysis/counterexample.h"
#include "model/world/request.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath::paths {

// One identity a start principal acts as: itself, or a session of a role it reached.
struct Identity {
  std::string principal;  // as a request names it: user/role ARN, "anonymous", outsider ARN
  Requester who;
  // Index of the identity that assumed this role; -1 for the start and for a user whose
  // credentials the start holds (an escalation step created them).
  int parent = -1;
};

struct Reach {
  std::vector<Identity> identities;  // BFS order: shortest chains first; [0] is the start
  // AssumeRole questions on the way that no request context could be decided for: roles may be
  // missing from `identities`.
  std::vector<std::string> undecided;
};

// The roles of `w`, in the order declared.
std::vector<const Principal*> roles_of(const World& w);

// The request with which `from` assumes `role`: an identity of a federated provider assumes a
// role with its token (AssumeRoleWithWebIdentity or AssumeRoleWithSAML); every other identity
// with sts:AssumeRole.
Request assume_request(const Identity& from, const Principal& role);

// The role chains of one world. Which roles an identity can assume is asked once per identity
// and shared by every start principal whose chains pass through it; with many roles, a
// conservative index (access_candidates.h) rules most (identity, role) pairs out before the
// evaluator is asked. reach() gives the same identities, in the same order, either way.
class RoleChains {
 public:
  explicit RoleChains(const World& w);

  // The start principal, the users whose credentials it holds, and every role they can become,
  // through chains, in BFS order (shortest chains first). "Can" is end to end: each step needs
  // the trust policy and sts:AssumeRole. The AssumeRole questions on the way that could not be
  // decided go to `Reach::undecided` and to the undecided log in force, on every call.
  Reach reach(const std::string& start);

 private:
  static constexpr std::size_t kIndexFrom = 16;

  // The roles (indices into roles_, ascending) `id` can assume and whose session resolves.
  const std::vector<std::size_t>& assumable(const Identity& id);

  const World& w_;
  std::vector<const Principal*> roles_;
  std::vector<std::optional<Requester>> sessions_;  // per role, once one can assume it
  std::unordered_map<std::string, std::vector<std::size_t>> edges_;      // by identity
  std::unordered_map<std::string, std::vector<std::string>> undecided_;  // by identity
  // Users by the principal that holds their credentials (Principal::credentials_held_by).
  std::unordered_map<std::string, std::vector<const Principal*>> held_by_;
  std::unique_ptr<CandidateIndex> index_;
};

// One start principal's reach in a world asked about once.
Reach reach_from(const World& w, const std::string& start);

// The AssumeRole steps from the start to `r.identities[index]`, each with the statements that
// allowed it and the request context it needs.
std::vector<PathStep> chain_steps(const World& w, const Reach& r, std::size_t index);

}  // namespace accesspath::paths
