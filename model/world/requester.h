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

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/condition/request_context.h"
#include "model/world/world.h"

namespace accesspath {

// kFederated: an identity of a web identity (OIDC) or SAML provider, before it assumes a role.
// It has no AWS credentials of its own: it can only call sts:AssumeRoleWithWebIdentity or
// sts:AssumeRoleWithSAML, authorized by the role's trust policy (IAM: Creating a role for web
// identity or OpenID Connect federation; Creating a role for SAML 2.0 federation).
enum class RequesterType { kAnonymous, kUser, kRoleSession, kRoot, kService, kFederated };

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
  // What add_principal_keys adds for this requester, built once by resolve_requester: a condition
  // or policy variable that reads a principal key is answered from it without filling the whole
  // request context (early_context_answer, service_common.h). nullptr for a Requester made by
  // other means: its contexts are then always filled.
  std::shared_ptr<const RequestContext> principal_keys;

  bool is_anonymous() const { return type == RequesterType::kAnonymous; }
  bool is_service() const { return type == RequesterType::kService; }
  bool is_federated() const { return type == RequesterType::kFederated; }
};

// How a request names an identity of the federated provider `provider` (a `Federated` principal
// value: an OIDC host such as `cognito-identity.amazonaws.com`, or an OIDC / SAML provider ARN):
// `federated:<provider>`.
inline constexpr std::string_view kFederatedPrefix = "federated:";
std::string federated_principal(std::string_view provider);
// Whether `provider` is a SAML provider (`arn:…:iam::<account>:saml-provider/<name>`): its
// identities call sts:AssumeRoleWithSAML; every other provider's call AssumeRoleWithWebIdentity.
bool is_saml_provider(std::string_view provider);
// The action an identity of `provider` assumes a role with.
std::string_view federated_assume_action(std::string_view provider);
// The action `who` assumes a role with: sts:AssumeRole, or its provider's (federated).
std::string assume_role_action(const Requester& who);

// Resolves "anonymous", a service principal name, a user/role/root ARN, an assumed-role session
// ARN or `federated:<provider>`. nullopt (with `why`) when the text is none of these.
std::optional<Requester> resolve_requester(const World& world, std::string_view principal,
                                           std::string* why = nullptr);

bool is_service_principal_name(std::string_view s);

// The global condition keys that describe the requester (IAM: AWS global
// condition context keys): aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/*. `ctx` must not
// hold these keys yet (they are appended without a lookup).
void add_principal_keys(const Requester& who, RequestContext& ctx);

}  // namespace accesspath
