#include "properties/generators_names.h"

#include "properties/generators_core.h"

namespace accesspath::properties {
namespace {

using Strings = std::vector<std::string>;

std::string first_account(const Vocabulary& v) {
  return v.accounts.empty() ? "111111111111" : v.accounts.front();
}

// `real` most of the time, `dangling` with the settings' chance (always when nothing is real).
rc::Gen<std::string> real_or_dangling(Strings real, Strings dangling, const GenSettings& s) {
  if (real.empty()) return pick(dangling);
  if (s.dangling_percent <= 0) return pick(real);
  return one_of_weighted<std::string>(
      {{100 - s.dangling_percent, pick(real)}, {s.dangling_percent, pick(dangling)}});
}

Strings prefixed(const std::string& prefix, const Strings& names, const std::string& suffix = "") {
  Strings out;
  for (const auto& n : names) out.push_back(prefix + n + suffix);
  return out;
}

Strings s3_actions() {
  return {"s3:GetObject",
          "s3:PutObject",
          "s3:ListBucket",
          "s3:DeleteObject",
          "s3:GetBucketPolicy",
          "s3:PutBucketPolicy",
          "s3:*",
          "s3:Get*",
          "s3:*Object",
          "s3:Put*",
          "S3:getobject"};
}
Strings kms_actions() {
  return {"kms:Decrypt",     "kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey",
          "kms:CreateGrant", "kms:PutKeyPolicy",    "kms:*",       "kms:Generate*",
          "kms:Describe*",   "KMS:decrypt"};
}
Strings sts_actions() {
  return {"sts:AssumeRole", "sts:*", "sts:TagSession"};
}
Strings iam_actions() {
  return {"iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:*", "iam:Get*"};
}

}  // namespace

rc::Gen<std::string> gen_arn(const Vocabulary& v, ArnKind kind, const GenSettings& s) {
  const std::string a0 = first_account(v);
  const std::string outside = kOutsideAccount;
  switch (kind) {
    case ArnKind::kUser: {
      Strings real = v.users;
      for (const auto& f : v.favoured)
        if (f.find(":user/") != std::string::npos) real.push_back(f);
      return real_or_dangling(
          real, {"arn:aws:iam::" + a0 + ":user/ghost", "arn:aws:iam::" + outside + ":user/eve"}, s);
    }
    case ArnKind::kRole:
      return real_or_dangling(
          v.roles,
          {"arn:aws:iam::" + a0 + ":role/ghost", "arn:aws:iam::" + outside + ":role/partner"}, s);
    case ArnKind::kRoot: {
      Strings roots;
      for (const auto& a : v.accounts) roots.push_back(root_arn(a));
      return real_or_dangling(roots, {root_arn(outside)}, s);
    }
    case ArnKind::kSession: {
      Strings sessions;
      for (const auto& r : v.roles) sessions.push_back(session_arn(r));
      return real_or_dangling(sessions,
                              {"arn:aws:sts::" + a0 + ":assumed-role/ghost/" + kSessionName}, s);
    }
    case ArnKind::kPrincipal: {
      std::vector<std::pair<int, rc::Gen<std::string>>> gens = {
          {3, gen_arn(v, ArnKind::kUser, s)},
          {3, gen_arn(v, ArnKind::kRole, s)},
          {1, gen_arn(v, ArnKind::kRoot, s)},
          {1, gen_arn(v, ArnKind::kSession, s)}};
      if (!v.favoured.empty()) gens.insert(gens.begin(), {6, pick(v.favoured)});
      return one_of_weighted(gens);
    }
    case ArnKind::kBucket:
      return real_or_dangling(prefixed("arn:aws:s3:::", v.buckets), {"arn:aws:s3:::ghost-bucket"},
                              s);
    case ArnKind::kObject: {
      Strings real = v.objects;
      for (const auto& b : v.buckets) real.push_back("arn:aws:s3:::" + b + "/new.txt");
      return real_or_dangling(real, {"arn:aws:s3:::ghost-bucket/x.txt"}, s);
    }
    case ArnKind::kKey:
      return real_or_dangling(
          v.keys, {"arn:aws:kms:us-east-1:" + a0 + ":key/00000000-dead-beef-0000-000000000000"}, s);
    case ArnKind::kKeyAlias:
      return real_or_dangling(v.key_aliases, {"arn:aws:kms:us-east-1:" + a0 + ":alias/ghost"}, s);
  }
  return rc::gen::just(std::string("*"));
}

rc::Gen<std::string> gen_action(PolicyUse use, const GenSettings& /*s*/) {
  auto s3 = pick(s3_actions());
  auto kms = pick(kms_actions());
  auto sts = pick(sts_actions());
  auto iam = pick(iam_actions());
  auto all = rc::gen::just(std::string("*"));
  switch (use) {
    case PolicyUse::kBucket:
      return one_of_weighted<std::string>({{8, s3}, {1, kms}, {1, all}});
    case PolicyUse::kKey:
      return one_of_weighted<std::string>({{8, kms}, {1, s3}, {1, all}});
    case PolicyUse::kTrust:
      return pick_weighted<std::string>(
          {{8, "sts:AssumeRole"}, {1, "sts:*"}, {1, "sts:TagSession"}, {1, "*"}});
    case PolicyUse::kRcp:
      return one_of_weighted<std::string>({{4, s3}, {3, kms}, {2, sts}, {1, all}});
    case PolicyUse::kIdentity:
    case PolicyUse::kBoundary:
    case PolicyUse::kScp:
      break;
  }
  auto broad = pick<std::string>({"s3:*", "kms:*", "sts:AssumeRole", "*"});
  return one_of_weighted<std::string>(
      {{4, s3}, {3, kms}, {2, sts}, {1, iam}, {1, all}, {3, broad}});
}

namespace {

// Object ARNs of `buckets` with policy variables (IAM: Variables and tags; rules 14-16): the
// caller's team tag or user name, with defaults that name the generated object keys
// (raw/data.bin, plain.txt) when the caller has none, and `${?}`, a literal `?`.
std::vector<std::string> with_variables(const std::vector<std::string>& buckets) {
  std::vector<std::string> out;
  for (const auto& b : buckets) {
    const std::string arn = "arn:aws:s3:::" + b;
    out.push_back(arn + "/${aws:PrincipalTag/team, 'raw'}/*");
    out.push_back(arn + "/${aws:username, 'plain'}*");
    out.push_back(arn + "/${aws:PrincipalTag/team}/*");
    out.push_back(arn + "/plain${?}txt");
  }
  if (out.empty()) out.push_back("arn:aws:s3:::ghost-bucket/${aws:username}/*");
  return out;
}

}  // namespace

rc::Gen<std::string> gen_resource_pattern(const Vocabulary& v, PolicyUse use,
                                          const std::string& attached_to, const GenSettings& s) {
  switch (use) {
    case PolicyUse::kBucket: {
      const std::string b = "arn:aws:s3:::" + attached_to;
      Strings mine = {b + "/*", b};
      for (const auto& o : v.objects)
        if (o.rfind(b + "/", 0) == 0) mine.push_back(o);
      mine.push_back(b + "/r*");
      return one_of_weighted<std::string>(
          {{10, pick(mine)},
           {1, pick(with_variables({attached_to}))},
           {1, pick<std::string>({"arn:aws:s3:::*", "*", "arn:aws:s3:::*/*"})},
           {1, gen_arn(v, ArnKind::kObject, s)}});
    }
    case PolicyUse::kKey:
      // In a key policy "*" means this key (rule 18).
      return pick_weighted<std::string>(
          {{8, "*"},
           {2, attached_to},
           {1, "arn:aws:kms:*:*:key/*"},
           {1, "arn:aws:kms:us-east-1:" + account_of(attached_to) + ":key/other"}});
    case PolicyUse::kTrust:
    case PolicyUse::kRcp:
    case PolicyUse::kScp:
      return pick_weighted<std::string>({{6, "*"}, {1, "arn:aws:s3:::*"}, {1, "arn:aws:kms:*"}});
    case PolicyUse::kIdentity:
    case PolicyUse::kBoundary:
      break;
  }
  Strings buckets_star, prefixes;
  for (const auto& b : v.buckets) {
    buckets_star.push_back("arn:aws:s3:::" + b + "/*");
    prefixes.push_back("arn:aws:s3:::" + b + "/r*");
  }
  if (buckets_star.empty()) buckets_star.push_back("arn:aws:s3:::ghost-bucket/*");
  if (prefixes.empty()) prefixes.push_back("arn:aws:s3:::ghost-bucket/r*");
  return one_of_weighted<std::string>(
      {{5, rc::gen::just(std::string("*"))},
       {3, pick(buckets_star)},
       {1, pick(with_variables(v.buckets))},
       {1, pick(prefixes)},
       {2, gen_arn(v, ArnKind::kBucket, s)},
       {2, gen_arn(v, ArnKind::kObject, s)},
       {3, gen_arn(v, ArnKind::kKey, s)},
       {2, gen_arn(v, ArnKind::kRole, s)},
       {1,
        pick<std::string>({"arn:aws:s3:::*", "arn:aws:kms:*:*:key/*", "arn:aws:iam::*:role/*"})}});
}

}  // namespace accesspath::properties
