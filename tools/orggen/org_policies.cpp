#include "tools/orggen/org_policies.h"

namespace accesspath::orggen {
namespace {

Json statement(const std::string& sid, const char* effect, Json actions, Json resources) {
  return {{"Sid", sid},
          {"Effect", effect},
          {"Action", std::move(actions)},
          {"Resource", std::move(resources)}};
}

// A role trust policy statement: no `Resource`, which IAM refuses there ("Has prohibited field
// Resource"); the role is the resource.
Json trust_statement(const std::string& sid, Json principal) {
  return {{"Sid", sid},
          {"Effect", "Allow"},
          {"Action", "sts:AssumeRole"},
          {"Principal", std::move(principal)}};
}

Json with_principal(Json s, Json principal) {
  s["Principal"] = std::move(principal);
  return s;
}

Json with_condition(Json s, Json condition) {
  s["Condition"] = std::move(condition);
  return s;
}

Json array_of(const Strings& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

std::string root_of(const std::string& account) {
  return "arn:aws:iam::" + account + ":root";
}

}  // namespace

Json policy_document(Json statements) {
  // `policy_document({statement})` is a one-element array for gcc but a copy of the statement for
  // clang (brace initialisation of a json from one json): make it the array it means.
  if (!statements.is_array()) statements = Json::array({std::move(statements)});
  return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

Json administrator_access() {
  return policy_document({statement("AdministratorAccess", "Allow", "*", "*")});
}

Json read_only_access() {
  return policy_document(
      {statement("ReadOnly", "Allow", {"s3:Get*", "s3:List*", "kms:Describe*", "kms:List*"}, "*")});
}

Json full_aws_access_scp() {
  return policy_document({statement("FullAWSAccess", "Allow", "*", "*")});
}

Json protect_logs_scp() {
  return policy_document(
      {with_condition(statement("ProtectLogBuckets", "Deny",
                                {"s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"},
                                "arn:aws:s3:::*-logs*"),
                      {{"ArnNotLike", {{"aws:PrincipalArn", "arn:aws:iam::*:role/admin"}}}})});
}

Json developer_boundary() {
  return policy_document(
      {statement("DataPlane", "Allow",
                 {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "kms:Decrypt",
                  "kms:GenerateDataKey", "kms:Encrypt", "sts:AssumeRole"},
                 "*"),
       statement("NoPolicyChanges", "Deny",
                 {"iam:*", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "kms:PutKeyPolicy"},
                 "*")});
}

Json team_assume(const std::string& account, int team, const std::string& bucket_prefix) {
  return policy_document(
      {statement("AssumeTeamRoles", "Allow", "sts:AssumeRole",
                 "arn:aws:iam::" + account + ":role/team" + std::to_string(team) + "-*"),
       statement("ListTeamBuckets", "Allow", "s3:ListBucket",
                 "arn:aws:s3:::" + bucket_prefix + "*")});
}

Json team_read(const std::string& bucket_prefix, const Strings& key_arns, bool deny_secrets) {
  Json statements =
      Json::array({statement("ReadTeamData", "Allow", {"s3:GetObject", "s3:GetObjectVersion"},
                             "arn:aws:s3:::" + bucket_prefix + "*/*")});
  if (!key_arns.empty())
    statements.push_back(statement("DecryptTeamKeys", "Allow", "kms:Decrypt", array_of(key_arns)));
  if (deny_secrets)
    statements.push_back(statement("NoSecrets", "Deny", "s3:GetObject", "arn:aws:s3:::*/secret/*"));
  return policy_document(std::move(statements));
}

Json team_write(const std::string& bucket_prefix, const Strings& key_arns) {
  Json statements =
      Json::array({statement("WriteTeamData", "Allow", {"s3:GetObject", "s3:PutObject"},
                             "arn:aws:s3:::" + bucket_prefix + "*/*")});
  if (!key_arns.empty())
    statements.push_back(statement("UseTeamKeys", "Allow",
                                   {"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"},
                                   array_of(key_arns)));
  return policy_document(std::move(statements));
}

Json team_home(const std::string& bucket) {
  return policy_document({statement("OwnHomeFolder", "Allow", {"s3:GetObject", "s3:PutObject"},
                                    "arn:aws:s3:::" + bucket + "/home/${aws:username}/*")});
}

Json analyst_inline(const std::string& account) {
  return policy_document(
      {statement("ReadAllReports", "Allow", "s3:GetObject", "arn:aws:s3:::*/reports/*"),
       statement("DecryptOwnKeys", "Allow", "kms:Decrypt", "arn:aws:kms:*:" + account + ":key/*"),
       statement("HopToPartners", "Allow", "sts:AssumeRole", "arn:aws:iam::*:role/*-partner")});
}

Json adhoc_inline(const std::string& other_bucket) {
  return policy_document({statement("AdhocReports", "Allow", "s3:GetObject",
                                    "arn:aws:s3:::" + other_bucket + "/reports/*"),
                          statement("AdhocDecrypt", "Allow", "kms:Decrypt", "*")});
}

Json ci_inline(const std::string& bucket_prefix) {
  return policy_document({statement("PublishArtifacts", "Allow", "s3:PutObject",
                                    "arn:aws:s3:::" + bucket_prefix + "*/raw/*")});
}

Json breakglass_inline(const std::string& account) {
  return policy_document({statement("BreakGlass", "Allow", "sts:AssumeRole",
                                    "arn:aws:iam::" + account + ":role/admin")});
}

Json trust_account(const std::string& account) {
  return policy_document({trust_statement("TrustAccount", {{"AWS", root_of(account)}})});
}

Json trust_service(const std::string& service) {
  return policy_document({trust_statement("TrustService", {{"Service", service}})});
}

Json trust_principal(const std::string& arn) {
  return policy_document({trust_statement("TrustPartner", {{"AWS", arn}})});
}

Json bucket_policy(const BucketFacts& b) {
  std::string bucket = "arn:aws:s3:::" + b.name;
  Json statements = Json::array({with_principal(
      with_condition(statement("DenyInsecureTransport", "Deny", "s3:*", {bucket, bucket + "/*"}),
                     {{"Bool", {{"aws:SecureTransport", "false"}}}}),
      "*")});
  if (!b.key_arn.empty()) {
    statements.push_back(with_principal(
        with_condition(statement("DenyUnencryptedUploads", "Deny", "s3:PutObject", bucket + "/*"),
                       {{"StringNotEquals", {{"s3:x-amz-server-side-encryption", "aws:kms"}}}}),
        "*"));
    statements.push_back(with_principal(
        with_condition(
            statement("RequireTeamKey", "Deny", "s3:PutObject", bucket + "/*"),
            {{"StringNotEquals", {{"s3:x-amz-server-side-encryption-aws-kms-key-id", b.key_arn}}}}),
        "*"));
  }
  if (!b.partner_reader.empty())
    statements.push_back(with_principal(
        statement("PartnerReadsReports", "Allow", "s3:GetObject", bucket + "/reports/*"),
        {{"AWS", b.partner_reader}}));
  if (!b.org_account.empty())
    statements.push_back(with_principal(
        with_condition(
            statement("OrganizationReads", "Allow", "s3:GetObject", bucket + "/reports/*"),
            {{"StringEquals", {{"aws:PrincipalOrgID", kOrganization}}}}),
        "*"));
  if (b.public_prefix)
    statements.push_back(with_principal(
        statement("PublicWebsite", "Allow", "s3:GetObject", bucket + "/public/*"), "*"));
  if (b.log_delivery)
    statements.push_back(
        with_principal(statement("LogDelivery", "Allow", "s3:PutObject", bucket + "/logs/*"),
                       {{"Service", "logging.s3.amazonaws.com"}}));
  return policy_document(std::move(statements));
}

Json key_policy(const KeyFacts& k) {
  Json statements = {
      with_principal(statement("Enable IAM User Permissions", "Allow", "kms:*", "*"),
                     {{"AWS", root_of(k.account)}}),
      with_principal(
          statement("Allow access for Key Administrators", "Allow",
                    {"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
                     "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
                     "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"},
                    "*"),
          {{"AWS", k.admin_role}})};
  if (!k.users.empty())
    statements.push_back(with_principal(statement("Allow use of the key", "Allow",
                                                  {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                                                   "kms:GenerateDataKey*", "kms:DescribeKey"},
                                                  "*"),
                                        {{"AWS", array_of(k.users)}}));
  if (!k.partner.empty())
    statements.push_back(with_principal(
        statement("Allow partner decrypt", "Allow", "kms:Decrypt", "*"), {{"AWS", k.partner}}));
  return policy_document(std::move(statements));
}

Json with_condition_on_all(Json policy, const Json& condition) {
  for (auto& s : policy["Statement"])
    for (const auto& [op, keys] : condition.items())
      for (const auto& [key, values] : keys.items()) s["Condition"][op][key] = values;
  return policy;
}

Json vpce_fence_statement(const std::string& bucket, const std::string& vpce,
                          const std::string& except_role) {
  const std::string arn = "arn:aws:s3:::" + bucket;
  return with_principal(
      with_condition(statement("DenyOutsideVpce", "Deny", "s3:*", {arn, arn + "/*"}),
                     {{"StringNotEquals", {{"aws:SourceVpce", vpce}}},
                      {"ArnNotLike", {{"aws:PrincipalArn", except_role}}}}),
      "*");
}

Json ip_gated_read_statement(const std::string& bucket, const std::string& principal,
                             const std::string& cidr) {
  return with_principal(with_condition(statement("ReadReportsFromOffice", "Allow", "s3:GetObject",
                                                 "arn:aws:s3:::" + bucket + "/reports/*"),
                                       {{"IpAddress", {{"aws:SourceIp", cidr}}}}),
                        {{"AWS", principal}});
}

Json key_deny_insecure_transport_statement() {
  return with_principal(with_condition(statement("DenyInsecureTransport", "Deny", "kms:*", "*"),
                                       {{"Bool", {{"aws:SecureTransport", "false"}}}}),
                        "*");
}

}  // namespace accesspath::orggen
