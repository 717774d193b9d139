// Who is asking: the principal of a request, resolved against the world.
//
// A role used as a requester means a session of that role
// (`arn:aws:sts::<acct>:assumed-role/<name>/<session>`, IAM: Principal, "Role
// session principals"). Principals the scenario does not declare follow the
// contract: an undeclared principal of an undeclared account is granted every
// action by its own account; one of a declared account has no identity policies.
//
//   Requester who = resolve_requester(world, "arn:aws:iam::111122223333:role/reader");
//   who.arn == "arn:aws:sts::111122223333:assumed-role/reader/accesspath"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/request_context.h"
#include "model/world.h"

namespace accesspath {

enum class RequesterType { kAnonymous, kUser, kRoleSession, kRoot, kService };

inline constexpr std::string_view kSessionName = "accesspath";

struct Requester {
  RequesterType type = RequesterType::kAnonymous;
  std::string arn;            // as the request carries it (the session ARN for roles)
  std::string principal_arn;  // aws:PrincipalArn: the role ARN for a session (rule 27)
  std::string account;        // "" for anonymous and service principals
  std::string name;           // user or role name; the service name for services
  std::string userid;         // aws:userid (a stable made-up unique id: AIDA…, AROA…:session)
  const Principal* declared = nullptr;
  const Account* account_info = nullptr;  // nullptr: the account is not declared
  // The account is not declared, so its administrator is assumed to allow
  // every action (scenario contract, "Principals that the file does not declare").
  bool unrestricted_identity = false;
  std::vector<const Policy*> identity_policies;  // inline, attached and group policies
  const Policy* boundary = nullptr;

  bool is_anonymous() const { return type == RequesterType::kAnonymous; }
  bool is_service() const { return type == RequesterType::kService; }
};

// Resolves "anonymous", a service principal name, a user/role/root ARN or an
// assumed-role session ARN. nullopt (with `why`) when the text is none of these.
std::optional<Requester> resolve_requester(const World& world, std::string_view principal,
                                           std::string* why = nullptr);

bool is_service_principal_name(std::string_view s);

// The global condition keys that describe the requester (IAM: AWS global
// condition context keys): aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/*. `ctx` must not
// hold these keys yet (they are appended without a lookup).
void add_principal_keys(const Requester& who, RequestContext& ctx);

}  // namespace accesspath
