// Reading `terraform show -json` output (Terraform's "JSON Output Format"): resource instances
// from `planned_values` (a plan) or `values` (a state), unknowns from
// `resource_changes[].change.after_unknown`, and references from `configuration`.
#include <set>

#include "import/json_access.h"
#include "import/terraform_parts.h"
#include "model/core/diagnostic.h"

namespace accesspath::terraform {
namespace {

using nlohmann::json;

const json& member(const json& j, const char* key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

}  // namespace

std::string strip_instance_keys(const std::string& address) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
      continue;
    }
    if (c == '[')
      ++depth;
    else if (c == ']')
      --depth;
    else if (c == '"' && depth > 0)
      quoted = true;
    else if (depth == 0)
      out += c;
  }
  return out;
}

void Plan::walk_module(const json& module, const std::string& pointer, ImportReport& report) {
  if (!module.is_object()) {
    report.skipped(file_, pointer, "wrong shape: a module must be an object");
    return;
  }
  const json& list = member(module, "resources");
  if (!list.is_null() && !list.is_array())
    report.skipped(file_, pointer + "/resources", "wrong shape: `resources` must be a list");
  if (list.is_array()) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& r = list[i];
      if (!member(r, "address").is_string() || !member(r, "type").is_string()) {
        report.skipped(file_, pointer_join(pointer + "/resources", i),
                       "wrong shape: a resource needs an `address` and a `type`");
        continue;
      }
      Resource res;
      res.address = value_or(r, "address", "");
      res.type = value_or(r, "type", "");
      res.mode = value_or(r, "mode", "managed");
      if (r.contains("values") && r["values"].is_object()) res.values = r["values"];
      if (r.contains("index")) res.index = r["index"];
      std::string name = value_or(r, "name", "");
      std::string tail = (res.mode == "data" ? "data." : "") + res.type + "." + name;
      std::size_t at = res.address.rfind(tail);
      res.module = at != std::string::npos && at > 0 ? res.address.substr(0, at - 1) : "";
      res.pointer = pointer_join(pointer + "/resources", i);
      resources_.push_back(std::move(res));
    }
  }
  const json& children = member(module, "child_modules");
  if (!children.is_null() && !children.is_array())
    report.skipped(file_, pointer + "/child_modules",
                   "wrong shape: `child_modules` must be a list");
  if (children.is_array())
    for (std::size_t i = 0; i < children.size(); ++i)
      walk_module(children[i], pointer_join(pointer + "/child_modules", i), report);
}

void Plan::walk_configuration(const json& module, const std::string& prefix) {
  const json& list = member(module, "resources");
  if (list.is_array())
    for (const auto& r : list)
      if (r.is_object() && r.contains("address"))
        expressions_[prefix + value_or(r, "address", "")] = member(r, "expressions");
  const json& calls = member(module, "module_calls");
  if (calls.is_object())
    for (const auto& [name, call] : calls.items())
      walk_configuration(member(call, "module"), prefix + "module." + name + ".");
}

