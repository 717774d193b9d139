// Internal to the Terraform reader (terraform_plan.h): the plan's resource instances with what
// is unknown about them, and the configuration's references.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/import_report.h"

namespace accesspath::terraform {

struct Resource {
  std::string address;                                // module.m["a"].aws_iam_role.r[0]
  std::string module;                                 // module.m["a"] ("" at the root)
  std::string type;                                   // aws_iam_role
  std::string mode;                                   // managed or data
  nlohmann::json values = nlohmann::json::object();   // planned (or state) values
  nlohmann::json unknown = nlohmann::json::object();  // after_unknown: true where unknown
  nlohmann::json index;                               // count / for_each key, null if none
  std::string pointer;                                // where its values are in the plan file
};

// An attribute of a resource: its value when known; otherwise whether it is unknown until apply
// and the resources its configuration expression refers to.
struct Attribute {
  std::optional<nlohmann::json> value;
  bool unknown = false;
  bool configured = false;                  // the configuration sets it (else a computed attribute)
  std::vector<const Resource*> references;  // resolved instances, most specific first
};

class Plan {
 public:
  // False (reported) when `doc` is neither a plan nor a state.
  bool read(const nlohmann::json& doc, const std::string& file, ImportReport& report);

  const std::vector<Resource>& resources() const { return resources_; }
  Attribute attribute(const Resource& r, const std::string& name) const;
  // The instances of `ref` ("aws_kms_key.k", "aws_kms_key.k.arn", "module.m.aws_kms_key.k")
  // seen from a resource of module `module` with index `index`.
  std::vector<const Resource*> resolve(const std::string& module, const nlohmann::json& index,
                                       const std::string& ref) const;
  const std::string& file() const { return file_; }
  // The AWS provider's `region` when the configuration gives it as a constant ("" otherwise).
  const std::string& provider_region() const { return provider_region_; }

 private:
  void walk_module(const nlohmann::json& module, const std::string& pointer, ImportReport& report);
  void walk_configuration(const nlohmann::json& module, const std::string& prefix);

  std::string file_;
  std::string provider_region_;
  std::vector<Resource> resources_;
  // Configuration address without instance keys (module.m.aws_iam_role.r) -> expressions.
  std::map<std::string, nlohmann::json> expressions_;
};

// "module.m[\"a\"].module.n[0]" -> "module.m.module.n".
std::string strip_instance_keys(const std::string& address);

}  // namespace accesspath::terraform
