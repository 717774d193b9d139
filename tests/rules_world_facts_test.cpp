// Rule tests, the world facts of the contract extension: organizations and OU paths of accounts,
// tags on buckets, objects and keys, the condition keys they feed (aws:PrincipalOrgID,
// aws:PrincipalOrgPaths, aws:ResourceOrgID, aws:ResourceOrgPaths, aws:ResourceAccount,
// aws:ResourceTag/*, s3:ExistingObjectTag/*), and what the loader refuses. Pages:
// IAM/reference_policies_condition-keys.html (global keys), S3/tagging-and-policies.html,
// S3/buckets-tagging.html, KMS/abac.html, AWS Organizations API Reference (ids).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/analysis/check.h"
#include "model/symbolic/some_context.h"
#include "tests/test_world.h"

namespace accesspath::rules {
namespace {

constexpr std::string_view kReader = "arn:aws:iam::111122223333:user/reader";
constexpr std::string_view kPartner = "arn:aws:iam::444455556666:user/partner";
constexpr std::string_view kOutsider = "arn:aws:iam::777788889999:user/outsider";
constexpr std::string_view kObject = "arn:aws:s3:::org-data/report.csv";
constexpr std::string_view kKey = "arn:aws:kms:us-east-1:111122223333:key/k1";

// Accounts A (111122223333) and B (444455556666) in organization o-a1b2c3d4e5, A under
// ou-ab12-11111111; C (777788889999) declared in no organization. Everyone may do anything in
// IAM. BUCKET_POLICY is the bucket policy's statement list; KEY_POLICY_EXTRA adds key statements.
std::string org_world(std::string_view bucket_statements, std::string_view key_statements = "",
                      std::string_view extra_bucket = "") {
  std::string doc = R"json({
    "format": 1, "name": "org",
    "accounts": [
      {"id": "111122223333", "organization": "o-a1b2c3d4e5",
       "ou_path": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"},
      {"id": "444455556666", "organization": "o-a1b2c3d4e5"},
      {"id": "777788889999"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/reader", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::444455556666:user/partner", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}]}]},
      {"arn": "arn:aws:iam::777788889999:user/outsider", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}]}]}],
    "keys": [{"arn": "arn:aws:kms:us-east-1:111122223333:key/k1", "tags": {"classification": "public"},
      "policy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"},
         "Action": "kms:*", "Resource": "*"} KEY_STATEMENTS]}}],
    "buckets": [{"name": "org-data", "account": "111122223333", "region": "us-east-1",
      "tags": {"team": "data"} EXTRA_BUCKET,
      "objects": [{"key": "report.csv", "tags": {"stage": "final"}}, {"key": "draft.csv"}],
      "policy": {"Version": "2012-10-17", "Statement": [BUCKET_STATEMENTS]}}]})json";
  doc = replace(doc, "BUCKET_STATEMENTS", bucket_statements);
  doc = replace(doc, "KEY_STATEMENTS", key_statements);
  return replace(doc, "EXTRA_BUCKET", extra_bucket);
}

constexpr std::string_view kEveryoneReads = R"json(
  {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
   "Resource": "arn:aws:s3:::org-data/*"})json";

