// Printing a parsed policy back as AWS JSON (policy.h, to_json): what `explain` and the
// escalation edits show, in the shapes the document used (a scalar stays a scalar).
#include "model/policy/policy.h"

namespace accesspath {
namespace {

using nlohmann::json;

std::string_view principal_type_key(PrincipalEntry::Type t) {
  switch (t) {
    case PrincipalEntry::Type::kAws:
      return "AWS";
    case PrincipalEntry::Type::kService:
      return "Service";
    case PrincipalEntry::Type::kFederated:
      return "Federated";
    case PrincipalEntry::Type::kCanonicalUser:
      return "CanonicalUser";
  }
  return "AWS";
}

json print_list(const std::vector<std::string>& v, bool scalar) {
  if (scalar && v.size() == 1) return v.front();
  return json(v);
}

}  // namespace

json to_json(const Policy& policy) {
  json out = json::object();
  if (!policy.version.empty()) out["Version"] = policy.version;
  if (policy.id) out["Id"] = *policy.id;
  json statements = json::array();
  for (const auto& s : policy.statements) {
    json j = json::object();
    if (!s.sid.empty()) j["Sid"] = s.sid;
    j["Effect"] = s.effect == Effect::kAllow ? "Allow" : "Deny";
    if (s.principal) {
      json pj;
      if (s.principal->was_string) {
        pj = "*";
      } else {
        pj = json::object();
        for (const auto& [type, scalar] : s.principal->scalar_types) {
          std::vector<std::string> values;
          for (const auto& e : s.principal->entries)
            if (e.type == type) values.push_back(e.value);
          pj[std::string(principal_type_key(type))] = print_list(values, scalar);
        }
      }
      j[s.not_principal ? "NotPrincipal" : "Principal"] = pj;
    }
    j[s.not_action ? "NotAction" : "Action"] = print_list(s.actions, s.actions_scalar);
    if (s.resources)
      j[s.not_resource ? "NotResource" : "Resource"] = print_list(*s.resources, s.resources_scalar);
    if (!s.condition.empty()) j["Condition"] = s.condition.to_json();
    statements.push_back(std::move(j));
  }
  if (policy.statement_was_object && statements.size() == 1)
    out["Statement"] = statements.front();
  else
    out["Statement"] = statements;
  return out;
}

}  // namespace accesspath
