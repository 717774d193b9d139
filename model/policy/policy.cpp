// Parsing and validating policy documents as IAM, S3 and KMS do (policy.h): every problem AWS
// refuses is an error at its JSON pointer, what it stores but never matches a warning. Printing is
// in policy_print.cpp, matching in policy_match.cpp.
#include "model/policy/policy.h"

#include <algorithm>
#include <cctype>

#include "model/condition/policy_variables.h"
#include "model/condition/request_context.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/policy/documented_actions.h"
#include "model/policy/policy_limits.h"
#include "model/policy/service_prefixes.h"

namespace accesspath {
namespace {

using nlohmann::json;

std::string type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

bool has_outer_space(std::string_view s) {
  return !s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        std::isspace(static_cast<unsigned char>(s.back())));
}

// A string or an array of strings (IAM grammar: <action_string> or [<action_string>, ...]).
// `scalar` tells how it was written so printing keeps the shape.
std::vector<std::string> string_list(const json& j, const std::string& ptr, std::string_view what,
                                     Diagnostics& diags, bool& scalar) {
  std::vector<std::string> out;
  scalar = j.is_string();
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (j[i].is_string())
        out.push_back(j[i].get<std::string>());
      else
        diags.error(pointer_join(ptr, i),
                    std::string(what) + " entries must be strings, got " + type_name(j[i]));
    }
    if (j.empty())
      diags.warning(ptr, std::string(what) + " is an empty list, so the statement matches nothing");
  } else {
    diags.error(
        ptr, std::string(what) + " must be a string or an array of strings, got " + type_name(j));
  }
  return out;
}

void check_action(const std::string& action, const std::string& ptr, Diagnostics& diags) {
  if (has_outer_space(action)) {
    diags.warning(ptr, "action `" + action +
                           "` has leading or trailing white space, so it matches no action");
    return;
  }
  if (action == "*") return;
  std::size_t colon = action.find(':');
  if (colon == std::string::npos || colon == 0) {
    // IAM refuses it: "Actions/Conditions must be prefaced by a vendor" (MalformedPolicyDocument).
    diags.error(ptr, "action `" + action +
                         "` is not `service:action` (for example `s3:GetObject`) or `*`; IAM: "
                         "\"Actions/Conditions must be prefaced by a vendor\"");
    return;
  }
  if (action.find(':', colon + 1) != std::string::npos) {
    // IAM refuses it: "Actions/Condition can contain only one colon" (MalformedPolicyDocument;
    // Grammar of the IAM JSON policy language: `action_string` is `service:action`).
    diags.error(ptr, "action `" + action +
                         "` has more than one colon; IAM: \"Actions/Condition can contain only "
                         "one colon\"");
    return;
  }
  if (colon + 1 == action.size()) {
    // IAM: Grammar of the IAM JSON policy language, `action_string`: "a service namespace, a
    // colon, and the name of an action". An empty name is an action that does not exist, which
    // IAM Access Analyzer reports as "Invalid action" and which, like the invalid actions AWS
    // managed policies carry, "do[es] not affect the permissions granted by the policy": the
    // statement loads and never matches it (not `s3:*`).
    diags.warning(ptr, "action `" + action +
                           "` names no action after the colon, so it matches no request; write `" +
                           action + "*` for every action of the service, or the action's name");
    return;
  }
  std::string_view service = std::string_view(action).substr(0, colon);
  if (has_wildcard(service)) {
    diags.warning(ptr, "action `" + action +
                           "` has a wildcard in the service prefix, which IAM does not allow");
    return;
  }
  if (!is_known_service_prefix(service)) {
    // IAM stores an action of a service that does not exist; IAM Access Analyzer reports "Invalid
    // service in action", and it matches no request.
    diags.warning(ptr, "action `" + action + "`: `" + std::string(service) +
                           "` is not an AWS service prefix (IAM Access Analyzer: \"Invalid "
                           "service in action\"), so it matches no request");
    return;
  }
  if (has_wildcard(action) || !catalog_covers_service(service)) return;
  // Service Authorization Reference: an action AWS documents matches its requests even when the
  // catalog does not describe it; only a name AWS does not document never matches (rule 5).
  if (!lookup_action(action) && !is_documented_action(action)) {
    std::string message = "`" + action + "` is not an IAM action";
    std::string_view hint = action_hint(action);
    if (!hint.empty()) message += " (" + std::string(hint) + ")";
    message += "; the statement never matches it";
    diags.warning(ptr, message);
  }
}

