#include "model/authz/authorizer.h"

#include <algorithm>

#include "model/condition/context_observer.h"
#include "model/condition/unknown_keys.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/policy/kms_operations.h"

namespace accesspath {
namespace {

std::string_view via_text(PrincipalMatch m) {
  switch (m) {
    case PrincipalMatch::kNone:
      return "";
    case PrincipalMatch::kAccount:
      return "delegates to the principal's account";
    case PrincipalMatch::kEveryone:
      return "names every principal (`*`)";
    case PrincipalMatch::kRoleArn:
      return "names the role";
    case PrincipalMatch::kDirect:
      return "names the principal";
  }
  return "";
}

PrincipalMatch match_aws_value(const PrincipalEntry& entry, const Requester& who) {
  const std::string& value = entry.value;
  if (value == "*") return PrincipalMatch::kEveryone;  // rule 21
  if (who.is_anonymous() || who.is_service() || who.is_federated()) return PrincipalMatch::kNone;
  if (entry.account) {  // compiled by account_principal()
    // IAM Principal, "AWS account principals": the account ARN and the account id behave the
    // same and delegate to the account (rules 19, 20); only the root user itself is named.
    if (*entry.account != who.account) return PrincipalMatch::kNone;
    return who.type == RequesterType::kRoot ? PrincipalMatch::kDirect : PrincipalMatch::kAccount;
  }
  // Principal ARNs are compared exactly: no wildcards (rule 22), user names case-sensitive (rule
  // 25).
  if (who.type == RequesterType::kUser && value == who.arn) return PrincipalMatch::kDirect;
  if (who.type == RequesterType::kRoleSession) {
    if (value == who.arn) return PrincipalMatch::kDirect;             // the session ARN (rule 24)
    if (value == who.principal_arn) return PrincipalMatch::kRoleArn;  // the role (rule 23)
  }
  return PrincipalMatch::kNone;
}

struct Scan {
  bool allow = false;
  bool deny = false;
  PrincipalMatch best = PrincipalMatch::kNone;  // strongest principal match among allows
  bool names_account = false;  // an allow names the requester's account (rules 19, 20; U4)
};

// Whether the statement's Principal names the requester's own account (rule 19), whatever else it
// names (the role ARN next to the account): such a grant stands on its own within the account (U4).
bool names_requesters_account(const Statement& s, const Requester& who) {
  if (!s.principal || s.not_principal) return false;
  for (const auto& e : s.principal->entries)
    if (e.type == PrincipalEntry::Type::kAws && match_aws_value(e, who) == PrincipalMatch::kAccount)
      return true;
  return false;
}

Scan scan_policy(const Policy& policy, const AuthzRequest& r, bool drop_foreign_allows,
                 Check* record) {
  Scan out;
  PolicyFinding* finding = nullptr;
  if (record) {
    record->policies.push_back({policy.label, policy.pointer, policy.kind, {}, {}});
    finding = &record->policies.back();
  }
  for (const auto& s : policy.statements) {
    PrincipalMatch m = PrincipalMatch::kNone;
    if (!statement_applies(s, policy, r, &m)) continue;
    if (s.effect == Effect::kDeny) {
      out.deny = true;
      if (finding)
        finding->denies.push_back(
            {policy.label, s.sid, s.pointer, s.effect, std::string(via_text(m))});
      continue;
    }
    if (drop_foreign_allows && !r.who->is_service() && r.who->account != r.resource_account) {
      if (finding) {
        record->notes.push_back(
            "S3 Block Public Access (RestrictPublicBuckets) ignores statement " +
            (s.sid.empty() ? s.pointer : "`" + s.sid + "`") +
            " of the public bucket policy for principals outside the bucket owner's account");
      }
      continue;
    }
    out.allow = true;
    if (is_resource_based(policy.kind) && static_cast<int>(m) > static_cast<int>(out.best))
      out.best = m;
    if (is_resource_based(policy.kind) && names_requesters_account(s, *r.who))
      out.names_account = true;
    if (finding)
      finding->allows.push_back(
          {policy.label, s.sid, s.pointer, s.effect, std::string(via_text(m))});
  }
  return out;
}

// Same page: "in a grant constraint, the key in each key-value pair is not case sensitive, but the
// value is case sensitive". EncryptionContextEquals must match the whole context,
// EncryptionContextSubset only the pairs it lists.
bool grant_constraints_hold(const KmsGrant& g,
                            const std::map<std::string, std::string>* encryption_context) {
  static const std::map<std::string, std::string> kEmpty;
  const auto& ec = encryption_context ? *encryption_context : kEmpty;
  auto has_pair = [&](const std::pair<const std::string, std::string>& want) {
    return std::any_of(ec.begin(), ec.end(), [&](const auto& have) {
      return iequals(have.first, want.first) && have.second == want.second;
    });
  };
  if (!g.context_equals.empty()) {
    if (ec.size() != g.context_equals.size()) return false;
    if (!std::all_of(g.context_equals.begin(), g.context_equals.end(), has_pair)) return false;
  }
  return std::all_of(g.context_subset.begin(), g.context_subset.end(), has_pair);
}

bool grant_allows(const AuthzRequest& r, Check* record) {
  if (!r.grants || r.grant_operation.empty() || r.who->is_anonymous() || r.who->is_service())
    return false;
  for (const auto& g : *r.grants) {
    // KMS: Grants, "a grant allows the grantee principal to use the KMS key" for the listed
    // operations; a role grantee covers the role's sessions (rule 69).
    bool grantee = g.grantee == r.who->arn || g.grantee == r.who->principal_arn;
    if (!grantee) continue;
    bool op = std::any_of(g.operations.begin(), g.operations.end(),
                          [&](const std::string& o) { return o == r.grant_operation; });
    if (!op) continue;
    if (kms_operation_takes_encryption_context(r.grant_operation) &&
        !grant_constraints_hold(g, r.encryption_context))
      continue;
    if (record)
      record->policies.push_back({"grant to `" + g.grantee + "` on the key",
                                  "",
                                  PolicyKind::kKeyPolicy,
                                  {{"KMS grant", "", "", Effect::kAllow,
                                    "grants `" + std::string(r.grant_operation) + "`"}},
                                  {}});
    return true;
  }
  return false;
}

std::string principal_label(const Requester& who) {
  if (who.is_anonymous()) return "an anonymous (unsigned) caller";
  return "`" + (who.type == RequesterType::kRoleSession ? who.principal_arn : who.arn) + "`";
}

}  // namespace

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::kAllow:
      return "allow";
    case Outcome::kExplicitDeny:
      return "explicit deny";
    case Outcome::kImplicitDeny:
      return "implicit deny";
    case Outcome::kRefused:
      return "refused";
  }
  return "deny";
}

