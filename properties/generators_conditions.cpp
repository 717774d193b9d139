#include "properties/generators_conditions.h"

#include <algorithm>
#include <cctype>

#include "properties/generators_conditions_extended.h"

#include "properties/generators_core.h"
#include "properties/generators_names.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

using Clause = GeneratedClause;

rc::Gen<std::string> with_if_exists(rc::Gen<std::string> op, const GenSettings& s) {
  return rc::gen::apply(
      [](std::string o, bool if_exists) { return if_exists ? o + "IfExists" : o; }, op,
      chance(s.if_exists_percent));
}

rc::Gen<std::string> string_op(const GenSettings& s) {
  return with_if_exists(
      pick<std::string>({"StringEquals", "StringNotEquals", "StringLike", "StringNotLike"}), s);
}

// Condition key names are case-insensitive (rule 31): sometimes spell the prefix in capitals.
rc::Gen<std::string> spelled(std::string key) {
  return rc::gen::map(chance(10), [key](bool upper) {
    if (!upper) return key;
    std::string out = key;
    for (std::size_t i = 0; i < out.size() && out[i] != ':'; ++i)
      out[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i])));
    return out;
  });
}

rc::Gen<Clause> clause(rc::Gen<std::string> op, std::string key, rc::Gen<std::string> value,
                       const GenSettings& s) {
  return rc::gen::apply(
      [](std::string o, std::string k, json values) {
        return Clause{o, k, values};
      },
      op, spelled(std::move(key)), one_or_many(value, std::min<std::size_t>(2, s.max_list_values)));
}

rc::Gen<Clause> bool_clause(std::string key, const GenSettings& s) {
  // Bool compares with "true" or "false"; JSON booleans mean the same (IAM grammar).
  return rc::gen::apply(
      [](std::string o, std::string k, bool value, bool as_json_bool) {
        json v = as_json_bool ? json(value) : json(value ? "true" : "false");
        return Clause{o, k, v};
      },
      with_if_exists(rc::gen::just(std::string("Bool")), s), spelled(std::move(key)), chance(50),
      chance(20));
}

Strings accounts_and_outside(const Vocabulary& v) {
  Strings out = v.accounts;
  out.push_back(kOutsideAccount);
  return out;
}

Strings via_services(const Vocabulary& v) {
  Strings out;
  for (const auto& r : v.regions) out.push_back("s3." + r + ".amazonaws.com");
  out.push_back("s3.*.amazonaws.com");
  out.push_back("ec2.us-east-1.amazonaws.com");
  return out;
}

Strings context_arns(const Vocabulary& v) {
  Strings out = v.objects;
  for (const auto& b : v.buckets) {
    out.push_back("arn:aws:s3:::" + b + "/*");
    out.push_back("arn:aws:s3:::" + b);
  }
  if (out.empty()) out.push_back("arn:aws:s3:::ghost-bucket/*");
  return out;
}

Strings principal_patterns(const Vocabulary& v) {
  Strings out = v.users;
  out.insert(out.end(), v.roles.begin(), v.roles.end());
  for (const auto& a : v.accounts) {
    out.push_back("arn:aws:iam::" + a + ":*");
    out.push_back("arn:aws:iam::" + a + ":role/*");
    out.push_back(root_arn(a));
  }
  out.push_back("arn:aws:iam::*:user/*");
  return out;
}

Strings user_names(const Vocabulary& v) {
  Strings out = {"a*", "nobody"};
  for (const auto& u : v.users) out.push_back(last_segment(u));
  return out;
}

Strings key_ids_in_headers(const Vocabulary& v, const GenSettings& s) {
  Strings out = v.keys;
  out.push_back("arn:aws:kms:*");
  if (s.dangling_percent > 0)
    out.push_back("arn:aws:kms:us-east-1:111111111111:key/00000000-dead-beef-0000-000000000000");
  return out;
}

