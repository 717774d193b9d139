#include "properties/generators_world.h"

#include "properties/generators_core.h"
#include "properties/generators_names.h"
#include "properties/generators_policies.h"
#include "properties/generators_world_facts.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Pointer = json::json_pointer;
using Strings = std::vector<std::string>;

const Strings kAccountIds = {"111111111111", "222222222222", "333333333333"};
const Strings kUserNames = {"alice", "bob"};
const Strings kRoleNames = {"app", "admin"};
const Strings kObjectKeys = {"reports/q1.pdf", "plain.txt", "raw/data.bin"};

rc::Gen<std::string> gen_region() {
  return pick_weighted<std::string>({{3, "us-east-1"}, {1, "eu-west-1"}});
}

json null_json() {
  return json();
}

// A value of `gen` with `percent` chance, otherwise null ("leave it out"); shrinks toward null.
rc::Gen<json> sometimes(int percent, rc::Gen<json> gen) {
  return rc::gen::mapcat(chance(percent),
                         [gen](bool yes) { return yes ? gen : rc::gen::just(null_json()); });
}

// --- step 1: accounts, principals, groups, managed policy names ---

struct AccountShape {
  std::size_t users = 0;
  std::size_t roles = 0;
  bool group = false;
  bool managed = false;
};

rc::Gen<AccountShape> gen_account_shape(const GenSettings& s) {
  return rc::gen::apply(
      [](std::size_t users, std::size_t roles, bool group, bool managed) {
        return AccountShape{users, roles, group, managed};
      },
      count(0, s.max_users_per_account), count(0, s.max_roles_per_account), chance(s.group_percent),
      chance(s.managed_policy_percent));
}

rc::Gen<json> gen_accounts_and_principals(const GenSettings& s) {
  std::size_t max = std::min(s.max_accounts, kAccountIds.size());
  return rc::gen::mapcat(count(1, std::max<std::size_t>(1, max)), [s](std::size_t n) {
    return rc::gen::map(
        rc::gen::container<std::vector<AccountShape>>(n, gen_account_shape(s)),
        [](const std::vector<AccountShape>& shapes) {
          json doc = {{"format", 1}, {"name", "generated"}};
          doc["accounts"] = json::array();
          doc["principals"] = json::array();
          for (std::size_t i = 0; i < shapes.size(); ++i) {
            const std::string& id = kAccountIds[i];
            doc["accounts"].push_back({{"id", id}});
            for (std::size_t u = 0; u < shapes[i].users && u < kUserNames.size(); ++u)
              doc["principals"].push_back(
                  {{"arn", "arn:aws:iam::" + id + ":user/" + kUserNames[u]}});
            for (std::size_t r = 0; r < shapes[i].roles && r < kRoleNames.size(); ++r)
              doc["principals"].push_back(
                  {{"arn", "arn:aws:iam::" + id + ":role/" + kRoleNames[r]}});
            if (shapes[i].group) {
              if (!doc.contains("groups")) doc["groups"] = json::array();
              doc["groups"].push_back({{"arn", "arn:aws:iam::" + id + ":group/readers"}});
            }
            if (shapes[i].managed)
              doc["managed_policies"]["arn:aws:iam::" + id + ":policy/shared"] =
                  full_aws_access_policy();  // replaced by a generated policy in step 4
          }
          return doc;
        });
  });
}

// --- step 2: keys ---

rc::Gen<json> gen_customer_key(const Strings& accounts, std::size_t index, const GenSettings& s) {
  int d = s.disabled_key_percent;
  return rc::gen::apply(
      [index](std::string account, std::string region, bool alias, std::string state) {
        std::string id = "0000000" + std::to_string(index) + "-1111-2222-3333-444444444444";
        json k = {{"arn", "arn:aws:kms:" + region + ":" + account + ":key/" + id}};
        if (alias) k["aliases"] = {"alias/key-" + std::to_string(index)};
        if (state != "Enabled") k["state"] = state;
        return k;
      },
      pick(accounts), gen_region(), chance(50),
      pick_weighted<std::string>(
          {{100 - d, "Enabled"}, {(d + 1) / 2, "Disabled"}, {d / 2, "PendingDeletion"}}));
}

