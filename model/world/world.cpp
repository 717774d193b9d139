#include "model/world/world.h"

#include <algorithm>
#include <array>

#include "model/core/arn.h"

namespace accesspath {

namespace {
constexpr std::array<std::pair<KeyState, std::string_view>, 3> kKeyStates = {{
    {KeyState::kEnabled, "Enabled"},
    {KeyState::kDisabled, "Disabled"},
    {KeyState::kPendingDeletion, "PendingDeletion"},
}};
}  // namespace

std::string_view key_state_name(KeyState s) {
  for (const auto& [state, name] : kKeyStates)
    if (state == s) return name;
  return "Enabled";
}

std::optional<KeyState> key_state_from_name(std::string_view name) {
  for (const auto& [state, state_name] : kKeyStates)
    if (state_name == name) return state;
  return std::nullopt;
}

std::string key_state_names_text() {
  std::string out;
  for (std::size_t i = 0; i < kKeyStates.size(); ++i) {
    if (i > 0) out += i + 1 == kKeyStates.size() ? " or " : ", ";
    out += "`" + std::string(kKeyStates[i].second) + "`";
  }
  return out;
}

BlockPublicAccess BlockPublicAccess::most_restrictive(const BlockPublicAccess& o) const {
  // S3: Blocking public access, "Amazon S3 applies the most restrictive combination" (rule 94).
  return {block_public_acls || o.block_public_acls, ignore_public_acls || o.ignore_public_acls,
          block_public_policy || o.block_public_policy,
          restrict_public_buckets || o.restrict_public_buckets};
}

World::World(const World& o)
    : accounts(o.accounts),
      managed_policies(o.managed_policies),
      groups(o.groups),
      principals(o.principals),
      buckets(o.buckets),
      keys(o.keys),
      resources(o.resources) {
  reindex();
}

World& World::operator=(const World& o) {
  if (this != &o) {
    World copy(o);
    *this = std::move(copy);
  }
  return *this;
}

void World::reindex() {
  account_index_.clear();
  group_index_.clear();
  principal_index_.clear();
  bucket_index_.clear();
  key_index_.clear();
  alias_index_.clear();
  // emplace keeps the first of duplicates, as the linear searches these replace did.
  for (std::size_t i = 0; i < accounts.size(); ++i) account_index_.emplace(accounts[i].id, i);
  for (std::size_t i = 0; i < groups.size(); ++i) group_index_.emplace(groups[i].arn, i);
  for (std::size_t i = 0; i < principals.size(); ++i)
    principal_index_.emplace(principals[i].arn, i);
  for (std::size_t i = 0; i < buckets.size(); ++i) bucket_index_.emplace(buckets[i].name, i);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    key_index_.emplace(keys[i].arn, i);
    for (const auto& alias : keys[i].aliases)
      alias_index_.emplace(keys[i].account + ":" + keys[i].region + ":" + alias, i);
  }
}

// Accounts and groups are looked up while the loader is still filling the vectors (before
// reindex); an index that does not cover the vector is not trusted, the vector is searched.
const Account* World::find_account(std::string_view id) const {
  // A few accounts (the usual scenario) are found faster by comparing 12-digit ids than by hashing;
  // the index serves organisations. It is also bypassed while the loader is still adding accounts.
  constexpr std::size_t kLinearScanUpTo = 8;
  if (accounts.size() <= kLinearScanUpTo || account_index_.size() != accounts.size()) {
    for (const auto& a : accounts)
      if (a.id == id) return &a;
    return nullptr;
  }
  auto it = account_index_.find(id);
  return it == account_index_.end() ? nullptr : &accounts[it->second];
}

const Principal* World::find_principal(std::string_view arn) const {
  auto it = principal_index_.find(arn);
  return it == principal_index_.end() ? nullptr : &principals[it->second];
}

const Principal* World::find_role_by_name(std::string_view account, std::string_view name) const {
  for (const auto& p : principals)
    if (p.kind == PrincipalKind::kRole && p.account == account && p.name == name) return &p;
  return nullptr;
}

const Group* World::find_group(std::string_view arn) const {
  if (group_index_.size() != groups.size()) {
    for (const auto& g : groups)
      if (g.arn == arn) return &g;
    return nullptr;
  }
  auto it = group_index_.find(arn);
  return it == group_index_.end() ? nullptr : &groups[it->second];
}

const Bucket* World::find_bucket(std::string_view name) const {
  auto it = bucket_index_.find(name);
  return it == bucket_index_.end() ? nullptr : &buckets[it->second];
}

const Key* World::find_key(std::string_view arn) const {
  auto it = key_index_.find(arn);
  return it == key_index_.end() ? nullptr : &keys[it->second];
}

const Key* World::find_alias(std::string_view account, std::string_view region,
                             std::string_view alias) const {
  // The index key "account:region:alias/x", composed on the stack: S3 resolves aws/s3 this way
  // on every SSE-KMS request.
  char buffer[256];
  const std::size_t size = account.size() + region.size() + alias.size() + 2;
  std::string heap;
  char* out = buffer;
  if (size > sizeof buffer) {
    heap.resize(size);
    out = heap.data();
  }
  char* p = out;
  p = std::copy(account.begin(), account.end(), p);
  *p++ = ':';
  p = std::copy(region.begin(), region.end(), p);
  *p++ = ':';
  std::copy(alias.begin(), alias.end(), p);
  auto it = alias_index_.find(std::string_view(out, size));
  return it == alias_index_.end() ? nullptr : &keys[it->second];
}

const Key* World::resolve_key(std::string_view ref, std::string_view account,
                              std::string_view region) const {
  // KMS: Learn how to use aliases / Allowing users in other accounts: "If you enter only a key ID
  // or alias name, AWS assumes the KMS key is in your account" (rule 67); an ARN names its own
  // account.
  if (ref.rfind("arn:", 0) == 0) {
    if (const Key* direct = find_key(ref)) return direct;  // the common case: a key ARN
    auto arn = parse_arn(ref);
    if (!arn || arn->service != "kms") return nullptr;
    if (arn->resource_type() == "key") return find_key(ref);
    if (arn->resource_type() == "alias") {
      return find_alias(arn->account, arn->region, arn->resource);
    }
    return nullptr;
  }
  if (ref.rfind("alias/", 0) == 0) {
    return find_alias(account, region, ref);
  }
  for (const auto& k : keys)
    if (k.id == ref && k.account == account && k.region == region) return &k;
  return nullptr;
}

const GenericResource* World::find_resource(std::string_view arn) const {
  for (const auto& r : resources)
    if (r.arn == arn) return &r;
  return nullptr;
}

}  // namespace accesspath