void check_resource(const std::string& resource, const std::string& ptr, PolicyKind kind,
                    Diagnostics& diags) {
  if (resource == "*") return;
  if (has_outer_space(resource)) {
    // U7: AWS does not document this; a resource with stray white space
    // never equals an ARN, so we keep the statement and it matches nothing.
    diags.warning(ptr, "resource `" + resource +
                           "` has leading or trailing white space, so it matches no resource");
    return;
  }
  std::string_view text = resource;
  if (contains_policy_variable(text)) {
    for (const auto& problem : check_policy_variable_syntax(text)) diags.error(ptr, problem);
    return;
  }
  // IAM: Resource, "You can't use a wildcard in the service segment" (rule 9).
  if (auto arn = parse_arn(resource); arn && has_wildcard(arn->service))
    diags.warning(ptr, "resource `" + resource +
                           "` has a wildcard in the service segment, which IAM does not allow");
  const bool iam_validates = kind == PolicyKind::kIdentity || kind == PolicyKind::kBoundary;
  for (const auto& p : arn_problems(resource, /*allow_wildcards=*/true)) {
    switch (p.kind) {
      case ArnProblem::Kind::kNotAnArn:
        // IAM refuses an identity policy whose resource is not an ARN: "Resource … must be in ARN
        // format or \"*\"" (rule 7). Elsewhere it matches nothing (a warning).
        if (iam_validates)
          diags.error(ptr,
                      "resource `" + resource + "` must be in ARN format or `\"*\"`: " + p.message);
        else
          diags.warning(ptr, p.message + "; it matches no resource");
        break;
      case ArnProblem::Kind::kRefusedByIam:
        if (iam_validates)
          diags.error(ptr, p.message);
        else
          diags.warning(ptr, p.message + "; it matches no resource");
        break;
      case ArnProblem::Kind::kNeverMatches:
        // IAM stores such a resource (AWS managed policies carry `arn:aws:kms:*::*`); IAM Access
        // Analyzer reports it ("Missing ARN account", "Invalid ARN account", "Invalid partition",
        // "Invalid ARN Region"), and it names nothing a request carries, so it matches nothing.
        diags.warning(ptr, p.message + "; IAM accepts it, and it matches no resource AWS names");
        break;
    }
  }
}

std::optional<PrincipalEntry::Type> principal_type(std::string_view key) {
  if (key == "AWS") return PrincipalEntry::Type::kAws;
  if (key == "Service") return PrincipalEntry::Type::kService;
  if (key == "Federated") return PrincipalEntry::Type::kFederated;
  if (key == "CanonicalUser") return PrincipalEntry::Type::kCanonicalUser;
  return std::nullopt;
}