const Check* Decision::blocking_check() const {
  for (const auto& c : checks)
    if (c.outcome != Outcome::kAllow) return &c;
  return nullptr;
}

PrincipalMatch match_principal(const PrincipalElement& element, const Requester& who) {
  if (element.everyone) return PrincipalMatch::kEveryone;
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const auto& e : element.entries) {
    PrincipalMatch m = PrincipalMatch::kNone;
    switch (e.type) {
      case PrincipalEntry::Type::kAws:
        m = match_aws_value(e, who);
        break;
      case PrincipalEntry::Type::kService:
        // IAM Principal, "AWS service principals" (rule 26).
        if (who.is_service() && e.value == who.arn) m = PrincipalMatch::kDirect;
        break;
      case PrincipalEntry::Type::kFederated:
        // IAM: Principal, "Federated user principals": a trust policy names the provider whose
        // identities may assume the role (AssumeRoleWithWebIdentity / AssumeRoleWithSAML).
        if (who.is_federated() && e.value == who.name) m = PrincipalMatch::kDirect;
        break;
      case PrincipalEntry::Type::kCanonicalUser:
        // S3 canonical users are not modelled as requesters.
        break;
    }
    if (static_cast<int>(m) > static_cast<int>(best)) best = m;
  }
  return best;
}

