// `import terraform`: `terraform show -json` output read into scenarios (seed 003 as a plan with
// a module and for_each, a plan with values unknown until apply).
#include <gtest/gtest.h>

#include <fstream>

#include "import/invariants_merge.h"
#include "import/terraform_plan.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

using nlohmann::json;
using testing::entries_with;
using testing::fixture;
using Kind = ImportEntry::Kind;

TEST(ImportTerraform, Seed003PlanIsDecidedExactlyAsTheHandWrittenScenario) {
  ImportReport report;
  auto scenario = import_terraform_plan(fixture("terraform-seed-003.json"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  Scenario hand = testing::expect_decided_as_seed_003(*scenario, report);
  // Role ARNs follow from the account and the name before apply; the attachments' policy ARNs
  // (unknown until apply) through the configuration's references, instance by instance.
  const json& principals = (*scenario)["principals"];
  ASSERT_EQ(principals.size(), 3u);
  EXPECT_EQ(principals[0]["arn"], "arn:aws:iam::111122223333:role/authorized-users");
  EXPECT_EQ(principals[0]["policies"],
            json::array({"arn:aws:iam::111122223333:policy/secure-bucket-access"}));
  EXPECT_EQ(report.count(Kind::kSkipped), 0u) << testing::report_text(report);
  EXPECT_EQ(report.count(Kind::kUnknown), 0u) << testing::report_text(report);
}

TEST(ImportTerraform, UnknownValuesAreReportedByAddressAndLinksFollowTheConfiguration) {
  ImportReport report;
  auto scenario = import_terraform_plan(fixture("terraform-unknown-values.json"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  std::string text = testing::report_text(report);
  // A role named by name_prefix, a policy built from a bucket ARN: known only after apply.
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"`aws_iam_role.writer.name`", "after apply"}), 1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"`aws_iam_role_policy.reader_inline.policy`"}),
            1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"arn:aws:iam::aws:policy/ReadOnlyAccess"}), 1u)
      << text;
  // A computed attribute the configuration does not set (aws_s3_bucket.policy from provider v4
  // on) says nothing: the bucket has no policy.
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"aws_s3_bucket.logs.policy"}), 0u) << text;
  EXPECT_EQ(report.count(Kind::kUnknown), 3u) << text;
  ASSERT_EQ((*scenario)["principals"].size(), 1u);
  const json& reader = (*scenario)["principals"][0];
  EXPECT_EQ(reader["arn"], "arn:aws:iam::222233334444:role/log-reader");
  // The trust policy from the data source the configuration refers to.
  EXPECT_EQ(reader["trust_policy"]["Statement"][0]["Principal"]["Service"], "ec2.amazonaws.com");
  EXPECT_EQ(reader["policies"], json::array({"arn:aws:iam::222233334444:policy/logs-read"}));
  // The key's ARN is chosen at apply: it stands under its address, reported, and the bucket's
  // default encryption, the alias and the grant stay linked to it.
  ASSERT_EQ((*scenario)["keys"].size(), 1u);
  const json& key = (*scenario)["keys"][0];
  std::string key_arn = key["arn"];
  EXPECT_NE(key_arn.find("unknown-until-apply"), std::string::npos);
  EXPECT_EQ(key_arn.rfind("arn:aws:kms:eu-west-1:222233334444:key/", 0), 0u);
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"`aws_kms_key.logs.arn`"}), 1u) << text;
  EXPECT_EQ(key["aliases"], json::array({"alias/logs"}));
  EXPECT_EQ(key["grants"][0]["grantee"], "arn:aws:iam::222233334444:role/log-reader");
  const json& bucket = (*scenario)["buckets"][0];
  EXPECT_EQ(bucket["region"], "eu-west-1");
  EXPECT_EQ(bucket["default_encryption"]["kms_key"], key_arn);
  EXPECT_EQ(bucket["default_encryption"]["bucket_key"], true);
  EXPECT_EQ(bucket["block_public_access"]["BlockPublicPolicy"], true);
  Scenario s = testing::load_or_fail(*scenario);
  // The reader reads the logs: the grant gives it Decrypt on the key.
  EXPECT_TRUE(s.world.find_key(key_arn) != nullptr);
}

