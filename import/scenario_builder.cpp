#include "import/scenario_builder.h"

#include "import/json_access.h"
#include "model/core/diagnostic.h"
#include "model/world/scenario.h"

namespace accesspath {
namespace {

using nlohmann::json;

// The reference tokens of a JSON pointer, unescaped.
std::vector<std::string> tokens_of(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < pointer.size() && pointer[i] == '/') {
    std::size_t end = pointer.find('/', i + 1);
    std::string t =
        pointer.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
    std::string u;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '~' && k + 1 < t.size()) {
        u += t[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        u += t[k];
      }
    }
    out.push_back(u);
    if (end == std::string::npos) break;
    i = end;
  }
  return out;
}

std::optional<std::size_t> index_of(const std::string& token) {
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return static_cast<std::size_t>(std::stoul(token));
}

// Drops the nulls that pruning left in the arrays of an item (and in lists of lists).
void compact(json& value) {
  if (!value.is_object()) return;
  for (auto& [k, v] : value.items()) {
    if (!v.is_array()) continue;
    json kept = json::array();
    for (auto& e : v) {
      if (e.is_null()) continue;
      if (e.is_array()) {
        json inner = json::array();
        for (auto& x : e)
          if (!x.is_null()) inner.push_back(x);
        kept.push_back(inner);
      } else {
        kept.push_back(e);
      }
    }
    v = kept;
  }
}

// Removes what `tokens` (below the item) names from `value`: an element of one of its lists, or
// one of its keys. False when the tokens name the item itself.
bool remove_part(json& value, const std::vector<std::string>& tokens, std::size_t from) {
  if (tokens.size() <= from || !value.is_object() || !value.contains(tokens[from])) return false;
  json& part = value[tokens[from]];
  if (part.is_array() && tokens.size() > from + 1) {
    if (auto i = index_of(tokens[from + 1]); i && *i < part.size()) {
      json& element = part[*i];
      // A level of SCPs/RCPs: a list of policies.
      if (element.is_array() && tokens.size() > from + 2) {
        if (auto k = index_of(tokens[from + 2]); k && *k < element.size()) {
          element[*k] = nullptr;
          return true;
        }
      }
      element = nullptr;
      return true;
    }
  }
  value.erase(tokens[from]);
  return true;
}

// The account of an ARN (arn:partition:service:region:account:…), "" when it has none.
std::string account_of(const std::string& arn) {
  std::size_t at = 0;
  for (int field = 0; field < 4 && at != std::string::npos; ++field) at = arn.find(':', at + 1);
  if (at == std::string::npos) return "";
  std::string id = arn.substr(at + 1, 12);
  bool digits = id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos;
  return digits && arn.size() > at + 13 && arn[at + 13] == ':' ? id : "";
}

}  // namespace

bool ScenarioBuilder::valid_policy(const json& doc, PolicyKind kind, const Origin& origin,
                                   const std::string& what, PolicyOwner owner) {
  Diagnostics diags;
  parse_policy(doc, origin.pointer, kind, diags, owner);
  if (!diags.has_errors()) {
    documents_[doc.dump()].push_back(origin);
    return true;
  }
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError)
      report_.skipped(origin.file, d.pointer, what + " is left out: " + d.message);
  return false;
}

json& ScenarioBuilder::account(const std::string& id) {
  auto [it, inserted] = accounts_.try_emplace(id, json::object());
  if (inserted) it->second["id"] = id;
  return it->second;
}

std::vector<std::string> ScenarioBuilder::account_ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, a] : accounts_) ids.push_back(id);
  return ids;
}

bool ScenarioBuilder::add_unique(std::map<std::string, Item>& items, const std::string& id,
                                 json value, const Origin& origin, const std::string& what) {
  auto [it, inserted] = items.try_emplace(id, Item{std::move(value), origin});
  if (!inserted) {
    report_.skipped(
        origin.file, origin.pointer,
        "duplicate " + what + " `" + id + "` (first read from " + it->second.origin.file +
            (it->second.origin.pointer.empty() ? "" : " " + it->second.origin.pointer) + ")");
    return false;
  }
  return true;
}

bool ScenarioBuilder::add_managed_policy(const std::string& arn, json doc, const Origin& origin) {
  return add_unique(managed_, arn, std::move(doc), origin, "managed policy");
}
bool ScenarioBuilder::add_group(json group, const Origin& origin) {
  std::string id = value_or(group, "arn", "");
  if (std::string acct = account_of(id); !acct.empty()) account(acct);
  return add_unique(groups_, id, std::move(group), origin, "group");
}