bool not_principal_exempts(const PrincipalElement& element, const Requester& who, Effect effect) {
  // IAM: Permissions boundaries (current docs): NotPrincipal with Deny "will always deny any IAM
  // principal that has a permissions boundary policy attached, regardless of the values specified
  // in the NotPrincipal element" (rule 30), so even NotPrincipal "*" exempts no such principal.
  // The page says this of Deny only; an Allow statement with NotPrincipal (loaded with a warning,
  // rule 28) leaves out the principals it lists, boundary or not.
  if (who.boundary && effect == Effect::kDeny) return false;
  if (element.everyone) return true;
  if (who.is_anonymous()) return false;
  bool account = false, identity = false;
  for (const auto& e : element.entries) {
    if (e.type == PrincipalEntry::Type::kService && who.is_service() && e.value == who.arn)
      return true;
    if (e.type == PrincipalEntry::Type::kFederated && who.is_federated() && e.value == who.name)
      return true;
    if (e.type != PrincipalEntry::Type::kAws) continue;
    PrincipalMatch m = match_aws_value(e, who);
    if (m == PrincipalMatch::kAccount) account = true;
    if (m == PrincipalMatch::kDirect || m == PrincipalMatch::kRoleArn) identity = true;
    if (m == PrincipalMatch::kDirect && who.type == RequesterType::kRoot) return true;
  }
  // IAM: NotPrincipal, "NotPrincipal with Deny": AWS may check the account, then the role,
  // then the session, so the exemption holds only when the account is listed too (rule 29).
  // Which of the role or session ARN suffices is not documented; either is accepted here.
  return account && identity;
}

bool statement_applies(const Statement& s, const Policy& policy, const AuthzRequest& r,
                       PrincipalMatch* match) {
  if (!statement_matches_action(s, r.action_lower)) return false;
  if (!statement_matches_resource(s, policy, r.resource, *r.context)) return false;
  if (s.principal) {
    if (s.not_principal) {
      if (not_principal_exempts(*s.principal, *r.who, s.effect)) return false;
      if (match) *match = PrincipalMatch::kEveryone;
    } else {
      PrincipalMatch m = match_principal(*s.principal, *r.who);
      if (m == PrincipalMatch::kNone) return false;
      if (match) *match = m;
    }
  }
  if (s.condition.empty()) return true;
  if (ContextObserver* observer = context_observer())
    observer->on_statement(s.pointer, s.effect == Effect::kDeny);
  if (UnknownKeyWatch* watch = unknown_key_watch())
    watch->on_statement(s.pointer, s.effect == Effect::kDeny);
  return s.condition.evaluate(*r.context);
}

