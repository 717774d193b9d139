#include "properties/team_edit.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

json* find_by(json& doc, const char* list, const char* key, const std::string& value) {
  if (!doc.contains(list) || !doc[list].is_array()) return nullptr;
  for (auto& item : doc[list])
    if (item.is_object() && item.value(key, "") == value) return &item;
  return nullptr;
}

}  // namespace

std::string_view to_string(TeamEditKind kind) {
  switch (kind) {
    case TeamEditKind::kRewriteBucketPolicy:
      return "RewriteBucketPolicy";
    case TeamEditKind::kDeleteBucketPolicy:
      return "DeleteBucketPolicy";
    case TeamEditKind::kSetDefaultEncryption:
      return "SetDefaultEncryption";
    case TeamEditKind::kRewriteKeyPolicy:
      return "RewriteKeyPolicy";
    case TeamEditKind::kAddGrant:
      return "AddGrant";
    case TeamEditKind::kPutIdentityPolicy:
      return "PutIdentityPolicy";
    case TeamEditKind::kAttachManagedPolicy:
      return "AttachManagedPolicy";
    case TeamEditKind::kSetTrustPolicy:
      return "SetTrustPolicy";
  }
  return "?";
}

bool apply(const TeamEdit& e, json& doc) {
  switch (e.kind) {
    case TeamEditKind::kRewriteBucketPolicy:
    case TeamEditKind::kDeleteBucketPolicy:
    case TeamEditKind::kSetDefaultEncryption: {
      json* b = find_by(doc, "buckets", "name", e.target);
      if (!b) return false;
      if (e.kind == TeamEditKind::kRewriteBucketPolicy) (*b)["policy"] = e.document;
      if (e.kind == TeamEditKind::kDeleteBucketPolicy) b->erase("policy");
      if (e.kind == TeamEditKind::kSetDefaultEncryption) (*b)["default_encryption"] = e.document;
      return true;
    }
    case TeamEditKind::kRewriteKeyPolicy:
    case TeamEditKind::kAddGrant: {
      json* k = find_by(doc, "keys", "arn", e.target);
      if (!k) return false;
      if (e.kind == TeamEditKind::kRewriteKeyPolicy) {
        (*k)["policy"] = e.document;
      } else {
        if (!k->contains("grants")) (*k)["grants"] = json::array();
        (*k)["grants"].push_back(e.document);
      }
      return true;
    }
    case TeamEditKind::kPutIdentityPolicy:
    case TeamEditKind::kAttachManagedPolicy:
    case TeamEditKind::kSetTrustPolicy: {
      json* p = find_by(doc, "principals", "arn", e.target);
      if (!p) return false;
      if (e.kind == TeamEditKind::kSetTrustPolicy) {
        if (e.target.find(":role/") == std::string::npos) return false;
        (*p)["trust_policy"] = e.document;
        return true;
      }
      if (!p->contains("policies")) (*p)["policies"] = json::array();
      if (e.kind == TeamEditKind::kPutIdentityPolicy) {
        (*p)["policies"].push_back(e.document);
      } else {
        doc["managed_policies"][e.managed_arn] = e.document;
        (*p)["policies"].push_back(e.managed_arn);
      }
      return true;
    }
  }
  return false;
}

json to_json(const TeamEdit& e) {
  json j = {{"kind", std::string(to_string(e.kind))}, {"target", e.target}};
  if (!e.managed_arn.empty()) j["managed_arn"] = e.managed_arn;
  if (!e.document.is_null()) j["document"] = e.document;
  return j;
}

void showValue(const TeamEdit& e, std::ostream& os) {
  os << to_json(e).dump(2);
}

}  // namespace accesspath::properties
