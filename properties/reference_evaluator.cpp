#include "properties/reference_evaluator.h"

#include <optional>

#include "properties/reference_authorize.h"
#include "properties/reference_public_access.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using namespace reference;

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

bool one_of(const std::string& s, std::initializer_list<const char*> options) {
  for (const char* o : options)
    if (s == o) return true;
  return false;
}

// S3 actions authorized against an object ARN (S3 User Guide: Amazon S3 actions, rule 11).
bool is_object_action(const std::string& a) {
  return one_of(a, {"s3:getobject", "s3:getobjectversion", "s3:getobjectacl", "s3:getobjecttagging",
                    "s3:putobject", "s3:putobjectacl", "s3:putobjecttagging", "s3:deleteobject",
                    "s3:deleteobjectversion", "s3:restoreobject", "s3:abortmultipartupload"});
}

// KMS: Key states: these fail unless the key is Enabled (rule 77).
bool is_cryptographic(const std::string& a) {
  return one_of(a, {"kms:decrypt", "kms:encrypt", "kms:generatedatakey",
                    "kms:generatedatakeywithoutplaintext", "kms:generatedatakeypair",
                    "kms:generatedatakeypairwithoutplaintext", "kms:reencryptfrom",
                    "kms:reencryptto", "kms:sign", "kms:verify", "kms:generatemac", "kms:verifymac",
                    "kms:getpublickey", "kms:creategrant"});
}

// KMS: Allowing users in other accounts: only these work across accounts (rule 66).
bool works_across_accounts(const std::string& a) {
  return is_cryptographic(a) || one_of(a, {"kms:describekey", "kms:getkeyrotationstatus",
                                           "kms:listgrants", "kms:retiregrant", "kms:revokegrant"});
}

// A key named by key ARN, alias ARN, alias name or key id; names that are not ARNs are read in
// `account` and `region` (rule 67).
std::optional<json> resolve_key(const json& doc, const std::string& ref, const std::string& account,
                                const std::string& region) {
  std::string acct = account, reg = region, name = ref;
  if (starts_with(ref, "arn:")) {
    auto parts = arn_parts(ref);
    if (parts.empty() || parts[2] != "kms") return std::nullopt;
    reg = parts[3];
    acct = parts[4];
    name = parts[5];
  }
  for (const auto& k : keys_of(doc)) {
    if (k["account"] != acct || k["region"] != reg) continue;
    if (starts_with(name, "alias/")) {
      for (const auto& a : list_of(k, "aliases"))
        if (a == name) return k;
    } else if (starts_with(name, "key/") ? k["id"] == name.substr(4) : k["id"] == name) {
      if (!starts_with(ref, "arn:") || k["arn"] == ref) return k;
    }
  }
  return std::nullopt;
}

// What KMS knows of the keys a scenario declares: symmetric encryption keys made by KMS.
void add_symmetric_key_facts(Context& ctx) {
  set_key(ctx, "kms:KeySpec", "SYMMETRIC_DEFAULT");
  set_key(ctx, "kms:KeyUsage", "ENCRYPT_DECRYPT");
  set_key(ctx, "kms:KeyOrigin", "AWS_KMS");
}

// aws:ResourceTag/<key>: the key's tags (KMS: ABAC for AWS KMS). A key the request's `context`
// already sets keeps the request's value, as in model/.
void add_key_tags(Context& ctx, const json& key) {
  if (!key.contains("tags")) return;
  for (const auto& [k, v] : key["tags"].items())
    ctx.emplace(lower("aws:ResourceTag/" + k), std::vector<std::string>{v.get<std::string>()});
}

struct Encryption {
  std::string sse = "AES256";  // "AES256", "aws:kms" or "SSE-C"
  std::string key;             // "" = the AWS managed key aws/s3
  bool bucket_key = false;
};

Encryption encryption_of(const json& j) {
  Encryption e;
  std::string sse = j.value("sse", "AES256");
  e.sse = sse == "aws:kms:dsse" ? "aws:kms" : sse;
  e.key = j.value("kms_key", "");
  e.bucket_key = j.value("bucket_key", false);
  return e;
}