// kEveryoneReads plus a Deny of every S3 action on the objects under `condition`.
std::string everyone_reads_unless(std::string_view condition) {
  return std::string(kEveryoneReads) + R"json(,
    {"Sid": "Fence", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": "arn:aws:s3:::org-data/*", "Condition": )json" +
         std::string(condition) + "}";
}

TEST(RulesWorldFacts, PrincipalOrgIdIsTheAccountsOrganization_GlobalKeysPrincipalOrgId) {
  std::string fence = everyone_reads_unless(
      R"json({"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})json");
  World w = make_world(org_world(fence));
  EXPECT_TRUE(allows(w, kReader, "s3:GetObject", kObject));
  EXPECT_TRUE(allows(w, kPartner, "s3:GetObject", kObject));
  // No organization: the key is absent, so StringNotEquals is true and the fence denies (rule 34).
  EXPECT_TRUE(denies(w, kOutsider, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, "anonymous", "s3:GetObject", kObject));
  // Of an account the file does not declare, nothing is known: it may be in the organization, so
  // whether the fence applies is not known either (undecided, with the fence's reading).
  Decision undeclared =
      decide(w, "arn:aws:iam::999999999999:user/undeclared", "s3:GetObject", kObject);
  EXPECT_FALSE(undeclared.allowed);
  EXPECT_NE(undeclared.undecided.find("aws:PrincipalOrgID"), std::string::npos)
      << explain(undeclared);
}

// An organization named only in a condition: accounts the file does not declare may belong to
// it, so "only the reader reads" is undecided, never a silent "holds".
TEST(RulesWorldFacts, AnUndeclaredAccountsOrganizationIsUnknown_GlobalKeysPrincipalOrgId) {
  nlohmann::json doc = nlohmann::json::parse(org_world(R"json(
    {"Sid": "PartnerOrg", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::org-data/*",
     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-partner123"}}})json"));
  doc["invariants"] = nlohmann::json::parse(R"json([{"name": "only the reader",
    "action": "s3:GetObject", "resource": "arn:aws:s3:::org-data/*",
    "only": ["arn:aws:iam::111122223333:user/reader"]}])json");
  LoadResult r = load(doc.dump());
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  InvariantResult only = check_scenario(*r.scenario).invariants.at(0);
  EXPECT_EQ(only.holds, std::nullopt) << only.reason;
  EXPECT_NE(only.reason.find("aws:PrincipalOrgID"), std::string::npos) << only.reason;
}

TEST(RulesWorldFacts, PrincipalOrgPathsIsTheAccountsOuPath_GlobalKeysPrincipalOrgPaths) {
  std::string ou_only = R"json(
    {"Sid": "OuReads", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::org-data/*",
     "Condition": {"ForAnyValue:StringLike":
       {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}})json";
  World w = make_world(org_world(ou_only));
  EXPECT_TRUE(allows(w, kReader, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(w, kOutsider, "s3:GetObject", kObject));
  // B is in the organization, but the file does not say where: its path is unknown, and the
  // decision that reads it says so.
  Decision d = decide(w, kPartner, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.undecided.find("aws:PrincipalOrgPaths"), std::string::npos) << explain(d);
}

// `doc` with an identity-policy Deny of every S3 action under `condition` added to the principal
// declared just before `next_arn` (reader: partner's ARN; partner: outsider's ARN).
std::string with_identity_deny(const std::string& doc, std::string_view next_arn,
                               std::string_view condition) {
  const std::string tail = R"json("Action": ["s3:*", "kms:*"], "Resource": "*"}]}]},
      {"arn": ")json" + std::string(next_arn) +
                           "\"";
  return replace(doc, tail,
                 R"json("Action": ["s3:*", "kms:*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": )json" +
                     std::string(condition) + "}]}]},\n      {\"arn\": \"" + std::string(next_arn) +
                     "\"");
}

TEST(RulesWorldFacts, ResourceOrgIdAndAccountAreTheBucketOwners_GlobalKeysResourceOrgId) {
  // An identity-side fence: the reader may use only resources of an organization (or, with
  // aws:ResourceAccount, of an account), as AWS's data perimeter examples do.
  std::string doc =
      with_identity_deny(org_world(kEveryoneReads), kPartner,
                         R"json({"StringNotEquals": {"aws:ResourceOrgID": "o-zzzzzzzzzz"}})json");
  World w = make_world(doc);
  EXPECT_TRUE(denies(w, kReader, "s3:GetObject", kObject));
  World same_org = make_world(replace(doc, "o-zzzzzzzzzz", "o-a1b2c3d4e5"));
  EXPECT_TRUE(allows(same_org, kReader, "s3:GetObject", kObject));
  World by_account = make_world(replace(replace(doc, "o-zzzzzzzzzz", "111122223333"),
                                        "aws:ResourceOrgID", "aws:ResourceAccount"));
  EXPECT_TRUE(allows(by_account, kReader, "s3:GetObject", kObject));
}

TEST(RulesWorldFacts, ResourceOrgPathsIsTheOwnersOuPath_GlobalKeysResourceOrgPaths) {
  // The partner's Deny applies unless every path of the bucket's owner is under the pattern
  // (ForAllValues:StringNotLike is true for a missing key, rule 42, so the key must be there).
  std::string doc = with_identity_deny(
      org_world(kEveryoneReads), kOutsider,
      R"json({"ForAllValues:StringNotLike": {"aws:ResourceOrgPaths": "o-a1b2c3d4e5/*"}})json");
  EXPECT_TRUE(allows(make_world(doc), kPartner, "s3:GetObject", kObject));
  EXPECT_TRUE(denies(make_world(replace(doc, "o-a1b2c3d4e5/*", "o-a1b2c3d4e5/r-ab12/ou-zz*")),
                     kPartner, "s3:GetObject", kObject));
}

TEST(RulesWorldFacts, BucketTagsFeedResourceTagOnlyWithAbac_S3BucketTagging) {
  std::string tagged = R"json(
    {"Sid": "TaggedList", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::org-data",
     "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}})json";
  // ABAC is disabled by default: bucket tags are for cost allocation only
  // (S3/buckets-tagging.html).
  World off = make_world(org_world(tagged));
  EXPECT_TRUE(denies(off, kPartner, "s3:ListBucket", "arn:aws:s3:::org-data"));
  World on = make_world(org_world(tagged, "", R"json(, "abac": true)json"));
  EXPECT_TRUE(allows(on, kPartner, "s3:ListBucket", "arn:aws:s3:::org-data"));
  World other_tag = make_world(replace(org_world(tagged, "", R"json(, "abac": true)json"),
                                       R"json("tags": {"team": "data"})json",
                                       R"json("tags": {"team": "ops"})json"));
  EXPECT_TRUE(denies(other_tag, kPartner, "s3:ListBucket", "arn:aws:s3:::org-data"));
}

TEST(RulesWorldFacts, ObjectTagsFeedExistingObjectTag_S3ExistingObjectTag) {
  std::string by_tag = R"json(
    {"Sid": "FinalOnly", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::org-data/*",
     "Condition": {"StringEquals": {"s3:ExistingObjectTag/stage": "final"}}})json";
  World w = make_world(org_world(by_tag));
  EXPECT_TRUE(allows(w, kPartner, "s3:GetObject", kObject));
  // A declared object without the tag: absent, known.
  Decision draft = decide(w, kPartner, "s3:GetObject", "arn:aws:s3:::org-data/draft.csv");
  EXPECT_FALSE(draft.allowed);
  EXPECT_TRUE(draft.undecided.empty()) << explain(draft);
  // Not supported for PutObject (S3/tagging-and-policies.html): never present there.
  EXPECT_TRUE(denies(w, kPartner, "s3:PutObject", kObject));
  // An object the file does not declare: its tags are unknown.
  Decision unknown = decide(w, kPartner, "s3:GetObject", "arn:aws:s3:::org-data/other.csv");
  EXPECT_FALSE(unknown.allowed);
  EXPECT_NE(unknown.undecided.find("s3:ExistingObjectTag/stage"), std::string::npos)
      << explain(unknown);
}

TEST(RulesWorldFacts, KeyTagsFeedResourceTag_KmsAbac) {
  std::string public_keys = R"json(,
    {"Sid": "PublicKeys", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": "kms:Decrypt", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/classification": "public"}}})json";
  World w = make_world(org_world(kEveryoneReads, public_keys));
  EXPECT_TRUE(allows(w, kPartner, "kms:Decrypt", kKey));
  World secret = make_world(replace(org_world(kEveryoneReads, public_keys),
                                    R"json("tags": {"classification": "public"})json",
                                    R"json("tags": {"classification": "secret"})json"));
  EXPECT_TRUE(denies(secret, kPartner, "kms:Decrypt", kKey));
}

// Tags or an ABAC status the file does not know (`null`, what `import aws` writes for an export
// without get-bucket-tagging, get-bucket-abac or list-resource-tags) are not "no tags": a decision
// they could change is undecided, never a silent deny (scenario contract, further world facts).
TEST(RulesWorldFacts, UnknownTagsOrAbacMakeResourceTagDecisionsUndecided_UnknownKeys) {
  std::string tagged = R"json(
    {"Sid": "TaggedList", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::org-data",
     "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}})json";
  auto world_with = [&](std::string_view tags, std::string_view abac) {
    return make_world(
        replace(org_world(tagged, "", abac), R"json("tags": {"team": "data"})json", tags));
  };
  for (const auto& [tags, abac] : std::vector<std::pair<std::string_view, std::string_view>>{
           {R"json("tags": null)json", R"json(, "abac": true)json"},
           {R"json("tags": {"team": "data"})json", R"json(, "abac": null)json"},
           {R"json("tags": null)json", R"json(, "abac": null)json"}}) {
    Decision d = decide(world_with(tags, abac), kPartner, "s3:ListBucket", "arn:aws:s3:::org-data");
    EXPECT_FALSE(d.allowed);
    EXPECT_NE(d.undecided.find("aws:ResourceTag/team"), std::string::npos) << tags << abac << "\n"
                                                                           << explain(d);
  }
  // Known to have no tags: aws:ResourceTag is absent whether ABAC is on or not.
  Decision none = decide(world_with(R"json("tags": {})json", R"json(, "abac": null)json"), kPartner,
                         "s3:ListBucket", "arn:aws:s3:::org-data");
  EXPECT_FALSE(none.allowed);
  EXPECT_TRUE(none.undecided.empty()) << explain(none);
  // ABAC known to be off: the tags, known or not, feed nothing.
  Decision off = decide(world_with(R"json("tags": null)json", ""), kPartner, "s3:ListBucket",
                        "arn:aws:s3:::org-data");
  EXPECT_FALSE(off.allowed);
  EXPECT_TRUE(off.undecided.empty()) << explain(off);
}

TEST(RulesWorldFacts, UnknownKeyTagsMakeResourceTagDecisionsUndecided_KmsAbac) {
  std::string public_keys = R"json(,
    {"Sid": "PublicKeys", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": "kms:Decrypt", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/classification": "public"}}})json";
  World w = make_world(replace(org_world(kEveryoneReads, public_keys),
                               R"json("tags": {"classification": "public"})json",
                               R"json("tags": null)json"));
  Decision d = decide(w, kPartner, "kms:Decrypt", kKey);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.undecided.find("aws:ResourceTag/classification"), std::string::npos) << explain(d);
}

TEST(RulesWorldFacts, KeyNobodyFillsMakesTheDecisionUndecided_UnknownKeys) {
  std::string odd =
      everyone_reads_unless(R"json({"StringNotEquals": {"aws:SourceIdentity": "auditor"}})json");
  World w = make_world(org_world(odd));
  Decision d = decide(w, kReader, "s3:GetObject", kObject);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.undecided.find("aws:SourceIdentity"), std::string::npos) << explain(d);
  ASSERT_EQ(d.unknown_keys.size(), 1u);
  // The same key where it cannot change the decision: recorded, not undecided.
  std::string harmless = replace(odd, "\"Sid\": \"Everyone\", \"Effect\": \"Allow\"",
                                 "\"Sid\": \"Everyone\", \"Effect\": \"Deny\"");
  Decision h = decide(make_world(org_world(harmless)), kReader, "s3:GetObject", kObject);
  EXPECT_FALSE(h.allowed);
  EXPECT_TRUE(h.undecided.empty()) << explain(h);
  // aws:SourceArn is known absent for IAM principals (present only for service principals).
  Decision source =
      decide(make_world(replace(org_world(odd), "aws:SourceIdentity", "aws:SourceArn")), kReader,
             "s3:GetObject", kObject);
  EXPECT_TRUE(source.undecided.empty()) << explain(source);
}

TEST(RulesWorldFacts, TagsOfOtherResourcesAreUndescribed_UnknownKeys) {
  // Only buckets, objects and keys carry tags in a scenario: a queue's tags are nobody's fact.
  std::string doc = replace(org_world(kEveryoneReads), R"json("buckets": [)json", R"json(
    "resources": [{"arn": "arn:aws:sqs:us-east-1:111122223333:jobs", "policy": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/reader"}, "Action": "sqs:SendMessage",
        "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs",
        "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}}]}}],
    "buckets": [)json");
  Decision d = decide(make_world(doc), kReader, "sqs:SendMessage",
                      "arn:aws:sqs:us-east-1:111122223333:jobs");
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.undecided.find("aws:ResourceTag/team"), std::string::npos) << explain(d);
}

TEST(RulesWorldFacts, SearchOverContextsIsUnknownWhenTheDecisionDependsOnAnUnknownKey_UnknownKeys) {
  std::string odd =
      everyone_reads_unless(R"json({"StringNotEquals": {"aws:SourceIdentity": "auditor"}})json");
  World w = make_world(org_world(odd));
  auto who = resolve_requester(w, kReader);
  ASSERT_TRUE(who);
  ContextAnswer a = search_contexts(w, *who, request(kReader, "s3:GetObject", kObject), true);
  EXPECT_EQ(a.kind, ContextAnswer::Kind::kUnknown);
  EXPECT_NE(a.reason.find("aws:SourceIdentity"), std::string::npos) << a.reason;
}

TEST(RulesLoader, OrganizationsAndTagsAreCheckedAsAwsChecksThem) {
  std::string doc = org_world(kEveryoneReads);
  auto error_at = [&](std::string_view from, std::string_view to, std::string_view pointer,
                      std::string_view text) {
    LoadResult r = load(replace(doc, from, to));
    EXPECT_FALSE(r.scenario) << "`" << to << "` loaded";
    EXPECT_TRUE(has_diagnostic(r.diagnostics, pointer, Severity::kError, text));
  };
  error_at("\"organization\": \"o-a1b2c3d4e5\",", "\"organization\": \"o-ABC\",",
           "/accounts/0/organization", "not an organization id");
  error_at("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111",
           "/accounts/0/ou_path", "ends with `/`");
  error_at("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-zzzzzzzzzz/r-ab12/", "/accounts/0/ou_path",
           "starts with the account's organization");
  error_at("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-a1b2c3d4e5/r-ab12/ou-x/",
           "/accounts/0/ou_path", "not an OU id");
  error_at("{\"team\": \"data\"}", "{\"team\": \"da<ta\"}", "/buckets/0/tags/team",
           "has the character `<`");
  error_at("{\"team\": \"data\"}", "{\"aws:team\": \"data\"}", "/buckets/0/tags/aws:team",
           "starts with `aws:`");
  error_at("{\"stage\": \"final\"}", "{\"stage\": \"" + std::string(257, 'x') + "\"}",
           "/buckets/0/objects/0/tags/stage", "at most 256");
  error_at("{\"classification\": \"public\"}", "{\"" + std::string(129, 'k') + "\": \"public\"}",
           "/keys/0/tags/" + std::string(129, 'k'), "at most 128");
  error_at("{\"id\": \"777788889999\"}", "{\"id\": \"777788889999\", \"ou_path\": \"o-a/\"}",
           "/accounts/2/ou_path", "needs the account's `organization`");
}

TEST(RulesLoader, ConditionKeyNothingFillsIsALintWarning_UnknownKeys) {
  std::string odd = everyone_reads_unless(
      R"json({"StringNotEquals": {"aws:SourceIdentity": "auditor",
                                  "aws:PrincipalOrgID": "o-a1b2c3d4e5"}})json");
  LoadResult r = load(org_world(odd));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  EXPECT_TRUE(has_diagnostic(r.diagnostics,
                             "/buckets/0/policy/Statement/1/Condition/StringNotEquals/"
                             "aws:SourceIdentity",
                             Severity::kWarning, "never filled"));
  // Keys accesspath fills draw no such warning.
  EXPECT_FALSE(diagnostic_at(
      r.diagnostics, "/buckets/0/policy/Statement/1/Condition/StringNotEquals/aws:PrincipalOrgID",
      Severity::kWarning));
}

// A role web identities may assume (IAM/id_roles_create_for-idp_oidc.html): an identity of the
// pool (`federated:<provider>`, an outsider the contract names) assumes it with
// AssumeRoleWithWebIdentity and reads as the role.
constexpr std::string_view kWebWorld = R"json({
    "format": 1, "name": "web",
    "accounts": [{"id": "111122223333"}],
    "principals": [
      {"arn": "arn:aws:iam::111122223333:user/analyst", "policies": [{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::app-data/*"}]}]},
      {"arn": "arn:aws:iam::111122223333:role/app-users",
       "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"Federated": "cognito-identity.amazonaws.com"},
         "Action": "sts:AssumeRoleWithWebIdentity" TRUST_CONDITION}]},
       "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*"}]}]}],
    "buckets": [{"name": "app-data", "account": "111122223333", "region": "us-east-1",
                 "objects": [{"key": "a.json"}]}],
    "invariants": [{"name": "only the analyst and the app role read",
      "action": "s3:GetObject", "resource": "arn:aws:s3:::app-data/*",
      "only": ["arn:aws:iam::111122223333:user/analyst",
               "arn:aws:iam::111122223333:role/app-users"]}]})json";

std::string web_world(std::string_view trust_condition = "") {
  std::string doc(kWebWorld);
  doc.replace(doc.find("TRUST_CONDITION"), 15,
              trust_condition.empty() ? "" : ", \"Condition\": " + std::string(trust_condition));
  return doc;
}

TEST(FederatedOutsiders, OnlyInvariantIsViolatedThroughAFederatedRole_FederatedTrust) {
  LoadResult r = load(web_world());
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  ScenarioReport report = check_scenario(*r.scenario);
  ASSERT_EQ(report.invariants.size(), 1u);
  ASSERT_EQ(report.invariants[0].holds, std::optional<bool>(false)) << report.invariants[0].reason;
  const Counterexample& c = *report.invariants[0].counterexample;
  EXPECT_EQ(c.start, "federated:cognito-identity.amazonaws.com");
  ASSERT_GE(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].action, "sts:AssumeRoleWithWebIdentity");
  EXPECT_EQ(c.steps[0].target, "arn:aws:iam::111122223333:role/app-users");
  // The role cannot read: nothing federated reaches the data, and the invariant holds.
  LoadResult cannot = load(replace(
      web_world(), R"json("Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*"}]}]}],
    "buckets")json",
      R"json("Action": "s3:ListBucket", "Resource": "arn:aws:s3:::app-data"}]}]}],
    "buckets")json"));
  ASSERT_TRUE(cannot.scenario) << describe(cannot.diagnostics);
  ScenarioReport holds = check_scenario(*cannot.scenario);
  EXPECT_EQ(holds.invariants[0].holds, std::optional<bool>(true)) << holds.invariants[0].reason;
}

// IAM: Available keys for AWS web identity federation: the token's claims (`aud`, `sub`, `amr`)
// are the caller's: a trust limited to one identity pool still admits that pool's identities,
// and the counterexample names the claim it needs.
TEST(FederatedOutsiders, TokenClaimsAreTheCallersChoice_WebIdentityFederationKeys) {
  LoadResult r = load(web_world(R"json({
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}})json"));
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  ScenarioReport report = check_scenario(*r.scenario);
  ASSERT_EQ(report.invariants[0].holds, std::optional<bool>(false)) << report.invariants[0].reason;
  const PathStep& assume = report.invariants[0].counterexample->steps.at(0);
  std::string needs = describe_needs(assume.context);
  EXPECT_NE(needs.find("us-east-1:11111111-2222-3333-4444-555555555555"), std::string::npos)
      << needs;
  EXPECT_NE(needs.find("unauthenticated"), std::string::npos) << needs;
  // A claim that can never match (an empty set of authentication methods is no method): holds.
  LoadResult never = load(web_world(R"json({
      "ForAnyValue:StringEquals": {"cognito-identity.amazonaws.com:amr": "authenticated"},
      "ForAllValues:StringNotEquals": {"cognito-identity.amazonaws.com:amr": "authenticated"}})json"));
  ASSERT_TRUE(never.scenario) << describe(never.diagnostics);
  EXPECT_EQ(check_scenario(*never.scenario).invariants[0].holds, std::optional<bool>(true));
}

TEST(FederatedOutsiders, SamlProviderIdentitiesAssumeWithSaml_FederatedTrust) {
  std::string doc =
      replace(web_world(), R"json("Principal": {"Federated": "cognito-identity.amazonaws.com"},
         "Action": "sts:AssumeRoleWithWebIdentity")json",
              R"json("Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"},
         "Action": "sts:AssumeRoleWithSAML")json");
  LoadResult r = load(doc);
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  ScenarioReport report = check_scenario(*r.scenario);
  ASSERT_EQ(report.invariants[0].holds, std::optional<bool>(false)) << report.invariants[0].reason;
  const Counterexample& c = *report.invariants[0].counterexample;
  EXPECT_EQ(c.start, "federated:arn:aws:iam::111122223333:saml-provider/Okta");
  EXPECT_EQ(c.steps.at(0).action, "sts:AssumeRoleWithSAML");
}

// STS API Reference, AssumeRoleWithWebIdentity: the token buys a role session; before that the
// identity has no AWS credentials, and other callers have no token.
TEST(FederatedOutsiders, AFederatedIdentityOnlyAssumesRoles_StsAssumeRoleWithWebIdentity) {
  LoadResult r = load(web_world());
  ASSERT_TRUE(r.scenario) << describe(r.diagnostics);
  const World& w = r.scenario->world;
  const std::string role = "arn:aws:iam::111122223333:role/app-users";
  auto allowed = [&](const std::string& who, const std::string& action, const std::string& arn) {
    return evaluate(w, Request{who, action, arn, {}, {}}).allowed;
  };
  EXPECT_FALSE(allowed("federated:cognito-identity.amazonaws.com", "s3:GetObject",
                       "arn:aws:s3:::app-data/a.json"));
  EXPECT_TRUE(
      allowed("federated:cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", role));
  EXPECT_FALSE(allowed("federated:accounts.google.com", "sts:AssumeRoleWithWebIdentity", role));
  EXPECT_FALSE(
      allowed("arn:aws:iam::111122223333:user/analyst", "sts:AssumeRoleWithWebIdentity", role));
}

}  // namespace
}  // namespace accesspath::rules