rc::Gen<json> gen_keys(const json& doc, const GenSettings& s) {
  Strings accounts;
  for (const auto& a : doc["accounts"]) accounts.push_back(a["id"].get<std::string>());
  return rc::gen::mapcat(count(0, s.max_keys), [doc, accounts, s](std::size_t n) {
    std::vector<rc::Gen<json>> keys;
    for (std::size_t i = 0; i < n; ++i) keys.push_back(gen_customer_key(accounts, i, s));
    // Sometimes the world declares the AWS managed key aws/s3 itself (its policy is AWS's).
    auto aws_key = sometimes(
        s.declared_aws_key_percent,
        rc::gen::apply(
            [](std::string account, std::string region) {
              return json{{"arn", "arn:aws:kms:" + region + ":" + account + ":key/aws-s3-declared"},
                          {"aliases", {"alias/aws/s3"}},
                          {"managed", "aws"}};
            },
            pick(accounts), gen_region()));
    return rc::gen::apply(
        [doc](std::vector<json> customer, json aws) {
          json out = doc;
          out["keys"] = customer;
          if (!aws.is_null()) out["keys"].push_back(aws);
          return out;
        },
        sequence(keys), aws_key);
  });
}

// --- step 3: buckets and objects ---

// How an object or a default encryption names its KMS key: "" (aws/s3), a key ARN, a bare key
// id, an alias name or an alias ARN; sometimes a key that does not exist. Keys in the bucket's
// Region are favoured (S3 uses only those, rule 82), others still appear.
rc::Gen<std::string> gen_key_ref(const Vocabulary& v, const std::string& region,
                                 const GenSettings& s) {
  std::vector<std::string> local;
  for (const auto& k : v.customer_keys)
    if (region_of(k) == region) local.push_back(k);
  std::vector<std::pair<int, rc::Gen<std::string>>> gens = {{2, rc::gen::just(std::string())}};
  if (!local.empty()) gens.push_back({8, pick(local)});
  if (!v.customer_keys.empty()) {
    gens.push_back({2, pick(v.customer_keys)});
    gens.push_back({1, rc::gen::map(pick(v.customer_keys), last_segment)});
  }
  if (!v.key_aliases.empty()) {
    gens.push_back({1, pick(v.key_aliases)});
    gens.push_back({1, rc::gen::map(pick(v.key_aliases), [](std::string a) {
                      return a.substr(a.find(":alias/") + 1);
                    })});
  }
  if (s.dangling_percent > 0)
    gens.push_back({1, gen_arn(Vocabulary{}, ArnKind::kKey, GenSettings{.dangling_percent = 100})});
  return one_of_weighted(gens);
}

rc::Gen<json> gen_encryption(const Vocabulary& v, const std::string& region, bool is_default,
                             const GenSettings& s) {
  std::vector<std::pair<int, std::string>> sse = {{2, "AES256"}, {4, "aws:kms"}};
  if (!is_default) sse.push_back({1, "SSE-C"});
  return rc::gen::apply(
      [](std::string kind, std::string key, bool bucket_key) {
        json e = {{"sse", kind}};
        if (kind == "aws:kms") {
          if (!key.empty()) e["kms_key"] = key;
          if (bucket_key) e["bucket_key"] = true;
        }
        return e;
      },
      pick_weighted(sse), gen_key_ref(v, region, s), chance(20));
}

rc::Gen<json> gen_object(const Vocabulary& v, const std::string& region, std::size_t index,
                         const GenSettings& s) {
  return rc::gen::map(sometimes(75, gen_encryption(v, region, false, s)), [index](json enc) {
    json o = {{"key", kObjectKeys[index]}};
    if (!enc.is_null())
      for (const auto& [k, value] : enc.items()) o[k] = value;
    return o;
  });
}

rc::Gen<json> gen_bucket(const Vocabulary& v, const Strings& accounts, std::size_t index,
                         const GenSettings& s) {
  std::size_t max_objects = std::min(s.max_objects_per_bucket, kObjectKeys.size());
  auto where = rc::gen::tuple(pick(accounts), gen_region());
  return rc::gen::mapcat(where, [v, s, index, max_objects](std::tuple<std::string, std::string> w) {
    // Named copies, not a structured binding: clang 14 cannot capture bindings in lambdas.
    const std::string account = std::get<0>(w);
    const std::string region = std::get<1>(w);
    auto objects = rc::gen::mapcat(count(0, max_objects), [v, s, region](std::size_t n) {
      std::vector<rc::Gen<json>> gens;
      for (std::size_t i = 0; i < n; ++i) gens.push_back(gen_object(v, region, i, s));
      return sequence(gens);
    });
    return rc::gen::apply(
        [index, account, region](json default_encryption, std::vector<json> objs) {
          json b = {{"name", "data-" + std::to_string(index)},
                    {"account", account},
                    {"region", region},
                    {"objects", objs}};
          if (!default_encryption.is_null()) b["default_encryption"] = default_encryption;
          return b;
        },
        sometimes(50, gen_encryption(v, region, true, s)), objects);
  });
}

