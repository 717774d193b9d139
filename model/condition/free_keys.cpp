#include "model/condition/free_keys.h"

#include <array>

namespace accesspath {
namespace {

constexpr std::string_view kGlobalKeys = "IAM/reference_policies_condition-keys.html";
constexpr std::string_view kS3Keys =
    "service-authorization/latest/reference/list_amazons3.html (condition keys)";

constexpr std::array<std::string_view, 2> kBooleans = {"true", "false"};
// S3 API Reference, Authenticating Requests (AWS Signature Version 4), "s3:signatureversion":
// AWS4-HMAC-SHA256 for SigV4, AWS for SigV2.
constexpr std::array<std::string_view, 2> kSignatureVersions = {"AWS4-HMAC-SHA256", "AWS"};
// S3: Amazon S3 condition key examples / Authenticating Requests, "s3:authType".
constexpr std::array<std::string_view, 3> kAuthTypes = {"REST-HEADER", "REST-QUERY-STRING", "POST"};
// S3 User Guide, Enforcing a minimum TLS version: AWS endpoints accept TLS 1.2 and 1.3 since
// 2024 (older versions are refused before authorization).
constexpr std::array<std::string_view, 2> kTlsVersions = {"1.2", "1.3"};
// S3 User Guide, Access control list (ACL) overview, "Canned ACL".
constexpr std::array<std::string_view, 8> kCannedAcls = {"private",
                                                         "public-read",
                                                         "public-read-write",
                                                         "aws-exec-read",
                                                         "authenticated-read",
                                                         "bucket-owner-read",
                                                         "bucket-owner-full-control",
                                                         "log-delivery-write"};
constexpr std::array<std::string_view, 2> kMetadataDirectives = {"COPY", "REPLACE"};
constexpr std::array<std::string_view, 2> kLockModes = {"GOVERNANCE", "COMPLIANCE"};
constexpr std::array<std::string_view, 2> kLegalHold = {"ON", "OFF"};

// Global keys, any service (IAM: AWS global condition context keys).
constexpr std::array<FreeKey, 11> kGlobal = {{
    {"aws:sourceip", FreeKeyType::kIp, false, false, {}, kGlobalKeys},
    {"aws:vpcsourceip", FreeKeyType::kIp, false, false, {}, kGlobalKeys},
    {"aws:sourcevpc", FreeKeyType::kText, false, false, {}, kGlobalKeys},
    {"aws:sourcevpce", FreeKeyType::kText, false, false, {}, kGlobalKeys},
    {"aws:securetransport", FreeKeyType::kChoice, false, true, kBooleans, kGlobalKeys},
    {"aws:multifactorauthpresent", FreeKeyType::kChoice, false, true, kBooleans, kGlobalKeys},
    {"aws:multifactorauthage", FreeKeyType::kInteger, false, true, {}, kGlobalKeys},
    {"aws:currenttime", FreeKeyType::kTime, false, true, {}, kGlobalKeys},
    {"aws:epochtime", FreeKeyType::kTime, false, true, {}, kGlobalKeys},
    {"aws:useragent", FreeKeyType::kText, false, true, {}, kGlobalKeys},
    {"aws:referer", FreeKeyType::kText, false, true, {}, kGlobalKeys},
}};

// The requests that pass tags (Service Authorization Reference: the actions listing
// aws:RequestTag/${TagKey} and aws:TagKeys for Amazon S3, AWS KMS and AWS STS; session tags:
// IAM, Passing session tags in AWS STS). Only they carry the request-tag keys.
constexpr std::array<std::string_view, 12> kTaggingActions = {
    "s3:createbucket",  "s3:tagresource",         "s3:untagresource",
    "kms:createkey",    "kms:tagresource",        "kms:untagresource",
    "kms:replicatekey", "sts:assumerole",         "sts:assumerolewithsaml",
    "sts:tagsession",   "sts:getfederationtoken", "sts:assumerolewithwebidentity"};
// S3 User Guide, Tagging and access control policies: s3:RequestObjectTag/<tag-key> and
// s3:RequestObjectTagKeys are for requests that add tags to objects (PutObject, PutObjectTagging).
constexpr std::array<std::string_view, 3> kObjectTaggingActions = {
    "s3:putobject", "s3:putobjecttagging", "s3:putobjectversiontagging"};

// Request tags (IAM: global condition keys, aws:RequestTag/tag-key: "the tag key-value pair
// that was passed in the request"; aws:TagKeys: "the tag keys in the request", multivalued).
constexpr std::array<FreeKey, 2> kTags = {{
    {"aws:requesttag/",
     FreeKeyType::kText,
     true,
     false,
     {},
     kGlobalKeys,
     "aws:tagkeys",
     kTaggingActions},
    {"aws:tagkeys", FreeKeyType::kTextSet, false, false, {}, kGlobalKeys, {}, kTaggingActions},
}};

// S3 request keys (Service Authorization Reference, Amazon S3, condition keys). The encryption
// headers are not here: they decide how the object is stored, so the analyses enumerate them
// (invariant_targets.h, header_variants) instead of leaving them free.
constexpr std::array<FreeKey, 19> kS3 = {{
    {"s3:signatureversion", FreeKeyType::kChoice, false, false, kSignatureVersions, kS3Keys},
    {"s3:authtype", FreeKeyType::kChoice, false, false, kAuthTypes, kS3Keys},
    {"s3:signatureage", FreeKeyType::kInteger, false, false, {}, kS3Keys},
    {"s3:tlsversion", FreeKeyType::kChoice, false, false, kTlsVersions, kS3Keys},
    {"s3:x-amz-acl", FreeKeyType::kChoice, false, false, kCannedAcls, kS3Keys},
    {"s3:x-amz-metadata-directive", FreeKeyType::kChoice, false, false, kMetadataDirectives,
     kS3Keys},
    {"s3:object-lock-mode", FreeKeyType::kChoice, false, false, kLockModes, kS3Keys},
    {"s3:object-lock-legal-hold", FreeKeyType::kChoice, false, false, kLegalHold, kS3Keys},
    {"s3:object-lock-remaining-retention-days", FreeKeyType::kInteger, false, false, {}, kS3Keys},
    {"s3:object-lock-retain-until-date", FreeKeyType::kDate, false, false, {}, kS3Keys},
    {"s3:prefix", FreeKeyType::kText, false, false, {}, kS3Keys},
    {"s3:delimiter", FreeKeyType::kText, false, false, {}, kS3Keys},
    {"s3:max-keys", FreeKeyType::kInteger, false, false, {}, kS3Keys},
    {"s3:versionid", FreeKeyType::kText, false, false, {}, kS3Keys},
    // Forwarded: the evaluator passes a request's tags on to the KMS call S3 makes for it
    // (whether AWS does is not documented; the reading that reports more access).
    {"s3:requestobjecttag/",
     FreeKeyType::kText,
     true,
     true,
     {},
     kS3Keys,
     "s3:requestobjecttagkeys",
     kObjectTaggingActions},
    {"s3:requestobjecttagkeys",
     FreeKeyType::kTextSet,
     false,
     true,
     {},
     kS3Keys,
     {},
     kObjectTaggingActions},
    {"s3:x-amz-content-sha256", FreeKeyType::kText, false, false, {}, kS3Keys},
    {"s3:x-amz-copy-source", FreeKeyType::kText, false, false, {}, kS3Keys},
    // Any other x-amz- header the caller sends (grants, storage class, website redirect, ...).
    {"s3:x-amz-", FreeKeyType::kText, true, false, {}, kS3Keys},
}};

// Direct KMS calls: the caller passes the encryption context (KMS: Encryption context;
// kms:EncryptionContext:context-key, kms:EncryptionContextKeys).
constexpr std::array<FreeKey, 2> kKms = {{
    {"kms:encryptioncontext:",
     FreeKeyType::kText,
     true,
     false,
     {},
     "kms/latest/developerguide/conditions-kms.html",
     "kms:encryptioncontextkeys"},
    {"kms:encryptioncontextkeys",
     FreeKeyType::kTextSet,
     false,
     false,
     {},
     "kms/latest/developerguide/conditions-kms.html"},
}};

// The claims of a web identity or SAML token (IAM: Available keys for AWS web identity federation
// and Available keys for SAML-based AWS STS federation, IAM/reference_policies_iam-condition-keys
// .html): `<provider>:<claim>`, the provider an OIDC host (with a dot) or `saml`. `amr` lists the
// authentication methods (multivalued, IAM: "cognito-identity.amazonaws.com:amr").
constexpr std::string_view kFederationKeys = "IAM/reference_policies_iam-condition-keys.html";
constexpr FreeKey kClaimText = {"<provider>:<claim>", FreeKeyType::kText, false, false, {},
                                kFederationKeys};
constexpr FreeKey kClaimSet = {"<provider>:amr", FreeKeyType::kTextSet, false, false, {},
                               kFederationKeys};

const FreeKey* federated_claim(std::string_view key) {
  const std::size_t colon = key.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == key.size()) return nullptr;
  std::string_view provider = key.substr(0, colon), claim = key.substr(colon + 1);
  if (provider != "saml" && provider.find('.') == std::string_view::npos) return nullptr;
  return claim == "amr" ? &kClaimSet : &kClaimText;
}

// The S3 encryption headers (and the SSE-C ones, which are secrets, not keys) stay fixed.
bool is_encryption_header_key(std::string_view key) {
  return key.rfind("s3:x-amz-server-side-encryption", 0) == 0;
}

bool matches(const FreeKey& k, std::string_view key) {
  return k.prefix ? key.size() > k.key.size() && key.rfind(k.key, 0) == 0 : key == k.key;
}

template <std::size_t N>
const FreeKey* find_in(const std::array<FreeKey, N>& table, std::string_view key) {
  for (const auto& k : table)
    if (matches(k, key)) return &k;
  return nullptr;
}

}  // namespace

