#include "properties/edit_permissions.h"

#include "model/services/evaluator.h"
#include "model/world/requester.h"

namespace accesspath::properties {
namespace {

bool is_role(const std::string& arn) {
  return arn.find(":role/") != std::string::npos;
}

Request call(const std::string& action, const std::string& resource) {
  return Request{"", action, resource, {}, {}};
}

bool allowed(const World& w, const Requester& who, Request r) {
  r.principal = who.arn;
  return evaluate(w, who, r, {.explain = false}).allowed;
}

}  // namespace

std::vector<Request> calls_for(const TeamEdit& e) {
  const std::string bucket = "arn:aws:s3:::" + e.target;
  switch (e.kind) {
    case TeamEditKind::kRewriteBucketPolicy:
      return {call("s3:PutBucketPolicy", bucket)};
    case TeamEditKind::kDeleteBucketPolicy:
      return {call("s3:DeleteBucketPolicy", bucket)};
    case TeamEditKind::kSetDefaultEncryption:
      return {call("s3:PutEncryptionConfiguration", bucket)};
    case TeamEditKind::kRewriteKeyPolicy:
      return {call("kms:PutKeyPolicy", e.target)};
    case TeamEditKind::kAddGrant: {
      // KMS: CreateGrant puts the grant's operations and grantee in the request context.
      Request r = call("kms:CreateGrant", e.target);
      if (e.document.is_object()) {
        if (e.document.contains("operations"))
          for (const auto& op : e.document["operations"])
            r.context["kms:GrantOperations"].push_back(op.get<std::string>());
        if (e.document.contains("grantee"))
          r.context["kms:GranteePrincipal"] = {e.document["grantee"].get<std::string>()};
      }
      return {r};
    }
    case TeamEditKind::kPutIdentityPolicy:
      return {call(is_role(e.target) ? "iam:PutRolePolicy" : "iam:PutUserPolicy", e.target)};
    case TeamEditKind::kAttachManagedPolicy:
      return {call("iam:CreatePolicy", e.managed_arn),
              call(is_role(e.target) ? "iam:AttachRolePolicy" : "iam:AttachUserPolicy", e.target)};
    case TeamEditKind::kSetTrustPolicy:
      return {call("iam:UpdateAssumeRolePolicy", e.target)};
  }
  return {};
}

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
    TeamEdit probe{kind, target, managed_arn, {}};
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