bool ScenarioBuilder::add_principal(json principal, const Origin& origin) {
  std::string id = value_or(principal, "arn", "");
  // A plan may hold principals of several accounts (providers with other credentials).
  if (std::string acct = account_of(id); !acct.empty()) account(acct);
  return add_unique(principals_, id, std::move(principal), origin, "principal");
}
bool ScenarioBuilder::add_bucket(json bucket, const Origin& origin) {
  std::string id = value_or(bucket, "name", "");
  return add_unique(buckets_, id, std::move(bucket), origin, "bucket");
}
bool ScenarioBuilder::add_key(json key, const Origin& origin) {
  std::string id = value_or(key, "arn", "");
  if (std::string acct = account_of(id); !acct.empty()) account(acct);
  return add_unique(keys_, id, std::move(key), origin, "key");
}

json* ScenarioBuilder::bucket(const std::string& name) {
  auto it = buckets_.find(name);
  return it == buckets_.end() ? nullptr : &it->second.value;
}
json* ScenarioBuilder::key(const std::string& arn) {
  auto it = keys_.find(arn);
  return it == keys_.end() ? nullptr : &it->second.value;
}

void ScenarioBuilder::drop_missing_managed_references() {
  for (auto* items : {&groups_, &principals_}) {
    for (auto& entry : *items) {
      // Named, not bound: clang 14 cannot capture structured bindings in a lambda.
      const std::string& id = entry.first;
      auto& item = entry.second;
      auto missing = [&](const json& ref) {
        if (!ref.is_string() || managed_.count(ref.get<std::string>())) return false;
        report_.skipped(item.origin.file, item.origin.pointer,
                        "`" + id + "` names managed policy `" + ref.get<std::string>() +
                            "`, which is not in the input (not exported, or not in the plan): left "
                            "out, not invented");
        return true;
      };
      if (auto p = item.value.find("policies"); p != item.value.end() && p->is_array()) {
        json kept = json::array();
        for (const auto& ref : *p)
          if (!missing(ref)) kept.push_back(ref);
        *p = kept;
      }
      if (auto b = item.value.find("permissions_boundary"); b != item.value.end() && missing(*b))
        item.value.erase(b);
    }
  }
}

json ScenarioBuilder::assemble(std::map<std::string, const Origin*>* origins) const {
  json doc = json::object();
  doc["format"] = 1;
  json accounts = json::array();
  for (const auto& [id, a] : accounts_) accounts.push_back(a);
  doc["accounts"] = accounts;
  if (!managed_.empty()) {
    json m = json::object();
    for (const auto& [arn, item] : managed_) {
      m[arn] = item.value;
      if (origins) (*origins)[pointer_join("/managed_policies", arn)] = &item.origin;
    }
    doc["managed_policies"] = m;
  }
  auto list = [&](const char* name, const std::map<std::string, Item>& items, bool always) {
    if (items.empty() && !always) return;
    json l = json::array();
    for (const auto& [id, item] : items) {
      if (origins) (*origins)[pointer_join(std::string("/") + name, l.size())] = &item.origin;
      l.push_back(item.value);
    }
    doc[name] = l;
  };
  list("groups", groups_, false);
  list("principals", principals_, true);
  list("buckets", buckets_, false);
  list("keys", keys_, false);
  return doc;
}

namespace {

json origin_json(const Origin& o) {
  json j = {{"file", o.file}, {"pointer", o.pointer}};
  if (!o.address.empty()) j["address"] = o.address;
  return j;
}

// The parts of an item that hold policy documents (or lists, or levels of them).
bool holds_documents(const std::string& key) {
  return key == "policies" || key == "trust_policy" || key == "permissions_boundary" ||
         key == "policy" || key == "scps" || key == "rcps";
}

}  // namespace

void ScenarioBuilder::document_sources(const json& value, const std::string& pointer,
                                       const Origin* item, json& out) const {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      document_sources(value[i], pointer_join(pointer, i), item, out);
    return;
  }
  if (!value.is_object()) return;
  if (auto it = documents_.find(value.dump()); it != documents_.end()) {
    const Origin* best = &it->second.front();
    for (const Origin& o : it->second)
      if (item && o.file == item->file && o.pointer.starts_with(item->pointer + "/")) best = &o;
    out[pointer] = origin_json(*best);
    return;
  }
  for (const auto& [k, v] : value.items())
    if (holds_documents(k)) document_sources(v, pointer_join(pointer, k), item, out);
}

json ScenarioBuilder::sources(const json& doc,
                              const std::map<std::string, const Origin*>& origins) const {
  json out = json::object();
  for (const auto& [pointer, origin] : origins) out[pointer] = origin_json(*origin);
  if (auto m = doc.find("managed_policies"); m != doc.end())
    for (const auto& [arn, policy] : m->items())
      if (auto it = documents_.find(policy.dump()); it != documents_.end()) {
        json o = origin_json(it->second.front());
        // The place of the document in the file, with the Terraform address of its resource.
        if (const auto item = origins.find(pointer_join("/managed_policies", arn));
            item != origins.end() && !o.contains("address") && !item->second->address.empty())
          o["address"] = item->second->address;
        out[pointer_join("/managed_policies", arn)] = o;
      }
  for (const char* list : {"accounts", "groups", "principals", "buckets", "keys"})
    if (auto l = doc.find(list); l != doc.end() && l->is_array())
      for (std::size_t i = 0; i < l->size(); ++i) {
        std::string item = pointer_join(std::string("/") + list, i);
        auto origin = origins.find(item);
        const Origin* from = origin == origins.end() ? nullptr : origin->second;
        for (const auto& [k, v] : (*l)[i].items())
          if (holds_documents(k)) document_sources(v, pointer_join(item, k), from, out);
      }
  return out;
}

