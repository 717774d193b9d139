// Policy documents: the IAM JSON policy grammar, compiled once.
//
// A Policy is parsed from AWS JSON exactly as the console or CLI shows it and
// keeps what it needs to be printed back (`to_json`), so round trips are exact
// up to the equivalences AWS itself makes (a string and a one-element array,
// Statement as an object or an array). Every statement knows its JSON pointer
// in the scenario file, so explanations and diagnostics can point at it.
//
//   Diagnostics diags;
//   Policy p = parse_policy(json, "/principals/0/policies/0", PolicyKind::kIdentity, diags);
//   p.statements[0].effect == Effect::kAllow;
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/condition/condition.h"
#include "model/core/diagnostic.h"
#include "model/core/wildcard.h"

namespace accesspath {

enum class Effect { kAllow, kDeny };

// Where a policy is attached decides which elements it may have
// (IAM: Grammar of the IAM JSON policy language, "Policy grammar notes").
enum class PolicyKind {
  kIdentity,   // inline or managed policy of a user, role or group
  kBoundary,   // permissions boundary
  kResource,   // bucket policy or another resource-based policy
  kKeyPolicy,  // KMS key policy
  kTrust,      // role trust policy
  kScp,        // service control policy
  kRcp,        // resource control policy
};

bool is_resource_based(PolicyKind kind);  // must have a Principal
std::string_view to_string(PolicyKind kind);

// One entry of a Principal element.
struct PrincipalEntry {
  enum class Type { kAws, kService, kFederated, kCanonicalUser };
  Type type = Type::kAws;
  std::string value;  // as written: "*", an account id, an ARN, a service name
  // Compiled for AWS entries that name an account as a whole (an account id or
  // `arn:<partition>:iam::<id>:root`, rule 19): that account. nullopt otherwise.
  std::optional<std::string> account;
  bool operator==(const PrincipalEntry&) const = default;
};

struct PrincipalElement {
  bool everyone =
      false;  // "Principal": "*" (same as {"AWS": "*"}: IAM Principal, "All principals")
  bool was_string = false;  // printed back as "*"
  std::vector<PrincipalEntry> entries;
  // Per-type "was written as a scalar string" flags, so printing keeps the shape.
  std::vector<std::pair<PrincipalEntry::Type, bool>> scalar_types;
  bool operator==(const PrincipalElement&) const;
};

// One Resource/NotResource entry, compiled.
struct ResourcePattern {
  WildcardPattern pattern;
  // `${…}` under Version 2012-10-17: substituted for each request (rules 14-16).
  bool has_variables = false;
};

struct Statement {
  std::string sid;
  Effect effect = Effect::kAllow;
  std::optional<PrincipalElement> principal;  // Principal or NotPrincipal
  bool not_principal = false;
  std::vector<std::string> actions;  // as written
  // Compiled: lowercased (actions are case-insensitive) and classified, one per action.
  std::vector<WildcardPattern> action_patterns;
  bool not_action = false;
  bool actions_scalar = false;
  std::optional<std::vector<std::string>> resources;  // nullopt when absent
  bool not_resource = false;
  bool resources_scalar = false;
  std::vector<ResourcePattern> resource_patterns;  // compiled, one per resource
  ConditionBlock condition;
  std::string pointer;  // JSON pointer of the statement in the scenario file

  // Shape-independent equality (used by round-trip laws).
  bool same_meaning(const Statement& other) const;
};

struct Policy {
  std::string version;  // "" when absent
  std::optional<std::string> id;
  std::vector<Statement> statements;
  bool statement_was_object = false;
  PolicyKind kind = PolicyKind::kIdentity;
  std::string label;    // for people: "bucket policy of `secure-demo-bucket`"
  std::string pointer;  // JSON pointer of the document in the scenario file

  // Policy variables are substituted only under Version 2012-10-17
  // (IAM: Variables and tags, "Policy variables ... only with Version 2012-10-17"; rule 14).
  bool variables_enabled() const { return version == "2012-10-17"; }
};

// Who wrote a policy: a customer, or AWS (an AWS managed policy, `arn:aws:iam::aws:policy/…`,
// which the customer quotas do not bind; policy_limits.h).
enum class PolicyOwner { kCustomer, kAws };

// Parses a policy document. Problems are appended to `diags` with pointers
// below `pointer`. The returned policy is usable even with errors (statements
// with errors are dropped so they can never grant).
Policy parse_policy(const nlohmann::json& doc, const std::string& pointer, PolicyKind kind,
                    Diagnostics& diags, PolicyOwner owner = PolicyOwner::kCustomer);

// S3's own rule on top of the grammar: every bucket policy statement has `Resource` or
// `NotResource` (S3 refuses the policy otherwise). Errors at the statements' pointers.
void check_bucket_policy_statements_name_resources(const nlohmann::json& doc,
                                                   const std::string& pointer, Diagnostics& diags);

nlohmann::json to_json(const Policy& policy);

// --- Matching one statement (no principal, no evaluation logic) ---

// Action / NotAction (IAM: Action, NotAction; rules 4-6). `action_lower` is
// the request's action lowercased (to_lower): the compiled patterns are too, so
// a plain comparison is the case-insensitive one.
bool statement_matches_action(const Statement& s, std::string_view action_lower);

// The account an AWS principal value names as a whole: a 12-digit account id or
// `arn:<partition>:iam::<id>:root` (rule 19). nullopt for anything else.
std::optional<std::string> account_principal(std::string_view value);

// Resource / NotResource (rules 8-12, 16). An absent Resource in a resource-based
// policy means the resource the policy is attached to; in a KMS key policy a
// statement without Resource has no effect (KMS: Creating a key policy, rule 2).
bool statement_matches_resource(const Statement& s, const Policy& policy, std::string_view resource,
                                const ConditionContext& ctx);

}  // namespace accesspath
