// accesspath diff (model/analysis/access_diff.h): the accesses a change adds and removes, on pairs
// of training scenarios with the exact sets, and the laws every diff obeys: a world compared with
// itself changes nothing, and what A -> B adds is exactly what B -> A removes.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

#include <rapidcheck.h>

#include "model/analysis/access_diff.h"
#include "model/analysis/access_pairs.h"
#include "model/analysis/access_paths.h"
#include "model/world/scenario.h"
#include "model/world/world_changes.h"
#include "properties/properties.h"
#include "tests/bundled_scenarios.h"

namespace accesspath {
namespace {

using json = nlohmann::json;
using Access = std::tuple<std::string, std::string, std::string>;  // principal, action, resource
using AccessSet = std::set<Access>;

constexpr const char* kAcct = "arn:aws:iam::111122223333:";
constexpr const char* kKey1 =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
constexpr const char* kKey2 =
    "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
constexpr const char* kBucket = "arn:aws:s3:::secure-demo-bucket";

std::string iam(const std::string& rest) {
  return kAcct + rest;
}
std::string object(const std::string& key) {
  return std::string(kBucket) + "/" + key;
}

json bundled_doc(const std::string& name) {
  std::ifstream in(std::string(ACCESSPATH_SOURCE_DIR) + "/scenarios/" + name);
  return json::parse(in);
}

Scenario load(const json& doc, const std::string& file) {
  LoadResult r = load_scenario(doc, file);
  EXPECT_TRUE(r.scenario) << file;
  return r.scenario ? *r.scenario : Scenario{};
}

Scenario bundled(const std::string& name) {
  return load(bundled_doc(name), name);
}

AccessSet set_of(const std::vector<AccessChange>& list) {
  AccessSet out;
  for (const auto& c : list) out.insert({c.principal, c.action, c.resource});
  return out;
}

AccessDiff diff(const Scenario& a, const Scenario& b, DiffOptions o = {}) {
  DiffResult r = diff_scenarios(a, b, o);
  EXPECT_TRUE(r.diff.has_value());
  return r.diff ? *r.diff : AccessDiff{};
}

// The key administrator removed authorized-users from the key users (and the file added
// reporting-app and a legacy SSE-S3 object, and dropped the scratch key): every KMS use of
// authorized-users is gone; reporting-app reads through the key policy's root statement.
TEST(AccessDiff, KeyUserRemovedClosesEveryKmsUseOfTheApp) {
  AccessDiff d = diff(bundled("separation-of-duties.json"),
                      bundled("separation-of-duties-key-user-removed.json"));
  const std::string app = iam("role/authorized-users"), reporting = iam("role/reporting-app");
  const std::string legacy = object("legacy/unencrypted-notes.txt");
  const std::string pdf = object("KMS-Cryptographic-Details.pdf");
  EXPECT_EQ(set_of(d.added),
            (AccessSet{{app, "s3:GetObject", legacy},
                       {reporting, "kms:Decrypt", kKey1},
                       {reporting, "s3:GetObject", pdf},
                       {reporting, "s3:GetObject", legacy},
                       {iam("role/secure-bucket-admin"), "s3:GetObject", legacy}}));
  EXPECT_EQ(set_of(d.removed),
            (AccessSet{{app, "kms:Decrypt", kKey1},
                       {app, "kms:Decrypt", kKey2},
                       {app, "kms:Encrypt", kKey1},
                       {app, "kms:Encrypt", kKey2},
                       {app, "kms:GenerateDataKey", kKey1},
                       {app, "kms:GenerateDataKey", kKey2},
                       {app, "s3:GetObject", pdf},
                       {app, "s3:GetObject",
                        object("accesspath-new-sse-kms-1234abcd-12ab-34cd-56ef-1234567890ab")},
                       {app, "s3:PutObject", object("accesspath-new-object")}}));
  EXPECT_TRUE(d.undecided.empty());
  // The removed read names the key policy statement NEW no longer has, and why NEW refuses it.
  for (const auto& c : d.removed)
    if (c.action == "s3:GetObject" && c.resource == pdf) {
      ASSERT_FALSE(c.changed.empty());
      EXPECT_EQ(c.changed.front().pointer, "/keys/0/policy/Statement/2");
      EXPECT_NE(c.other_side.find("kms:Decrypt"), std::string::npos) << c.other_side;
    }
  // An added access names the statements of NEW that made it.
  for (const auto& c : d.added)
    if (c.principal == reporting && c.action == "kms:Decrypt") {
      ASSERT_FALSE(c.changed.empty());
      EXPECT_EQ(c.changed.front().sid, "DecryptReports");
    }
}

// A trust policy opened to the whole account and a user allowed to assume any role: the user
// now reaches every role, and through them the data and the key and bucket administration.
TEST(AccessDiff, PartnerTrustAddedOpensEveryRoleChain) {
  AccessDiff d = diff(bundled("separation-of-duties.json"),
                      bundled("separation-of-duties-role-trusts-account.json"));
  const std::string dev = iam("user/developer");
  AccessSet expected = {
      {dev, "sts:AssumeRole", iam("role/authorized-users")},
      {dev, "sts:AssumeRole", iam("role/secure-bucket-admin")},
      {dev, "sts:AssumeRole", iam("role/secure-key-admin")},
      {dev, "s3:GetObject", object("KMS-Cryptographic-Details.pdf")},
      {dev, "s3:GetObject", object("accesspath-new-sse-kms-1234abcd-12ab-34cd-56ef-1234567890ab")},
      {dev, "s3:PutObject", object("accesspath-new-object")},
      {dev, "s3:PutBucketPolicy", kBucket},
      {dev, "s3:DeleteBucketPolicy", kBucket},
      {dev, "s3:PutEncryptionConfiguration", kBucket},
      {dev, "kms:PutKeyPolicy", kKey1},
      {dev, "kms:CreateGrant", kKey1},
      // the key administrator's kms:Enable* and kms:CancelKeyDeletion (escalation: re-enabling)
      {dev, "kms:EnableKey", kKey1},
      {dev, "kms:CancelKeyDeletion", kKey1}};
  for (const char* action : {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"})
    for (const char* key : {kKey1, kKey2}) expected.insert({dev, action, key});
  EXPECT_EQ(set_of(d.added), expected);
  EXPECT_TRUE(d.removed.empty());
  for (const auto& c : d.added) {
    ASSERT_FALSE(c.path.steps.empty());
    EXPECT_EQ(c.path.start, dev);
    EXPECT_FALSE(c.changed.empty()) << std::get<2>(Access{c.principal, c.action, c.resource});
  }
}

// The bucket admin's Deny named only the bucket ARN, so it never matched objects; fixed to name
// the objects too, the admin's read of the SSE-S3 legacy object is removed, and the reverse diff
// names the deny statement that refused it.
TEST(AccessDiff, DenyFixedRemovesTheAdminsRead) {
  json base = bundled_doc("separation-of-duties-legacy-object.json");
  json fixed = base;
  bool found = false;
  for (auto& [arn, doc] : fixed["managed_policies"].items())
    for (auto& s : doc["Statement"])
      if (s["Effect"] == "Deny") {
        s["Resource"] = json::array({kBucket, std::string(kBucket) + "/*"});
        found = true;
      }
  ASSERT_TRUE(found);
  Scenario a = load(base, "base.json"), b = load(fixed, "fixed.json");
  DiffOptions reads{{"s3:GetObject"}, true};
  AccessDiff d = diff(a, b, reads);
  EXPECT_TRUE(d.added.empty());
  const std::string admin = iam("role/secure-bucket-admin");
  AccessSet removed = set_of(d.removed);
  EXPECT_TRUE(removed.count({admin, "s3:GetObject", object("legacy/unencrypted-notes.txt")}))
      << ::testing::PrintToString(removed);
  for (const auto& [p, action, resource] : removed) EXPECT_EQ(p, admin);
  AccessDiff back = diff(b, a, reads);
  ASSERT_FALSE(back.added.empty());
  EXPECT_FALSE(back.added.front().other_side_denies.empty()) << back.added.front().other_side;
  EXPECT_EQ(back.added.front().other_side_denies.front().effect, Effect::kDeny);
}

// A public-read bucket policy was harmless while the object was SSE-KMS under a key only the
// account may use; stored as SSE-S3 it is readable by anyone (S3: a public bucket policy grants
// s3:GetObject to every principal; SSE-S3 needs no key permission).
TEST(AccessDiff, SseKmsReplacedBySseS3UnderAPublicReadPolicyOpensTheObjectToEveryone) {
  json world = {
      {"format", 1},
      {"name", "public-read"},
      {"accounts", {{{"id", "111122223333"}}}},
      {"principals", {{{"arn", iam("user/clerk")}}}},
      {"buckets",
       {{{"name", "secure-demo-bucket"},
         {"account", "111122223333"},
         {"region", "us-east-1"},
         {"policy",
          {{"Version", "2012-10-17"},
           {"Statement",
            {{{"Sid", "PublicRead"},
              {"Effect", "Allow"},
              {"Principal", "*"},
              {"Action", "s3:GetObject"},
              {"Resource", std::string(kBucket) + "/*"}}}}}},
         {"objects", {{{"key", "report.pdf"}, {"sse", "aws:kms"}, {"kms_key", kKey1}}}}}}},
      {"keys",
       {{{"arn", kKey1},
         {"policy",
          {{"Version", "2012-10-17"},
           {"Statement",
            {{{"Sid", "Root"},
              {"Effect", "Allow"},
              {"Principal", {{"AWS", iam("root")}}},
              {"Action", "kms:*"},
              {"Resource", "*"}}}}}}}}}};
  json sse_s3 = world;
  sse_s3["buckets"][0]["objects"][0] = {{"key", "report.pdf"}, {"sse", "AES256"}};
  AccessDiff d =
      diff(load(world, "kms.json"), load(sse_s3, "sse-s3.json"), {{"s3:GetObject"}, true});
  const std::string pdf = object("report.pdf");
  EXPECT_EQ(
      set_of(d.added),
      (AccessSet{{"anonymous", "s3:GetObject", pdf},
                 {iam("user/clerk"), "s3:GetObject", pdf},
                 {iam("user/accesspath-undeclared"), "s3:GetObject", pdf},
                 {"arn:aws:iam::999999999999:user/accesspath-undeclared", "s3:GetObject", pdf}}));
  EXPECT_TRUE(d.removed.empty());
  // Each was refused in BASE at the key (a signed request that KMS refuses, or an unsigned one).
  for (const auto& c : d.added)
    EXPECT_NE(c.other_side.find("key"), std::string::npos) << c.other_side;
}

TEST(AccessDiff, WorldsOverDifferentAccountsAreRefusedWithTheAccountsPlace) {
  DiffResult r =
      diff_scenarios(bundled("separation-of-duties.json"), bundled("cross-account-key.json"));
  ASSERT_FALSE(r.diff.has_value());
  ASSERT_TRUE(r.errors.has_errors());
  const Diagnostic& e = r.errors.items().front();
  EXPECT_EQ(e.file, "cross-account-key.json");
  EXPECT_EQ(e.pointer.rfind("/accounts/", 0), 0u) << e.pointer;
  EXPECT_NE(e.message.find("different accounts"), std::string::npos);
}

TEST(AccessDiff, ActionsNarrowTheComparison) {
  AccessDiff d =
      diff(bundled("separation-of-duties.json"),
           bundled("separation-of-duties-role-trusts-account.json"), {{"sts:AssumeRole"}, true});
  for (const auto& c : d.added) EXPECT_EQ(c.action, "sts:AssumeRole");
  EXPECT_EQ(d.added.size(), 3u);
}

// `--via escalation` shows the changes an access needs, not every change the principal can make:
// NEW also lets the intern join an auditors group that reads nothing compared, so the escalation
// makes two changes, and the read of q3 needs only the readers one (as an invariant's
// counterexample is trimmed).
TEST(AccessDiff, ViaEscalationPathsKeepOnlyTheChangesTheAccessNeeds) {
  json doc = bundled_doc("escalation-join-readers-group.json");
  const std::string intern = iam("user/intern"), readers = iam("group/readers"),
                    auditors = iam("group/auditors");
  doc["groups"].push_back(
      {{"arn", auditors},
       {"policies", json::array({{{"Version", "2012-10-17"},
                                  {"Statement", json::array({{{"Effect", "Allow"},
                                                              {"Action", "s3:ListBucket"},
                                                              {"Resource", "*"}}})}}})}});
  doc["principals"][0]["policies"][0]["Statement"][0]["Resource"] =
      json::array({auditors, readers});
  Scenario next = load(doc, "new.json");
  doc["principals"][0]["policies"] = json::array();
  Scenario base = load(doc, "base.json");
  DiffOptions via;
  via.via_escalation = true;
  DiffResult r = diff_scenarios(base, next, via);
  ASSERT_TRUE(r.diff);
  bool found = false;
  for (const auto& c : r.diff->added) {
    if (c.action != "s3:GetObject" || c.resource != "arn:aws:s3:::reports-bucket/q3.csv") continue;
    found = true;
    EXPECT_TRUE(c.via_escalation);
    ASSERT_EQ(c.path.steps.size(), 2u);
    EXPECT_EQ(c.path.steps[0].action, "iam:AddUserToGroup");
    EXPECT_EQ(c.path.steps[0].target, readers);
    EXPECT_EQ(c.path.steps[1].action, "s3:GetObject");
  }
  EXPECT_TRUE(found) << "the read through escalation was not reported";
}

// The pairs the diff compares are who_can's answers resource by resource (who_can asks every
// principal; the pairs are pre-filtered by the candidate index): on every training scenario, for
// reads, role assumptions and key use on the declared resources.
// `--via escalation`: NEW lets the intern add users to the readers group. Compared plainly, the
// intern gains iam:AddUserToGroup; through escalation it also reads the group's bucket, and the
// path says so (the change first). The self-diff is empty, and the reverse diff removes the same.
TEST(AccessDiff, ViaEscalationAddsWhatTheChangesOpen) {
  json doc = bundled_doc("escalation-join-readers-group.json");
  Scenario next = load(doc, "new.json");
  doc["principals"][0]["policies"] = json::array();
  Scenario base = load(doc, "base.json");
  const std::string intern = iam("user/intern");
  const std::string q3 = "arn:aws:s3:::reports-bucket/q3.csv";
  const Access joins{intern, "iam:AddUserToGroup", iam("group/readers")};
  const Access reads{intern, "s3:GetObject", q3};

  DiffResult plain = diff_scenarios(base, next, {});
  ASSERT_TRUE(plain.diff);
  EXPECT_EQ(set_of(plain.diff->added), (AccessSet{joins}));

  DiffOptions via;
  via.via_escalation = true;
  DiffResult r = diff_scenarios(base, next, via);
  ASSERT_TRUE(r.diff);
  EXPECT_EQ(set_of(r.diff->added), (AccessSet{joins, reads}));
  EXPECT_TRUE(r.diff->removed.empty());
  EXPECT_TRUE(r.diff->undecided.empty());
  for (const auto& c : r.diff->added) {
    if (c.action != "s3:GetObject") {
      EXPECT_FALSE(c.via_escalation);
      continue;
    }
    EXPECT_TRUE(c.via_escalation);
    ASSERT_EQ(c.path.steps.size(), 2u);
    EXPECT_EQ(c.path.start, intern);
    EXPECT_EQ(c.path.steps[0].action, "iam:AddUserToGroup");
    EXPECT_EQ(c.path.steps[0].target, iam("group/readers"));
    EXPECT_EQ(c.path.steps[1].action, "s3:GetObject");
    EXPECT_EQ(c.path.steps[1].target, q3);
    ASSERT_FALSE(c.changed.empty());
    EXPECT_EQ(c.changed.front().sid, "OnboardReaders");
  }

  DiffResult back = diff_scenarios(next, base, via);
  ASSERT_TRUE(back.diff);
  EXPECT_TRUE(back.diff->added.empty());
  EXPECT_EQ(set_of(back.diff->removed), (AccessSet{joins, reads}));

  for (const Scenario* s : {&base, &next}) {
    DiffResult self = diff_scenarios(*s, *s, via);
    ASSERT_TRUE(self.diff);
    EXPECT_TRUE(self.diff->added.empty() && self.diff->removed.empty() &&
                self.diff->undecided.empty())
        << s->file;
  }
}

TEST(AccessDiffLaws, PairsAreWhoCanResourceByResource) {
  for (const auto& [file, scenario] : test_data::bundled_scenarios()) {
    const World& w = scenario.world;
    std::vector<std::pair<std::string, std::string>> asked;  // (action, resource)
    for (const auto& b : w.buckets)
      for (const auto& o : b.objects) asked.push_back({"s3:GetObject", b.arn() + "/" + o.key});
    for (const auto& p : w.principals)
      if (p.kind == PrincipalKind::kRole) asked.push_back({"sts:AssumeRole", p.arn});
    for (const auto& k : w.keys)
      if (!k.synthesized) asked.push_back({"kms:Decrypt", k.arn});
    std::vector<Invariant> queries;
    for (const char* action : {"s3:GetObject", "sts:AssumeRole", "kms:Decrypt"}) {
      Invariant& q = queries.emplace_back();
      q.action = action;
      q.resource = std::string(action) == "s3:GetObject" ? "arn:aws:s3:::*/*" : "arn:*";
    }
    AccessSet pairs;
    for (const auto& p : access_pairs(w, queries).pairs)
      if (p.undecided.empty() &&
          std::find(asked.begin(), asked.end(), std::pair{p.action, p.resource}) != asked.end())
        pairs.insert({p.principal, p.action, p.resource});
    AccessSet who;
    for (const auto& [action, resource] : asked) {
      Invariant q;
      q.action = action;
      q.resource = resource;
      // who_can on one object also counts an object written anew at that key: left out here
      // (the pairs name new objects by their encryption instead).
      for (const auto& f : who_can(w, q))
        if (std::none_of(f.path.steps.begin(), f.path.steps.end(),
                         [](const PathStep& s) { return s.kind == PathStep::Kind::kWriteObject; }))
          who.insert({f.principal, action, resource});
    }
    EXPECT_EQ(pairs, who) << file;
  }
}

// Law: a world compared with itself changes nothing, for every training scenario.
TEST(AccessDiffLaws, EveryScenarioComparedWithItselfIsEmpty) {
  for (const auto& [file, scenario] : test_data::bundled_scenarios()) {
    AccessDiff d = diff(scenario, scenario);
    EXPECT_TRUE(d.added.empty()) << file;
    EXPECT_TRUE(d.removed.empty()) << file;
  }
}

// A random world and the same world after a random team edit (properties/), both loaded;
// nullopt when the edit has nothing to change or a side does not load.
struct EditedWorld {
  json before, after;
  Scenario a, b;
};
std::optional<EditedWorld> edited_world(std::uint64_t seed) {
  using namespace properties;
  rc::Random random(seed);
  json before = gen_world_doc()(random.split(), rc::kNominalSize).value().doc;
  TeamEdit edit = gen_team_edit(before, {})(random.split(), rc::kNominalSize).value();
  json after = before;
  if (!properties::apply(edit, after)) return std::nullopt;
  LoadResult a = load_scenario(before, "a.json"), b = load_scenario(after, "b.json");
  if (!a.scenario || !b.scenario) return std::nullopt;
  return EditedWorld{std::move(before), std::move(after), std::move(*a.scenario),
                     std::move(*b.scenario)};
}

// Law: what A -> B adds is exactly what B -> A removes (and the reverse), over random worlds and
// random team edits from properties/. Fixed seeds, a few data and control actions, so the suite
// stays fast; a failure prints both worlds.
TEST(AccessDiffLaws, AddedOneWayIsRemovedTheOtherOverRandomTeamEdits) {
  const std::vector<std::string> actions = {"s3:GetObject", "s3:PutObject", "kms:Decrypt",
                                            "sts:AssumeRole", "s3:PutBucketPolicy"};
  std::size_t changed = 0;
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    auto pair = edited_world(0xD1FF + seed);
    if (!pair) continue;
    const auto& [before, after, a, b] = *pair;
    AccessDiff ab = diff(a, b, {actions, false});
    AccessDiff ba = diff(b, a, {actions, false});
    ASSERT_EQ(set_of(ab.added), set_of(ba.removed)) << before.dump(2) << "\n" << after.dump(2);
    ASSERT_EQ(set_of(ab.removed), set_of(ba.added)) << before.dump(2) << "\n" << after.dump(2);
    changed += ab.added.size() + ab.removed.size() > 0 ? 1u : 0u;
  }
  EXPECT_GT(changed, 0u) << "no edit changed any access: the law was never exercised";
}

// A user added and trusted by a role (two changed principals): the incremental route asks every
// pair only of the principals whose reach meets them (the new user), the others only about the
// role itself; it finds exactly what the full comparison finds.
TEST(AccessDiffLaws, ChangedPrincipalsTakeTheIncrementalRouteAndMatchTheFullDiff) {
  json base = bundled_doc("separation-of-duties.json");
  json next = base;
  const std::string analyst = iam("user/analyst"), app = iam("role/authorized-users");
  next["principals"].push_back(
      {{"arn", analyst},
       {"policies", json::array({{{"Version", "2012-10-17"},
                                  {"Statement", json::array({{{"Effect", "Allow"},
                                                              {"Action", "sts:AssumeRole"},
                                                              {"Resource", app}}})}}})}});
  for (auto& p : next["principals"])
    if (p["arn"] == app)
      p["trust_policy"]["Statement"].push_back(
          {{"Effect", "Allow"}, {"Principal", {{"AWS", analyst}}}, {"Action", "sts:AssumeRole"}});
  Scenario a = load(base, "base.json"), b = load(next, "next.json");
  ChangeScope scope = changed_between(a.world, b.world);
  EXPECT_FALSE(scope.everything);
  EXPECT_EQ(scope.principals, (std::set<std::string>{analyst, app}));
  AccessDiff fast = diff(a, b), full = diff(a, b, {{}, false});
  EXPECT_EQ(set_of(fast.added), set_of(full.added));
  EXPECT_EQ(set_of(fast.removed), set_of(full.removed));
  EXPECT_TRUE(set_of(fast.added).count({analyst, "sts:AssumeRole", app}));
  EXPECT_TRUE(
      set_of(fast.added).count({analyst, "s3:GetObject", object("KMS-Cryptographic-Details.pdf")}));
  EXPECT_TRUE(fast.removed.empty());
}

// A trust policy decides who becomes the role, not what the role may do: a role whose trust
// alone changed is a changed principal (its AssumeRole is asked of everyone) but not a changed
// caller, so the principals that already reached it are not asked again about what it reaches;
// the one it now trusts is. Exactly what the full comparison finds.
TEST(AccessDiffLaws, ATrustChangeAsksOnlyTheNewlyTrustedAboutTheRolesAccess) {
  json base = bundled_doc("separation-of-duties.json");
  json next = base;
  const std::string bucket_admin = iam("role/secure-bucket-admin"),
                    app = iam("role/authorized-users");
  for (auto& p : next["principals"])
    if (p["arn"] == app)
      p["trust_policy"]["Statement"].push_back({{"Effect", "Allow"},
                                                {"Principal", {{"AWS", bucket_admin}}},
                                                {"Action", "sts:AssumeRole"}});
  Scenario a = load(base, "base.json"), b = load(next, "next.json");
  ChangeScope scope = changed_between(a.world, b.world);
  EXPECT_FALSE(scope.everything);
  EXPECT_EQ(scope.principals, (std::set<std::string>{app}));
  EXPECT_TRUE(scope.identities.empty());
  AccessDiff fast = diff(a, b), full = diff(a, b, {{}, false});
  EXPECT_EQ(set_of(fast.added), set_of(full.added));
  EXPECT_EQ(set_of(fast.removed), set_of(full.removed));
  EXPECT_TRUE(set_of(fast.added).count({bucket_admin, "sts:AssumeRole", app}));
  EXPECT_TRUE(set_of(fast.added)
                  .count({bucket_admin, "s3:GetObject", object("KMS-Cryptographic-Details.pdf")}));
  EXPECT_TRUE(fast.removed.empty());
}

// Never a silent "nothing added": alice's chain into authorized-users cannot be decided (a trust
// condition on aws:ResourceTag, not modelled for STS), and NEW gives the role its permissions.
// The incremental route counts alice among the principals the change may reach, so her reads are
// undecided, as the full comparison says, not left out.
TEST(AccessDiffLaws, AnUndecidedChainIntoAChangedRoleIsUndecidedNotLeftOut) {
  json next = bundled_doc("separation-of-duties.json");
  const std::string alice = iam("user/alice"), app = iam("role/authorized-users");
  next["principals"].push_back(
      {{"arn", alice},
       {"policies", json::array({{{"Version", "2012-10-17"},
                                  {"Statement", json::array({{{"Effect", "Allow"},
                                                              {"Action", "sts:AssumeRole"},
                                                              {"Resource", app}}})}}})}});
  json base = next;
  for (auto* doc : {&base, &next})
    for (auto& p : (*doc)["principals"])
      if (p["arn"] == app)
        p["trust_policy"]["Statement"].push_back(
            {{"Effect", "Allow"},
             {"Principal", {{"AWS", alice}}},
             {"Action", "sts:AssumeRole"},
             {"Condition", {{"StringEquals", {{"aws:ResourceTag/team", "data"}}}}}});
  for (auto& p : base["principals"])
    if (p["arn"] == app) p["policies"] = json::array();
  Scenario a = load(base, "base.json"), b = load(next, "next.json");
  auto undecided_reads = [&](const AccessDiff& d) {
    AccessSet out;
    for (const auto& u : d.undecided)
      if (u.principal == alice && u.action == "s3:GetObject")
        out.insert({u.principal, u.action, u.resource});
    return out;
  };
  AccessDiff fast = diff(a, b), full = diff(a, b, {{}, false});
  EXPECT_TRUE(undecided_reads(full).count(
      {alice, "s3:GetObject", object("KMS-Cryptographic-Details.pdf")}));
  EXPECT_EQ(undecided_reads(fast), undecided_reads(full));
  EXPECT_EQ(set_of(fast.added), set_of(full.added));
}

// The incremental diff (only the pairs a change can affect) is exactly the full one, over
// random worlds and random team edits: bucket and key edits ask only about their resources;
// edits of principals (a trust policy, an identity policy, a group) ask every pair only of the
// principals whose reach meets a changed one, and the others only about what the change can
// affect (world_changes.h).
TEST(AccessDiffLaws, IncrementalEqualsFullOverRandomTeamEdits) {
  std::size_t scoped = 0, by_principal = 0, changed = 0;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    auto pair = edited_world(0x1AC5 + seed);
    if (!pair) continue;
    const auto& [before, after, a, b] = *pair;
    AccessDiff full = diff(a, b, {{}, false});
    AccessDiff fast = diff(a, b, {{}, true});
    ASSERT_EQ(set_of(fast.added), set_of(full.added)) << before.dump(2) << "\n" << after.dump(2);
    ASSERT_EQ(set_of(fast.removed), set_of(full.removed)) << before.dump(2) << "\n"
                                                          << after.dump(2);
    ChangeScope scope = changed_between(a.world, b.world);
    scoped += scope.everything ? 0u : 1u;
    by_principal += !scope.everything && !scope.principals.empty() ? 1u : 0u;
    changed += full.added.size() + full.removed.size() > 0 ? 1u : 0u;
  }
  EXPECT_GT(scoped, by_principal) << "no bucket or key edit took the incremental route";
  EXPECT_GT(by_principal, 0u) << "no edit of a principal took the incremental route";
  EXPECT_GT(changed, 0u) << "no edit changed any access";
}

}  // namespace
}  // namespace accesspath