bool ScenarioBuilder::prune(const json& doc, const std::string& pointer, const std::string& message,
                            const std::map<std::string, const Origin*>& origins) {
  std::vector<std::string> t = tokens_of(pointer);
  if (t.size() < 2) return false;
  std::string item_pointer = pointer_join("/" + pointer_token(t[0]), t[1]);
  auto origin_it = origins.find(item_pointer);
  Origin origin = origin_it != origins.end() ? *origin_it->second : Origin{};
  std::string why = "`" + pointer + "` of the generated scenario: " + message;
  if (t[0] == "managed_policies") {
    if (!managed_.erase(t[1])) return true;  // already left out this round
    report_.skipped(origin.file, origin.pointer, "managed policy `" + t[1] + "` left out: " + why);
    return true;
  }
  std::map<std::string, Item>* items = t[0] == "groups"       ? &groups_
                                       : t[0] == "principals" ? &principals_
                                       : t[0] == "buckets"    ? &buckets_
                                       : t[0] == "keys"       ? &keys_
                                                              : nullptr;
  auto index = index_of(t[1]);
  if (!index) return false;
  if (t[0] == "accounts") {
    if (*index >= accounts_.size()) return false;
    auto it = std::next(accounts_.begin(), static_cast<std::ptrdiff_t>(*index));
    if (t.size() < 3 || !remove_part(it->second, t, 2)) return false;
    report_.skipped("", pointer, "part of account `" + it->first + "` left out: " + message);
    return true;
  }
  if (!items || *index >= items->size()) return false;
  const json& value = doc[t[0]][*index];
  std::string id = value_or(value, t[0] == "buckets" ? "name" : "arn", "");
  auto it = items->find(id);
  if (it == items->end()) return removed_.count(t[0] + "\n" + id) > 0;  // left out this round
  if (t.size() >= 3 && !it->second.value.contains(t[2])) return true;
  // What identifies or places the item cannot go alone: the item goes.
  bool identity =
      t.size() >= 3 && (t[2] == "arn" || t[2] == "name" || t[2] == "account" || t[2] == "region");
  if (t.size() >= 3 && !identity && remove_part(it->second.value, t, 2)) {
    report_.skipped(origin.file, origin.pointer,
                    "`" + t[2] + "` entry of `" + id + "` left out: " + why);
  } else {
    report_.skipped(origin.file, origin.pointer, "`" + id + "` left out: " + why);
    removed_.insert(t[0] + "\n" + id);
    items->erase(it);
  }
  return true;
}

std::optional<json> ScenarioBuilder::build(const std::string& name,
                                           const std::string& description) {
  std::string previous;  // the errors of the last round: the same again means no progress
  for (int round = 0; round < 64; ++round) {
    removed_.clear();
    std::map<std::string, const Origin*> origins;
    json doc = assemble(&origins);
    doc["name"] = name;
    doc["description"] = description;
    if (principals_.empty() && buckets_.empty() && keys_.empty() && groups_.empty() &&
        managed_.empty())
      return std::nullopt;
    LoadResult loaded = load_scenario(doc, "");
    if (!loaded.diagnostics.has_errors()) {
      report_.imported(managed_.size() + groups_.size() + principals_.size() + buckets_.size() +
                       keys_.size());
      if (json s = sources(doc, origins); !s.empty()) doc["sources"] = std::move(s);
      return doc;
    }
    std::string errors;
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == Severity::kError) errors += d.pointer + "\n" + d.message + "\n";
    if (errors == previous) {
      report_.skipped("", "", "the generated scenario is still refused: " + errors);
      return std::nullopt;
    }
    previous = errors;
    bool pruned = false;
    std::set<std::string> seen;
    for (const auto& d : loaded.diagnostics.items()) {
      if (d.severity != Severity::kError || !seen.insert(d.pointer).second) continue;
      if (prune(doc, d.pointer, d.message, origins)) {
        pruned = true;
      } else {
        report_.skipped("", d.pointer, "the generated scenario is refused: " + d.message);
        return std::nullopt;
      }
    }
    for (auto* items : {&groups_, &principals_, &buckets_, &keys_})
      for (auto& [id, item] : *items) compact(item.value);
    for (auto& [id, a] : accounts_) compact(a);
    if (!pruned) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace accesspath