// S3: Specifying SSE-KMS / SSE-C; Setting default encryption (rules 83, 84, 90): headers beat
// the bucket default, which is SSE-S3 unless configured. nullopt: S3 rejects the request.
std::optional<Encryption> put_encryption(const json& bucket, const Request& r) {
  const std::string* sse = header(r, s3_headers::kSse);
  const std::string* key = header(r, s3_headers::kSseKmsKeyId);
  if (header(r, s3_headers::kSseCAlgorithm)) {
    if (sse) return std::nullopt;  // both SSE-C and SSE headers: 400
    if (!header(r, s3_headers::kSseCKey) || !header(r, s3_headers::kSseCKeyMd5))
      return std::nullopt;
    return Encryption{"SSE-C", "", false};
  }
  if (key && !sse) return std::nullopt;  // a key id without aws:kms: 400
  if (sse) {
    if (*sse == "AES256") return Encryption{};
    if (*sse != "aws:kms" && *sse != "aws:kms:dsse") return std::nullopt;
    Encryption e{"aws:kms", key ? *key : "", false};
    const std::string* bk = header(r, s3_headers::kSseBucketKey);
    if (bk)
      e.bucket_key = lower(*bk) == "true";
    else if (bucket.contains("default_encryption"))
      e.bucket_key = bucket["default_encryption"].value("bucket_key", false);
    return e;
  }
  if (bucket.contains("default_encryption")) return encryption_of(bucket["default_encryption"]);
  return Encryption{};
}

