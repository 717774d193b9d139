#include "model/analysis/escalation.h"

#include <set>

#include "model/analysis/access_graph.h"
#include "model/policy/kms_operations.h"
#include "model/policy/policy.h"
#include "model/services/evaluator.h"
#include "model/symbolic/some_context.h"

namespace accesspath::paths {
namespace {

// What kms:CreateGrant lets its caller hand out: every operation a grant may carry.
std::vector<std::string> every_grant_operation() {
  std::vector<std::string> out;
  for (const KmsOperation& op : kms_operations())
    if (op.grantable) out.emplace_back(op.name);
  return out;
}

nlohmann::json allow_all_to(const std::vector<std::string>& arns, const std::string& actions) {
  nlohmann::json principals = nlohmann::json::array();
  for (const auto& a : arns)
    if (a.rfind("arn:", 0) == 0) principals.push_back(a);
  return {{"Sid", "AccesspathEscalation"},
          {"Effect", "Allow"},
          {"Principal", {{"AWS", principals}}},
          {"Action", actions},
          {"Resource", "*"}};
}

// A resource policy after a change by the attacker: the original Allow statements (writers keep
// writing), no Deny (it may remove them), plus everything for the attacker's identities. Named
// principals keep it non-public, so Block Public Access does not stand in the way.
nlohmann::json rewritten_resource_policy(const PolicyPtr& original,
                                         const std::vector<std::string>& arns,
                                         const std::string& actions) {
  nlohmann::json doc = {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array()}};
  if (original)
    for (const auto& s : original->statements) {
      Policy one;
      one.version = original->version;
      one.kind = original->kind;
      one.statements.push_back(s);
      if (s.effect == Effect::kAllow) doc["Statement"].push_back(to_json(one)["Statement"][0]);
    }
  doc["Statement"].push_back(allow_all_to(arns, actions));
  return doc;
}

nlohmann::json allow_everything_policy() {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Sid", "AccesspathEscalation"},
             {"Effect", "Allow"},
             {"Action", "*"},
             {"Resource", "*"}}}}};
}

using Changes =
    std::function<std::vector<WorldEdit>(const World&, const std::vector<std::string>&)>;

// One change that does not depend on the attacker's identities.
Changes just(WorldEdit e) {
  return [e = std::move(e)](const World&, const std::vector<std::string>&) {
    return std::vector<WorldEdit>{e};
  };
}

bool can(const World& w, const Identity& id, const std::string& action, const std::string& resource,
         Decision* explained, std::vector<ContextNeed>* context = nullptr) {
  Request r{id.principal, action, resource, {}, {}};
  auto witness = allowed_in_some_context(w, id.who, r);
  if (!witness) return false;
  if (explained) *explained = evaluate(w, id.who, witness->request);
  if (context) *context = std::move(witness->needs);
  return true;
}