rc::Gen<json> gen_buckets(const json& doc, const GenSettings& s) {
  Strings accounts;
  for (const auto& a : doc["accounts"]) accounts.push_back(a["id"].get<std::string>());
  Vocabulary v = vocabulary_of(doc);
  return rc::gen::mapcat(count(1, std::max<std::size_t>(1, s.max_buckets)),
                         [doc, v, accounts, s](std::size_t n) {
                           std::vector<rc::Gen<json>> gens;
                           for (std::size_t i = 0; i < n; ++i)
                             gens.push_back(gen_bucket(v, accounts, i, s));
                           return rc::gen::map(sequence(gens), [doc](std::vector<json> buckets) {
                             json out = doc;
                             out["buckets"] = buckets;
                             return out;
                           });
                         });
}

// --- step 4: policies ---

struct Slot {
  Pointer where;
  rc::Gen<json> what;  // null: leave the slot out
};

rc::Gen<json> gen_grant(const Vocabulary& v, const GenSettings& s) {
  Strings context_values = v.objects;
  for (const auto& b : v.buckets) context_values.push_back("arn:aws:s3:::" + b);
  if (context_values.empty()) context_values.push_back("arn:aws:s3:::ghost-bucket");
  auto grantee = one_of_weighted<std::string>({{4, gen_arn(v, ArnKind::kUser, s)},
                                               {4, gen_arn(v, ArnKind::kRole, s)},
                                               {1, gen_arn(v, ArnKind::kSession, s)}});
  auto operations = between<std::string>(
      1, 3, pick<std::string>({"Decrypt", "GenerateDataKey", "Encrypt", "DescribeKey"}));
  // Constraint keys are case-insensitive, values case-sensitive (KMS API: GrantConstraints).
  auto constraints = sometimes(
      30, rc::gen::apply(
              [](bool equals, std::string value, std::string key) {
                return json{{equals ? "EncryptionContextEquals" : "EncryptionContextSubset",
                             {{key, value}}}};
              },
              chance(50), pick(context_values),
              pick_weighted<std::string>({{6, "aws:s3:arn"}, {1, "aws:S3:arn"}})));
  return rc::gen::apply(
      [](std::string who, std::vector<std::string> ops, json c) {
        json g = {{"grantee", who}, {"operations", ops}};
        if (!c.is_null()) g["constraints"] = c;
        return g;
      },
      grantee, operations, constraints);
}

rc::Gen<json> gen_scp_levels(const Vocabulary& v, const GenSettings& s) {
  auto level = rc::gen::apply(
      [](bool full, std::vector<json> extra) {
        json policies = json::array();
        if (full) policies.push_back(full_aws_access_policy());
        for (auto& p : extra) policies.push_back(p);
        return policies;
      },
      chance(85), up_to(2, gen_policy(v, PolicyUse::kScp, "", s)));
  return rc::gen::map(between(1, 2, level), [](std::vector<json> levels) { return json(levels); });
}

rc::Gen<json> gen_identity_policies(const Vocabulary& v, const std::string& account,
                                    const json& doc, const GenSettings& s) {
  std::string managed = "arn:aws:iam::" + account + ":policy/shared";
  bool has_managed = doc.contains("managed_policies") && doc["managed_policies"].contains(managed);
  return rc::gen::apply(
      [managed, has_managed](std::vector<json> inline_policies, bool attach, bool admin) {
        json out = inline_policies;
        if (has_managed && attach) out.push_back(managed);
        // A broad working policy, so that denies, boundaries, SCPs, RCPs and key policies decide.
        if (admin)
          out.push_back({{"Version", "2012-10-17"},
                         {"Statement",
                          {{{"Effect", "Allow"},
                            {"Action", {"s3:*", "kms:*", "sts:AssumeRole"}},
                            {"Resource", "*"}}}}});
        return out;
      },
      up_to(s.max_inline_policies, gen_policy(v, PolicyUse::kIdentity, "", s)), chance(60),
      chance(s.admin_percent));
}

