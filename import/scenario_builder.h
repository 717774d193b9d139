// Building a scenario document (docs/scenario-contract.md, format 1) from imported items.
// Each item carries where it came from (file and JSON pointer), and so does each policy document
// that `valid_policy` accepted: the document's place is written to the scenario's `sources`
// under the scenario pointer the document ends up at. Duplicates and policies the
// model's parser rejects are skipped and reported when added; `build` then loads the whole
// document with the scenario loader and removes whatever it still refuses (a reference to a
// group that was not exported, …), reporting each removal, until the document loads.
//
//   ScenarioBuilder b(report);
//   b.add_account("111122223333");
//   if (b.valid_policy(doc, PolicyKind::kIdentity, file, "/Policies/0", "policy `x`")) …
//   b.add_principal(principal_json, {file, "/RoleDetailList/0"});
//   std::optional<nlohmann::json> scenario = b.build("imported", "from aws:exports/");
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/import_report.h"
#include "model/policy/policy.h"

namespace accesspath {

// Where an item or a policy document came from: the export file or plan, the JSON pointer in it,
// and for a plan the Terraform address of the resource. It becomes the item's entry in the
// scenario's `sources` (docs/scenario-contract.md), which `check --format sarif` locates results
// at.
struct Origin {
  Origin() = default;
  Origin(std::string f, std::string p, std::string a = "")
      : file(std::move(f)), pointer(std::move(p)), address(std::move(a)) {}
  std::string file;
  std::string pointer;
  std::string address;  // Terraform resource address ("" for an AWS export)
};

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(ImportReport& report) : report_(report) {}

  // True when the model's parser accepts `doc` as a policy of `kind`; otherwise every error is
  // reported (at `origin`'s file, pointers below its pointer) and `what` is skipped.
  // An accepted document is remembered with its origin for `sources`.
  bool valid_policy(const nlohmann::json& doc, PolicyKind kind, const Origin& origin,
                    const std::string& what, PolicyOwner owner = PolicyOwner::kCustomer);

  // The account entry, created on first use.
  nlohmann::json& account(const std::string& id);
  bool has_account(const std::string& id) const { return accounts_.count(id) > 0; }
  std::vector<std::string> account_ids() const;

  // False (reported as a duplicate) when an item with the same identity was added before.
  bool add_managed_policy(const std::string& arn, nlohmann::json doc, const Origin& origin);
  bool has_managed_policy(const std::string& arn) const { return managed_.count(arn) > 0; }
  bool add_group(nlohmann::json group, const Origin& origin);          // by "arn"
  bool add_principal(nlohmann::json principal, const Origin& origin);  // by "arn"
  bool add_bucket(nlohmann::json bucket, const Origin& origin);        // by "name"
  bool add_key(nlohmann::json key, const Origin& origin);              // by "arn"
  // The bucket or key added under that name or ARN (nullptr when none), to fill in later.
  nlohmann::json* bucket(const std::string& name);
  nlohmann::json* key(const std::string& arn);

  // Every managed policy ARN a group or principal names (in `policies` or as its
  // `permissions_boundary`) that no `add_managed_policy` provided is removed, each reported as
  // skipped: an AWS managed policy that was referenced but not exported is never invented.
  void drop_missing_managed_references();

  // The scenario document, or nullopt when nothing usable remains (no account, or nothing in
  // it). Whatever the loader refuses is removed and reported.
  std::optional<nlohmann::json> build(const std::string& name, const std::string& description);

 private:
  struct Item {
    nlohmann::json value;
    Origin origin;
  };
  bool add_unique(std::map<std::string, Item>& items, const std::string& id, nlohmann::json value,
                  const Origin& origin, const std::string& what);
  nlohmann::json assemble(std::map<std::string, const Origin*>* origins) const;
  // `sources`: scenario pointer -> origin, for the items and the documents in them.
  nlohmann::json sources(const nlohmann::json& doc,
                         const std::map<std::string, const Origin*>& origins) const;
  // The documents in `value` (at `pointer` of the scenario), each at the place it was read from:
  // of equal documents, the one read inside `item` (the item's own origin), else the first.
  void document_sources(const nlohmann::json& value, const std::string& pointer, const Origin* item,
                        nlohmann::json& out) const;
  bool prune(const nlohmann::json& doc, const std::string& pointer, const std::string& message,
             const std::map<std::string, const Origin*>& origins);

  ImportReport& report_;
  std::map<std::string, nlohmann::json> accounts_;
  std::map<std::string, Item> managed_, groups_, principals_, buckets_, keys_;
  // Accepted policy document (dumped) -> where it was read, in reading order.
  std::map<std::string, std::vector<Origin>> documents_;
  std::set<std::string> removed_;  // "list\nid" of the items left out in this round of build()
};

}  // namespace accesspath