void check_aws_principal(const std::string& value, const std::string& ptr, Diagnostics& diags) {
  if (value == "*") return;
  if (is_account_id(value)) return;
  if (value.rfind("arn:", 0) != 0) {
    if (!value.empty() &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
      diags.error(ptr, "account id `" + value + "` must have 12 digits, it has " +
                           std::to_string(value.size()));
    else
      diags.error(ptr, "AWS principal `" + value +
                           "` must be `*`, a 12-digit account id or an IAM/STS ARN");
    return;
  }
  // IAM Principal: "You cannot use a wildcard to match part of a principal name or ARN" (rule 22).
  if (has_wildcard(value))
    diags.error(ptr, "principal `" + value +
                         "` uses a wildcard; use `\"*\"` with an `ArnLike` condition on "
                         "`aws:PrincipalArn` instead");
  for (const auto& p : validate_arn(value, /*allow_wildcards=*/false)) diags.error(ptr, p);
}

// IAM User Guide, Principal element ("Federated web identity user principals", "SAML session
// principals"): a SAML or OIDC provider of IAM by ARN, or a web identity provider by its host
// name (cognito-identity.amazonaws.com, www.amazon.com, accounts.google.com, graph.facebook.com).
// IAM refuses anything else with "Invalid principal in policy".
void check_federated_principal(const std::string& value, const std::string& ptr,
                               Diagnostics& diags) {
  auto refuse = [&](const std::string& what) {
    diags.error(ptr, "Invalid principal in policy: federated principal `" + value + "` " + what +
                         "; use arn:aws:iam::ACCOUNT:saml-provider/NAME, "
                         "arn:aws:iam::ACCOUNT:oidc-provider/HOST, or a web identity provider "
                         "such as cognito-identity.amazonaws.com");
  };
  if (value.rfind("arn:", 0) == 0) {
    auto arn = parse_arn_view(value);
    if (!arn || arn->service != "iam" || !arn->region.empty() || !is_account_id(arn->account))
      return refuse("is not an IAM provider ARN with a 12-digit account");
    for (std::string_view kind : {"saml-provider/", "oidc-provider/"})
      if (arn->resource.rfind(kind, 0) == 0 && arn->resource.size() > kind.size() &&
          !has_wildcard(value))
        return;
    return refuse("names no SAML or OIDC provider");
  }
  const bool host_name = value.find('.') != std::string::npos && value.front() != '.' &&
                         value.back() != '.' && std::all_of(value.begin(), value.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '.' || c == '-';
                         });
  if (!host_name) refuse("is neither a provider ARN nor a provider's host name");
}

PrincipalElement parse_principal(const json& j, const std::string& ptr, Diagnostics& diags) {
  PrincipalElement out;
  if (j.is_string()) {
    out.was_string = true;
    if (j.get<std::string>() == "*")
      out.everyone = true;
    else
      diags.error(ptr, "a principal written as a string must be `\"*\"`; use `{\"AWS\": \"" +
                           j.get<std::string>() + "\"}` to name an account or ARN");
    return out;
  }
  if (!j.is_object()) {
    diags.error(
        ptr, "principal must be `\"*\"` or an object such as `{\"AWS\": …}`, got " + type_name(j));
    return out;
  }
  for (const auto& [key, value] : j.items()) {
    std::string kptr = pointer_join(ptr, key);
    auto type = principal_type(key);
    if (!type) {
      diags.error(kptr, "unknown principal type `" + key +
                            "`; expected `AWS`, `Service`, `Federated` or `CanonicalUser`");
      continue;
    }
    bool scalar = false;
    auto values = string_list(value, kptr, "principal", diags, scalar);
    out.scalar_types.emplace_back(*type, scalar);
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string vptr = scalar ? kptr : pointer_join(kptr, i);
      if (*type == PrincipalEntry::Type::kAws) {
        check_aws_principal(values[i], vptr, diags);
        if (values[i] == "*") out.everyone = true;  // {"AWS": "*"} == "*" (rule 21)
      }
      if (*type == PrincipalEntry::Type::kFederated)
        check_federated_principal(values[i], vptr, diags);
      std::optional<std::string> account;
      if (*type == PrincipalEntry::Type::kAws) account = account_principal(values[i]);
      out.entries.push_back({*type, values[i], std::move(account)});
    }
  }
  return out;
}

bool is_bucket_only_resource(std::string_view r) {
  // arn:aws:s3:::name with no '/' in the resource part: a bucket, never an object (rule 11).
  if (r.rfind("arn:aws:s3:::", 0) != 0) return false;
  std::string_view rest = r.substr(13);
  return rest.find('/') == std::string_view::npos && rest.find('*') == std::string_view::npos &&
         !rest.empty();
}

