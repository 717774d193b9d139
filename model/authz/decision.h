// A Decision: the answer to one request and the reasons for it.
//
// One API call may trigger several authorizations (S3 authorizes GetObject,
// then calls KMS Decrypt with the caller's identity). Each is a Check, listing
// every policy consulted, the statements that allowed or denied, and what is
// missing. Explanation is a first-class output: `explain` renders this value,
// it does not re-evaluate anything.
#pragma once

#include <string>
#include <vector>

#include "model/policy/policy.h"

namespace accesspath {

enum class Outcome {
  kAllow,
  kExplicitDeny,  // a Deny statement applied (or an SCP level allowed nothing)
  kImplicitDeny,  // nothing allowed
  kRefused,  // the service refused before policies mattered (key disabled, unsigned request, ...)
};

std::string_view to_string(Outcome o);

struct StatementRef {
  std::string policy;  // label of the policy it belongs to
  std::string sid;
  std::string pointer;  // JSON pointer of the statement in the scenario file
  Effect effect = Effect::kAllow;
  std::string via;  // how the statement reached the principal: "names the principal", "names its
                    // account", ...
};

struct PolicyFinding {
  std::string label;    // "bucket policy of `secure-demo-bucket`"
  std::string pointer;  // JSON pointer of the document
  PolicyKind kind = PolicyKind::kIdentity;
  std::vector<StatementRef> allows;
  std::vector<StatementRef> denies;
};

struct Check {
  std::string title;  // "S3 authorizes `s3:GetObject`"
  std::string action;
  std::string resource;
  Outcome outcome = Outcome::kImplicitDeny;
  std::string reason;                   // one sentence a person can act on
  std::vector<PolicyFinding> policies;  // every policy consulted, in evaluation order
  std::vector<std::string> missing;     // what would have to be added for an allow
  std::vector<std::string> notes;       // readings of undocumented behaviour that applied
};

struct Decision {
  bool allowed = false;
  std::string principal;
  std::string action;
  std::string resource;
  std::vector<Check> checks;
  // Condition keys the decision read that the world does not describe (unknown_keys.h), as
  // "`key` (statement at /pointer)", each once; filled when explaining.
  std::vector<std::string> unknown_keys;
  // Non-empty when the decision depends on them (taken the other way, they decide otherwise):
  // why the decision is undecided. `allowed` is then the decision with the keys absent.
  std::string undecided;

  // The first check that did not allow, or nullptr when allowed.
  const Check* blocking_check() const;
};

}  // namespace accesspath
