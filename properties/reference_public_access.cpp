#include "properties/reference_public_access.h"

#include "properties/reference_match.h"
#include "properties/reference_values.h"
#include "properties/reference_world.h"

namespace accesspath::properties::reference {
namespace {

using nlohmann::json;

// "The meaning of public": keys whose fixed values make a grant non-public. AWS lists aws:SourceIp
// (CIDR blocks), aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
// s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid, s3:DataAccessPointArn,
// s3:DataAccessPointAccount, and names the principal keys by the example aws:PrincipalOrgID;
// aws:PrincipalAccount and aws:PrincipalArn are read as such keys too (model/SEMANTICS.md,
// "Public bucket policy").
bool pinning_key(const std::string& key) {
  for (const char* k :
       {"aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner",
        "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid",
        "s3:dataaccesspointarn", "s3:dataaccesspointaccount", "aws:principalorgid",
        "aws:principalaccount", "aws:principalarn"})
    if (lower(key) == k) return true;
  return false;
}

// A fixed value: no wildcard and no policy variable.
bool fixed(const std::string& v) {
  return v.find_first_of("*?") == std::string::npos && v.find("${") == std::string::npos;
}

// One clause that limits the grant to fixed values of a listed key: a positive operator (a
// negated one, or IfExists, lets every other value or an absent key through).
bool pins(const std::string& op, const std::string& key, const json& values) {
  if (!pinning_key(key)) return false;
  // Null asks only for presence, ForAllValues: is true for an absent key (rule 42): neither is a
  // grant to "a fixed" value. ForAnyValue: needs a listed value (rule 43), as the plain operator.
  if (op == "Null" || op.rfind("ForAllValues:", 0) == 0) return false;
  if (op.find("Not") != std::string::npos || op.find("IfExists") != std::string::npos) return false;
  const std::vector<std::string> vs = strings_of(values);
  for (const auto& v : vs) {
    if (!fixed(v)) return false;
    // The page limits aws:SourceIp ranges to /8 or narrower; model/ does not model that limit
    // (SEMANTICS "Not modelled"), so the reference does not decide such a policy.
    if (lower(key) == "aws:sourceip")
      if (auto range = parse_cidr(v); range && range->prefix < 8)
        throw Unsupported{"the /8 limit of aws:SourceIp in the public test"};
  }
  return !vs.empty();
}

// The statement grants to a principal that is not fixed: "*", a wildcard in a principal value, or
// every principal NotPrincipal does not list.
bool wildcard_principal(const json& st) {
  if (st.contains("NotPrincipal")) return true;
  const json& p = st.value("Principal", json());
  if (p.is_string()) return !fixed(p.get<std::string>());
  if (!p.is_object()) return false;
  for (const auto& [type, values] : p.items())
    for (const auto& v : strings_of(values))
      if (!fixed(v)) return true;
  return false;
}

bool restrict_flag(const json& holder) {
  auto it = holder.find("block_public_access");
  return it != holder.end() && it->is_object() && it->value("RestrictPublicBuckets", false);
}

}  // namespace

bool is_public_policy(const json& policy) {
  const json& statements = policy.value("Statement", json::array());
  const json list = statements.is_object() ? json::array({statements}) : statements;
  for (const auto& st : list) {
    if (st.value("Effect", "") != "Allow" || !wildcard_principal(st)) continue;
    bool pinned = false;
    const json condition = st.value("Condition", json::object());
    for (const auto& [op, keys] : condition.items())
      for (const auto& [key, values] : keys.items()) pinned |= pins(op, key, values);
    if (!pinned) return true;
  }
  return false;
}

bool restricts_public_policy(const json& doc, const json& bucket) {
  const json* account = find_in(doc, "accounts", "id", bucket.value("account", ""));
  const bool restrict = restrict_flag(bucket) || (account && restrict_flag(*account));
  return restrict && bucket.contains("policy") && is_public_policy(bucket["policy"]);
}

}  // namespace accesspath::properties::reference
