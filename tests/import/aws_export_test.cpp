// `import aws`: the export layout of docs/import.md read into scenarios (seed 003 as an export,
// a multi-account organization with SCPs and RCPs, SDK document shapes, bad input).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/aws_export.h"
#include "import/invariants_merge.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

using nlohmann::json;
using testing::entries_with;
using testing::fixture;
using Kind = ImportEntry::Kind;

const json* find_by(const json& list, const std::string& key, const std::string& value) {
  for (const auto& e : list)
    if (e.value(key, "") == value) return &e;
  return nullptr;
}

TEST(ImportAws, Seed003ExportIsDecidedExactlyAsTheHandWrittenScenario) {
  ImportReport report;
  auto scenario = import_aws_export(fixture("aws-seed-003"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  Scenario hand = testing::expect_decided_as_seed_003(*scenario, report);
  // The default version of each managed policy (v1 of each is an allow-everything draft).
  EXPECT_EQ(
      (*scenario)["managed_policies"]["arn:aws:iam::111122223333:policy/secure-bucket-admin"],
      hand.source["managed_policies"]["arn:aws:iam::111122223333:policy/secure-bucket-admin"]);
  // The instance profile is told in the description; the bucket's Region from a null location.
  EXPECT_NE((*scenario)["description"].get<std::string>().find("authorized-users"),
            std::string::npos);
  EXPECT_EQ((*scenario)["buckets"][0]["region"], "us-east-1");
  EXPECT_FALSE((*scenario)["buckets"][0].contains("block_public_access"));
  // NoSuchTagSet is no tags; list-resource-tags gives a key's tags, an empty list none.
  EXPECT_FALSE((*scenario)["buckets"][0].contains("tags"));
  const json* tagged = find_by((*scenario)["keys"], "arn",
                               "arn:aws:kms:us-east-1:111122223333:key/"
                               "1234abcd-12ab-34cd-56ef-1234567890ab");
  ASSERT_TRUE(tagged);
  EXPECT_EQ((*tagged)["tags"], json::parse(R"({"team": "security"})"));
  for (const auto& key : (*scenario)["keys"])
    EXPECT_TRUE(&key == tagged || !key.contains("tags")) << key.dump();
  // AWS lists aliases reserved for AWS managed keys not yet created: no target, nothing to say.
  EXPECT_EQ(report.count(Kind::kSkipped), 0u) << testing::report_text(report);
  EXPECT_EQ(report.count(Kind::kUnknown), 0u) << testing::report_text(report);
}

TEST(ImportAws, OrganizationLevelsComeFromTheOuTreeAndPolicyTargets) {
  ImportReport report;
  auto scenario = import_aws_export(fixture("aws-organization"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  const json& accounts = (*scenario)["accounts"];
  const json* prod = find_by(accounts, "id", "222222222222");
  const json* management = find_by(accounts, "id", "111111111111");
  ASSERT_TRUE(prod && management);
  EXPECT_EQ((*prod)["name"], "prod");
  // aws:PrincipalOrgID and aws:PrincipalOrgPaths: the organization, and the path from the root
  // down to the account's OU (the management account sits under the root).
  EXPECT_EQ((*prod)["organization"], "o-a1b2c3d4e5");
  EXPECT_EQ((*prod)["ou_path"], "o-a1b2c3d4e5/r-ab12/ou-ab12-prod0001/");
  EXPECT_EQ((*management)["organization"], "o-a1b2c3d4e5");
  EXPECT_EQ((*management)["ou_path"], "o-a1b2c3d4e5/r-ab12/");
  // The account's own Block Public Access (s3control get-public-access-block).
  EXPECT_EQ((*prod)["block_public_access"]["BlockPublicPolicy"], true);
  EXPECT_EQ((*prod)["block_public_access"]["RestrictPublicBuckets"], false);
  // Root, OU Prod, the account: FullAWSAccess everywhere, DenyBucketDeletion on the OU.
  std::string full = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
  std::string deny =
      "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/"
      "p-denydelete";
  EXPECT_EQ((*prod)["scps"], json::parse("[[\"" + full + "\"], [\"" + full + "\", \"" + deny +
                                         "\"], [\"" + full + "\"]]"));
  // RCPFullAWSAccess is implied; the customer RCP sits at the root level.
  ASSERT_EQ((*prod)["rcps"].size(), 3u);
  EXPECT_EQ((*prod)["rcps"][0].size(), 1u);
  EXPECT_EQ((*prod)["rcps"][0][0]["Statement"][0]["Sid"], "EnforceTLS");
  EXPECT_TRUE((*prod)["rcps"][1].empty());
  // SCPs and RCPs do not apply to the management account.
  EXPECT_FALSE(management->contains("scps"));
  EXPECT_FALSE(management->contains("rcps"));
  // "EU" is eu-west-1; NoSuchBucketPolicy (the CLI's own message) is no policy.
  const json* bucket = find_by((*scenario)["buckets"], "name", "prod-data");
  ASSERT_TRUE(bucket);
  EXPECT_EQ((*bucket)["region"], "eu-west-1");
  EXPECT_FALSE(bucket->contains("policy"));
  EXPECT_EQ((*bucket)["default_encryption"]["sse"], "AES256");
  EXPECT_EQ((*bucket)["block_public_access"]["RestrictPublicBuckets"], true);
  // get-bucket-tagging's TagSet, and ABAC enabled (get-bucket-abac): aws:ResourceTag reads them.
  EXPECT_EQ((*bucket)["tags"],
            json::parse(R"({"classification": "internal", "owner": "data-platform"})"));
  EXPECT_EQ((*bucket)["abac"], true);
  // URL-encoded and JSON-string documents decoded; "Statement" as an object kept.
  const json* alice =
      find_by((*scenario)["principals"], "arn", "arn:aws:iam::222222222222:user/alice");
  ASSERT_TRUE(alice);
  EXPECT_EQ((*alice)["policies"][0]["Statement"][0]["Sid"], "AllS3");
  EXPECT_EQ((*alice)["groups"], json::array({"arn:aws:iam::222222222222:group/devs"}));
  EXPECT_EQ((*alice)["tags"]["team"], "data");
  const json* ci =
      find_by((*scenario)["principals"], "arn", "arn:aws:iam::222222222222:role/deploy/ci");
  ASSERT_TRUE(ci);
  EXPECT_EQ((*ci)["trust_policy"]["Statement"][0]["Principal"]["AWS"],
            "arn:aws:iam::111111111111:role/OrgAdmin");
  // What was referenced but not exported is reported, never invented.
  EXPECT_EQ((*ci)["policies"], json::array());
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"arn:aws:iam::aws:policy/ReadOnlyAccess"}), 1u);
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"ghost-group", "/UserDetailList/0/GroupList/1"}),
            1u);
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"333333333333", "not in the export"}), 1u);
  EXPECT_EQ(entries_with(report, Kind::kNote, {"TAG_POLICY"}), 1u);
  EXPECT_EQ(entries_with(report, Kind::kNote, {"ObjectWriter"}), 1u);
  EXPECT_EQ(report.count(Kind::kSkipped), 3u) << testing::report_text(report);
  EXPECT_EQ(report.count(Kind::kUnknown), 0u) << testing::report_text(report);

  Diagnostics errors;
  ASSERT_TRUE(
      merge_invariants(*scenario, fixture("aws-organization-expectations.json"), report, errors));
  ScenarioReport checked = check_scenario(testing::load_or_fail(*scenario));
  for (const auto& e : checked.expectations) EXPECT_TRUE(e.ok) << e.why;
  for (const auto& i : checked.invariants) EXPECT_TRUE(i.ok) << i.name << ": " << i.reason;
}