// Lint: a statement whose actions are all object-level but whose resources are
// all bucket ARNs never matches (the DenyObjectAccess mistake of source 003).
void check_object_actions_on_bucket(const Statement& s, Diagnostics& diags) {
  if (s.not_action || s.not_resource || !s.resources || s.resources->empty() || s.actions.empty())
    return;
  for (const auto& a : s.actions) {
    auto info = lookup_action(a);
    if (!info || info->resource != ActionResource::kS3Object) return;
  }
  for (const auto& r : *s.resources)
    if (!is_bucket_only_resource(r)) return;
  std::string what = s.effect == Effect::kDeny ? "denies" : "allows";
  diags.warning(s.pointer + "/Resource",
                "statement " + (s.sid.empty() ? std::string("without Sid") : "`" + s.sid + "`") +
                    " never matches: its actions are object actions but its only resource is the "
                    "bucket ARN `" +
                    s.resources->front() + "`, so it " + what + " nothing; add `" +
                    s.resources->front() + "/*` to cover the objects");
}

// Lint: condition keys whose values are ARNs (a KMS key ARN in an encryption requirement,
// a principal ARN) with a malformed ARN can never match what AWS puts in the request
// (source 003's `arn:aws:kms::11112222333:key/…`: empty region, 11-digit account).
void check_arn_condition_values(const Statement& s, Diagnostics& diags) {
  for (const auto& clause : s.condition.clauses()) {
    const std::string& k = clause.key_lower;
    bool arn_key = k == "s3:x-amz-server-side-encryption-aws-kms-key-id" ||
                   k == "aws:principalarn" || k == "aws:sourcearn" || k == "kms:grantee";
    if (!arn_key) continue;
    for (const auto& v : clause.values) {
      if (v.has_variables || v.text == "*") continue;
      for (const auto& p : validate_arn(v.text, /*allow_wildcards=*/true))
        diags.warning(
            s.pointer + "/Condition/" + pointer_token(clause.operator_name()) + "/" +
                pointer_token(clause.key),
            "condition on `" + clause.key + "`: " + p + "; no request ever carries such a value");
    }
  }
}