TEST(ImportTerraform, StateWithUsersGroupsAttachmentsAndScps) {
  ImportReport report;
  auto scenario = import_terraform_plan(fixture("terraform-state-users-scps.json"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  std::string text = testing::report_text(report);
  std::string acct = "arn:aws:iam::333344445555:";
  std::string deleter = acct + "policy/deleter";
  const json& principals = (*scenario)["principals"];
  ASSERT_EQ(principals.size(), 3u) << scenario->dump(2);
  const json& alice = principals[0];
  EXPECT_EQ(alice["arn"], acct + "user/alice");
  EXPECT_EQ(alice["groups"], json::array({acct + "group/readers"}));
  EXPECT_EQ(alice["tags"]["team"], "data");
  ASSERT_EQ(alice["policies"].size(), 1u);  // the inline policy; ReadOnlyAccess is not in it
  EXPECT_EQ(alice["policies"][0]["Statement"][0]["Action"], "s3:PutObject");
  // count instances; group membership from both resource types; the exclusive attachment.
  EXPECT_EQ(principals[1]["arn"], acct + "user/dev-0");
  EXPECT_EQ(principals[1]["groups"], json::array({acct + "group/readers"}));
  EXPECT_EQ(principals[2]["groups"], json::array({acct + "group/readers"}));
  EXPECT_EQ(principals[2]["policies"], json::array({deleter}));
  const json& group = (*scenario)["groups"][0];
  EXPECT_EQ(group["policies"].size(), 2u);
  EXPECT_EQ(group["policies"][1], deleter);
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"\"missing-group\"", "membership left out"}), 1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"arn:aws:iam::aws:policy/ReadOnlyAccess"}), 1u)
      << text;
  // Two resources for one bucket: the first kept, the second reported with its place.
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"duplicate bucket `team-data`", "/values/root_module/child_modules/0"}),
            1u)
      << text;
  const json& bucket = (*scenario)["buckets"][0];
  EXPECT_EQ(bucket["region"], "eu-central-1");
  EXPECT_EQ(bucket["policy"]["Statement"][0]["Sid"], "DenyInsecure");  // v3 inline policy
  EXPECT_EQ(bucket["default_encryption"], json::parse(R"({"sse": "AES256"})"));
  // SCP levels: what is attached to the root, then to the account; an OU is reported.
  const json& account = (*scenario)["accounts"][0];
  ASSERT_EQ(account["scps"].size(), 2u);
  EXPECT_EQ(account["scps"][0].size(), 1u);
  EXPECT_EQ(account["scps"][1].size(), 2u);
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"ou-abcd-11111111"}), 1u) << text;

  json checks = json::parse(R"({"expectations": [
    {"principal": "arn:aws:iam::333344445555:user/alice", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::team-data/a.csv", "expect": "allow"},
    {"principal": "arn:aws:iam::333344445555:user/alice", "action": "s3:PutObject",
     "resource": "arn:aws:s3:::team-data/a.csv", "expect": "allow"},
    {"principal": "arn:aws:iam::333344445555:user/dev-1", "action": "s3:DeleteObject",
     "resource": "arn:aws:s3:::team-data/a.csv", "expect": "deny"},
    {"principal": "arn:aws:iam::333344445555:user/alice", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::team-data/a.csv", "context": {"aws:SecureTransport": "false"},
     "expect": "deny"}]})");
  (*scenario)["expectations"] = checks["expectations"];
  ScenarioReport checked = check_scenario(testing::load_or_fail(*scenario));
  for (const auto& e : checked.expectations) EXPECT_TRUE(e.ok) << e.index;
}

TEST(ImportTerraform, ScpsDoNotApplyToTheManagementAccount) {
  json state = json::parse(std::ifstream(fixture("terraform-state-users-scps.json")));
  state["values"]["root_module"]["resources"].push_back(json::parse(R"({
    "address": "aws_organizations_organization.this", "mode": "managed",
    "type": "aws_organizations_organization", "name": "this",
    "values": {"id": "o-exampleorgid", "master_account_id": "333344445555",
               "feature_set": "ALL"}})"));
  std::string path = ::testing::TempDir() + "management-state.json";
  std::ofstream(path) << state.dump();
  ImportReport report;
  auto scenario = import_terraform_plan(path, report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  EXPECT_FALSE((*scenario)["accounts"][0].contains("scps"));
  EXPECT_EQ(entries_with(report, Kind::kNote, {"management account", "333344445555"}), 1u);
  // In the organization (aws:PrincipalOrgID), its OU path unknown: the plan has no root.
  EXPECT_EQ((*scenario)["accounts"][0]["organization"], "o-exampleorgid");
  EXPECT_FALSE((*scenario)["accounts"][0].contains("ou_path"));
}

TEST(ImportTerraform, OrganizationPathAndTagsFeedTheConditionKeys) {
  json state = json::parse(std::ifstream(fixture("terraform-state-users-scps.json")));
  json& resources = state["values"]["root_module"]["resources"];
  for (const char* r : {
           R"({"address": "aws_organizations_organization.this", "mode": "managed",
               "type": "aws_organizations_organization", "name": "this",
               "values": {"id": "o-exampleorgid", "master_account_id": "111111111111"}})",
           R"({"address": "aws_organizations_organizational_unit.prod", "mode": "managed",
               "type": "aws_organizations_organizational_unit", "name": "prod",
               "values": {"id": "ou-abcd-11111111", "name": "prod", "parent_id": "r-abcd"}})",
           R"({"address": "aws_organizations_account.data", "mode": "managed",
               "type": "aws_organizations_account", "name": "data",
               "values": {"id": "333344445555", "name": "data", "parent_id": "ou-abcd-11111111"}})",
           R"({"address": "aws_s3_bucket_abac.team_data", "mode": "managed",
               "type": "aws_s3_bucket_abac", "name": "team_data",
               "values": {"bucket": "team-data", "abac_status": [{"status": "Enabled"}]}})"})
    resources.push_back(json::parse(r));
  for (json& r : resources)
    if (r["address"] == "aws_s3_bucket.team_data") {
      r["values"]["tags"] = {{"classification", "internal"}};
      r["values"]["tags_all"] = {{"classification", "internal"}, {"cost-center", "42"}};
    }
  std::string path = ::testing::TempDir() + "org-tags-state.json";
  std::ofstream(path) << state.dump();
  ImportReport report;
  auto scenario = import_terraform_plan(path, report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  const json& account = (*scenario)["accounts"][0];
  EXPECT_EQ(account["organization"], "o-exampleorgid");
  EXPECT_EQ(account["ou_path"], "o-exampleorgid/r-abcd/ou-abcd-11111111/");
  // tags_all (the provider's default tags included) wins over tags; ABAC from its resource.
  const json& bucket = (*scenario)["buckets"][0];
  EXPECT_EQ(bucket["tags"], json::parse(R"({"classification": "internal", "cost-center": "42"})"));
  EXPECT_EQ(bucket["abac"], true);
  EXPECT_EQ(entries_with(report, Kind::kNote, {"aws_s3_bucket_abac"}), 0u);
  testing::load_or_fail(*scenario);
}