bool s3_allows(const json& doc, const Caller& who, const Request& r) {
  const std::string prefix = "arn:aws:s3:::";
  if (!starts_with(r.resource, prefix)) return false;
  std::string rest = r.resource.substr(prefix.size());
  std::size_t slash = rest.find('/');
  const bool is_object = slash != std::string::npos;
  const std::string bucket_name = rest.substr(0, slash);
  const std::string object_key = is_object ? rest.substr(slash + 1) : "";
  const json* bucket = find_in(doc, "buckets", "name", bucket_name);
  if (bucket_name.empty() || !bucket) return false;
  const std::string action = lower(r.action);
  if (is_object_action(action) && !is_object) return false;
  const std::string owner = bucket->value("account", "");
  const std::string region = bucket->value("region", "");

  // S3 authorizes the request against the bucket policy (rule 92); the request headers are
  // condition keys (S3: condition key examples), never the customer key itself.
  Authorization s3;
  s3.action = r.action;
  s3.resource = r.resource;
  s3.resource_account = owner;
  s3.resource_policy = bucket->contains("policy") ? &(*bucket)["policy"] : nullptr;
  s3.place = Place::kBucket;
  s3.owner_account_only = restricts_public_policy(doc, *bucket);  // Block Public Access (rule 94)
  s3.ctx = base_context(doc, who, r, region, owner);
  for (const auto& [k, v] : r.headers) {
    std::string name = lower(k);
    if (starts_with(name, "x-amz-") && name != s3_headers::kSseCKey &&
        name != s3_headers::kSseCKeyMd5)
      set_key(s3.ctx, "s3:" + name, v);
  }
  set_key(s3.ctx, "s3:ResourceAccount", owner);
  set_key(s3.ctx, "s3:signatureversion", "AWS4-HMAC-SHA256");
  set_key(s3.ctx, "s3:authType", "REST-HEADER");
  // Bucket tags are condition keys only with S3 ABAC enabled, on requests for the bucket
  // (S3: Using tags with S3 general purpose buckets); object tags are s3:ExistingObjectTag/*
  // except for PutObject and DeleteObject (S3: Tagging and access control policies).
  if (!is_object && bucket->value("abac", false) && bucket->contains("tags"))
    for (const auto& [k, v] : (*bucket)["tags"].items())
      set_key(s3.ctx, "aws:ResourceTag/" + k, v.get<std::string>());
  if (is_object && action != "s3:putobject" && action != "s3:deleteobject")
    for (const auto& o : list_of(*bucket, "objects"))
      if (o.value("key", "") == object_key && o.contains("tags"))
        for (const auto& [k, v] : o["tags"].items())
          set_key(s3.ctx, "s3:ExistingObjectTag/" + k, v.get<std::string>());
  apply_request_context(s3.ctx, r);
  // Only identities of the owner's account may get, put or delete the bucket policy (S3 API
  // Reference, PutBucketPolicy: 405 Method Not Allowed otherwise).
  if (one_of(action, {"s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy"}) &&
      (who.type == CallerType::kAnonymous || who.account != owner))
    return false;
  // The bucket owner's root user may always get, put and delete the bucket policy (rule 59).
  if (who.type == CallerType::kRoot && who.account == owner &&
      one_of(action, {"s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy"}))
    s3.resource_policy = nullptr;
  if (!authorized(doc, who, s3)) return false;

  const bool read = is_object && (action == "s3:getobject" || action == "s3:getobjectversion");
  const bool write = is_object && action == "s3:putobject";
  if (!read && !write) return true;

  Encryption enc;
  std::string id_account;  // where a key id or alias name is looked up
  if (read) {
    const json* object = nullptr;
    for (const auto& o : list_of(*bucket, "objects"))
      if (o.value("key", "") == object_key) object = &o;
    if (object && object->contains("sse"))
      enc = encryption_of(*object);
    else if (bucket->contains("default_encryption"))
      enc = encryption_of((*bucket)["default_encryption"]);
    // A stored object's key id or alias is read in the bucket owner's account (model reading).
    id_account = owner;
    // "don't send encryption request headers for GET requests" of SSE-KMS objects (rule 89).
    if (enc.sse == "aws:kms" &&
        (header(r, s3_headers::kSse) || header(r, s3_headers::kSseKmsKeyId)))
      return false;
  } else {
    auto chosen = put_encryption(*bucket, r);
    if (!chosen) return false;
    enc = *chosen;
    // A key id or alias resolves in the requester's account (S3 API Reference, rules 84, 85).
    id_account = who.account;
  }
  if (enc.sse == "AES256") return true;  // SSE-S3: no KMS permission (rule 91)
  if (enc.sse == "SSE-C")                // HTTPS and the customer key headers (rule 90)
    return over_https(r) && header(r, s3_headers::kSseCAlgorithm) &&
           header(r, s3_headers::kSseCKey) && header(r, s3_headers::kSseCKeyMd5);

  // SSE-KMS: signed requests over TLS only (rule 88).
  if (who.type == CallerType::kAnonymous || !over_https(r)) return false;
  // No key named: the AWS managed key aws/s3 of the bucket owner (rule 83; model reading of
  // whose aws/s3 it is).
  auto key = enc.key.empty() ? resolve_key(doc, "alias/aws/s3", owner, region)
                             : resolve_key(doc, enc.key, id_account, region);
  if (!key) return false;
  if ((*key)["region"] != region) return false;                   // rule 82
  if (key->value("state", "Enabled") != "Enabled") return false;  // rule 77

  // S3 calls KMS with the caller's identity (rules 46, 72, 73, 86).
  const std::string bucket_arn = prefix + bucket_name;
  const std::string ec_value = enc.bucket_key ? bucket_arn : r.resource;
  const std::string key_account = (*key)["account"].get<std::string>();
  Authorization kms;
  kms.action = read ? "kms:Decrypt" : "kms:GenerateDataKey";
  kms.resource = (*key)["arn"].get<std::string>();
  kms.resource_account = key_account;
  kms.resource_policy = &(*key)["policy"];
  kms.place = Place::kKey;
  kms.rcps_apply = key->value("managed", "customer") != "aws";  // rule 56
  kms.grants = key->contains("grants") ? &(*key)["grants"] : nullptr;
  kms.grant_operation = read ? "Decrypt" : "GenerateDataKey";
  kms.encryption_context = {{"aws:s3:arn", ec_value}};
  kms.ctx = base_context(doc, who, r, region, key_account);
  set_key(kms.ctx, "kms:ViaService", "s3." + region + ".amazonaws.com");
  set_key(kms.ctx, "kms:CallerAccount", who.account);
  set_key(kms.ctx, "aws:ViaAWSService", "true");
  set_key(kms.ctx, "aws:CalledVia", "s3.amazonaws.com");
  set_key(kms.ctx, "aws:CalledViaFirst", "s3.amazonaws.com");
  set_key(kms.ctx, "aws:CalledViaLast", "s3.amazonaws.com");
  set_key(kms.ctx, "kms:EncryptionContext:aws:s3:arn", ec_value);
  set_key(kms.ctx, "kms:EncryptionContextKeys", "aws:s3:arn");
  set_key(kms.ctx, "kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
  add_symmetric_key_facts(kms.ctx);
  add_key_tags(kms.ctx, *key);
  // KMS sees S3's address, not the caller's (rule 40): the caller's aws:SourceIp is not there.
  kms.ctx.erase("aws:sourceip");
  kms.ctx.erase("aws:sourcevpc");
  kms.ctx.erase("aws:sourcevpce");
  return authorized(doc, who, kms);
}

// The authorization of a KMS operation on one key: the key policy must allow, directly or by
// delegating to IAM policies; grants allow too (rules 60-69).
Authorization key_authorization(const json& doc, const Caller& who, const Request& r,
                                const json& key) {
  const bool aws_managed = key.value("managed", "customer") == "aws";
  const std::string key_account = key["account"].get<std::string>();
  Authorization kms;
  kms.action = r.action;
  kms.resource = key["arn"].get<std::string>();
  kms.resource_account = key_account;
  auto policy = key.find("policy");  // keys_of gives every key its effective policy
  kms.resource_policy = policy != key.end() ? &*policy : nullptr;
  kms.place = Place::kKey;
  kms.rcps_apply = !aws_managed;
  kms.grants = key.contains("grants") ? &key["grants"] : nullptr;
  kms.grant_operation = r.action.substr(r.action.find(':') + 1);
  kms.ctx = base_context(doc, who, r, key["region"].get<std::string>(), key_account);
  set_key(kms.ctx, "kms:CallerAccount", who.account);
  add_symmetric_key_facts(kms.ctx);
  const json& aliases = list_of(key, "aliases");
  if (!aliases.empty()) kms.ctx["kms:resourcealiases"] = aliases.get<std::vector<std::string>>();
  add_key_tags(kms.ctx, key);
  return kms;
}

// KMS: Controlling access to aliases; CreateAlias / UpdateAlias / DeleteAlias API Reference
// ("Required permissions", "Cross-account use: No"): the operation on the alias from an IAM
// policy (an alias has no resource policy), and on every key the change affects from its key
// policy: the target (TargetKeyId, a key id or key ARN in the alias's account and Region) of
// CreateAlias, the current and the target key of UpdateAlias, the current key of DeleteAlias.
bool kms_alias_allows(const json& doc, const Caller& who, const Request& r,
                      const std::vector<std::string>& parts, const std::string& action) {
  const std::string &region = parts[3], &account = parts[4], &name = parts[5];
  if (!starts_with(name, "alias/") || starts_with(name, "alias/aws/")) return false;
  if (who.type != CallerType::kService && who.account != account) return false;
  const bool create = action == "kms:createalias";
  auto current = resolve_key(doc, r.resource, account, region);
  if (create == current.has_value()) return false;  // exists already / does not exist
  std::optional<json> target;
  if (action != "kms:deletealias") {
    const std::string* ref = header(r, "TargetKeyId");
    if (!ref || ref->empty() || ref->find("alias/") != std::string::npos) return false;
    if (starts_with(*ref, "arn:")) {
      auto p = arn_parts(*ref);
      if (p.empty() || p[3] != region || p[4] != account) return false;
    }
    target = resolve_key(doc, *ref, account, region);
    if (!target || target->value("managed", "customer") == "aws") return false;
  }
  Authorization on_alias;
  on_alias.action = r.action;
  on_alias.resource = r.resource;
  on_alias.resource_account = account;
  on_alias.ctx = base_context(doc, who, r, region, account);
  set_key(on_alias.ctx, "kms:CallerAccount", who.account);
  apply_request_context(on_alias.ctx, r);
  if (!authorized(doc, who, on_alias)) return false;
  for (const auto* key : {current ? &*current : nullptr, target ? &*target : nullptr}) {
    if (!key) continue;
    Authorization on_key = key_authorization(doc, who, r, *key);
    apply_request_context(on_key.ctx, r);
    if (!authorized(doc, who, on_key)) return false;
  }
  return true;
}

bool kms_allows(const json& doc, const Caller& who, const Request& r) {
  auto parts = arn_parts(r.resource);
  if (parts.empty() || parts[2] != "kms") return false;
  if (who.type == CallerType::kAnonymous) return false;  // KMS requests are signed
  if (const std::string a = lower(r.action);
      a == "kms:createalias" || a == "kms:updatealias" || a == "kms:deletealias")
    return kms_alias_allows(doc, who, r, parts, a);
  auto key = resolve_key(doc, r.resource, parts[4], parts[3]);
  if (!key) return false;
  const std::string action = lower(r.action);
  const bool aws_managed = key->value("managed", "customer") == "aws";
  const std::string key_account = (*key)["account"].get<std::string>();
  if (who.account != key_account && who.type != CallerType::kService &&
      !works_across_accounts(action))
    return false;  // rule 66
  if (key->value("state", "Enabled") != "Enabled" && is_cryptographic(action))
    return false;  // rule 77
  // "you cannot use AWS managed keys in cryptographic operations directly" (rule 70).
  if (aws_managed && is_cryptographic(action)) return false;

  Authorization kms = key_authorization(doc, who, r, *key);
  if (starts_with(parts[5], "alias/")) set_key(kms.ctx, "kms:RequestAlias", parts[5]);  // rule 74
  // The encryption context the request passes, as kms:EncryptionContext:<key> keys of its
  // context, with the keys spelled as the request spells them.
  const std::string ec_prefix = "kms:encryptioncontext:";
  for (const auto& [k, values] : r.context)
    if (starts_with(lower(k), ec_prefix) && !values.empty())
      kms.encryption_context[k.substr(ec_prefix.size())] = values.front();
  if (!kms.encryption_context.empty() && !kms.ctx.count("kms:encryptioncontextkeys"))
    for (const auto& [k, v] : kms.encryption_context)
      kms.ctx["kms:encryptioncontextkeys"].push_back(k);
  apply_request_context(kms.ctx, r);
  return authorized(doc, who, kms);
}

bool sts_allows(const json& doc, const Caller& who, const Request& r) {
  auto parts = arn_parts(r.resource);
  if (parts.empty() || parts[2] != "iam" || !starts_with(parts[5], "role/")) return false;
  if (who.type == CallerType::kAnonymous) return false;  // AssumeRole is signed
  // "You cannot use AWS account root user credentials to call AssumeRole. You must use
  // credentials for an IAM user or an IAM role" (STS API Reference: AssumeRole; IAM: "You can't
  // switch roles if you sign in as the AWS account root user").
  if (who.type == CallerType::kRoot) return false;
  const json* role = find_in(doc, "principals", "arn", r.resource);
  if (!role || !role->contains("trust_policy")) return false;  // nobody may assume it
  // The trust policy must allow (rules 50, 98).
  Authorization sts;
  sts.action = r.action;
  sts.resource = r.resource;
  sts.resource_account = parts[4];
  sts.resource_policy = &(*role)["trust_policy"];
  sts.place = Place::kTrust;
  sts.ctx = base_context(doc, who, r, "", parts[4]);
  // A role's tags are not a world fact the reference reads as aws:ResourceTag/* (model/ leaves
  // them undescribed, sts_service.cpp): a condition on one is unsupported, not absent.
  set_key(sts.ctx, "aws:ResourceTag/*", kUnmodelledValue);
  return authorized(doc, who, sts);
}

// IAM actions, actions without a resource, and other resources with a policy.
bool other_allows(const json& doc, const Caller& who, const Request& r) {
  Authorization a;
  a.action = r.action;
  a.resource = r.resource;
  const json* resource = find_in(doc, "resources", "arn", r.resource);
  if (r.resource == "*" && !resource) {
    a.resource_account = who.account;  // the action runs in the caller's account
  } else {
    auto parts = arn_parts(r.resource);
    if (parts.empty()) return false;
    a.resource_account = parts[4];
  }
  if (resource && resource->contains("policy")) a.resource_policy = &(*resource)["policy"];
  a.ctx = base_context(doc, who, r, "", a.resource_account);
  // Only buckets, objects and keys carry tags in a world (model/services/evaluator.cpp).
  set_key(a.ctx, "aws:ResourceTag/*", kUnmodelledValue);
  return authorized(doc, who, a);
}

bool allows(const json& doc, const Request& r) {
  // Identities of an identity provider (federated:<provider>) are not modelled by the reference:
  // the fast evaluator's federated branch is checked by the scenario expectations instead.
  if (r.principal.rfind("federated:", 0) == 0) throw Unsupported{"federated identities"};
  auto who = identify(doc, r.principal);
  if (!who) return false;
  const std::string service = lower(r.action.substr(0, r.action.find(':')));
  // STS API Reference, GetCallerIdentity: "No permissions are required", and an explicit deny
  // does not stop it; every signed caller may call it.
  if (lower(r.action) == "sts:getcalleridentity") return who->type != CallerType::kAnonymous;
  // STS API Reference, GetFederationToken: only an IAM user's (or the root user's) long-term
  // credentials can call it; then identity policies alone decide, on the resource named.
  if (lower(r.action) == "sts:getfederationtoken")
    return (who->type == CallerType::kUser || who->type == CallerType::kRoot) &&
           other_allows(doc, *who, r);
  if (r.resource != "*") {
    if (service == "s3") return s3_allows(doc, *who, r);
    if (service == "kms") return kms_allows(doc, *who, r);
    if (service == "sts") return sts_allows(doc, *who, r);
  }
  return other_allows(doc, *who, r);
}

}  // namespace

ReferenceAnswer reference_decide(const json& world_doc, const Request& request) {
  try {
    return {allows(world_doc, request) ? Verdict::kAllow : Verdict::kDeny, ""};
  } catch (const Unsupported& u) {
    return {Verdict::kUnsupported, u.what};
  }
}

bool reference_allows(const json& world_doc, const Request& request) {
  return reference_decide(world_doc, request).verdict == Verdict::kAllow;
}

}  // namespace accesspath::properties