// The changes the identities can make in `w` (scenario contract, "via": "escalation").
std::vector<Edit> possible_edits(const World& w, const Reach& reach) {
  std::vector<Edit> edits;
  for (const auto& id : reach.identities) {
    auto add = [&](const std::string& action, const std::string& target, const std::string& detail,
                   const std::string& key, Changes changes) {
      Decision d;
      std::vector<ContextNeed> context;
      if (!can(w, id, action, target, &d, &context)) return;
      edits.push_back({{PathStep::Kind::kChangePolicy,
                        id.principal,
                        action,
                        target,
                        detail,
                        allowing_statements(d),
                        std::move(context),
                        {}},
                       std::move(changes),
                       key});
    };
    for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
      const Bucket& b = w.buckets[bi];
      for (const char* action : {"s3:PutBucketPolicy", "s3:DeleteBucketPolicy"})
        add(action, b.arn(),
            "the bucket policy becomes anything (here: its denies removed, the attacker granted "
            "s3:*)",
            "bucket-policy:" + b.name, [bi](const World& x, const std::vector<std::string>& arns) {
              const Bucket& target = x.buckets[bi];
              return std::vector<WorldEdit>{
                  {WorldEditKind::kRewriteBucketPolicy, target.name, "",
                   rewritten_resource_policy(target.policy, arns, "s3:*"),
                   "bucket policy of `" + target.name + "` (as changed by the attacker)"}};
            });
      add("s3:PutEncryptionConfiguration", b.arn(),
          "the default encryption becomes SSE-S3, which needs no key", "encryption:" + b.name,
          just({WorldEditKind::kSetDefaultEncryption, b.name, "", {{"sse", "AES256"}}, ""}));
    }
    for (std::size_t ki = 0; ki < w.keys.size(); ++ki) {
      const Key& k = w.keys[ki];
      if (k.aws_managed) continue;  // AWS managed key policies cannot be changed (rule 70)
      // KMS API Reference, CancelKeyDeletion: "the KMS key state is Disabled" afterwards;
      // EnableKey: a disabled key becomes usable in cryptographic operations again.
      if (k.state == KeyState::kPendingDeletion)
        add("kms:CancelKeyDeletion", k.arn,
            "the scheduled deletion is cancelled (the key is then disabled)", "undelete:" + k.arn,
            just({WorldEditKind::kSetKeyState,
                  k.arn,
                  "",
                  {{"from", "PendingDeletion"}, {"to", "Disabled"}},
                  ""}));
      if (k.state == KeyState::kDisabled)
        add("kms:EnableKey", k.arn, "the key is enabled again", "enable:" + k.arn,
            just({WorldEditKind::kSetKeyState,
                  k.arn,
                  "",
                  {{"from", "Disabled"}, {"to", "Enabled"}},
                  ""}));
      add("kms:PutKeyPolicy", k.arn,
          "the key policy becomes anything (here: its denies removed, the attacker granted kms:*)",
          "key-policy:" + k.arn, [ki](const World& x, const std::vector<std::string>& arns) {
            const Key& target = x.keys[ki];
            return std::vector<WorldEdit>{{WorldEditKind::kRewriteKeyPolicy, target.arn, "",
                                           rewritten_resource_policy(target.policy, arns, "kms:*"),
                                           (target.policy ? target.policy->label : "key policy") +
                                               " (as changed by the attacker)"}};
          });
      add("kms:CreateGrant", k.arn, "a grant of every operation to the attacker's identities",
          "grant:" + k.arn, [ki](const World& x, const std::vector<std::string>& arns) {
            std::vector<WorldEdit> grants;
            for (const auto& a : arns)
              if (a.rfind("arn:", 0) == 0)
                grants.push_back({WorldEditKind::kAddGrant,
                                  x.keys[ki].arn,
                                  "",
                                  {{"grantee", a}, {"operations", every_grant_operation()}},
                                  ""});
            return grants;
          });
    }
    for (std::size_t pi = 0; pi < w.principals.size(); ++pi) {
      const Principal& p = w.principals[pi];
      bool role = p.kind == PrincipalKind::kRole;
      std::string label = std::string(role ? "role" : "user") + " `" + p.name + "`";
      Changes grant_all =
          just({WorldEditKind::kPutIdentityPolicy, p.arn, "", allow_everything_policy(),
                "identity policy added to " + label + " by the attacker"});
      for (const char* action :
           role ? std::vector<const char*>{"iam:PutRolePolicy", "iam:AttachRolePolicy"}
                : std::vector<const char*>{"iam:PutUserPolicy", "iam:AttachUserPolicy"})
        add(action, p.arn, label + " gets any identity permission (here: Allow * on *)",
            "identity:" + p.arn, grant_all);
      for (const char* action : role ? std::vector<const char*>{"iam:DeleteRolePermissionsBoundary",
                                                                "iam:PutRolePermissionsBoundary"}
                                     : std::vector<const char*>{"iam:DeleteUserPermissionsBoundary",
                                                                "iam:PutUserPermissionsBoundary"})
        add(action, p.arn, "the permissions boundary of " + label + " is removed",
            "boundary:" + p.arn, just({WorldEditKind::kRemoveBoundary, p.arn, "", nullptr, ""}));
      if (role)
        add("iam:UpdateAssumeRolePolicy", p.arn,
            "the trust policy becomes anything (here: it trusts the attacker)", "trust:" + p.arn,
            [target = p.arn, label](const World&, const std::vector<std::string>& arns) {
              nlohmann::json s = allow_all_to(arns, "sts:AssumeRole");
              s.erase("Resource");
              return std::vector<WorldEdit>{
                  {WorldEditKind::kSetTrustPolicy,
                   target,
                   "",
                   {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array({s})}},
                   "trust policy of " + label + " (as changed by the attacker)"}};
            });
    }
    // IAM API Reference, AddUserToGroup (resource: the group): a user the attacker acts as joins
    // the group and gets its policies. Only the attacker's own users join (roles cannot).
    for (std::size_t gi = 0; gi < w.groups.size(); ++gi)
      add("iam:AddUserToGroup", w.groups[gi].arn,
          "the attacker's users join the group and get its permissions",
          "member:" + w.groups[gi].arn, [gi](const World& x, const std::vector<std::string>& arns) {
            std::vector<WorldEdit> joins;
            for (const auto& p : x.principals)
              if (p.kind == PrincipalKind::kUser &&
                  std::find(arns.begin(), arns.end(), p.arn) != arns.end())
                joins.push_back({WorldEditKind::kAddUserToGroup, x.groups[gi].arn, "", p.arn, ""});
            return joins;
          });
    for (std::size_t gi = 0; gi < w.groups.size(); ++gi) {
      for (const char* action : {"iam:PutGroupPolicy", "iam:AttachGroupPolicy"})
        add(action, w.groups[gi].arn, "the group's members get any identity permission",
            "group:" + w.groups[gi].arn,
            just({WorldEditKind::kPutIdentityPolicy, w.groups[gi].arn, "",
                  allow_everything_policy(), "group policy added by the attacker"}));
    }
    // IAM API Reference, CreateAccessKey / CreateLoginProfile / UpdateLoginProfile: credentials
    // for another user (an access key, a console password) let the attacker act as that user.
    // Over-approximated: a user's two-key limit and whether it has a password are not described,
    // so either call is enough, and the attacker may also be asked for MFA (context is free).
    for (const auto& p : w.principals) {
      if (p.kind != PrincipalKind::kUser || p.arn == id.principal) continue;
      for (const char* action :
           {"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"})
        add(action, p.arn,
            "new credentials of user `" + p.name + "` for the attacker, who then acts as it",
            "credentials:" + p.arn,
            [user = p.arn, action](const World&, const std::vector<std::string>& attacker) {
              return std::vector<WorldEdit>{{WorldEditKind::kCreateCredentials,
                                             user,
                                             "",
                                             {{"holder", attacker.front()}, {"action", action}},
                                             ""}};
            });
    }
    for (const auto& [arn, policy] : w.managed_policies) {
      std::string target = arn;
      add("iam:CreatePolicyVersion", arn,
          "the managed policy's new default version allows anything", "managed:" + arn,
          just({WorldEditKind::kSetManagedPolicyVersion, arn, "", allow_everything_policy(),
                "managed policy `" + arn + "` (new version by the attacker)"}));
    }
  }
  return edits;
}

}  // namespace