Statement parse_statement(const json& j, const std::string& ptr, PolicyKind kind, bool variables,
                          Diagnostics& diags, bool& ok) {
  Statement s;
  s.pointer = ptr;
  ok = true;
  std::size_t errors_before = diags.error_count();
  if (!j.is_object()) {
    diags.error(ptr, "a statement must be an object, got " + type_name(j));
    ok = false;
    return s;
  }
  static const std::array<std::string_view, 10> kKeys = {
      "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
      "NotAction", "Resource", "NotResource", "Condition",    "Id"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      diags.error(pointer_join(ptr, key),
                  "unknown statement element `" + key +
                      "`; expected Sid, Effect, Principal, NotPrincipal, Action, "
                      "NotAction, Resource, NotResource or Condition");
  }
  if (j.contains("Sid")) {
    if (j["Sid"].is_string()) {
      s.sid = j["Sid"].get<std::string>();
      // IAM Sid: alphanumeric only; key policies accept spaces (rule 17).
      if (kind == PolicyKind::kIdentity && !std::all_of(s.sid.begin(), s.sid.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c));
          }))
        diags.warning(ptr + "/Sid",
                      "IAM accepts only letters and digits in a `Sid`, got `" + s.sid + "`");
    } else {
      diags.error(ptr + "/Sid", "`Sid` must be a string, got " + type_name(j["Sid"]));
    }
  }
  // Effect: exactly "Allow" or "Deny", case sensitive (IAM: Effect, rule 1).
  if (!j.contains("Effect")) {
    diags.error(ptr, "statement has no `Effect`; add `\"Effect\": \"Allow\"` or `\"Deny\"`");
  } else if (!j["Effect"].is_string() || (j["Effect"] != "Allow" && j["Effect"] != "Deny")) {
    diags.error(ptr + "/Effect", "`Effect` must be `Allow` or `Deny` (case sensitive), got `" +
                                     j["Effect"].dump() + "`");
  } else {
    s.effect = j["Effect"] == "Allow" ? Effect::kAllow : Effect::kDeny;
  }
  // Principal / NotPrincipal (rules 17, 28).
  bool has_p = j.contains("Principal"), has_np = j.contains("NotPrincipal");
  if (has_p && has_np)
    diags.error(ptr, "a statement has either `Principal` or `NotPrincipal`, not both");
  if (has_p || has_np) {
    const char* key = has_p ? "Principal" : "NotPrincipal";
    if (!is_resource_based(kind) && kind != PolicyKind::kRcp) {
      diags.error(ptr + "/" + key, std::string("`") + key + "` is not allowed in a " +
                                       std::string(to_string(kind)) +
                                       "; it belongs in resource-based policies (IAM: \"Policy "
                                       "document should not specify a principal\")");
    }
    s.principal = parse_principal(j[key], ptr + "/" + key, diags);
    s.not_principal = has_np;
    if (has_np && (kind == PolicyKind::kTrust || kind == PolicyKind::kRcp)) {
      diags.error(ptr + "/NotPrincipal",
                  "`NotPrincipal` is not supported in a " + std::string(to_string(kind)));
    } else if (has_np && s.effect == Effect::kAllow) {
      // IAM: NotPrincipal says Allow with NotPrincipal "is not supported", but AWS's own policy
      // validator (IAM Access Analyzer policy check reference, "Security Warning - Allow with
      // NotPrincipal") only warns that it "can grant permissions to anonymous principals", and
      // the earlier NotPrincipal page said it "allows all principals except the one named". No
      // AWS page says a bucket or key policy holding it is refused, so it loads, with this
      // warning, and grants every principal it does not list, anonymous callers included.
      diags.warning(ptr + "/NotPrincipal",
                    "`Allow` with `NotPrincipal` grants every principal the element does not list, "
                    "anonymous callers included (IAM Access Analyzer: \"Allow with NotPrincipal\"; "
                    "IAM: NotPrincipal, \"not supported\"); name the principals in `Principal`, or "
                    "allow broadly and deny with `NotPrincipal`");
    }
  } else if (is_resource_based(kind)) {
    diags.error(
        ptr,
        "a statement of a " + std::string(to_string(kind)) +
            " needs a `Principal` (for example `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`)");
  }
  // Action / NotAction (rule 2).
  bool has_a = j.contains("Action"), has_na = j.contains("NotAction");
  if (has_a == has_na) {
    diags.error(ptr, has_a ? "a statement has either `Action` or `NotAction`, not both"
                           : "statement has no `Action` or `NotAction` (IAM: \"Policy statement "
                             "must contain actions\")");
  } else {
    const char* key = has_a ? "Action" : "NotAction";
    s.not_action = has_na;
    s.actions = string_list(j[key], ptr + "/" + key, key, diags, s.actions_scalar);
    for (std::size_t i = 0; i < s.actions.size(); ++i)
      check_action(s.actions[i],
                   s.actions_scalar ? ptr + "/" + key : pointer_join(ptr + "/" + key, i), diags);
    for (const auto& a : s.actions) s.action_patterns.emplace_back(to_lower(a));
  }
  // Resource / NotResource (rules 2, 7).
  bool has_r = j.contains("Resource"), has_nr = j.contains("NotResource");
  if (has_r && has_nr) {
    diags.error(ptr, "a statement has either `Resource` or `NotResource`, not both");
  } else if ((has_r || has_nr) && kind == PolicyKind::kTrust) {
    // IAM refuses a role trust policy naming resources: "Has prohibited field Resource"
    // (MalformedPolicyDocument; IAM policy validation check reference, "Role trust policy syntax
    // error resource"): the role is the resource.
    const char* key = has_r ? "Resource" : "NotResource";
    diags.error(ptr + "/" + key, std::string("a trust policy statement has no `") + key +
                                     "` (IAM: \"Has prohibited field " + key +
                                     "\"); the role is its resource");
  } else if (has_r || has_nr) {
    const char* key = has_r ? "Resource" : "NotResource";
    s.not_resource = has_nr;
    s.resources = string_list(j[key], ptr + "/" + key, key, diags, s.resources_scalar);
    for (std::size_t i = 0; i < s.resources->size(); ++i)
      check_resource((*s.resources)[i],
                     s.resources_scalar ? ptr + "/" + key : pointer_join(ptr + "/" + key, i), kind,
                     diags);
    for (const auto& r : *s.resources)
      s.resource_patterns.push_back({WildcardPattern(r), variables && contains_policy_variable(r)});
  } else if (kind == PolicyKind::kIdentity || kind == PolicyKind::kBoundary) {
    diags.error(ptr,
                "statement has no `Resource` or `NotResource`; identity policies need one "
                "(IAM: \"Policy statement must contain resources\")");
  } else if (kind == PolicyKind::kKeyPolicy) {
    // KMS: Creating a key policy, "Elements in a key policy": without Resource the statement has no
    // effect.
    diags.warning(
        ptr,
        "key policy statement has no `Resource`, so it has no effect; use `\"Resource\": \"*\"`");
  }
  if (j.contains("Condition")) {
    s.condition = compile_condition(j["Condition"], ptr + "/Condition", variables, diags);
    check_arn_condition_values(s, diags);
  }
  check_object_actions_on_bucket(s, diags);
  if (diags.error_count() > errors_before) ok = false;
  return s;
}

