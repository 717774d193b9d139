#include "properties/scenario_order.h"

#include <string>
#include <vector>

namespace accesspath::properties {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using Order = std::vector<std::string>;

const Order kTop = {"$schema",  "format",           "name",         "description",
                    "accounts", "managed_policies", "principals",   "buckets",
                    "keys",     "resources",        "expectations", "invariants"};
const Order kAccount = {"id", "name"};
const Order kPrincipal = {"arn",          "groups", "policies", "permissions_boundary",
                          "trust_policy", "tags"};
const Order kBucket = {
    "name", "account", "region", "policy", "default_encryption", "block_public_access", "objects"};
const Order kKey = {"arn", "aliases", "managed", "state", "policy", "grants"};
const Order kRequest = {"principal", "action", "resource", "headers", "context", "expect", "why"};
const Order kInvariant = {"name",  "action", "resource", "headers", "context",
                          "never", "only",   "via",      "expect"};
const Order kPolicy = {"Version", "Id", "Statement"};
const Order kStatement = {"Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
                          "NotAction", "Resource", "NotResource", "Condition"};

ordered_json any(const json& j);

// `j` with the keys of `order` first (in that order), then the rest as they are.
ordered_json ordered(const json& j, const Order& order, ordered_json (*child)(const json&) = any) {
  if (!j.is_object()) return any(j);
  ordered_json out = ordered_json::object();
  for (const auto& k : order)
    if (j.contains(k)) out[k] = child(j.at(k));
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!out.contains(it.key())) out[it.key()] = child(it.value());
  return out;
}

ordered_json statement(const json& j) {
  return ordered(j, kStatement);
}

ordered_json policy(const json& j) {
  if (!j.is_object() || !j.contains("Statement")) return any(j);
  ordered_json out = ordered(j, kPolicy);
  const json& s = j.at("Statement");
  if (s.is_array()) {
    out["Statement"] = ordered_json::array();
    for (const auto& one : s) out["Statement"].push_back(statement(one));
  } else {
    out["Statement"] = statement(s);
  }
  return out;
}

// Values that may hold policies: a policy itself, or lists (of lists) of them.
ordered_json policies(const json& j) {
  if (j.is_array()) {
    ordered_json out = ordered_json::array();
    for (const auto& one : j) out.push_back(policies(one));
    return out;
  }
  return policy(j);
}

ordered_json any(const json& j) {
  return ordered_json::parse(j.dump());
}

ordered_json list_of(const json& j, const Order& order,
                     ordered_json (*child)(const json&) = policies) {
  ordered_json out = ordered_json::array();
  if (!j.is_array()) return any(j);
  for (const auto& one : j) out.push_back(ordered(one, order, child));
  return out;
}

}  // namespace

ordered_json in_writing_order(const json& doc) {
  ordered_json out = ordered(doc, kTop);
  if (doc.contains("accounts")) out["accounts"] = list_of(doc["accounts"], kAccount);
  if (doc.contains("managed_policies"))
    out["managed_policies"] = ordered(doc["managed_policies"], {}, policy);
  if (doc.contains("principals")) out["principals"] = list_of(doc["principals"], kPrincipal);
  if (doc.contains("buckets")) out["buckets"] = list_of(doc["buckets"], kBucket);
  if (doc.contains("keys")) out["keys"] = list_of(doc["keys"], kKey);
  if (doc.contains("expectations"))
    out["expectations"] = list_of(doc["expectations"], kRequest, any);
  if (doc.contains("invariants")) out["invariants"] = list_of(doc["invariants"], kInvariant, any);
  return out;
}

}  // namespace accesspath::properties
