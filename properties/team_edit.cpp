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
    case TeamEditKind::kAddGrant:
    case TeamEditKind::kSetKeyState: {
      json* k = find_by(doc, "keys", "arn", e.target);
      if (!k) return false;
      if (e.kind == TeamEditKind::kRewriteKeyPolicy) {
        (*k)["policy"] = e.document;
      } else if (e.kind == TeamEditKind::kSetKeyState) {
        if (!e.document.is_object() || k->value("state", "Enabled") != e.document.value("from", ""))
          return false;
        (*k)["state"] = e.document.value("to", "");
      } else {
        if (!k->contains("grants")) (*k)["grants"] = json::array();
        (*k)["grants"].push_back(e.document);
      }
      return true;
    }
    case TeamEditKind::kAddUserToGroup: {
      json* user = e.document.is_string()
                       ? find_by(doc, "principals", "arn", e.document.get<std::string>())
                       : nullptr;
      if (!find_by(doc, "groups", "arn", e.target) || !user) return false;
      if (!user->contains("groups")) (*user)["groups"] = json::array();
      for (const auto& g : (*user)["groups"])
        if (g == e.target) return true;
      (*user)["groups"].push_back(e.target);
      return true;
    }
    case TeamEditKind::kCreateCredentials:
      // The scenario format does not say who holds a user's credentials: no file text.
      return false;
    case TeamEditKind::kSetManagedPolicyVersion:
      if (!doc.contains("managed_policies") || !doc["managed_policies"].contains(e.target))
        return false;
      doc["managed_policies"][e.target] = e.document;
      return true;
    case TeamEditKind::kPutIdentityPolicy:
    case TeamEditKind::kAttachManagedPolicy:
    case TeamEditKind::kSetTrustPolicy:
    case TeamEditKind::kRemoveBoundary: {
      const bool group = e.target.find(":group/") != std::string::npos;
      json* p = find_by(doc, group ? "groups" : "principals", "arn", e.target);
      if (!p) return false;
      if (e.kind == TeamEditKind::kRemoveBoundary) {
        p->erase("permissions_boundary");
        return true;
      }
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

void showValue(const TeamEdit& e, std::ostream& os) {
  os << to_json(e).dump(2);
}

}  // namespace accesspath::properties
