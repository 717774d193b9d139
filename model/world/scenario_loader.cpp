// Loads scenarios (format 1), collecting every diagnostic with its JSON pointer: the
// document's sections are read by the Loader's parts (loader.h); this file reads the document as
// a whole and offers the entry points of scenario.h.

#include "model/world/json_parse.h"
#include "model/world/loader.h"
#include "model/world/scenario_lean_loader.h"

namespace accesspath {
namespace loading {

// docs/scenario-contract.md, "Sources": where `import` read each item and policy document, for
// reports that point at the export file or Terraform address (`check --format sarif`).
void Loader::check_sources(const json& obj) {
  for (const auto& [at, source] : obj.items()) {
    std::string ptr = pointer_join("/sources", at);
    if (!at.empty() && at.front() != '/') {
      diags_.error(ptr,
                   "a key of `sources` is a JSON pointer into this scenario (`/principals/0`)");
      continue;
    }
    if (!source.is_object()) {
      diags_.error(ptr, "a source is an object with `file`, `pointer` and `address`, got " +
                            kind_of(source));
      continue;
    }
    check_keys(source, ptr, {"file", "pointer", "address"});
    for (const char* k : {"file", "pointer", "address"})
      optional(source, ptr, k, json::value_t::string, "a string");
    if (auto p = source.find("pointer"); p != source.end() && p->is_string() &&
                                         !p->get<std::string>().empty() &&
                                         p->get<std::string>().front() != '/')
      diags_.error(ptr + "/pointer", "`pointer` is a JSON pointer (RFC 6901): \"\" or `/…`");
  }
}

std::optional<Scenario> Loader::load(const json& doc) {
  if (!doc.is_object()) {
    diags_.error("", "a scenario is a JSON object, got " + kind_of(doc));
    return std::nullopt;
  }
  check_keys(
      doc, "",
      {"$schema", "format", "name", "description", "accounts", "managed_policies", "groups",
       "principals", "buckets", "keys", "resources", "expectations", "invariants", "sources"});
  if (auto it = doc.find("format"); it == doc.end())
    diags_.error("", "missing required key `format` (the number 1)");
  else if (!it->is_number_integer() || it->get<long long>() != 1)
    diags_.error("/format", "`format` must be the number 1, got " + it->dump());
  if (const json* n = need(doc, "", "name", json::value_t::string, "a short identifier"))
    s_.name = n->get<std::string>();
  if (const json* d = optional(doc, "", "description", json::value_t::string, "free text"))
    s_.description = d->get<std::string>();
  if (const json* src = optional(doc, "", "sources", json::value_t::object,
                                 "an object of scenario JSON pointer to source"))
    check_sources(*src);
  const json* accounts = need(doc, "", "accounts", json::value_t::array, "a list of accounts");
  if (accounts) load_accounts(*accounts);
  if (const json* m = optional(doc, "", "managed_policies", json::value_t::object,
                               "an object of policy ARN to document"))
    load_managed(*m);
  if (accounts) {
    for (std::size_t i = 0; i < accounts->size() && i < s_.world.accounts.size(); ++i) {
      const json& a = (*accounts)[i];
      if (!a.is_object()) continue;
      std::string ptr = pointer_join("/accounts", i);
      Account& acct = s_.world.accounts[i];
      if (auto it = a.find("scps"); it != a.end())
        acct.scps = policy_levels(*it, ptr + "/scps", PolicyKind::kScp, acct.id);
      if (auto it = a.find("rcps"); it != a.end())
        acct.rcps = policy_levels(*it, ptr + "/rcps", PolicyKind::kRcp, acct.id);
      if (auto it = a.find("block_public_access"); it != a.end())
        acct.block_public_access = bpa(*it, ptr + "/block_public_access");
    }
  }
  if (const json* g = optional(doc, "", "groups", json::value_t::array, "a list of groups"))
    load_groups(*g);
  if (const json* p =
          need(doc, "", "principals", json::value_t::array, "a list of users and roles"))
    load_principals(*p);
  if (const json* k = optional(doc, "", "keys", json::value_t::array, "a list of KMS keys"))
    load_keys(*k);
  if (const json* b = optional(doc, "", "buckets", json::value_t::array, "a list of buckets"))
    load_buckets(*b);
  if (const json* r = optional(doc, "", "resources", json::value_t::array, "a list of resources"))
    load_resources(*r);
  // AWS creates the aws/s3 key in an account and Region on first use; provide it for every
  // bucket's account and Region that does not declare one.
  for (const auto& b : s_.world.buckets) {
    bool have = false;
    for (const auto& k : s_.world.keys)
      if (k.account == b.account && k.region == b.region &&
          std::find(k.aliases.begin(), k.aliases.end(), "alias/aws/s3") != k.aliases.end())
        have = true;
    if (!have) s_.world.keys.push_back(make_aws_managed_s3_key(b.account, b.region));
  }
  s_.world.reindex();
  // Key references that name no declared key (KMS would answer NotFound).
  for (const auto& b : s_.world.buckets) {
    auto check_ref = [&](const std::string& ref, const std::string& ptr) {
      if (ref.rfind("arn:aws:kms:", 0) == 0 && ref.find(":key/") != std::string::npos &&
          !s_.world.find_key(ref))
        diags_.warning(ptr, "KMS key `" + ref +
                                "` is not declared in `keys`; requests that need it are denied");
    };
    if (b.default_encryption)
      check_ref(b.default_encryption->kms_key, b.pointer + "/default_encryption/kms_key");
    for (std::size_t k = 0; k < b.objects.size(); ++k)
      if (b.objects[k].encryption)
        check_ref(b.objects[k].encryption->kms_key,
                  pointer_join(b.pointer + "/objects", k) + "/kms_key");
  }
  if (const json* e =
          optional(doc, "", "expectations", json::value_t::array, "a list of expectations"))
    load_expectations(*e);
  if (const json* i = optional(doc, "", "invariants", json::value_t::array, "a list of invariants"))
    load_invariants(*i);
  validate_invariants();
  lint_unknown_condition_keys();
  for (const auto& [arn, d] : std::map<std::string, Diagnostics>(managed_diags_))
    if (!used_otherwise_.count(arn)) report_managed_as_identity(arn);
  if (diags_.has_errors()) return std::nullopt;
  return std::move(s_);
}

LoadResult load_document(const json& doc, const std::string& file) {
  LoadResult r;
  Loader loader(r.diagnostics);
  r.scenario = loader.load(doc);
  if (r.scenario) r.scenario->file = file;
  r.diagnostics.set_file(file);
  return r;
}

}  // namespace loading

using nlohmann::json;

LoadResult load_scenario(const json& doc, const std::string& file) {
  LoadResult r = loading::load_document(doc, file);
  if (r.scenario) r.scenario->source = doc;
  return r;
}

namespace {

// `owner`, when given, holds `text` and may be kept by the scenario (deferred expectations).
LoadResult load_text(std::string_view text, const std::shared_ptr<const void>& owner,
                     const std::string& file, const LoadOptions& options) {
  if (!options.keep_source)
    if (std::optional<LoadResult> lean =
            load_scenario_lean(text, file, options.limits,
                               options.defer_expectations ? owner : nullptr, options.threads))
      return std::move(*lean);
  // Sizes, depth and characters as the tree is built: a document past the limits is never
  // built whole.
  LoadResult refused;
  std::optional<json> doc = parse_json_within_limits(text, refused.diagnostics, options.limits);
  if (!doc) {
    refused.diagnostics.set_file(file);
    return refused;
  }
  // The tree is kept as the scenario's source, not copied (a copy of a large file's tree costs
  // as much time and memory as building it).
  LoadResult r = loading::load_document(*doc, file);
  if (r.scenario) {
    if (!options.keep_source)
      if (auto it = doc->find("expectations"); it != doc->end()) *it = json::array();
    r.scenario->source = std::move(*doc);
  }
  return r;
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, const std::string& file,
                              const LoadOptions& options) {
  return load_text(text, nullptr, file, options);
}

LoadResult load_scenario_text(std::string_view text, std::shared_ptr<const void> owner,
                              const std::string& file, const LoadOptions& options) {
  return load_text(text, owner, file, options);
}

LoadResult load_scenario_text(std::shared_ptr<const std::string> text, const std::string& file,
                              const LoadOptions& options) {
  const std::string_view view = *text;
  return load_text(view, std::move(text), file, options);
}

}  // namespace accesspath
