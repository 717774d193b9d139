// Lays out a synthetic organisation: how many accounts, teams, principals, buckets and keys go
// where, and who trusts whom. The documents themselves come from org_policies.cpp.
#include "tools/orggen/org_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "tools/orggen/org_policies.h"

namespace accesspath::orggen {
namespace {

// SplitMix64: tiny, fast, and the same on every platform (std:: distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  bool chance(int one_in) { return one_in > 0 && next() % static_cast<std::uint64_t>(one_in) == 0; }

 private:
  std::uint64_t state_;
};

// `total` spread over `parts` as evenly as possible; the first ones get the remainder.
int share(int total, int parts, int index) {
  return total / parts + (index < total % parts ? 1 : 0);
}

constexpr std::array<const char*, 2> kRegions = {"us-east-1", "eu-west-1"};
// The roles a team has, in the order a small team gets them.
constexpr std::array<const char*, 5> kTeamRoles = {"reader", "writer", "analyst", "ci", "partner"};
constexpr int kFixedPerAccount = 3;  // admin role, break-glass user, auditor role
constexpr int kPrincipalsPerTeam = 20;

// 12-digit account ids; account 0 is the organization's management and security account.
std::string account_id(int a) {
  return std::to_string(200000000000LL + a);
}

std::string key_id(int a, int j) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012x", static_cast<unsigned>(a),
                static_cast<unsigned>(j));
  return buf;
}

struct Team {
  int index = 0;
  std::string region;
  int roles = 0;  // how many of kTeamRoles it has
  int users = 0;
  std::vector<int> buckets;  // indices within the account
  Strings keys;              // key ARNs
  bool has(int role) const { return role < roles; }
};

struct AccountPlan {
  int index = 0;
  std::string id;
  int principals = 0;
  int buckets = 0;
  int keys = 0;
  std::vector<Team> teams;
};