TEST(ImportTerraform, OuLevelsFollowWhereThePlanPlacesOusAndAccounts) {
  json state = json::parse(std::ifstream(fixture("terraform-state-users-scps.json")));
  json& resources = state["values"]["root_module"]["resources"];
  resources.push_back(json::parse(R"({"address": "aws_organizations_organizational_unit.prod",
    "mode": "managed", "type": "aws_organizations_organizational_unit", "name": "prod",
    "values": {"id": "ou-abcd-11111111", "name": "prod", "parent_id": "r-abcd"}})"));
  resources.push_back(json::parse(R"({"address": "aws_organizations_account.data",
    "mode": "managed", "type": "aws_organizations_account", "name": "data",
    "values": {"id": "333344445555", "name": "data", "parent_id": "ou-abcd-11111111"}})"));
  resources.push_back(json::parse(R"({"address": "aws_s3_bucket_versioning.team_data",
    "mode": "managed", "type": "aws_s3_bucket_versioning", "name": "team_data",
    "values": {"bucket": "team-data"}})"));
  std::string path = ::testing::TempDir() + "ou-state.json";
  std::ofstream(path) << state.dump();
  ImportReport report;
  auto scenario = import_terraform_plan(path, report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  // Root (FullAWSAccess), the OU (DenyObjectDeletion), the account (both).
  const json& scps = (*scenario)["accounts"][0]["scps"];
  ASSERT_EQ(scps.size(), 3u) << scps.dump();
  EXPECT_EQ(scps[0][0]["Statement"][0]["Effect"], "Allow");
  EXPECT_EQ(scps[1][0]["Statement"][0]["Effect"], "Deny");
  EXPECT_EQ(scps[2].size(), 2u);
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"ou-abcd-11111111"}), 0u);
  // Nothing dropped silently: resources a scenario has no place for are named by type.
  EXPECT_EQ(entries_with(report, Kind::kNote, {"`aws_s3_bucket_versioning` (1)"}), 1u);
}

TEST(ImportTerraform, PrincipalsOfAnotherAccountDeclareIt) {
  json state = json::parse(std::ifstream(fixture("terraform-state-users-scps.json")));
  state["values"]["root_module"]["resources"].push_back(json::parse(R"({
    "address": "aws_iam_role.auditor", "mode": "managed", "type": "aws_iam_role",
    "name": "auditor", "provider_name": "registry.terraform.io/hashicorp/aws",
    "values": {"name": "auditor", "path": "/", "arn": "arn:aws:iam::999988887777:role/auditor",
               "assume_role_policy": ""}})"));
  std::string path = ::testing::TempDir() + "two-account-state.json";
  std::ofstream(path) << state.dump();
  ImportReport report;
  auto scenario = import_terraform_plan(path, report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  EXPECT_EQ((*scenario)["accounts"].size(), 2u);
  EXPECT_EQ((*scenario)["accounts"][1]["id"], "999988887777");
  EXPECT_EQ((*scenario)["principals"].size(), 4u) << testing::report_text(report);
}

TEST(ImportTerraform, NotAPlanIsNoScenario) {
  ImportReport report;
  EXPECT_FALSE(import_terraform_plan(fixture("not-a-plan.json"), report));
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"not-a-plan.json", "wrong shape"}), 1u);
  ImportReport missing;
  EXPECT_FALSE(import_terraform_plan(fixture("no-such-plan.json"), missing));
  EXPECT_EQ(entries_with(missing, Kind::kSkipped, {"no-such-plan.json", "cannot read"}), 1u);
}

}  // namespace
}  // namespace accesspath
