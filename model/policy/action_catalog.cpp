#include "model/policy/action_catalog.h"

#include <array>

#include "model/condition/request_context.h"
#include "model/core/strings.h"

namespace accesspath {
namespace {

using R = ActionResource;

// Service Authorization Reference: Amazon S3, AWS KMS, AWS STS, IAM (the
// actions that matter to data access and to changing who may access data).
constexpr std::array kActions = {
    // Amazon S3: object-level actions (resource type "object").
    ActionInfo{"s3:GetObject", R::kS3Object},
    ActionInfo{"s3:GetObjectVersion", R::kS3Object},
    ActionInfo{"s3:GetObjectAcl", R::kS3Object},
    ActionInfo{"s3:GetObjectVersionAcl", R::kS3Object},
    ActionInfo{"s3:GetObjectAttributes", R::kS3Object},
    ActionInfo{"s3:GetObjectTagging", R::kS3Object},
    ActionInfo{"s3:GetObjectRetention", R::kS3Object},
    ActionInfo{"s3:GetObjectLegalHold", R::kS3Object},
    ActionInfo{"s3:PutObject", R::kS3Object},
    ActionInfo{"s3:PutObjectAcl", R::kS3Object},
    ActionInfo{"s3:PutObjectVersionAcl", R::kS3Object},
    ActionInfo{"s3:PutObjectTagging", R::kS3Object},
    ActionInfo{"s3:PutObjectRetention", R::kS3Object},
    ActionInfo{"s3:PutObjectLegalHold", R::kS3Object},
    ActionInfo{"s3:DeleteObject", R::kS3Object},
    ActionInfo{"s3:DeleteObjectVersion", R::kS3Object},
    ActionInfo{"s3:DeleteObjectTagging", R::kS3Object},
    ActionInfo{"s3:AbortMultipartUpload", R::kS3Object},
    ActionInfo{"s3:ListMultipartUploadParts", R::kS3Object},
    ActionInfo{"s3:RestoreObject", R::kS3Object},
    ActionInfo{"s3:ReplicateObject", R::kS3Object},
    ActionInfo{"s3:ReplicateDelete", R::kS3Object},
    ActionInfo{"s3:BypassGovernanceRetention", R::kS3Object},
    // Amazon S3: bucket-level actions (resource type "bucket").
    ActionInfo{"s3:ListBucket", R::kS3Bucket},
    ActionInfo{"s3:ListBucketVersions", R::kS3Bucket},
    ActionInfo{"s3:ListBucketMultipartUploads", R::kS3Bucket},
    ActionInfo{"s3:GetBucketLocation", R::kS3Bucket},
    ActionInfo{"s3:GetBucketPolicy", R::kS3Bucket},
    ActionInfo{"s3:GetBucketPolicyStatus", R::kS3Bucket},
    ActionInfo{"s3:PutBucketPolicy", R::kS3Bucket},
    ActionInfo{"s3:DeleteBucketPolicy", R::kS3Bucket},
    ActionInfo{"s3:GetEncryptionConfiguration", R::kS3Bucket},
    ActionInfo{"s3:PutEncryptionConfiguration", R::kS3Bucket},
    ActionInfo{"s3:GetBucketAcl", R::kS3Bucket},
    ActionInfo{"s3:PutBucketAcl", R::kS3Bucket},
    ActionInfo{"s3:GetBucketPublicAccessBlock", R::kS3Bucket},
    ActionInfo{"s3:PutBucketPublicAccessBlock", R::kS3Bucket},
    ActionInfo{"s3:GetBucketOwnershipControls", R::kS3Bucket},
    ActionInfo{"s3:PutBucketOwnershipControls", R::kS3Bucket},
    ActionInfo{"s3:GetBucketVersioning", R::kS3Bucket},
    ActionInfo{"s3:PutBucketVersioning", R::kS3Bucket},
    ActionInfo{"s3:GetBucketTagging", R::kS3Bucket},
    ActionInfo{"s3:PutBucketTagging", R::kS3Bucket},
    ActionInfo{"s3:GetLifecycleConfiguration", R::kS3Bucket},
    ActionInfo{"s3:PutLifecycleConfiguration", R::kS3Bucket},
    ActionInfo{"s3:GetReplicationConfiguration", R::kS3Bucket},
    ActionInfo{"s3:PutReplicationConfiguration", R::kS3Bucket},
    ActionInfo{"s3:GetBucketLogging", R::kS3Bucket},
    ActionInfo{"s3:PutBucketLogging", R::kS3Bucket},
    ActionInfo{"s3:GetBucketCORS", R::kS3Bucket},
    ActionInfo{"s3:PutBucketCORS", R::kS3Bucket},
    ActionInfo{"s3:GetBucketWebsite", R::kS3Bucket},
    ActionInfo{"s3:PutBucketWebsite", R::kS3Bucket},
    ActionInfo{"s3:GetBucketNotification", R::kS3Bucket},
    ActionInfo{"s3:PutBucketNotification", R::kS3Bucket},
    ActionInfo{"s3:GetBucketObjectLockConfiguration", R::kS3Bucket},
    ActionInfo{"s3:PutBucketObjectLockConfiguration", R::kS3Bucket},
    ActionInfo{"s3:CreateBucket", R::kS3Bucket},
    ActionInfo{"s3:DeleteBucket", R::kS3Bucket},
    // Amazon S3: no resource.
    ActionInfo{"s3:ListAllMyBuckets", R::kNone},
    ActionInfo{"s3:GetAccountPublicAccessBlock", R::kNone},
    ActionInfo{"s3:PutAccountPublicAccessBlock", R::kNone},
    // AWS KMS: key resource.
    ActionInfo{"kms:Decrypt", R::kKmsKey},
    ActionInfo{"kms:Encrypt", R::kKmsKey},
    ActionInfo{"kms:GenerateDataKey", R::kKmsKey},
    ActionInfo{"kms:GenerateDataKeyWithoutPlaintext", R::kKmsKey},
    ActionInfo{"kms:GenerateDataKeyPair", R::kKmsKey},
    ActionInfo{"kms:GenerateDataKeyPairWithoutPlaintext", R::kKmsKey},
    ActionInfo{"kms:ReEncryptFrom", R::kKmsKey},
    ActionInfo{"kms:ReEncryptTo", R::kKmsKey},
    ActionInfo{"kms:DescribeKey", R::kKmsKey},
    ActionInfo{"kms:GetKeyPolicy", R::kKmsKey},
    ActionInfo{"kms:PutKeyPolicy", R::kKmsKey},
    ActionInfo{"kms:ListKeyPolicies", R::kKmsKey},
    ActionInfo{"kms:GetKeyRotationStatus", R::kKmsKey},
    ActionInfo{"kms:EnableKeyRotation", R::kKmsKey},
    ActionInfo{"kms:DisableKeyRotation", R::kKmsKey},
    ActionInfo{"kms:EnableKey", R::kKmsKey},
    ActionInfo{"kms:DisableKey", R::kKmsKey},
    ActionInfo{"kms:ScheduleKeyDeletion", R::kKmsKey},
    ActionInfo{"kms:CancelKeyDeletion", R::kKmsKey},
    ActionInfo{"kms:CreateGrant", R::kKmsKey},
    ActionInfo{"kms:ListGrants", R::kKmsKey},
    ActionInfo{"kms:RevokeGrant", R::kKmsKey},
    ActionInfo{"kms:RetireGrant", R::kKmsKey},
    ActionInfo{"kms:TagResource", R::kKmsKey},
    ActionInfo{"kms:UntagResource", R::kKmsKey},
    ActionInfo{"kms:ListResourceTags", R::kKmsKey},
    ActionInfo{"kms:UpdateKeyDescription", R::kKmsKey},
    ActionInfo{"kms:GetPublicKey", R::kKmsKey},
    ActionInfo{"kms:Sign", R::kKmsKey},
    ActionInfo{"kms:Verify", R::kKmsKey},
    ActionInfo{"kms:GenerateMac", R::kKmsKey},
    ActionInfo{"kms:VerifyMac", R::kKmsKey},
    ActionInfo{"kms:CreateAlias", R::kKmsKey},
    ActionInfo{"kms:DeleteAlias", R::kKmsKey},
    ActionInfo{"kms:UpdateAlias", R::kKmsKey},
    // AWS KMS: no resource.
    ActionInfo{"kms:CreateKey", R::kNone},
    ActionInfo{"kms:ListKeys", R::kNone},
    ActionInfo{"kms:ListAliases", R::kNone},
    ActionInfo{"kms:GenerateRandom", R::kNone},
    ActionInfo{"kms:ListRetirableGrants", R::kNone},
    // AWS STS.
    ActionInfo{"sts:AssumeRole", R::kIamRole},
    ActionInfo{"sts:TagSession", R::kIamRole},
    ActionInfo{"sts:SetSourceIdentity", R::kIamRole},
    ActionInfo{"sts:AssumeRoleWithWebIdentity", R::kIamRole},
    ActionInfo{"sts:AssumeRoleWithSAML", R::kIamRole},
    ActionInfo{"sts:GetCallerIdentity", R::kNone},
    ActionInfo{"sts:GetSessionToken", R::kNone},
    ActionInfo{"sts:GetFederationToken", R::kIamUser},
    // IAM: the permissions that change who may do what.
    ActionInfo{"iam:PutRolePolicy", R::kIamRole},
    ActionInfo{"iam:AttachRolePolicy", R::kIamRole},
    ActionInfo{"iam:DeleteRolePolicy", R::kIamRole},
    ActionInfo{"iam:DetachRolePolicy", R::kIamRole},
    ActionInfo{"iam:UpdateAssumeRolePolicy", R::kIamRole},
    ActionInfo{"iam:PutRolePermissionsBoundary", R::kIamRole},
    ActionInfo{"iam:DeleteRolePermissionsBoundary", R::kIamRole},
    ActionInfo{"iam:PassRole", R::kIamRole},
    ActionInfo{"iam:GetRole", R::kIamRole},
    ActionInfo{"iam:CreateRole", R::kIamRole},
    ActionInfo{"iam:DeleteRole", R::kIamRole},
    ActionInfo{"iam:PutUserPolicy", R::kIamUser},
    ActionInfo{"iam:AttachUserPolicy", R::kIamUser},
    ActionInfo{"iam:DeleteUserPolicy", R::kIamUser},
    ActionInfo{"iam:DetachUserPolicy", R::kIamUser},
    ActionInfo{"iam:PutUserPermissionsBoundary", R::kIamUser},
    ActionInfo{"iam:CreateAccessKey", R::kIamUser},
    ActionInfo{"iam:CreateLoginProfile", R::kIamUser},
    ActionInfo{"iam:UpdateLoginProfile", R::kIamUser},
    ActionInfo{"iam:AddUserToGroup", R::kIamGroup},
    ActionInfo{"iam:PutGroupPolicy", R::kIamGroup},
    ActionInfo{"iam:AttachGroupPolicy", R::kIamGroup},
    ActionInfo{"iam:CreatePolicyVersion", R::kIamPolicy},
    ActionInfo{"iam:SetDefaultPolicyVersion", R::kIamPolicy},
    ActionInfo{"iam:CreatePolicy", R::kIamPolicy},
    ActionInfo{"iam:ListRoles", R::kNone},
    ActionInfo{"iam:ListUsers", R::kNone},
    ActionInfo{"iam:ListPolicies", R::kNone},
};

}  // namespace

std::optional<ActionInfo> lookup_action(std::string_view action) {
  for (const auto& info : kActions)
    if (iequals(info.name, action)) return info;
  return std::nullopt;
}

std::vector<std::string_view> all_catalog_actions() {
  std::vector<std::string_view> out;
  for (const auto& info : kActions) out.push_back(info.name);
  return out;
}

bool catalog_covers_service(std::string_view service_prefix) {
  return iequals(service_prefix, "s3") || iequals(service_prefix, "kms") ||
         iequals(service_prefix, "sts") || iequals(service_prefix, "iam");
}

std::string_view action_hint(std::string_view action) {
  // S3 API operations whose IAM action has another name (S3 User Guide,
  // "Required permissions for Amazon S3 API operations").
  if (iequals(action, "s3:HeadBucket")) return "HeadBucket is authorized by `s3:ListBucket`";
  if (iequals(action, "s3:HeadObject")) return "HeadObject is authorized by `s3:GetObject`";
  if (iequals(action, "s3:ListObjects") || iequals(action, "s3:ListObjectsV2"))
    return "ListObjects is authorized by `s3:ListBucket`";
  if (iequals(action, "s3:CopyObject"))
    return "CopyObject is authorized by `s3:GetObject` on the source and `s3:PutObject` on the "
           "target";
  if (iequals(action, "s3:CreateMultipartUpload") || iequals(action, "s3:UploadPart") ||
      iequals(action, "s3:CompleteMultipartUpload"))
    return "multipart uploads are authorized by `s3:PutObject`";
  if (iequals(action, "s3:DeleteObjects"))
    return "DeleteObjects is authorized by `s3:DeleteObject`";
  return {};
}

}  // namespace accesspath