Outcome authorize(const AuthzRequest& r, Check* record) {
  const Requester& who = *r.who;
  // Reasons are sentences for people: `reason` is a callable that builds one, called only when
  // explaining, so the fast path (no record) builds no strings.
  auto finish = [&](Outcome o, auto&& reason) {
    if (record) {
      record->outcome = o;
      record->reason = reason();
    }
    return o;
  };
  bool deny = false;
  std::string deny_reason;

  // RCPs of the resource's account (rules 48, 56): RCPFullAWSAccess is implied at every level,
  // so only Deny statements can change the outcome. They restrict AWS service principals too
  // (KMS: Resource control policies in AWS KMS, whose example RCP limits service principals;
  // data-perimeter RCPs exempt services only through aws:PrincipalIsAWSService).
  if (r.rcps_apply && r.resource_account_info) {
    for (const auto& level : r.resource_account_info->rcps)
      for (const auto& p : level)
        if (scan_policy(*p, r, false, record).deny) {
          deny = true;
          if (record)
            deny_reason = "a resource control policy of account `" +
                          std::string(r.resource_account) + "` denies it";
        }
  }
  // SCPs of the principal's account (rules 49, 55): every level must allow; a Deny denies.
  bool scp_ok = true;
  std::string scp_reason;
  if (who.account_info && !who.is_anonymous() && !who.is_service()) {
    for (std::size_t i = 0; i < who.account_info->scps.size(); ++i) {
      bool level_allows = false;
      for (const auto& p : who.account_info->scps[i]) {
        Scan s = scan_policy(*p, r, false, record);
        level_allows |= s.allow;
        if (s.deny) {
          deny = true;
          if (record)
            deny_reason = "a service control policy of account `" + who.account + "` denies it";
        }
      }
      if (!level_allows && scp_ok) {
        scp_ok = false;
        if (record)
          scp_reason = "no service control policy at level " + std::to_string(i) + " of account `" +
                       who.account + "`'s organization allows `" + std::string(r.action) + "`";
      }
    }
  }
  // The resource-based policy.
  Scan res;
  if (r.resource_policy && r.rule != ResourcePolicyRule::kNone) {
    res = scan_policy(*r.resource_policy, r, r.restrict_to_owner_account, record);
    if (res.deny) {
      deny = true;
      if (record) deny_reason = "the " + r.resource_policy->label + " denies it";
    }
  }
  // Identity policies and the permissions boundary of the principal.
  bool identity_allow = who.unrestricted_identity;
  for (const Policy* p : who.identity_policies) {
    Scan s = scan_policy(*p, r, false, record);
    identity_allow |= s.allow;
    if (s.deny) {
      deny = true;
      if (record) deny_reason = "the " + p->label + " denies it";
    }
  }
  bool boundary_allow = true;
  if (who.boundary) {
    Scan s = scan_policy(*who.boundary, r, false, record);
    boundary_allow = s.allow;
    if (s.deny) {
      deny = true;
      if (record)
        deny_reason = "the permissions boundary of " + principal_label(who) + " denies it";
    }
  }
  // An explicit deny in any policy decides (rule 47).
  if (deny)
    return finish(Outcome::kExplicitDeny, [&] { return "explicitly denied: " + deny_reason; });
  if (!scp_ok)
    return finish(Outcome::kExplicitDeny, [&] { return "denied: " + scp_reason; });  // rule 49

  bool grant = grant_allows(r, record);
  // Identity side: identity policies intersected with the boundary (rule 53).
  bool identity_ok = identity_allow && boundary_allow;

  // An identity of a federated provider has no identity side either (no IAM policies): the
  // trust policy alone decides, by naming its provider (IAM: Creating a role for web identity or
  // OIDC federation, "the trust policy ... Federated"). A trust policy granting `*` is taken to
  // admit it too: AWS does not document it, and it is the reading that reports more access.
  if (who.is_federated()) {
    if (res.best == PrincipalMatch::kDirect || res.best == PrincipalMatch::kEveryone)
      return finish(Outcome::kAllow, [&] {
        return "allowed: the " + r.resource_policy->label +
               (res.best == PrincipalMatch::kDirect ? " names the provider `" + who.name + "`"
                                                    : " grants everyone");
      });
    if (record)
      record->missing.push_back(
          r.resource_policy ? "a statement in the " + r.resource_policy->label +
                                  " with `\"Principal\": {\"Federated\": \"" + who.name + "\"}`"
                            : "a trust policy naming the provider");
    return finish(Outcome::kImplicitDeny, [&] {
      return "denied: no trust policy statement names the provider `" + who.name + "`";
    });
  }
  // Anonymous callers have no identity side: only a resource policy naming everyone grants.
  if (who.is_anonymous()) {
    if (res.best == PrincipalMatch::kEveryone)
      return finish(Outcome::kAllow, [&] {
        return "allowed: the " + r.resource_policy->label + " grants everyone";
      });
    if (record)
      record->missing.push_back(r.resource_policy
                                    ? "a statement in the " + r.resource_policy->label +
                                          " allowing `" + std::string(r.action) + "` to `\"*\"`"
                                    : "a resource policy that allows anonymous access");
    return finish(Outcome::kImplicitDeny, [&] {
      return "denied: no resource policy grants anonymous callers `" + std::string(r.action) + "`";
    });
  }
  // AWS service principals act only through resource policies that name them (rule 26).
  if (who.is_service()) {
    if (res.best == PrincipalMatch::kDirect)
      return finish(Outcome::kAllow, [&] {
        return "allowed: the " + r.resource_policy->label + " names the service";
      });
    if (record)
      record->missing.push_back(
          r.resource_policy ? "a statement in the " + r.resource_policy->label +
                                  " with `\"Principal\": {\"Service\": \"" + who.arn + "\"}`"
                            : "a resource policy naming the service");
    return finish(Outcome::kImplicitDeny,
                  [&] { return "denied: no resource policy names the service `" + who.arn + "`"; });
  }

  const bool same_account = !r.resource_account.empty() && r.resource_account == who.account;
  // Copies for the sentences below; only the explaining path reads them.
  const std::string action = record ? std::string(r.action) : std::string();
  const std::string resource = record ? std::string(r.resource) : std::string();
  // A resource-policy grant that stands on its own (rule 51): one to the user or the session
  // is not limited by identity policies or the boundary; one to the role ARN is limited by the
  // boundary. IAM: Principal ("IAM role principals", "All principals") and Policy evaluation
  // logic: identity-based policy types such as permissions boundaries and session policies do
  // not limit what a wildcard (`*`) Principal grants, conditions on it or not, unless they deny
  // explicitly; so a grant to "*" stands on its own for users, roles and sessions alike.
  bool resource_direct = res.best == PrincipalMatch::kDirect ||
                         res.best == PrincipalMatch::kEveryone ||
                         (res.best == PrincipalMatch::kRoleArn && boundary_allow);
  // The boundary caps the role-ARN grant that would otherwise allow (rule 51).
  const bool boundary_caps_role_grant = res.best == PrincipalMatch::kRoleArn && !boundary_allow;

  // What the explanation suggests when the boundary blocks: the boundary itself, or a grant the
  // boundary does not cap. For a role session that is its session ARN (rule 51), not the role ARN.
  const bool boundary_blocks = !boundary_allow && (identity_allow || boundary_caps_role_grant);
  const std::string grant_target =
      !record ? std::string()
      : !boundary_allow && who.type == RequesterType::kRoleSession
          ? "the role session `" + who.arn +
                "` (a permissions boundary does not cap a grant to the session ARN)"
          : principal_label(who);
  // AWS documents that a boundary does not cap a same-account grant naming the user or the role
  // session (IAM: Policy evaluation logic; Permissions boundaries), not what it does to a grant to
  // `*`: accesspath takes the reading that reports more access (rule 51) and says it is uncertain.
  auto note_uncertain_star_grant = [&] {
    if (record && res.best == PrincipalMatch::kEveryone && who.boundary && !boundary_allow)
      record->notes.push_back(
          "uncertain reading: the grant to everyone (`*`) is taken as not capped by the "
          "permissions boundary of " +
          principal_label(who) + ", which does not allow `" + action +
          "`; AWS documents that rule for grants naming the user or the role session, not for "
          "`*`, and accesspath takes the reading that reports more access");
  };
  auto capped_reason = [&] {
    return "denied: the " + std::string(r.resource_policy ? r.resource_policy->label : "") +
           " grants `" + action + "` to the role " + principal_label(who) +
           ", but the role's permissions boundary does not allow it and caps grants to the role "
           "ARN";
  };
  if (same_account) {
    switch (r.rule) {
      case ResourcePolicyRule::kNone:
      case ResourcePolicyRule::kEitherSuffices:
        // Either the identity side or the resource policy suffices (rule 50).
        if (identity_ok)
          return finish(Outcome::kAllow, [&] { return "allowed: an identity policy allows it"; });
        if (resource_direct || grant) {
          if (!grant) note_uncertain_star_grant();
          return finish(Outcome::kAllow, [&] {
            return "allowed: the " + (grant ? std::string("KMS grant") : r.resource_policy->label) +
                   " grants it";
          });
        }
        // U4: a bucket (or other resource) policy naming the requester's own account. IAM,
        // Policy evaluation for requests within a single account: "If either the identity-based
        // policy or the resource-based policy within the same account allows the request ... the
        // request is still allowed"; the Principal page's "an administrator in that account must
        // then grant access" is said of another account. A third-party experiment observed a
        // denial; AWS does not say: accesspath takes the reading that reports more access, and
        // the explanation says the reading is uncertain. (KMS documents delegation: rule 61.)
        if (r.rule == ResourcePolicyRule::kEitherSuffices && res.names_account) {
          if (record)
            record->notes.push_back(
                "uncertain reading: the " + r.resource_policy->label + " names account `" +
                who.account +
                "` itself; within the account that is taken to allow without an identity policy "
                "(either policy suffices within an account), the reading that reports more "
                "access; AWS documents delegation to the account's IAM policies only for another "
                "account");
          return finish(Outcome::kAllow, [&] {
            return "allowed: the " + r.resource_policy->label + " grants it to account `" +
                   who.account + "`";
          });
        }
        if (record) {
          if (boundary_blocks)
            record->missing.push_back("the permissions boundary of " + principal_label(who) +
                                      " to allow `" + action + "`");
          else
            record->missing.push_back("an identity policy statement allowing `" + action +
                                      "` on `" + resource + "`");
          if (r.rule == ResourcePolicyRule::kEitherSuffices && r.resource_policy)
            record->missing.push_back("or a statement in the " + r.resource_policy->label +
                                      " allowing it to " + grant_target);
        }
        return finish(Outcome::kImplicitDeny, [&] {
          if (boundary_caps_role_grant) return capped_reason();
          return identity_allow && !boundary_allow
                     ? "denied: the permissions boundary of " + principal_label(who) +
                           " does not allow `" + action + "`"
                     : "denied: no identity policy of " + principal_label(who) + " allows `" +
                           action + "` on `" + resource + "`" +
                           (r.resource_policy
                                ? " and the " + r.resource_policy->label + " does not grant it"
                                : "");
        });
      case ResourcePolicyRule::kMustAllow: {
        // Key and trust policies must allow explicitly (rule 50): directly, or by naming the
        // account so that the account's IAM policies may delegate (rules 61-63, 98).
        if (resource_direct || grant) {
          if (!grant) note_uncertain_star_grant();
          return finish(Outcome::kAllow, [&] {
            return "allowed: the " + (grant ? std::string("KMS grant") : r.resource_policy->label) +
                   " allows it directly";
          });
        }
        if (res.best == PrincipalMatch::kAccount && identity_ok)
          return finish(Outcome::kAllow, [&] {
            return "allowed: the " + r.resource_policy->label +
                   " delegates to the account and an identity policy allows it";
          });
        const std::string label = !record             ? std::string()
                                  : r.resource_policy ? r.resource_policy->label
                                                      : "resource policy";
        if (res.best == PrincipalMatch::kAccount || res.best == PrincipalMatch::kRoleArn) {
          if (record) {
            if (boundary_blocks) {
              record->missing.push_back("the permissions boundary of " + principal_label(who) +
                                        " to allow `" + action + "`");
              if (boundary_caps_role_grant)
                record->missing.push_back("or a statement in the " + label + " allowing `" +
                                          action + "` to " + grant_target);
            } else {
              record->missing.push_back("a statement in the " + label + " allowing `" + action +
                                        "` to " + grant_target);
              record->missing.push_back("or an identity policy statement allowing `" + action +
                                        "` on `" + resource + "` (the " + label +
                                        " delegates to the account)");
            }
          }
          return finish(Outcome::kImplicitDeny, [&] {
            if (boundary_caps_role_grant) return capped_reason();
            return identity_allow && !boundary_allow
                       ? "denied: the permissions boundary of " + principal_label(who) +
                             " does not allow `" + action + "`"
                       : "denied: the " + label +
                             " delegates to the account, but no identity policy of " +
                             principal_label(who) + " allows `" + action + "`";
          });
        }
        if (record)
          record->missing.push_back("a statement in the " + label + " allowing `" + action +
                                    "` to " + principal_label(who) +
                                    " (or to its account, with an identity policy)");
        return finish(Outcome::kImplicitDeny, [&] {
          return "denied: the " + label + " neither names " + principal_label(who) +
                 " nor delegates to its account" +
                 (identity_allow ? "; identity policies alone cannot grant it" : "");
        });
      }
    }
  }

  // Cross-account (rules 57, 58, 65): both the principal's account and the resource's must allow.
  bool resource_ok = res.best != PrincipalMatch::kNone || grant;
  bool principal_ok = identity_ok || grant;  // a grant needs no IAM policy (rule 69)
  if (resource_ok && principal_ok)
    return finish(Outcome::kAllow, [&] {
      return std::string("allowed: ") +
             (grant ? "a KMS grant allows it"
                    : "the " + r.resource_policy->label + " and an identity policy both allow it");
    });
  if (!record) return Outcome::kImplicitDeny;  // what follows only explains the denial
  std::string reason = "denied across accounts:";
  if (!resource_ok) {
    reason += r.resource_policy ? " the " + r.resource_policy->label + " does not grant it to " +
                                      principal_label(who) + " or its account"
                                : " the resource in account `" + std::string(r.resource_account) +
                                      "` has no resource policy to grant it";
    if (record && r.resource_policy)
      record->missing.push_back("a statement in the " + r.resource_policy->label + " allowing `" +
                                action + "` to " + principal_label(who) + " or to account `" +
                                who.account + "`");
  }
  if (!principal_ok) {
    if (!resource_ok) reason += ";";
    reason += identity_allow && !boundary_allow
                  ? " the permissions boundary of " + principal_label(who) + " does not allow it"
                  : " no identity policy of " + principal_label(who) + " allows `" + action +
                        "` on `" + resource + "`";
    if (record)
      record->missing.push_back("an identity policy statement (in account `" + who.account +
                                "`) allowing `" + action + "` on `" + resource + "`");
  }
  return finish(Outcome::kImplicitDeny, [&] { return reason; });
}

}  // namespace accesspath