std::vector<AccountPlan> plan(const OrgShape& shape) {
  int accounts = shape.accounts > 0 ? shape.accounts : std::max(2, shape.principals / 200);
  std::vector<AccountPlan> out;
  for (int a = 0; a < accounts; ++a) {
    AccountPlan p;
    p.index = a;
    p.id = account_id(a);
    p.principals = share(shape.principals, accounts, a);
    p.buckets = share(shape.buckets, accounts, a);
    p.keys = share(shape.keys, accounts, a);
    int team_budget = std::max(0, p.principals - kFixedPerAccount);
    int teams = std::max(1, team_budget / kPrincipalsPerTeam);
    for (int t = 0; t < teams; ++t) {
      Team team;
      team.index = t;
      team.region = kRegions[static_cast<std::size_t>(a + t) % kRegions.size()];
      int budget = share(team_budget, teams, t);
      team.roles =
          std::min(static_cast<int>(kTeamRoles.size()), std::max(budget > 0 ? 1 : 0, budget / 3));
      team.users = budget - team.roles;
      p.teams.push_back(std::move(team));
    }
    for (int i = 0; i < p.buckets; ++i)
      p.teams[static_cast<std::size_t>(i) % p.teams.size()].buckets.push_back(i);
    for (int j = 0; j < p.keys; ++j) {
      Team& team = p.teams[static_cast<std::size_t>(j) % p.teams.size()];
      team.keys.push_back("arn:aws:kms:" + team.region + ":" + p.id + ":key/" + key_id(a, j));
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string role_arn(const AccountPlan& a, const std::string& name) {
  return "arn:aws:iam::" + a.id + ":role/" + name;
}
std::string team_role(const AccountPlan& a, const Team& t, int role) {
  return role_arn(
      a, "team" + std::to_string(t.index) + "-" + kTeamRoles[static_cast<std::size_t>(role)]);
}
std::string bucket_prefix(const AccountPlan& a, const Team& t) {
  return "a" + std::to_string(a.index) + "-t" + std::to_string(t.index) + "-";
}
std::string bucket_name(const AccountPlan& a, const Team& t, int i) {
  static constexpr std::array<const char*, 3> kPurpose = {"data", "reports", "logs"};
  return bucket_prefix(a, t) + kPurpose[static_cast<std::size_t>(i) % kPurpose.size()] +
         std::to_string(i);
}
std::string policy_arn(const AccountPlan& a, const std::string& name) {
  return "arn:aws:iam::" + a.id + ":policy/" + name;
}
// The account's S3 gateway endpoint, which fenced buckets require (OrgShape::conditions).
std::string vpce_of(const AccountPlan& a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "vpce-%08x", 0x1a2b0000u + static_cast<unsigned>(a.index));
  return buf;
}
// The account's office address range (documentation ranges, RFC 5737).
std::string office_cidr(const AccountPlan& a) {
  static constexpr std::array<const char*, 3> kRanges = {"203.0.113.0/24", "198.51.100.0/24",
                                                         "192.0.2.0/24"};
  return kRanges[static_cast<std::size_t>(a.index) % kRanges.size()];
}
Json mfa_present() {
  return {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}};
}

enum Role { kReader = 0, kWriter = 1, kAnalyst = 2, kCi = 3, kPartner = 4 };

constexpr const char* kAdminAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
constexpr const char* kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
constexpr const char* kFullAwsScp =
    "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
constexpr const char* kProtectLogsScp =
    "arn:aws:organizations::200000000000:policy/o-exampleorg1/service_control_policy/"
    "p-protectlogs";  // in kOrganization

class Builder {
 public:
  explicit Builder(const OrgShape& shape)
      : shape_(shape),
        random_(shape.seed),
        gated_(shape.seed ^ 0xC0DD171045ull),
        plan_(plan(shape)) {}

  Json build() {
    doc_ = {{"format", 1},
            {"name", "synthetic-org-" + std::to_string(shape_.principals)},
            {"description", "A synthetic organisation (accesspath orggen, seed " +
                                std::to_string(shape_.seed) + ")"},
            {"accounts", Json::array()},
            {"managed_policies", Json::object()},
            {"groups", Json::array()},
            {"principals", Json::array()},
            {"buckets", Json::array()},
            {"keys", Json::array()}};
    auto& managed = doc_["managed_policies"];
    managed[kAdminAccess] = administrator_access();
    managed[kReadOnly] = read_only_access();
    managed[kFullAwsScp] = full_aws_access_scp();
    managed[kProtectLogsScp] = protect_logs_scp();
    for (const auto& a : plan_) add_account(a);
    add_expectations();
    return std::move(doc_);
  }

 private:
  const AccountPlan& partner_of(const AccountPlan& a) const {
    return plan_[static_cast<std::size_t>(a.index + 1) % plan_.size()];
  }
  bool single_account() const { return plan_.size() < 2; }

  void add_account(const AccountPlan& a) {
    Json account = {{"id", a.id},
                    {"name", "account-" + std::to_string(a.index)},
                    // Every account is in the one organization whose SCPs it has (and which the
                    // OrganizationReads bucket statements name in aws:PrincipalOrgID).
                    {"organization", kOrganization},
                    {"scps", {{kFullAwsScp}, {kFullAwsScp, kProtectLogsScp}}}};
    // Odd accounts turn on Block Public Access (RestrictPublicBuckets) account-wide.
    if (a.index % 2 == 1)
      account["block_public_access"] = {{"BlockPublicAcls", true},
                                        {"IgnorePublicAcls", true},
                                        {"BlockPublicPolicy", true},
                                        {"RestrictPublicBuckets", true}};
    doc_["accounts"].push_back(std::move(account));
    doc_["managed_policies"][policy_arn(a, "developer-boundary")] = developer_boundary();
    add_fixed_principals(a);
    for (const auto& t : a.teams) add_team(a, t);
  }

  void add_fixed_principals(const AccountPlan& a) {
    const std::string security_account = plan_.front().id;
    std::array<Json, kFixedPerAccount> fixed = {
        Json{{"arn", role_arn(a, "admin")},
             {"trust_policy", trust_account(a.id)},
             {"policies", {kAdminAccess}}},
        Json{{"arn", "arn:aws:iam::" + a.id + ":user/breakglass"},
             {"policies", Json::array({breakglass_inline(a.id)})}},
        Json{{"arn", role_arn(a, "auditor")},
             {"trust_policy", trust_account(security_account)},
             {"policies", {kReadOnly}}}};
    // The admin role is assumed with MFA only (IAM: aws:MultiFactorAuthPresent).
    if (shape_.conditions)
      fixed[0]["trust_policy"] = with_condition_on_all(fixed[0]["trust_policy"], mfa_present());
    for (int i = 0; i < std::min(kFixedPerAccount, a.principals); ++i)
      doc_["principals"].push_back(std::move(fixed[static_cast<std::size_t>(i)]));
  }

  void add_team(const AccountPlan& a, const Team& t) {
    const std::string prefix = bucket_prefix(a, t);
    const std::string tname = "team" + std::to_string(t.index);
    const std::string assume = policy_arn(a, tname + "-assume");
    const std::string read = policy_arn(a, tname + "-read");
    const std::string write = policy_arn(a, tname + "-write");
    auto& managed = doc_["managed_policies"];
    managed[assume] = team_assume(a.id, t.index, prefix);
    managed[read] = team_read(prefix, t.keys, random_.chance(2));
    managed[write] = team_write(prefix, t.keys);
    const std::string group = "arn:aws:iam::" + a.id + ":group/" + tname;
    Json group_policies = {assume};
    if (!t.buckets.empty()) {
      const std::string home = policy_arn(a, tname + "-home");
      managed[home] = team_home(bucket_name(a, t, t.buckets.front()));
      group_policies.push_back(home);
    }
    doc_["groups"].push_back({{"arn", group}, {"policies", std::move(group_policies)}});
    add_team_roles(a, t, read, write);
    add_team_users(a, t, group, read);
    for (int i : t.buckets) add_bucket(a, t, i);
    for (std::size_t j = 0; j < t.keys.size(); ++j) add_key(a, t, t.keys[j]);
  }

  void add_team_roles(const AccountPlan& a, const Team& t, const std::string& read,
                      const std::string& write) {
    for (int r = 0; r < t.roles; ++r) {
      Json role = {{"arn", team_role(a, t, r)}};
      switch (r) {
        case kReader:
          role["trust_policy"] = trust_account(a.id);
          role["policies"] = {read};
          break;
        case kWriter:
          role["trust_policy"] = trust_account(a.id);
          role["policies"] = {write};
          role["permissions_boundary"] = policy_arn(a, "developer-boundary");
          break;
        case kAnalyst:
          role["trust_policy"] = trust_account(a.id);
          if (shape_.conditions && gated_.chance(2))
            role["trust_policy"] = with_condition_on_all(role["trust_policy"], mfa_present());
          role["policies"] = Json::array({analyst_inline(a.id)});
          break;
        case kCi:
          role["trust_policy"] = trust_service("codebuild.amazonaws.com");
          role["policies"] = Json::array({ci_inline(bucket_prefix(a, t))});
          break;
        case kPartner: {
          // Trusted by the analyst of the same team number in the partner account (a chain:
          // partner user -> partner analyst -> this role), or by that account as a whole.
          const AccountPlan& p = partner_of(a);
          const Team& pt = p.teams[static_cast<std::size_t>(t.index) % p.teams.size()];
          role["trust_policy"] = pt.has(kAnalyst) && !single_account()
                                     ? trust_principal(team_role(p, pt, kAnalyst))
                                     : trust_account(p.id);
          role["policies"] = {read};
          break;
        }
        default:
          break;
      }
      role["tags"] = {{"team", std::to_string(t.index)}};
      doc_["principals"].push_back(std::move(role));
    }
  }

  void add_team_users(const AccountPlan& a, const Team& t, const std::string& group,
                      const std::string& read) {
    for (int u = 0; u < t.users; ++u) {
      Json user = {{"arn", "arn:aws:iam::" + a.id + ":user/t" + std::to_string(t.index) + "-u" +
                               std::to_string(u)},
                   {"groups", {group}},
                   {"policies", Json::array()},
                   {"tags", {{"team", std::to_string(t.index)}}}};
      // Some people read the team's data directly rather than through the reader role.
      if (random_.chance(5)) user["policies"].push_back(read);
      // A few were given an ad-hoc grant on another team's reports bucket once.
      if (random_.chance(10) && a.buckets > 0) {
        const Team& other = a.teams[random_.next() % a.teams.size()];
        if (!other.buckets.empty()) {
          Json grant = adhoc_inline(bucket_name(a, other, other.buckets.front()));
          if (shape_.conditions && gated_.chance(2))
            grant =
                with_condition_on_all(grant, {{"IpAddress", {{"aws:SourceIp", office_cidr(a)}}}});
          user["policies"].push_back(std::move(grant));
        }
      }
      doc_["principals"].push_back(std::move(user));
    }
  }

  void add_bucket(const AccountPlan& a, const Team& t, int i) {
    BucketFacts facts;
    facts.name = bucket_name(a, t, i);
    if (!t.keys.empty()) facts.key_arn = t.keys[static_cast<std::size_t>(i) % t.keys.size()];
    const AccountPlan& p = partner_of(a);
    const Team& pt = p.teams[static_cast<std::size_t>(t.index) % p.teams.size()];
    if (!single_account() && pt.has(kAnalyst) && random_.chance(4))
      facts.partner_reader = team_role(p, pt, kAnalyst);
    if (random_.chance(50)) facts.org_account = plan_.front().id;
    facts.public_prefix = random_.chance(100);
    facts.log_delivery = facts.name.find("-logs") != std::string::npos;
    Json policy = bucket_policy(facts);
    if (shape_.conditions) {
      if (gated_.chance(3))
        policy["Statement"].push_back(
            vpce_fence_statement(facts.name, vpce_of(a), role_arn(a, "admin")));
      const Team& other = a.teams[gated_.next() % a.teams.size()];
      if (gated_.chance(4) && other.users > 0)
        policy["Statement"].push_back(ip_gated_read_statement(
            facts.name, "arn:aws:iam::" + a.id + ":user/t" + std::to_string(other.index) + "-u0",
            office_cidr(a)));
    }
    Json bucket = {{"name", facts.name},
                   {"account", a.id},
                   {"region", t.region},
                   {"policy", std::move(policy)},
                   {"objects", Json::array()}};
    if (!facts.key_arn.empty())
      bucket["default_encryption"] = {
          {"sse", "aws:kms"}, {"kms_key", facts.key_arn}, {"bucket_key", i % 2 == 0}};
    auto& objects = bucket["objects"];
    objects.push_back({{"key", "reports/2025-q1.csv"}});  // under the bucket default
    objects.push_back({{"key", "raw/part-0000.parquet"}, {"sse", "AES256"}});
    if (i % 3 == 0)  // the account's aws/s3 key
      objects.push_back({{"key", "exports/dump.json"}, {"sse", "aws:kms"}});
    if (!facts.key_arn.empty() && i % 4 == 0)
      objects.push_back(
          {{"key", "secret/credentials.json"}, {"sse", "aws:kms"}, {"kms_key", facts.key_arn}});
    if (facts.public_prefix) objects.push_back({{"key", "public/index.html"}, {"sse", "AES256"}});
    if (i == t.buckets.front() && t.users > 0)  // the first member's home folder (team_home)
      objects.push_back(
          {{"key", "home/t" + std::to_string(t.index) + "-u0/notes.txt"}, {"sse", "AES256"}});
    doc_["buckets"].push_back(std::move(bucket));
  }

  void add_key(const AccountPlan& a, const Team& t, const std::string& arn) {
    KeyFacts facts;
    facts.account = a.id;
    facts.admin_role = role_arn(a, "admin");
    for (int r : {kReader, kWriter})
      if (t.has(r)) facts.users.push_back(team_role(a, t, r));
    const AccountPlan& p = partner_of(a);
    const Team& pt = p.teams[static_cast<std::size_t>(t.index) % p.teams.size()];
    if (!single_account() && pt.has(kAnalyst)) facts.partner = team_role(p, pt, kAnalyst);
    std::string alias = "alias/" + bucket_prefix(a, t) + arn.substr(arn.size() - 4);
    Json policy = key_policy(facts);
    if (shape_.conditions && !gated_.chance(3))
      policy["Statement"].push_back(key_deny_insecure_transport_statement());
    Json key = {{"arn", arn}, {"aliases", {alias}}, {"policy", std::move(policy)}};
    if (t.has(kCi))
      key["grants"] = {
          {{"grantee", team_role(a, t, kCi)}, {"operations", {"GenerateDataKey", "Encrypt"}}}};
    doc_["keys"].push_back(std::move(key));
  }

  // Two requests a person can check by hand: a team's reader role reads its report; another
  // team's user cannot.
  void add_expectations() {
    doc_["expectations"] = Json::array();
    const AccountPlan& a = plan_.front();
    const Team& t = a.teams.front();
    if (t.buckets.empty() || !t.has(kReader)) return;
    std::string object =
        "arn:aws:s3:::" + bucket_name(a, t, t.buckets.front()) + "/reports/2025-q1.csv";
    doc_["expectations"].push_back({{"principal", team_role(a, t, kReader)},
                                    {"action", "s3:GetObject"},
                                    {"resource", object},
                                    {"expect", "allow"},
                                    {"why", "the team's reader role reads the team's reports"}});
    doc_["expectations"].push_back(
        {{"principal", "arn:aws:iam::" + a.id + ":user/accesspath-nobody"},
         {"action", "s3:GetObject"},
         {"resource", object},
         {"expect", "deny"},
         {"why", "an undeclared user of the account has no identity policy"}});
  }

  const OrgShape& shape_;
  Random random_;
  // Draws for the condition-gated statements only, so that the rest of the document does not
  // change with OrgShape::conditions.
  Random gated_;
  std::vector<AccountPlan> plan_;
  Json doc_;
};

}  // namespace

OrgShape OrgShape::for_principals(int principals, std::uint64_t seed) {
  OrgShape s;
  s.seed = seed;
  s.principals = principals;
  s.buckets = std::max(1, principals / 5);
  s.keys = std::max(1, principals / 20);
  return s;
}

Json generate_org(const OrgShape& shape) {
  return Builder(shape).build();
}

}  // namespace accesspath::orggen