bool apply(const Edit& edit, World& world, const std::vector<std::string>& attacker,
           std::string* why) {
  std::vector<WorldEdit> changes = edit.changes(world, attacker);
  if (changes.size() == 1) return accesspath::apply(changes.front(), world, why);
  World trial = world;
  for (const auto& change : changes)
    if (!accesspath::apply(change, trial, why)) return false;
  world = std::move(trial);
  return true;
}

Escalated escalate(const World& start_world, const std::string& start,
                   const Techniques& techniques) {
  const Techniques& edits_of = techniques ? techniques : Techniques(possible_edits);
  Escalated e{start_world, {}, {}};
  std::set<std::string> done;
  for (int round = 0; round < 64; ++round) {
    Reach reach = reach_from(e.world, start);
    std::vector<std::string> arns;
    for (const auto& id : reach.identities) arns.push_back(id.principal);
    bool changed = false;
    for (auto& edit : edits_of(e.world, reach)) {
      if (done.count(edit.key)) continue;
      done.insert(edit.key);
      if (std::string why; !apply(edit, e.world, arns, &why)) {
        // Allowed, but accesspath could not make the change: what it would open is unknown.
        e.failed.push_back("`" + edit.step.actor + "` may " + edit.step.action + " `" +
                           edit.step.target + "`, but the change could not be modelled (" + why +
                           ")");
        continue;
      }
      e.world.reindex();
      e.applied.push_back(std::move(edit));
      changed = true;
      break;  // re-derive reachability after each change: steps form a path
    }
    if (!changed) break;
  }
  return e;
}

std::optional<World> replay(const World& base, const std::vector<Edit>& edits,
                            const std::string& start) {
  World w = base;
  for (const auto& edit : edits) {
    Reach reach = reach_from(w, start);
    std::vector<std::string> arns;
    bool possible = false;
    for (const auto& id : reach.identities) {
      arns.push_back(id.principal);
      possible = possible || (id.principal == edit.step.actor &&
                              can(w, id, edit.step.action, edit.step.target, nullptr));
    }
    if (!possible || !apply(edit, w, arns)) return std::nullopt;
    w.reindex();
  }
  return w;
}

std::string unfollowed_technique(const World& w, const Reach& reach) {
  for (const auto& id : reach.identities) {
    const std::string who = "`" + id.principal + "` ";
    // IAM: iam:PassRole to a service that runs code (EC2, Lambda, ...) lets the code act as the
    // role; the world describes no instance profiles or functions.
    for (const Principal* role : roles_of(w))
      if (can(w, id, "iam:PassRole", role->arn, nullptr))
        return who + "may pass role `" + role->arn + "` to a service that runs code";
    // IAM API Reference, SetDefaultPolicyVersion: an older version becomes the one in force; the
    // world describes only the default version.
    for (const auto& [arn, policy] : w.managed_policies)
      if (can(w, id, "iam:SetDefaultPolicyVersion", arn, nullptr))
        return who + "may make another version of `" + arn +
               "` the default (versions other than the default are not described)";
    // Organizations API Reference, UpdatePolicy / AttachPolicy / DetachPolicy: SCPs and RCPs
    // change for every account they reach.
    // Only SCPs and RCPs the world has can be lifted (a new one only restricts).
    const bool control_policies = std::any_of(w.accounts.begin(), w.accounts.end(), [](auto& a) {
      return !a.scps.empty() || !a.rcps.empty();
    });
    for (const char* action :
         {"organizations:UpdatePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"})
      if (control_policies && can(w, id, action, "*", nullptr))
        return who + "may change service or resource control policies (" + action + ")";
  }
  return "";
}

}  // namespace accesspath::paths
