#include "trail/event_request.h"

#include <array>
#include <cctype>
#include <string_view>
#include <utility>

#include "model/condition/condition_date.h"
#include "model/condition/request_context.h"
#include "model/world/requester.h"

namespace accesspath {
namespace {

using nlohmann::json;

std::string text_of(const json& obj, std::string_view key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(std::string(key));
  if (it == obj.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

const json& object_of(const json& obj, std::string_view key) {
  static const json kEmpty = json::object();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(std::string(key));
  return it != obj.end() && it->is_object() ? *it : kEmpty;
}

// The service principal names of AWS services acting for a caller (CloudTrail User Guide,
// userIdentity element: invokedBy; sourceIPAddress and userAgent carry the same name).
bool made_by_s3(const json& event) {
  constexpr std::string_view kS3 = "s3.amazonaws.com";
  return text_of(object_of(event, "userIdentity"), "invokedBy") == kS3 ||
         text_of(event, "sourceIPAddress") == kS3 || text_of(event, "userAgent") == kS3;
}

// The principal of a userIdentity (CloudTrail User Guide, CloudTrail userIdentity element), or
// "" with `why`.
std::string principal_of(const json& identity, std::string& why) {
  std::string type = text_of(identity, "type");
  std::string arn = text_of(identity, "arn");
  // IAMUser, Root: the ARN as AWS records it. AssumedRole: the session ARN
  // (arn:aws:sts::<account>:assumed-role/<role>/<session>), a session of the role.
  if (type == "IAMUser" || type == "Root" || type == "AssumedRole") {
    if (arn.empty()) why = "userIdentity of type `" + type + "` has no `arn`";
    return arn;
  }
  // AWSService: "the request was made by an AWS service"; invokedBy names it.
  if (type == "AWSService") {
    std::string service = text_of(identity, "invokedBy");
    if (service.empty()) why = "userIdentity of type `AWSService` has no `invokedBy`";
    return service;
  }
  // AWSAccount: a request from another account (its principal is in that account's trail).
  // Anonymous S3 requests are recorded as AWSAccount with accountId `anonymous`.
  if (type == "AWSAccount") {
    std::string account = text_of(identity, "accountId");
    if (account == "anonymous" || account.empty()) return "anonymous";
    // AWS records only the account: read as the account itself (its root), which has every
    // permission the account can grant. AWS is silent on the caller; this reading reports
    // more access (model/SEMANTICS.md, "Replaying CloudTrail").
    return "arn:aws:iam::" + account + ":root";
  }
  if (type == "Unknown" && text_of(identity, "accountId") == "anonymous") return "anonymous";
  why = "userIdentity of type `" + (type.empty() ? std::string("(none)") : type) +
        "` is not modelled (IAMUser, AssumedRole, Root, AWSService and AWSAccount are)";
  return "";
}

bool looks_like_ip(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':')) return false;
  return s.find('.') != std::string_view::npos || s.find(':') != std::string_view::npos;
}

// The request context the event records (IAM: AWS global condition context keys; S3: condition
// keys; CloudTrail User Guide: record contents).
void add_context(const json& event, bool s3, Request& r) {
  auto set = [&](const std::string& key, std::string value) {
    r.context[key] = {std::move(value)};
  };
  std::string ip = text_of(event, "sourceIPAddress");
  std::string vpce = text_of(event, "vpcEndpointId");
  if (!vpce.empty()) {
    // Through a VPC endpoint: aws:SourceVpce, and the address is the VPC's (aws:VpcSourceIp),
    // not aws:SourceIp.
    set("aws:SourceVpce", vpce);
    if (looks_like_ip(ip)) set("aws:VpcSourceIp", ip);
  } else if (looks_like_ip(ip)) {
    set("aws:SourceIp", ip);
  }
  if (std::string ua = text_of(event, "userAgent"); !ua.empty()) set("aws:UserAgent", ua);
  if (std::string when = text_of(event, "eventTime"); !when.empty()) {
    if (auto d = parse_date(when)) {
      set("aws:CurrentTime", when);
      set("aws:EpochTime", std::to_string(d->instant.seconds));
    }
  }
  // aws:MultiFactorAuthPresent is present only for temporary credentials; CloudTrail records
  // sessionContext.attributes.mfaAuthenticated for them.
  const json& attributes =
      object_of(object_of(object_of(event, "userIdentity"), "sessionContext"), "attributes");
  if (std::string mfa = text_of(attributes, "mfaAuthenticated"); mfa == "true" || mfa == "false")
    set("aws:MultiFactorAuthPresent", mfa);
  // tlsDetails: the request used TLS. Without it the model's default (HTTPS) stays: CloudTrail
  // leaves it out of older records, and that reading reports more access.
  const json& tls = object_of(event, "tlsDetails");
  if (!tls.empty()) {
    set("aws:SecureTransport", "true");
    std::string version = text_of(tls, "tlsVersion");  // "TLSv1.2"
    if (s3 && version.rfind("TLSv", 0) == 0) set("s3:TlsVersion", version.substr(4));
  }
  if (!s3) return;
  // S3: s3:signatureversion and s3:authType (S3 API Reference, Authenticating Requests; the
  // CloudTrail record's additionalEventData.SignatureVersion and AuthenticationMethod).
  const json& extra = object_of(event, "additionalEventData");
  std::string sig = text_of(extra, "SignatureVersion");
  if (sig == "SigV4") set("s3:signatureversion", "AWS4-HMAC-SHA256");
  if (sig == "SigV2") set("s3:signatureversion", "AWS");
  std::string auth = text_of(extra, "AuthenticationMethod");
  if (auth == "AuthHeader") set("s3:authType", "REST-HEADER");
  if (auth == "QueryString") set("s3:authType", "REST-QUERY-STRING");
}

// S3 event names to the action AWS authorizes (S3 API Reference, each operation's
// "Permissions"; S3 User Guide, Logging Amazon S3 API calls using AWS CloudTrail).
struct S3Event {
  std::string_view event;
  std::string_view action;
  std::string_view versioned_action;  // with a versionId
  bool object = true;
};
constexpr std::array<S3Event, 22> kS3Events{{
    {"GetObject", "s3:GetObject", "s3:GetObjectVersion"},
    // HeadObject: "you must have the s3:GetObject permission".
    {"HeadObject", "s3:GetObject", "s3:GetObjectVersion"},
    {"PutObject", "s3:PutObject", "s3:PutObject"},
    // Multipart uploads: "you must have permission to the s3:PutObject action".
    {"CreateMultipartUpload", "s3:PutObject", "s3:PutObject"},
    {"UploadPart", "s3:PutObject", "s3:PutObject"},
    {"CompleteMultipartUpload", "s3:PutObject", "s3:PutObject"},
    {"AbortMultipartUpload", "s3:AbortMultipartUpload", "s3:AbortMultipartUpload"},
    {"DeleteObject", "s3:DeleteObject", "s3:DeleteObjectVersion"},
    {"GetObjectAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl"},
    {"PutObjectAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"},
    {"GetObjectTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"},
    {"PutObjectTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"},
    {"ListObjects", "s3:ListBucket", "s3:ListBucket", false},
    {"ListObjectsV2", "s3:ListBucket", "s3:ListBucket", false},
    {"ListObjectVersions", "s3:ListBucketVersions", "s3:ListBucketVersions", false},
    {"GetBucketPolicy", "s3:GetBucketPolicy", "s3:GetBucketPolicy", false},
    {"PutBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketPolicy", false},
    {"DeleteBucketPolicy", "s3:DeleteBucketPolicy", "s3:DeleteBucketPolicy", false},
    {"GetBucketLocation", "s3:GetBucketLocation", "s3:GetBucketLocation", false},
    {"GetBucketEncryption", "s3:GetEncryptionConfiguration", "s3:GetEncryptionConfiguration",
     false},
    {"PutBucketEncryption", "s3:PutEncryptionConfiguration", "s3:PutEncryptionConfiguration",
     false},
    {"GetBucketAcl", "s3:GetBucketAcl", "s3:GetBucketAcl", false},
}};

// KMS events decided as the action of the same name (KMS: permissions reference).
constexpr std::array<std::string_view, 21> kKmsEvents{"Decrypt",
                                                      "Encrypt",
                                                      "GenerateDataKey",
                                                      "GenerateDataKeyWithoutPlaintext",
                                                      "GenerateDataKeyPair",
                                                      "GenerateDataKeyPairWithoutPlaintext",
                                                      "DescribeKey",
                                                      "GetKeyPolicy",
                                                      "PutKeyPolicy",
                                                      "CreateGrant",
                                                      "RetireGrant",
                                                      "RevokeGrant",
                                                      "ListGrants",
                                                      "ScheduleKeyDeletion",
                                                      "DisableKey",
                                                      "EnableKey",
                                                      "Sign",
                                                      "Verify",
                                                      "GenerateMac",
                                                      "VerifyMac",
                                                      "GetPublicKey"};

bool map_s3(const json& event, const std::string& name, const World& world, EventRequest& out) {
  const json& params = object_of(event, "requestParameters");
  const S3Event* found = nullptr;
  for (const auto& e : kS3Events)
    if (e.event == name) found = &e;
  if (!found) {
    out.reason = name == "CopyObject" || name == "UploadPartCopy"
                     ? "`" + name + "` reads a source object and writes another: not modelled"
                     : "S3 event `" + name + "` is not modelled";
    return false;
  }
  out.bucket = text_of(params, "bucketName");
  if (out.bucket.empty()) {
    out.reason = "requestParameters has no `bucketName`";
    return false;
  }
  if (!world.find_bucket(out.bucket)) {
    out.reason = "bucket `" + out.bucket + "` is not in the world";
    return false;
  }
  std::string key = text_of(params, "key");
  if (found->object && key.empty()) {
    out.reason = "requestParameters has no object `key`";
    return false;
  }
  bool versioned = !text_of(params, "versionId").empty();
  out.request.action = std::string(versioned ? found->versioned_action : found->action);
  out.request.resource = "arn:aws:s3:::" + out.bucket + (found->object ? "/" + key : "");
  // The encryption headers, as requestParameters (and additionalEventData) record them.
  for (const json* source : {&params, &object_of(event, "additionalEventData")})
    for (const auto& [k, v] : source->items())
      if (v.is_string() && to_lower(k).rfind("x-amz-", 0) == 0)
        out.request.headers[to_lower(k)] = v.get<std::string>();
  return true;
}

bool map_kms(const json& event, const std::string& name, const World& world, EventRequest& out) {
  bool known = false;
  for (auto e : kKmsEvents) known = known || e == name;
  if (!known) {
    out.reason = "KMS event `" + name + "` is not modelled";
    return false;
  }
  // The key: the record's `resources` (the key ARN), else requestParameters.keyId.
  std::string ref;
  if (const auto it = event.find("resources"); it != event.end() && it->is_array())
    for (const auto& r : *it)
      if (std::string arn = text_of(r, "ARN"); arn.rfind("arn:aws:kms:", 0) == 0) ref = arn;
  const json& params = object_of(event, "requestParameters");
  if (ref.empty()) ref = text_of(params, "keyId");
  if (ref.empty()) {
    out.reason = "the record names no KMS key (no `resources` ARN, no requestParameters.keyId)";
    return false;
  }
  std::string account = text_of(event, "recipientAccountId");
  const Key* key = world.resolve_key(ref, account, text_of(event, "awsRegion"));
  if (!key) {
    out.reason = "KMS key `" + ref + "` is not in the world";
    return false;
  }
  out.request.action = "kms:" + name;
  out.request.resource = key->arn;
  // The encryption context as kms:EncryptionContext:<key> (KMS: condition keys).
  for (const auto& [k, v] : object_of(params, "encryptionContext").items())
    if (v.is_string()) out.request.context["kms:EncryptionContext:" + k] = {v.get<std::string>()};
  return true;
}

bool map_sts(const json& event, const std::string& name, const World&, EventRequest& out) {
  const json& params = object_of(event, "requestParameters");
  if (name == "GetCallerIdentity") {
    out.request.action = "sts:GetCallerIdentity";
    out.request.resource = "*";
    return true;
  }
  if (name != "AssumeRole") {
    out.reason = "STS event `" + name + "` is not modelled";
    return false;
  }
  std::string role = text_of(params, "roleArn");
  if (role.empty()) {
    out.reason = "requestParameters has no `roleArn`";
    return false;
  }
  out.request.action = "sts:AssumeRole";
  out.request.resource = role;
  // sts:RoleSessionName (IAM: STS condition keys).
  if (std::string session = text_of(params, "roleSessionName"); !session.empty())
    out.request.context["sts:RoleSessionName"] = {session};
  return true;
}

bool is_access_denied(std::string_view code) {
  // S3 and STS record `AccessDenied`, KMS `AccessDeniedException` (CloudTrail records of
  // failed calls, errorCode).
  return code == "AccessDenied" || code == "AccessDeniedException" ||
         code == "UnauthorizedOperation";
}

}  // namespace

EventRequest request_of_event(const json& event, const World& world) {
  EventRequest out;
  if (!event.is_object()) {
    out.reason = "a CloudTrail record is a JSON object";
    return out;
  }
  out.event_id = text_of(event, "eventID");
  out.event_time = text_of(event, "eventTime");
  std::string source = text_of(event, "eventSource");
  std::string name = text_of(event, "eventName");
  const json& identity = object_of(event, "userIdentity");
  if (source.empty() || name.empty() || identity.empty()) {
    out.reason = "not a CloudTrail event: `eventSource`, `eventName` and `userIdentity` are needed";
    return out;
  }
  std::string service = source.substr(0, source.find('.'));
  out.event_name = service + ":" + name;
  out.kind = EventKind::kUndecided;
  std::string why;
  out.principal = principal_of(identity, why);
  if (out.principal.empty()) {
    out.principal = text_of(identity, "arn");
    out.reason = why;
    return out;
  }
  if (std::string code = text_of(event, "errorCode"); !code.empty()) {
    if (!is_access_denied(code)) {
      out.reason = "the call failed with `" + code + "`: whether AWS authorized it is not recorded";
      return out;
    }
    out.aws_allowed = false;
  }
  bool mapped = false;
  if (source == "s3.amazonaws.com")
    mapped = map_s3(event, name, world, out);
  else if (source == "kms.amazonaws.com")
    mapped = map_kms(event, name, world, out);
  else if (source == "sts.amazonaws.com")
    mapped = map_sts(event, name, world, out);
  else
    out.reason = "events of `" + source + "` are not modelled";
  if (!mapped) return out;
  // A KMS call S3 made for the caller (SSE-KMS) is part of the caller's S3 request, which the
  // world decides with it (S3 calls KMS with the caller's identity).
  if (source == "kms.amazonaws.com" && made_by_s3(event)) {
    out.kind = EventKind::kTiedToS3;
    auto ec = out.request.context.find("kms:EncryptionContext:aws:s3:arn");
    if (ec != out.request.context.end()) out.tied_object = ec->second.front();
    return out;
  }
  std::string unresolved;
  auto who = resolve_requester(world, out.principal, &unresolved);
  if (!who) {
    out.reason = unresolved;
    return out;
  }
  out.request.principal = out.principal;
  add_context(event, source == "s3.amazonaws.com", out.request);
  out.kind = EventKind::kDecide;
  return out;
}

}  // namespace accesspath