RequestService request_service(std::string_view action) {
  auto starts = [&](std::string_view p) {
    if (action.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if ((action[i] | 0x20) != p[i] && action[i] != p[i]) return false;
    return true;
  };
  if (starts("s3:")) return RequestService::kS3;
  if (starts("kms:")) return RequestService::kKms;
  return RequestService::kOther;
}

namespace {

// find_free_key without narrowing by action.
const FreeKey* find_free_key_anywhere(std::string_view key, RequestService service,
                                      bool anonymous) {
  if (const FreeKey* k = find_in(kGlobal, key)) {
    // An unsigned request has no credentials, so no MFA (IAM: aws:MultiFactorAuthPresent).
    if (anonymous && key.rfind("aws:multifactorauth", 0) == 0) return nullptr;
    return k;
  }
  if (const FreeKey* k = find_in(kTags, key)) return k;
  if (service == RequestService::kS3) {
    if (is_encryption_header_key(key)) return nullptr;
    // An unsigned request has no signature: the evaluator fills these keys as for SigV4
    // header authentication, which anonymous requests keep.
    if (anonymous &&
        (key == "s3:signatureversion" || key == "s3:authtype" || key == "s3:signatureage"))
      return nullptr;
    return find_in(kS3, key);
  }
  if (service == RequestService::kKms) return find_in(kKms, key);
  return nullptr;
}

}  // namespace

const FreeKey* find_free_key(std::string_view key, RequestService service, bool anonymous,
                             std::string_view action, bool federated) {
  if (federated)
    if (const FreeKey* claim = federated_claim(key)) return claim;
  const FreeKey* k = find_free_key_anywhere(key, service, anonymous);
  if (!k || k->only_in.empty() || action.empty() || service == RequestService::kOther) return k;
  for (std::string_view a : k->only_in)
    if (a == action) return k;
  // Other S3 / KMS / STS requests: AWS does not fill the key.
  return nullptr;
}

bool is_multivalued_free_key(std::string_view key) {
  if (federated_claim(key) == &kClaimSet) return true;
  for (const FreeKey& k : free_key_table())
    if (k.type == FreeKeyType::kTextSet && k.key == key) return true;
  return false;
}

std::span<const FreeKey> free_key_table() {
  static const auto all = [] {
    std::array<FreeKey, kGlobal.size() + kTags.size() + kS3.size() + kKms.size()> out{};
    std::size_t i = 0;
    for (const auto& k : kGlobal) out[i++] = k;
    for (const auto& k : kTags) out[i++] = k;
    for (const auto& k : kS3) out[i++] = k;
    for (const auto& k : kKms) out[i++] = k;
    return out;
  }();
  return all;
}

}  // namespace accesspath
