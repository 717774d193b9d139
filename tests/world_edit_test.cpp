// The one edit model (model/world/world_edit.h): each kind the escalation search makes, applied to
// a loaded world, gives the world that loading the edited scenario text gives
// (properties::apply on the JSON), and an edit that cannot be made leaves the world as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/world/world_edit.h"
#include "properties/team_edit.h"
#include "properties/world_to_json.h"
#include "tests/test_world.h"

namespace accesspath {
namespace {

using nlohmann::json;
using rules::make_world;

constexpr std::string_view kWorld = R"json({"format": 1, "name": "edits",
  "accounts": [{"id": "111122223333"}],
  "managed_policies": {"arn:aws:iam::111122223333:policy/readers": {"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}},
  "groups": [{"arn": "arn:aws:iam::111122223333:group/readers",
    "policies": ["arn:aws:iam::111122223333:policy/readers"]}],
  "principals": [
    {"arn": "arn:aws:iam::111122223333:user/intern",
     "permissions_boundary": {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}},
    {"arn": "arn:aws:iam::111122223333:role/app",
     "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}],
  "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-0000-0000-000000000001",
    "state": "Disabled"}]})json";

constexpr std::string_view kKey =
    "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-0000-0000-000000000001";

const json kAllowAll = {{"Version", "2012-10-17"},
                        {"Statement", {{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}};

// Both routes, compared as the scenario text each world writes.
void expect_both_routes_agree(const WorldEdit& e) {
  json doc = json::parse(kWorld);
  World world = make_world(kWorld);
  std::string why;
  ASSERT_TRUE(apply(e, world, &why)) << to_string(e.kind) << ": " << why;
  world.reindex();
  ASSERT_TRUE(properties::apply(e, doc)) << to_string(e.kind);
  World loaded = make_world(doc.dump());
  EXPECT_EQ(properties::world_to_json(world).dump(2), properties::world_to_json(loaded).dump(2))
      << to_string(e.kind);
}

TEST(WorldEdit, EscalationEditsGiveTheWorldTheEditedScenarioGives) {
  expect_both_routes_agree({WorldEditKind::kSetKeyState, std::string(kKey), "",
                            json{{"from", "Disabled"}, {"to", "Enabled"}}, ""});
  expect_both_routes_agree(
      {WorldEditKind::kRemoveBoundary, "arn:aws:iam::111122223333:user/intern", "", nullptr, ""});
  expect_both_routes_agree({WorldEditKind::kAddUserToGroup,
                            "arn:aws:iam::111122223333:group/readers", "",
                            "arn:aws:iam::111122223333:user/intern", ""});
  expect_both_routes_agree({WorldEditKind::kPutIdentityPolicy,
                            "arn:aws:iam::111122223333:group/readers", "", kAllowAll, ""});
  expect_both_routes_agree({WorldEditKind::kSetManagedPolicyVersion,
                            "arn:aws:iam::111122223333:policy/readers", "", kAllowAll, ""});
}

// KMS API Reference, EnableKey / CancelKeyDeletion: a key not in the state a change starts from
// refuses it (KMSInvalidStateException); the edit fails and changes nothing.
TEST(WorldEdit, AKeyStateChangeFromAnotherStateIsRefused_KmsKeyStates) {
  World world = make_world(kWorld);
  WorldEdit undelete{WorldEditKind::kSetKeyState, std::string(kKey), "",
                     json{{"from", "PendingDeletion"}, {"to", "Disabled"}}, ""};
  std::string why;
  EXPECT_FALSE(apply(undelete, world, &why));
  EXPECT_NE(why.find("is Disabled, not PendingDeletion"), std::string::npos) << why;
  EXPECT_EQ(world.keys.front().state, KeyState::kDisabled);
  json doc = json::parse(kWorld);
  EXPECT_FALSE(properties::apply(undelete, doc));
}

TEST(WorldEdit, EachEditNamesTheCallsThatMakeIt) {
  auto action_of = [](const WorldEdit& e) {
    auto calls = calls_for(e);
    return calls.empty() ? std::string() : calls.back().action;
  };
  EXPECT_EQ(action_of({WorldEditKind::kSetKeyState, std::string(kKey), "",
                       json{{"from", "Disabled"}, {"to", "Enabled"}}, ""}),
            "kms:EnableKey");
  EXPECT_EQ(action_of({WorldEditKind::kSetKeyState, std::string(kKey), "",
                       json{{"from", "PendingDeletion"}, {"to", "Disabled"}}, ""}),
            "kms:CancelKeyDeletion");
  EXPECT_EQ(action_of({WorldEditKind::kRemoveBoundary, "arn:aws:iam::111122223333:role/app", "",
                       nullptr, ""}),
            "iam:DeleteRolePermissionsBoundary");
  EXPECT_EQ(action_of({WorldEditKind::kPutIdentityPolicy, "arn:aws:iam::111122223333:group/readers",
                       "", kAllowAll, ""}),
            "iam:PutGroupPolicy");
  EXPECT_EQ(action_of({WorldEditKind::kAttachManagedPolicy, "arn:aws:iam::111122223333:role/app",
                       "arn:aws:iam::111122223333:policy/new", kAllowAll, ""}),
            "iam:AttachRolePolicy");
  EXPECT_EQ(action_of({WorldEditKind::kCreateCredentials, "arn:aws:iam::111122223333:user/intern",
                       "", json{{"holder", "x"}, {"action", "iam:CreateLoginProfile"}}, ""}),
            "iam:CreateLoginProfile");
}

// IAM API Reference, CreateAccessKey: credentials belong to a user; whoever holds them acts as it.
// A role has none, and the holder must be named; the scenario text has no place for them.
TEST(WorldEdit, CredentialsAreMadeForUsersOnly_IamCreateAccessKey) {
  World w = make_world(kWorld);
  const std::string intern = "arn:aws:iam::111122223333:user/intern";
  const json holder = {{"holder", "arn:aws:iam::111122223333:user/eve"},
                       {"action", "iam:CreateAccessKey"}};
  std::string why;
  EXPECT_FALSE(apply(
      {WorldEditKind::kCreateCredentials, "arn:aws:iam::111122223333:role/app", "", holder, ""}, w,
      &why));
  EXPECT_NE(why.find("not a user"), std::string::npos) << why;
  EXPECT_FALSE(apply({WorldEditKind::kCreateCredentials, intern, "", json::object(), ""}, w, &why));
  EXPECT_NE(why.find("holder"), std::string::npos) << why;
  ASSERT_TRUE(apply({WorldEditKind::kCreateCredentials, intern, "", holder, ""}, w, &why)) << why;
  ASSERT_TRUE(apply({WorldEditKind::kCreateCredentials, intern, "", holder, ""}, w, &why)) << why;
  EXPECT_EQ(w.find_principal(intern)->credentials_held_by,
            std::vector<std::string>{"arn:aws:iam::111122223333:user/eve"});
  json doc = json::parse(kWorld);
  EXPECT_FALSE(
      properties::apply(WorldEdit{WorldEditKind::kCreateCredentials, intern, "", holder, ""}, doc));
}

}  // namespace
}  // namespace accesspath
