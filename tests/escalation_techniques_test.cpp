// Escalation beyond policy rewrites (scenario contract, "via": "escalation"): each known technique
// is either followed as an edit (the invariant is violated, with the step in the counterexample)
// or, where the world does not describe what it needs, makes a verdict that would hold undecided.
#include <gtest/gtest.h>

#include <string>

#include "model/analysis/check.h"
#include "model/analysis/escalation.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

// An intern whose own policy is `intern_statements`; a group `readers` that may read the bucket;
// a KMS key in `key_state` that encrypts the object and whose policy lets the account decide.
// The invariant: the intern never reads, even by changing what it controls.
std::string world(std::string_view intern_statements, std::string_view key_state = "Enabled",
                  std::string_view extra = "") {
  std::string doc = R"json({
    "format": 1, "name": "escalation-technique",
    "accounts": [{"id": "111122223333"}],
    "managed_policies": {
      "arn:aws:iam::111122223333:policy/tools": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}
    },
    "groups": [{"arn": "arn:aws:iam::111122223333:group/readers", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*"}]}]}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/intern", "policies": [
        "arn:aws:iam::111122223333:policy/tools",
        {"Version": "2012-10-17", "Statement": [INTERN]}]},
      {"arn": "arn:aws:iam::111122223333:user/reader", "policies": [],
       "groups": ["arn:aws:iam::111122223333:group/readers"]}
      EXTRA
    ],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "state": "STATE",
      "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions",
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kms:*", "Resource": "*"}]}}],
    "buckets": [{"name": "data", "account": "111122223333", "region": "us-east-1",
      "objects": [{"key": "report.csv", "sse": "aws:kms",
        "kms_key": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}],
    "invariants": [{"name": "the intern never reads", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::data/*", "never": ["arn:aws:iam::111122223333:user/intern"],
      "via": "escalation"}]
  })json";
  doc = replace(doc, "INTERN", intern_statements);
  doc = replace(doc, "STATE", key_state);
  return replace(doc, "EXTRA", extra);
}

InvariantResult verdict(const std::string& doc) {
  LoadResult r = load(doc);
  EXPECT_TRUE(r.scenario) << describe(r.diagnostics);
  if (!r.scenario) return {};
  return check_scenario(*r.scenario).invariants.at(0);
}

std::string actions_of(const InvariantResult& report) {
  std::string out;
  if (report.counterexample)
    for (const auto& s : report.counterexample->steps) out += s.action + " ";
  return out;
}

constexpr std::string_view kNothing =
    R"json({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data"})json";

TEST(EscalationTechniques, NothingToChangeHolds) {
  InvariantResult r = verdict(world(kNothing));
  EXPECT_EQ(r.holds, std::optional<bool>(true)) << r.reason;
}

// IAM API Reference, AddUserToGroup: the intern joins the readers group.
TEST(EscalationTechniques, JoiningAGroupGivesItsPermissions_IamAddUserToGroup) {
  InvariantResult r = verdict(world(R"json({"Effect": "Allow", "Action": "iam:AddUserToGroup",
      "Resource": "arn:aws:iam::111122223333:group/readers"})json"));
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(actions_of(r), "iam:AddUserToGroup s3:GetObject ") << r.reason;
  // Another group's membership does not help.
  InvariantResult other = verdict(world(R"json({"Effect": "Allow", "Action": "iam:AddUserToGroup",
      "Resource": "arn:aws:iam::111122223333:group/other"})json"));
  EXPECT_EQ(other.holds, std::optional<bool>(true)) << other.reason;
}

// KMS API Reference, EnableKey: a disabled key is usable again. The intern could already read
// (its policy allows), but for the disabled key.
TEST(EscalationTechniques, ReEnablingADisabledKey_KmsEnableKey) {
  std::string reads = R"json({"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"],
      "Resource": "*"})json";
  InvariantResult blocked = verdict(world(reads, "Disabled"));
  EXPECT_EQ(blocked.holds, std::optional<bool>(true)) << blocked.reason;
  InvariantResult r = verdict(world(std::string(reads) + R"json(, {"Effect": "Allow",
      "Action": "kms:EnableKey", "Resource": "*"})json",
                                    "Disabled"));
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(actions_of(r), "kms:EnableKey s3:GetObject ") << r.reason;
}

// KMS API Reference, CancelKeyDeletion: the key is then Disabled, so EnableKey is needed too.
TEST(EscalationTechniques, CancellingDeletionLeavesTheKeyDisabled_KmsCancelKeyDeletion) {
  std::string reads = R"json({"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"],
      "Resource": "*"})json";
  InvariantResult cancel_only = verdict(world(std::string(reads) + R"json(, {"Effect": "Allow",
      "Action": "kms:CancelKeyDeletion", "Resource": "*"})json",
                                              "PendingDeletion"));
  EXPECT_EQ(cancel_only.holds, std::optional<bool>(true)) << cancel_only.reason;
  InvariantResult r = verdict(world(std::string(reads) + R"json(, {"Effect": "Allow",
      "Action": ["kms:CancelKeyDeletion", "kms:EnableKey"], "Resource": "*"})json",
                                    "PendingDeletion"));
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(actions_of(r), "kms:CancelKeyDeletion kms:EnableKey s3:GetObject ") << r.reason;
}

// A counterexample keeps the change that made a later one possible: joining the group that may
// enable the key comes before enabling it.
TEST(EscalationTechniques, AStepThatEnablesALaterOneIsKept_IamAddUserToGroup) {
  std::string doc = world(R"json({"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"],
      "Resource": "*"}, {"Effect": "Allow", "Action": "iam:AddUserToGroup",
      "Resource": "arn:aws:iam::111122223333:group/keepers"})json",
                          "Disabled");
  doc = replace(doc, R"json("groups": [{"arn")json", R"json("groups": [
    {"arn": "arn:aws:iam::111122223333:group/keepers", "policies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:EnableKey",
        "Resource": "*"}]}]}, {"arn")json");
  InvariantResult r = verdict(doc);
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(actions_of(r), "iam:AddUserToGroup kms:EnableKey s3:GetObject ") << r.reason;
}

// IAM API Reference, CreateAccessKey / CreateLoginProfile / UpdateLoginProfile: new credentials
// of another user let the attacker act as it. Followed: the reader's credentials read.
TEST(EscalationTechniques, CredentialsOfAnotherUserActAsIt_IamCreateAccessKey) {
  for (const char* action :
       {"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"}) {
    SCOPED_TRACE(action);
    InvariantResult r =
        verdict(world(std::string(R"json({"Effect": "Allow", "Action": ")json") + action + R"json(",
        "Resource": "arn:aws:iam::111122223333:user/reader"})json"));
    ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
    EXPECT_EQ(actions_of(r), std::string(action) + " s3:GetObject ") << r.reason;
    const auto& steps = r.counterexample->steps;
    EXPECT_EQ(steps.front().actor, "arn:aws:iam::111122223333:user/intern");
    EXPECT_EQ(steps.front().target, "arn:aws:iam::111122223333:user/reader");
    EXPECT_EQ(steps.back().actor, "arn:aws:iam::111122223333:user/reader");
  }
  // On its own user only: nothing new.
  InvariantResult own = verdict(world(R"json({"Effect": "Allow", "Action": "iam:CreateAccessKey",
      "Resource": "arn:aws:iam::111122223333:user/intern"})json"));
  EXPECT_EQ(own.holds, std::optional<bool>(true)) << own.reason;
}

// The user whose credentials the attacker made is a new start of role chains: the keeper may
// assume the role that reads, the intern may not, and the intern can make the keeper a key.
TEST(EscalationTechniques, CredentialsLeadOnThroughTheUsersRoles_IamCreateAccessKey) {
  std::string doc = world(R"json({"Effect": "Allow", "Action": "iam:CreateAccessKey",
      "Resource": "arn:aws:iam::111122223333:user/keeper"})json",
                          "Enabled", R"json(, {"arn": "arn:aws:iam::111122223333:user/keeper",
        "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/vault"}]}]},
      {"arn": "arn:aws:iam::111122223333:role/vault",
        "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:user/keeper"},
          "Action": "sts:AssumeRole"}]},
        "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*"}]}]})json");
  InvariantResult r = verdict(doc);
  ASSERT_EQ(r.holds, std::optional<bool>(false)) << r.reason;
  EXPECT_EQ(actions_of(r), "iam:CreateAccessKey sts:AssumeRole s3:GetObject ") << r.reason;
  EXPECT_EQ(r.counterexample->steps[1].actor, "arn:aws:iam::111122223333:user/keeper");
  EXPECT_EQ(r.counterexample->steps[2].actor, "arn:aws:iam::111122223333:role/vault");
}

// A change the attacker may make but that cannot be made to the model (here: a key state change
// from a state the key is not in) is listed with its reason, never silently skipped: the
// verdict that would hold is then undecided (model/SEMANTICS.md, "Escalation").
TEST(EscalationTechniques, AChangeThatCannotBeModelledIsUndecided) {
  LoadResult loaded = load(world(kNothing));
  ASSERT_TRUE(loaded.scenario) << describe(loaded.diagnostics);
  const World& w = loaded.scenario->world;
  const std::string key = w.keys.at(0).arn;
  paths::Techniques impossible = [&](const World&, const paths::Reach& reach) {
    paths::Edit e;
    e.step = {PathStep::Kind::kChangePolicy,
              reach.identities.at(0).principal,
              "kms:EnableKey",
              key,
              "",
              {},
              {},
              {}};
    e.changes = [&](const World&, const std::vector<std::string>&) {
      return std::vector<WorldEdit>{
          {WorldEditKind::kSetKeyState, key, "", {{"from", "Disabled"}, {"to", "Enabled"}}, ""}};
    };
    e.key = "enable:" + key;
    return std::vector<paths::Edit>{e};
  };
  paths::Escalated e = paths::escalate(w, "arn:aws:iam::111122223333:user/intern", impossible);
  EXPECT_TRUE(e.applied.empty());
  ASSERT_EQ(e.failed.size(), 1u);
  EXPECT_NE(e.failed[0].find("kms:EnableKey"), std::string::npos) << e.failed[0];
  EXPECT_NE(e.failed[0].find("is Enabled, not Disabled"), std::string::npos) << e.failed[0];
  // Without the technique, nothing fails.
  EXPECT_TRUE(paths::escalate(w, "arn:aws:iam::111122223333:user/intern").failed.empty());
}

// IAM User Guide, granting a user permissions to pass a role: code run by a service as the
// role acts as the role. No instance profiles or functions in the world: undecided.
TEST(EscalationTechniques, PassingARoleToComputeIsUndecided_IamPassRole) {
  std::string doc = world(R"json({"Effect": "Allow", "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/worker"})json",
                          "Enabled", R"json(, {"arn": "arn:aws:iam::111122223333:role/worker",
        "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*"}]}]})json");
  InvariantResult r = verdict(doc);
  EXPECT_EQ(r.holds, std::nullopt) << r.reason;
  EXPECT_NE(r.reason.find("role/worker"), std::string::npos) << r.reason;
}

// IAM API Reference, SetDefaultPolicyVersion: the versions other than the default are not in
// the world, so what the policy would allow is unknown.
TEST(EscalationTechniques, AnotherPolicyVersionIsUndecided_IamSetDefaultPolicyVersion) {
  InvariantResult r = verdict(world(R"json({"Effect": "Allow",
      "Action": "iam:SetDefaultPolicyVersion",
      "Resource": "arn:aws:iam::111122223333:policy/tools"})json"));
  EXPECT_EQ(r.holds, std::nullopt) << r.reason;
  EXPECT_NE(r.reason.find("policy/tools"), std::string::npos) << r.reason;
}

// Organizations API Reference, UpdatePolicy / DetachPolicy: only SCPs and RCPs the world has can
// be lifted; without any, the permission changes nothing.
TEST(EscalationTechniques, ChangingControlPoliciesIsUndecided_OrganizationsDetachPolicy) {
  std::string detach = R"json({"Effect": "Allow", "Action": "organizations:DetachPolicy",
      "Resource": "*"})json";
  EXPECT_EQ(verdict(world(detach)).holds, std::optional<bool>(true));
  std::string doc = replace(world(detach), R"json("accounts": [{"id": "111122223333"}])json",
                            R"json("accounts": [{"id": "111122223333", "scps": [[
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
                  "Resource": "*"}]}]]}])json");
  InvariantResult r = verdict(doc);
  EXPECT_EQ(r.holds, std::nullopt) << r.reason;
  EXPECT_NE(r.reason.find("organizations:DetachPolicy"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace accesspath::rules