// IAM refuses a policy it stores (identity policies, boundaries, trust policies) whose statements
// repeat a `Sid`: "Statement IDs (SID) in a single policy must be unique" (MalformedPolicyDocument;
// IAM JSON policy elements: Sid). Resource policies of other services may repeat them.
void check_unique_sids(const json& statements, const std::string& ptr, PolicyKind kind,
                       Diagnostics& diags) {
  if (kind != PolicyKind::kIdentity && kind != PolicyKind::kBoundary && kind != PolicyKind::kTrust)
    return;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const json& s = statements[i];
    if (!s.is_object() || !s.contains("Sid") || !s["Sid"].is_string()) continue;
    std::string sid = s["Sid"].get<std::string>();
    if (sid.empty()) continue;
    if (std::find(seen.begin(), seen.end(), sid) != seen.end())
      diags.error(pointer_join(ptr, i) + "/Sid",
                  "`Sid` `" + sid +
                      "` is used by an earlier statement; IAM: \"Statement IDs (SID) "
                      "in a single policy must be unique\"");
    else
      seen.push_back(std::move(sid));
  }
}

}  // namespace

bool is_resource_based(PolicyKind kind) {
  return kind == PolicyKind::kResource || kind == PolicyKind::kKeyPolicy ||
         kind == PolicyKind::kTrust;
}

std::string_view to_string(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return "identity policy";
    case PolicyKind::kBoundary:
      return "permissions boundary";
    case PolicyKind::kResource:
      return "resource policy";
    case PolicyKind::kKeyPolicy:
      return "key policy";
    case PolicyKind::kTrust:
      return "trust policy";
    case PolicyKind::kScp:
      return "service control policy";
    case PolicyKind::kRcp:
      return "resource control policy";
  }
  return "policy";
}

bool PrincipalElement::operator==(const PrincipalElement& o) const {
  if (everyone != o.everyone) return false;
  auto sorted = [](std::vector<PrincipalEntry> v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return std::tie(a.type, a.value) < std::tie(b.type, b.value);
    });
    return v;
  };
  return sorted(entries) == sorted(o.entries);
}

bool Statement::same_meaning(const Statement& o) const {
  return sid == o.sid && effect == o.effect && principal == o.principal &&
         not_principal == o.not_principal && actions == o.actions && not_action == o.not_action &&
         resources == o.resources && not_resource == o.not_resource && condition == o.condition;
}