bool Plan::read(const json& doc, const std::string& file, ImportReport& report) {
  file_ = file;
  if (!doc.is_object() || !(doc.contains("planned_values") || doc.contains("values"))) {
    report.skipped(file, "",
                   "wrong shape: expected `terraform show -json` output (a plan with "
                   "`planned_values` or a state with `values`)");
    return false;
  }
  bool plan = doc.contains("planned_values");
  std::string root = plan ? "/planned_values/root_module" : "/values/root_module";
  walk_module(member(member(doc, plan ? "planned_values" : "values"), "root_module"), root, report);
  std::set<std::string> seen;
  for (const auto& r : resources_) seen.insert(r.address);
  // Data sources read during planning are in the prior state only.
  const json& prior = member(member(doc, "prior_state"), "values");
  if (plan && prior.is_object()) {
    std::size_t before = resources_.size();
    walk_module(member(prior, "root_module"), "/prior_state/values/root_module", report);
    std::vector<Resource> kept(resources_.begin(),
                               resources_.begin() + static_cast<std::ptrdiff_t>(before));
    for (std::size_t i = before; i < resources_.size(); ++i)
      if (resources_[i].mode == "data" && !seen.count(resources_[i].address))
        kept.push_back(resources_[i]);
    resources_ = std::move(kept);
  }
  const json& changes = member(doc, "resource_changes");
  if (changes.is_array()) {
    std::map<std::string, const json*> by_address;
    for (const auto& c : changes)
      if (c.is_object()) by_address[value_or(c, "address", "")] = &c;
    std::vector<Resource> kept;
    for (auto& r : resources_) {
      auto it = by_address.find(r.address);
      if (it != by_address.end()) {
        const json& change = member(*it->second, "change");
        const json& actions = member(change, "actions");
        if (actions == json::array({"delete"})) continue;  // gone after apply
        const json& au = member(change, "after_unknown");
        if (au.is_object()) r.unknown = au;
      }
      kept.push_back(std::move(r));
    }
    resources_ = std::move(kept);
  }
  const json& configuration = member(doc, "configuration");
  walk_configuration(member(configuration, "root_module"), "");
  const json& region =
      member(member(member(member(member(configuration, "provider_config"), "aws"), "expressions"),
                    "region"),
             "constant_value");
  if (region.is_string()) provider_region_ = region.get<std::string>();
  return true;
}

std::vector<const Resource*> Plan::resolve(const std::string& module, const json& index,
                                           const std::string& ref) const {
  // The reference's resource part: [module.x.]…[data.]type.name (an attribute may follow).
  std::string target = ref;
  std::vector<std::string> parts;
  for (std::size_t i = 0, j; i <= target.size(); i = j + 1) {
    j = target.find('.', i);
    if (j == std::string::npos) j = target.size();
    parts.push_back(target.substr(i, j - i));
  }
  std::string base;
  std::size_t k = 0;
  while (k + 1 < parts.size() && parts[k] == "module") {
    base += "module." + parts[k + 1] + ".";
    k += 2;
  }
  if (k < parts.size() && parts[k] == "data") {
    base += "data.";
    ++k;
  }
  if (k + 1 >= parts.size()) return {};
  base += parts[k] + "." + parts[k + 1];
  std::string wanted = strip_instance_keys(module.empty() ? base : module + "." + base);
  std::vector<const Resource*> all, same_index;
  for (const auto& r : resources_) {
    if (strip_instance_keys(r.address) != wanted) continue;
    // Same module instance (module.m["a"] refers within module.m["a"]).
    if (!module.empty() && r.module != module) continue;
    all.push_back(&r);
    if (!index.is_null() && r.index == index) same_index.push_back(&r);
  }
  if (all.size() == 1) return all;
  if (same_index.size() == 1) return same_index;
  return {};  // ambiguous or nothing
}

Attribute Plan::attribute(const Resource& r, const std::string& name) const {
  Attribute a;
  if (auto it = r.values.find(name); it != r.values.end() && !it->is_null()) a.value = *it;
  if (auto it = r.unknown.find(name); it != r.unknown.end() && *it == true) a.unknown = true;
  std::string config = strip_instance_keys(r.address);
  auto e = expressions_.find(config);
  if (e != expressions_.end() && e->second.is_object()) {
    // References anywhere below the attribute's expression (nested blocks too).
    a.configured = e->second.contains(name);
    std::vector<const json*> todo{&member(e->second, name.c_str())};
    while (!todo.empty()) {
      const json* expr = todo.back();
      todo.pop_back();
      if (expr->is_array())
        for (const auto& x : *expr) todo.push_back(&x);
      if (!expr->is_object()) continue;
      for (const auto& [k, v] : expr->items()) {
        if (k != "references") {
          todo.push_back(&v);
          continue;
        }
        if (!v.is_array()) continue;
        for (const auto& ref : v)
          if (ref.is_string())
            for (const Resource* t : resolve(r.module, r.index, ref.get<std::string>()))
              if (std::find(a.references.begin(), a.references.end(), t) == a.references.end())
                a.references.push_back(t);
      }
    }
  }
  return a;
}

}  // namespace accesspath::terraform
