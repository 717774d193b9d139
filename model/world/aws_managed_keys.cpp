#include "model/world/aws_managed_keys.h"

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace accesspath {

Policy aws_managed_s3_key_policy(std::string_view account, std::string_view region) {
  // rule 71 [U]: the "auto-s3-2" policy as public copies show it. Any principal of the
  // owning account, only through S3 in the key's Region; the account may describe the key.
  // There is no statement delegating kms:* to IAM policies.
  const std::string acct(account), reg(region);
  nlohmann::json doc = {
      {"Version", "2012-10-17"},
      {"Id", "auto-s3-2"},
      {"Statement",
       {{{"Sid",
          "Allow access through S3 for all principals in the account that are authorized to use "
          "S3"},
         {"Effect", "Allow"},
         {"Principal", {{"AWS", "*"}}},
         {"Action",
          {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
           "kms:DescribeKey"}},
         {"Resource", "*"},
         {"Condition",
          {{"StringEquals",
            {{"kms:CallerAccount", acct}, {"kms:ViaService", "s3." + reg + ".amazonaws.com"}}}}}},
        {{"Sid", "Allow direct access to key metadata to the account"},
         {"Effect", "Allow"},
         {"Principal", {{"AWS", "arn:aws:iam::" + acct + ":root"}}},
         {"Action", {"kms:Describe*", "kms:Get*", "kms:List*"}},
         {"Resource", "*"}}}}};
  Diagnostics ignored;
  Policy p = parse_policy(doc, "", PolicyKind::kKeyPolicy, ignored);
  p.label = "key policy of the AWS managed key `aws/s3` (written by AWS)";
  return p;
}

Key make_aws_managed_s3_key(std::string_view account, std::string_view region) {
  Key k;
  k.account = std::string(account);
  k.region = std::string(region);
  k.id = "aws-s3-" + k.account + "-" + k.region;  // AWS gives it a UUID; any stable id will do
  k.arn = "arn:aws:kms:" + k.region + ":" + k.account + ":key/" + k.id;
  k.aliases = {"alias/aws/s3"};
  k.aws_managed = true;
  k.synthesized = true;
  k.policy = std::make_shared<const Policy>(aws_managed_s3_key_policy(account, region));
  return k;
}

}  // namespace accesspath
