#include "properties/edit_permissions.h"

#include "model/services/evaluator.h"
#include "model/world/requester.h"

namespace accesspath::properties {
namespace {

Request call(const std::string& action, const std::string& resource) {
  return Request{"", action, resource, {}, {}};
}

bool allowed(const World& w, const Requester& who, Request r) {
  r.principal = who.arn;
  return evaluate(w, who, r, {.explain = false}).allowed;
}

}  // namespace

std::optional<std::string> permitted_actor(const World& w, const TeamEdit& edit,
                                           const std::vector<std::string>& team) {
  std::vector<Request> calls = calls_for(edit);
  for (const auto& member : team) {
    auto who = resolve_requester(w, member);
    if (!who) continue;
    bool all = !calls.empty();
    for (const auto& c : calls) all = all && allowed(w, *who, c);
    if (all) return member;
  }
  return std::nullopt;
}

bool passes_lockout_check(const World& after, const TeamEdit& edit, const std::string& actor) {
  if (edit.kind != TeamEditKind::kRewriteKeyPolicy) return true;
  auto who = resolve_requester(after, actor);
  return who && allowed(after, *who, call("kms:PutKeyPolicy", edit.target));
}

EditTargets permitted_edit_targets(const World& w, const std::vector<std::string>& team) {
  EditTargets t;
  auto add_if = [&](std::vector<std::string>& list, TeamEditKind kind, const std::string& target,
                    const std::string& managed_arn = "") {
    TeamEdit probe{kind, target, managed_arn, {}, ""};
    if (permitted_actor(w, probe, team)) list.push_back(target);
  };
  for (const auto& b : w.buckets) {
    add_if(t.bucket_policies, TeamEditKind::kRewriteBucketPolicy, b.name);
    add_if(t.bucket_policy_deletes, TeamEditKind::kDeleteBucketPolicy, b.name);
    add_if(t.bucket_encryptions, TeamEditKind::kSetDefaultEncryption, b.name);
  }
  for (const auto& k : w.keys) {
    if (k.synthesized || k.aws_managed) continue;  // AWS owns the policy of an AWS managed key
    add_if(t.key_policies, TeamEditKind::kRewriteKeyPolicy, k.arn);
    add_if(t.key_grants, TeamEditKind::kAddGrant, k.arn);
  }
  for (const auto& p : w.principals) {
    add_if(t.inline_policies, TeamEditKind::kPutIdentityPolicy, p.arn);
    add_if(t.managed_attachments, TeamEditKind::kAttachManagedPolicy, p.arn,
           "arn:aws:iam::" + p.account + ":policy/team-edit-0");
    if (p.kind == PrincipalKind::kRole)
      add_if(t.trust_policies, TeamEditKind::kSetTrustPolicy, p.arn);
  }
  return t;
}

}  // namespace accesspath::properties