TEST(ImportAws, AnAccountOutsideTheExportedOuTreeGetsNoLevelsAndANote) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "org-without-prod";
  fs::remove_all(dir);
  fs::copy(fixture("aws-organization"), dir, fs::copy_options::recursive);
  std::ofstream(dir / "organizations/list-accounts-for-parent/ou-ab12-prod0001.json")
      << R"({"Accounts": []})";
  ImportReport report;
  auto scenario = import_aws_export(dir.string(), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  const json* prod = find_by((*scenario)["accounts"], "id", "222222222222");
  ASSERT_TRUE(prod);
  EXPECT_FALSE(prod->contains("scps"));
  EXPECT_EQ(entries_with(report, Kind::kNote, {"222222222222", "not in the exported OU tree"}), 1u)
      << testing::report_text(report);
}

TEST(ImportAws, BadInputIsReportedWithFileAndPointerAndTheRestImported) {
  ImportReport report;
  auto scenario = import_aws_export(fixture("aws-bad"), report);
  ASSERT_TRUE(scenario) << testing::report_text(report);
  std::string text = testing::report_text(report);
  // The rest imported: the role once, both buckets (bucket-b without its refused policy).
  ASSERT_EQ((*scenario)["principals"].size(), 2u) << scenario->dump(2);
  EXPECT_EQ((*scenario)["principals"][0]["arn"], "arn:aws:iam::444455556666:role/app");
  ASSERT_EQ((*scenario)["buckets"].size(), 2u);
  EXPECT_FALSE((*scenario)["buckets"][1].contains("policy"));
  EXPECT_EQ((*scenario)["buckets"][1]["region"], "eu-central-1");
  // Each problem named with its file and JSON pointer.
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"duplicate principal", "/RoleDetailList/1"}), 1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"/RoleDetailList/2", "`Arn`"}), 1u) << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"/UserDetailList/0/UserPolicyList/0/PolicyDocument", "got number"}),
            1u)
      << text;
  EXPECT_EQ(
      entries_with(report, Kind::kSkipped, {"/Policies/0/PolicyVersionList", "IsDefaultVersion"}),
      1u)
      << text;
  EXPECT_EQ(
      entries_with(report, Kind::kSkipped, {"/Policies/1/PolicyVersionList", "must be a list"}), 1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"bucket-a/get-bucket-policy.json", "truncated", "line 1"}),
            1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"bucket-a/get-bucket-location.json", "missing"}),
            1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"notes.txt", "unknown layout"}), 1u) << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"README.md", "unknown layout"}), 1u) << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"55555", "unknown layout"}), 1u) << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"abcd/describe-key.json", "wrong shape"}), 1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"bucket-b/get-bucket-policy.json", "/Policy/Statement/0/Effect"}),
            1u)
      << text;
  // A key whose policy could not be read is left out, not given KMS's default policy.
  EXPECT_EQ(entries_with(report, Kind::kUnknown, {"get-key-policy.json", "AccessDeniedException"}),
            1u)
      << text;
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"5555eeee", "its key policy is not known"}), 1u)
      << text;
  EXPECT_FALSE(scenario->contains("keys"));
  EXPECT_EQ(entries_with(report, Kind::kSkipped, {"alias `alias/app`", "not in the export"}), 1u)
      << text;
  // What the loader still refuses in the assembled scenario goes, reported at its input place.
  EXPECT_EQ(entries_with(report, Kind::kSkipped,
                         {"/UserDetailList/1", "`arn:aws:iam::444455556666:usr/typo` left out"}),
            1u)
      << text;
  testing::load_or_fail(*scenario);
  EXPECT_EQ(report.imported_count(), 4u);  // 2 principals, 2 buckets
}

TEST(ImportAws, NothingUsableIsNoScenario) {
  ImportReport report;
  EXPECT_FALSE(import_aws_export(fixture("aws-empty"), report));
  ImportReport not_a_dir;
  EXPECT_FALSE(import_aws_export(fixture("not-a-plan.json"), not_a_dir));
  EXPECT_EQ(entries_with(not_a_dir, Kind::kSkipped, {"not-a-plan.json", "not a directory"}), 1u);
}

}  // namespace
}  // namespace accesspath
