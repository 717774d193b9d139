// Internal to the Terraform reader (terraform_plan.h): the importer that turns a plan's resources
// into scenario items, one member function per part of the world. Its parts live in
// terraform_plan.cpp (IAM, buckets, keys) and terraform_organizations.cpp (Organizations).
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/import_report.h"
#include "import/json_access.h"
#include "import/scenario_builder.h"
#include "import/terraform_parts.h"
#include "model/policy/policy.h"

namespace accesspath::terraform {

using nlohmann::json;

class Importer {
 public:
  Importer(const Plan& plan, ImportReport& report)
      : plan_(plan), report_(report), builder_(report) {}

  std::optional<json> run();

 private:
  std::string at(const Resource& r, const std::string& attr = "") const {
    return attr.empty() ? r.pointer : r.pointer + "/values/" + pointer_token(attr);
  }
  void unknown(const Resource& r, const std::string& attr, const std::string& consequence) {
    report_.unknown(plan_.file(), at(r, attr),
                    "`" + r.address + "." + attr + "` is known only after apply: " + consequence);
  }
  std::optional<std::string> string_attr(const Resource& r, const std::string& name) const {
    Attribute a = plan_.attribute(r, name);
    if (a.value && a.value->is_string() && !a.value->get<std::string>().empty())
      return a.value->get<std::string>();
    return std::nullopt;
  }
  const Resource* referenced(const Resource& r, const std::string& attr,
                             const std::string& type) const {
    for (const Resource* t : plan_.attribute(r, attr).references)
      if (t->type == type) return t;
    return nullptr;
  }

  void find_account_and_region();
  std::optional<std::string> iam_arn(const Resource& r, const std::string& kind);
  // The document of a policy attribute. An unknown one is reported unless `unknown_ok` (then
  // *unknown_ok tells, for a caller that reports it only if nothing else provides it).
  std::optional<json> policy_document(const Resource& r, const std::string& attr, PolicyKind kind,
                                      const std::string& what, bool* unknown_ok = nullptr);
  // A principal, group or policy named by an attribute: by value (a name, or an ARN) or by a
  // configuration reference to the resource.
  std::string* entity(const Resource& r, const std::string& attr, const std::string& type,
                      std::map<std::string, std::string>& by_name);
  std::optional<std::string> policy_arn(const Resource& r, const std::string& attr);
  json* bucket_of(const Resource& r);
  // A bucket's default encryption from a Terraform `rule` block, its key linked by reference.
  json encryption(const Resource& r, const std::string& attr, const json& rule);
  json* key_of(const Resource& r, const std::string& attr);

  void iam_entities();
  void iam_links();
  void buckets();
  void keys();
  void organizations();
  void organization_membership();

  const Plan& plan_;
  ImportReport& report_;
  ScenarioBuilder builder_;
  std::string account_, region_ = "us-east-1";
  struct Item {
    json value;
    Origin origin;
  };
  std::map<std::string, Item> principals_, groups_;                 // by ARN
  std::map<std::string, std::string> roles_, users_, group_names_;  // name -> ARN
  std::map<std::string, std::string> policy_by_address_;            // aws_iam_policy address -> ARN
  std::map<std::string, std::string> arn_by_address_;  // role/user/group address -> ARN
  std::map<std::string, Item> buckets_;                // by name
  std::map<std::string, std::string> bucket_by_address_;
  std::map<std::string, Item> keys_;  // by key address
  std::string notes_;
};

}  // namespace accesspath::terraform