std::vector<Slot> policy_slots(const json& doc, const GenSettings& s) {
  Vocabulary v = vocabulary_of(doc);
  std::vector<Slot> slots;
  const json& principals = doc["principals"];
  for (std::size_t i = 0; i < principals.size(); ++i) {
    std::string arn = principals[i]["arn"].get<std::string>();
    std::string account = account_of(arn);
    Pointer p = Pointer("/principals") / i;
    slots.push_back({p / "policies", gen_identity_policies(v, account, doc, s)});
    slots.push_back({p / "permissions_boundary",
                     sometimes(s.boundary_percent, gen_policy(v, PolicyUse::kBoundary, "", s))});
    // A `team` tag (string conditions, ABAC) and a base64 `badge` tag (BinaryEquals).
    slots.push_back({p / "tags", sometimes(s.tag_percent,
                                           rc::gen::apply(
                                               [](std::string team, bool badge, std::string value) {
                                                 json tags = {{"team", team}};
                                                 if (badge) tags["badge"] = value;
                                                 return tags;
                                               },
                                               pick(kTeams), chance(s.badge_percent),
                                               pick<std::string>(kBadges)))});
    if (arn.find(":role/") != std::string::npos)
      slots.push_back({p / "trust_policy", sometimes(s.trust_policy_percent,
                                                     gen_policy(v, PolicyUse::kTrust, arn, s))});
    std::string group = "arn:aws:iam::" + account + ":group/readers";
    bool group_exists = false;
    for (const auto& g : doc.value("groups", json::array())) group_exists |= g["arn"] == group;
    if (arn.find(":user/") != std::string::npos && group_exists)
      slots.push_back({p / "groups", sometimes(50, rc::gen::just(json::array({group})))});
  }
  const json groups = doc.value("groups", json::array());
  for (std::size_t g = 0; g < groups.size(); ++g)
    slots.push_back({Pointer("/groups") / g / "policies",
                     rc::gen::map(gen_policy(v, PolicyUse::kIdentity, "", s),
                                  [](json p) { return json::array({p}); })});
  for (const auto& arn : v.managed_policies)
    slots.push_back(
        {Pointer("/managed_policies") / arn, gen_policy(v, PolicyUse::kIdentity, "", s)});
  const json& buckets = doc["buckets"];
  for (std::size_t b = 0; b < buckets.size(); ++b)
    slots.push_back(
        {Pointer("/buckets") / b / "policy",
         sometimes(s.bucket_policy_percent,
                   gen_policy(v, PolicyUse::kBucket, buckets[b]["name"].get<std::string>(), s))});
  const json& keys = doc["keys"];
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (keys[k].value("managed", "customer") == "aws") continue;  // AWS writes that policy
    std::string arn = keys[k]["arn"].get<std::string>();
    auto policy = rc::gen::apply(
        [arn](json p, bool delegate) {
          if (delegate) p["Statement"].push_back(key_delegation_statement(account_of(arn)));
          return p;
        },
        gen_policy(v, PolicyUse::kKey, arn, s), chance(s.key_delegates_percent));
    slots.push_back({Pointer("/keys") / k / "policy", sometimes(s.key_policy_percent, policy)});
    slots.push_back(
        {Pointer("/keys") / k / "grants",
         sometimes(s.grant_percent, rc::gen::map(between(1, 2, gen_grant(v, s)),
                                                 [](std::vector<json> g) { return json(g); }))});
  }
  const json& accounts = doc["accounts"];
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    slots.push_back(
        {Pointer("/accounts") / a / "scps", sometimes(s.scp_percent, gen_scp_levels(v, s))});
    slots.push_back(
        {Pointer("/accounts") / a / "rcps",
         sometimes(s.rcp_percent, rc::gen::map(gen_policy(v, PolicyUse::kRcp, "", s), [](json p) {
                     return json::array({json::array({p})});
                   }))});
  }
  return slots;
}

}  // namespace

rc::Gen<json> gen_world_skeleton(const GenSettings& s) {
  return rc::gen::mapcat(
      rc::gen::mapcat(rc::gen::mapcat(gen_accounts_and_principals(s),
                                      [s](json doc) { return gen_keys(doc, s); }),
                      [s](json doc) { return gen_buckets(doc, s); }),
      [s](json doc) { return gen_world_facts(std::move(doc), s); });
}

rc::Gen<json> gen_world_policies(const json& skeleton, const GenSettings& s) {
  std::vector<Slot> slots = policy_slots(skeleton, s);
  std::vector<rc::Gen<json>> gens;
  for (const auto& slot : slots) gens.push_back(slot.what);
  return rc::gen::map(sequence(gens), [skeleton, slots](std::vector<json> values) {
    json doc = skeleton;
    for (std::size_t i = 0; i < slots.size(); ++i)
      if (!values[i].is_null()) doc[slots[i].where] = values[i];
    return doc;
  });
}

rc::Gen<WorldDoc> gen_world_doc(const GenSettings& s) {
  return rc::gen::map(
      rc::gen::mapcat(gen_world_skeleton(s),
                      [s](json skeleton) { return gen_world_policies(skeleton, s); }),
      [](json doc) { return WorldDoc{std::move(doc)}; });
}

}  // namespace accesspath::properties
