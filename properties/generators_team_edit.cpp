#include "properties/generators_team_edit.h"

#include <algorithm>
#include <functional>

#include "properties/generators_core.h"
#include "properties/generators_names.h"
#include "properties/generators_policies.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

bool contains(const Strings& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

rc::Gen<TeamEdit> edit(TeamEditKind kind, rc::Gen<std::string> target,
                       std::function<rc::Gen<json>(const std::string&)> document) {
  return rc::gen::mapcat(target, [kind, document](std::string t) {
    return rc::gen::map(document(t), [kind, t](json d) { return TeamEdit{kind, t, "", d, ""}; });
  });
}

std::string fresh_managed_arn(const json& doc, const std::string& account) {
  json managed = doc.value("managed_policies", json::object());
  for (int n = 0;; ++n) {
    std::string arn = "arn:aws:iam::" + account + ":policy/team-edit-" + std::to_string(n);
    if (!managed.contains(arn)) return arn;
  }
}

rc::Gen<json> gen_default_encryption(const Vocabulary& v) {
  Strings refs = {""};
  for (const auto& k : v.customer_keys) refs.push_back(k);
  for (const auto& a : v.key_aliases) refs.push_back(a);
  return rc::gen::apply(
      [](bool kms, std::string key, bool bucket_key) {
        if (!kms) return json{{"sse", "AES256"}};
        json e = {{"sse", "aws:kms"}};
        if (!key.empty()) e["kms_key"] = key;
        if (bucket_key) e["bucket_key"] = true;
        return e;
      },
      chance(70), pick(refs), chance(20));
}

rc::Gen<json> gen_new_grant(const Vocabulary& v, const GenSettings& s) {
  return rc::gen::apply(
      [](std::string grantee, std::vector<std::string> ops) {
        return json{{"grantee", grantee}, {"operations", ops}};
      },
      one_of_weighted<std::string>(
          {{1, gen_arn(v, ArnKind::kUser, s)}, {1, gen_arn(v, ArnKind::kRole, s)}}),
      between<std::string>(1, 2, pick<std::string>({"Decrypt", "GenerateDataKey", "Encrypt"})));
}

}  // namespace

bool EditTargets::empty() const {
  return bucket_policies.empty() && bucket_policy_deletes.empty() && bucket_encryptions.empty() &&
         key_policies.empty() && key_grants.empty() && inline_policies.empty() &&
         managed_attachments.empty() && trust_policies.empty();
}

rc::Gen<TeamEdit> gen_team_edit(const json& doc, const Strings& team, const GenSettings& s) {
  Strings team_accounts;
  for (const auto& p : team) team_accounts.push_back(account_of(p));
  auto owned = [&](const std::string& account) {
    return team.empty() || contains(team_accounts, account);
  };
  EditTargets t;
  for (const auto& b : doc.value("buckets", json::array()))
    if (owned(b.value("account", ""))) t.bucket_policies.push_back(b.value("name", ""));
  t.bucket_policy_deletes = t.bucket_encryptions = t.bucket_policies;
  for (const auto& k : doc.value("keys", json::array()))
    if (k.value("managed", "customer") != "aws" && owned(account_of(k.value("arn", ""))))
      t.key_policies.push_back(k.value("arn", ""));
  t.key_grants = t.key_policies;
  for (const auto& p : doc.value("principals", json::array())) {
    std::string arn = p.value("arn", "");
    if (!team.empty() && !contains(team, arn)) continue;
    t.inline_policies.push_back(arn);
    if (arn.find(":role/") != std::string::npos) t.trust_policies.push_back(arn);
  }
  t.managed_attachments = t.inline_policies;
  return gen_team_edit(doc, t, team, s);
}

rc::Gen<TeamEdit> gen_team_edit(const json& doc, const EditTargets& t, const Strings& team,
                                const GenSettings& s) {
  Vocabulary v = vocabulary_of(doc);
  v.favoured = team;
  std::vector<std::pair<int, rc::Gen<TeamEdit>>> edits;
  if (!t.bucket_policy_deletes.empty())
    edits.push_back({1, edit(TeamEditKind::kDeleteBucketPolicy, pick(t.bucket_policy_deletes),
                             [](const std::string&) { return rc::gen::just(json()); })});
  if (!t.bucket_encryptions.empty())
    edits.push_back({1, edit(TeamEditKind::kSetDefaultEncryption, pick(t.bucket_encryptions),
                             [v](const std::string&) { return gen_default_encryption(v); })});
  if (!t.key_grants.empty())
    edits.push_back({1, edit(TeamEditKind::kAddGrant, pick(t.key_grants),
                             [v, s](const std::string&) { return gen_new_grant(v, s); })});
  if (!t.inline_policies.empty())
    edits.push_back({2, edit(TeamEditKind::kPutIdentityPolicy, pick(t.inline_policies),
                             [v, s](const std::string&) {
                               return gen_policy(v, PolicyUse::kIdentity, "", s);
                             })});
  if (!t.managed_attachments.empty())
    edits.push_back(
        {1, rc::gen::map(edit(TeamEditKind::kAttachManagedPolicy, pick(t.managed_attachments),
                              [v, s](const std::string&) {
                                return gen_policy(v, PolicyUse::kIdentity, "", s);
                              }),
                         [doc](TeamEdit e) {
                           e.managed_arn = fresh_managed_arn(doc, account_of(e.target));
                           return e;
                         })});
  if (!t.bucket_policies.empty())
    edits.push_back({3, edit(TeamEditKind::kRewriteBucketPolicy, pick(t.bucket_policies),
                             [v, s](const std::string& b) {
                               return gen_policy(v, PolicyUse::kBucket, b, s);
                             })});
  if (!t.key_policies.empty())
    edits.push_back(
        {2,
         edit(TeamEditKind::kRewriteKeyPolicy, pick(t.key_policies), [v, s](const std::string& k) {
           return rc::gen::apply(
               [k](json p, bool delegate) {
                 if (delegate) p["Statement"].push_back(key_delegation_statement(account_of(k)));
                 return p;
               },
               gen_policy(v, PolicyUse::kKey, k, s), chance(s.key_delegates_percent));
         })});
  if (!t.trust_policies.empty())
    edits.push_back(
        {2, edit(TeamEditKind::kSetTrustPolicy, pick(t.trust_policies),
                 [v, s](const std::string& r) { return gen_policy(v, PolicyUse::kTrust, r, s); })});
  if (edits.empty())
    return rc::gen::just(
        TeamEdit{TeamEditKind::kDeleteBucketPolicy, "ghost-bucket", "", json(), ""});
  return one_of_weighted(edits);
}

}  // namespace accesspath::properties