rc::Gen<Clause> gen_clause(const Vocabulary& v, PolicyUse use, const GenSettings& s) {
  auto secure = bool_clause("aws:SecureTransport", s);
  auto via_aws = bool_clause("aws:ViaAWSService", s);
  auto is_service = bool_clause("aws:PrincipalIsAWSService", s);
  auto sse = clause(string_op(s), "s3:x-amz-server-side-encryption",
                    pick<std::string>({"aws:kms", "AES256", "aws:*"}), s);
  auto sse_key = clause(string_op(s), "s3:x-amz-server-side-encryption-aws-kms-key-id",
                        pick(key_ids_in_headers(v, s)), s);
  auto via_service = clause(string_op(s), "kms:ViaService", pick(via_services(v)), s);
  auto caller_account = clause(string_op(s), "kms:CallerAccount", pick(accounts_and_outside(v)), s);
  auto context = clause(pick<std::string>({"StringEquals", "StringLike", "StringNotLike"}),
                        "kms:EncryptionContext:aws:s3:arn", pick(context_arns(v)), s);
  auto principal_arn =
      clause(with_if_exists(pick<std::string>({"ArnLike", "ArnNotLike", "ArnEquals", "StringLike",
                                               "StringEquals", "StringNotEquals"}),
                            s),
             "aws:PrincipalArn", pick(principal_patterns(v)), s);
  auto principal_account =
      clause(string_op(s), "aws:PrincipalAccount", pick(accounts_and_outside(v)), s);
  auto username = clause(string_op(s), "aws:username", pick(user_names(v)), s);
  auto tag = clause(string_op(s), "aws:PrincipalTag/team", pick<std::string>({"data", "ops"}), s);
  auto external_id = clause(pick<std::string>({"StringEquals", "StringNotEquals"}),
                            "sts:ExternalId", pick<std::string>({"ext-1", "ext-2"}), s);
  auto resource_account =
      clause(string_op(s), "aws:ResourceAccount", pick(accounts_and_outside(v)), s);
  auto source_ip = clause(pick<std::string>({"StringEquals", "StringNotEquals"}), "aws:SourceIp",
                          pick<std::string>({"203.0.113.7", "198.51.100.1"}), s);
  auto principal_type =
      clause(pick<std::string>({"StringEquals", "StringNotEquals"}), "aws:PrincipalType",
             pick<std::string>({"User", "AssumedRole", "Account", "Anonymous"}), s);
  auto null_key = rc::gen::apply(
      [](std::string key, bool absent) {
        return Clause{"Null", key, json(absent ? "true" : "false")};
      },
      pick<std::string>({"s3:x-amz-server-side-encryption", "kms:ViaService", "aws:PrincipalArn",
                         "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:PrincipalTag/team",
                         "sts:ExternalId"}),
      chance(50));
  switch (use) {
    case PolicyUse::kKey:
      return one_of_weighted<Clause>({{4, via_service},
                                      {3, caller_account},
                                      {2, context},
                                      {2, principal_arn},
                                      {1, via_aws},
                                      {1, secure},
                                      {1, null_key},
                                      {1, principal_account},
                                      {1, source_ip}});
    case PolicyUse::kTrust:
      return one_of_weighted<Clause>({{3, external_id},
                                      {1, is_service},
                                      {2, principal_arn},
                                      {1, principal_account},
                                      {1, tag},
                                      {1, null_key},
                                      {1, principal_type}});
    case PolicyUse::kBucket:
      return one_of_weighted<Clause>({{3, sse},
                                      {2, sse_key},
                                      {2, secure},
                                      {2, principal_arn},
                                      {1, principal_account},
                                      {1, null_key},
                                      {1, username},
                                      {1, source_ip},
                                      {1, is_service},
                                      {1, principal_type}});
    case PolicyUse::kRcp:
    case PolicyUse::kScp:
      return one_of_weighted<Clause>({{3, principal_account},
                                      {2, is_service},
                                      {2, secure},
                                      {2, resource_account},
                                      {2, principal_arn},
                                      {1, sse},
                                      {1, via_aws},
                                      {1, null_key}});
    case PolicyUse::kIdentity:
    case PolicyUse::kBoundary:
      break;
  }
  return one_of_weighted<Clause>({{2, secure},
                                  {2, sse},
                                  {1, sse_key},
                                  {2, via_service},
                                  {1, context},
                                  {1, resource_account},
                                  {1, tag},
                                  {1, username},
                                  {1, null_key},
                                  {1, source_ip},
                                  {1, via_aws}});
}

}  // namespace

rc::Gen<json> gen_condition_block(const Vocabulary& v, PolicyUse use, const GenSettings& s) {
  const int extended = std::clamp(s.extended_condition_percent, 0, 100);
  auto any_clause = one_of_weighted<Clause>(
      {{100 - extended, gen_clause(v, use, s)}, {extended, gen_extended_clause(v, use, s)}});
  return rc::gen::map(between(1, std::max<std::size_t>(1, s.max_condition_clauses), any_clause),
                      [](const std::vector<Clause>& clauses) {
                        json block = json::object();
                        for (const auto& c : clauses) block[c.op][c.key] = c.values;
                        return block;
                      });
}

bool is_generated_condition_operator(const std::string& name) {
  if (is_extended_condition_operator(name)) return true;
  static const Strings kBases = {"StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
                                 "Bool",         "ArnLike",         "ArnNotLike", "ArnEquals"};
  if (name == "Null") return true;
  for (const auto& b : kBases)
    if (name == b || name == b + "IfExists") return true;
  return false;
}

}  // namespace accesspath::properties