Policy parse_policy(const json& doc, const std::string& pointer, PolicyKind kind,
                    Diagnostics& diags, PolicyOwner owner) {
  Policy p;
  p.kind = kind;
  p.pointer = pointer;
  if (!doc.is_object()) {
    diags.error(pointer, "a policy document must be a JSON object, got " + type_name(doc));
    return p;
  }
  // AWS's size quotas: far over them, the policy is refused before it is compiled.
  if (!check_policy_size(doc, pointer, kind, diags, owner)) return p;
  for (const auto& [key, value] : doc.items()) {
    if (key != "Version" && key != "Id" && key != "Statement")
      diags.error(
          pointer_join(pointer, key),
          "unknown policy element `" + key + "`; a policy has `Version`, `Id` and `Statement`");
  }
  if (doc.contains("Version")) {
    const json& v = doc["Version"];
    if (!v.is_string() || (v != "2012-10-17" && v != "2008-10-17"))
      diags.error(pointer + "/Version",
                  "`Version` must be `2012-10-17` (or the old `2008-10-17`), got " + v.dump());
    else
      p.version = v.get<std::string>();
  } else {
    diags.warning(pointer,
                  "policy has no `Version`; policy variables are then literal text "
                  "(add `\"Version\": \"2012-10-17\"`)");
  }
  if (doc.contains("Id") && (kind == PolicyKind::kIdentity || kind == PolicyKind::kBoundary))
    // IAM: Grammar, "Policy grammar notes": Id is not used in identity-based policies (rule 17).
    diags.warning(pointer + "/Id",
                  "`Id` does not belong in an identity policy; IAM ignores or rejects it");
  if (doc.contains("Id")) {
    if (doc["Id"].is_string())
      p.id = doc["Id"].get<std::string>();
    else
      diags.error(pointer + "/Id", "`Id` must be a string, got " + type_name(doc["Id"]));
  }
  if (!doc.contains("Statement")) {
    diags.error(pointer, "policy has no `Statement`");
    return p;
  }
  const json& st = doc["Statement"];
  std::string sptr = pointer + "/Statement";
  auto add = [&](const json& sj, const std::string& ptr) {
    bool ok = true;
    Statement s = parse_statement(sj, ptr, kind, p.variables_enabled(), diags, ok);
    // A statement with errors is dropped: it can never grant (or deny) in our model, and the
    // scenario is invalid anyway because the errors are reported.
    if (ok) p.statements.push_back(std::move(s));
  };
  if (st.is_object()) {
    p.statement_was_object = true;
    add(st, sptr);
  } else if (st.is_array()) {
    for (std::size_t i = 0; i < st.size(); ++i) add(st[i], pointer_join(sptr, i));
    check_unique_sids(st, sptr, kind, diags);
  } else {
    diags.error(sptr, "`Statement` must be an object or an array of objects, got " + type_name(st));
  }
  return p;
}

void check_bucket_policy_statements_name_resources(const json& doc, const std::string& pointer,
                                                   Diagnostics& diags) {
  if (!doc.is_object() || !doc.contains("Statement")) return;
  const json& st = doc["Statement"];
  auto check = [&](const json& s, const std::string& ptr) {
    if (s.is_object() && !s.contains("Resource") && !s.contains("NotResource"))
      // S3 refuses PutBucketPolicy with such a statement: "Statement is missing required element"
      // (400 MalformedPolicy; aws-cdk#35296): a bucket policy statement names its resources.
      diags.error(ptr,
                  "a bucket policy statement needs `Resource` or `NotResource` (S3: \"Statement "
                  "is missing required element\"); name the bucket `arn:aws:s3:::bucket` or its "
                  "objects `arn:aws:s3:::bucket/*`");
  };
  if (st.is_object()) check(st, pointer + "/Statement");
  if (st.is_array())
    for (std::size_t i = 0; i < st.size(); ++i)
      check(st[i], pointer_join(pointer + "/Statement", i));
}

}  // namespace accesspath
