#include "model/services/s3_service.h"

#include <algorithm>
#include <array>

#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"

namespace accesspath {
namespace {

const std::string* header(const Request& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (iequals(k, name)) return &v;
  return nullptr;
}

bool has_ssec_headers(const Request& r) {
  return header(r, s3_headers::kSseCAlgorithm) && header(r, s3_headers::kSseCKey) &&
         header(r, s3_headers::kSseCKeyMd5);
}

// S3 condition keys from request headers: s3:x-amz-acl, s3:x-amz-server-side-encryption,
// s3:x-amz-server-side-encryption-aws-kms-key-id, ... (S3: Amazon S3 condition key examples).
// The keys come from the headers only, never from default encryption (rule 87, U2: the
// reading chosen is "headers only", as field reports describe).
void add_header_keys(const Request& r, RequestContext& ctx) {
  for (const auto& [k, v] : r.headers) {
    std::string name = to_lower(k);
    if (name.rfind("x-amz-", 0) != 0) continue;
    if (name == s3_headers::kSseCKey || name == s3_headers::kSseCKeyMd5)
      continue;  // secrets, not condition keys
    ctx.set("s3:" + name, v);
  }
}

struct ObjectRef {
  std::string_view bucket;  // views into the request's resource
  std::string_view key;     // empty for a bucket ARN
  bool is_object = false;
};

std::optional<ObjectRef> parse_s3_resource(std::string_view resource) {
  constexpr std::string_view kPrefix = "arn:aws:s3:::";
  if (resource.rfind(kPrefix, 0) != 0) return std::nullopt;
  std::string_view rest = resource.substr(kPrefix.size());
  std::size_t slash = rest.find('/');
  ObjectRef ref;
  if (slash == std::string_view::npos) {
    ref.bucket = rest;
  } else {
    ref.bucket = rest.substr(0, slash);
    ref.key = rest.substr(slash + 1);
    ref.is_object = true;
  }
  if (ref.bucket.empty()) return std::nullopt;
  return ref;
}

const S3Object* find_object(const Bucket& b, std::string_view key) {
  for (const auto& o : b.objects)
    if (o.key == key) return &o;
  return nullptr;
}

bool is_read_plaintext(std::string_view action_lower) {
  return action_lower == "s3:getobject" || action_lower == "s3:getobjectversion";
}

bool condition_pins_nonpublic_key(const Statement& s) {
  // S3: Blocking public access, "The meaning of public": only FIXED values of these keys make a
  // statement non-public (no wildcards, no variables; AWS's own example `StringLike
  // aws:SourceVpc "vpc-*"` is public). The /8 limit on aws:SourceIp is not checked here.
  static constexpr std::array<std::string_view, 13> kKeys = {
      "aws:sourceip",
      "aws:sourcearn",
      "aws:sourcevpc",
      "aws:sourcevpce",
      "aws:sourceowner",
      "aws:sourceaccount",
      "s3:x-amz-server-side-encryption-aws-kms-key-id",
      "aws:userid",
      "s3:dataaccesspointarn",
      "s3:dataaccesspointaccount",
      "aws:principalorgid",
      "aws:principalaccount",
      "aws:principalarn"};
  for (const auto& clause : s.condition.clauses()) {
    if (std::find(kKeys.begin(), kKeys.end(), clause.key_lower) == kKeys.end()) continue;
    if (operator_info(clause.op.op).negated || clause.op.if_exists) continue;
    // The page asks for a grant to "a fixed" value of the key. `Null` only tests presence, and
    // `ForAllValues:` is true when the key is absent (IAM: Creating a condition with multiple keys
    // or values, rule 42): neither limits the grant to fixed values, so the statement stays public
    // (rule 95). `ForAnyValue:` on these single-valued keys needs one listed value, as the plain
    // operator does.
    if (clause.op.op == ConditionOperator::kNull ||
        clause.op.qualifier == SetQualifier::kForAllValues)
      continue;
    bool fixed = !clause.values.empty() &&
                 std::all_of(clause.values.begin(), clause.values.end(), [](const auto& v) {
                   return !v.has_variables && !has_wildcard(v.text);
                 });
    if (fixed) return true;
  }
  return false;
}

// The tag keys of an S3 request.
// - aws:ResourceTag/<key>: the bucket's tags on requests for the bucket, only when ABAC is enabled
//   on it: "By default, ABAC is disabled for all Amazon S3 general purpose buckets" and, disabled,
//   tags serve "only ... cost tracking" (S3 User Guide, Using tags with S3 general purpose buckets,
//   S3/buckets-tagging.html; Enabling ABAC in general purpose buckets,
//   S3/buckets-tagging-enable-abac.html; S3 API Reference, AbacStatus). The page documents bucket
//   tags for access to buckets; whether they also apply to object requests is not documented, so
//   that stays undescribed (unknown_keys.h).
// - s3:ExistingObjectTag/<key>: the tags of the stored object, "not supported" when "granting
//   permissions for the PUT Object and DELETE Object operations" (S3 User Guide, Tagging and access
//   control policies, S3/tagging-and-policies.html). An object the file does not declare has tags
//   nobody described.
void add_s3_resource_tags(RequestContext& ctx, const Bucket& bucket, const ObjectRef& ref,
                          std::string_view action_lower) {
  // Tags or ABAC status the file does not know (`null`): what aws:ResourceTag reads is then
  // undescribed, unless it is absent either way (known to have no tags).
  const bool maybe_tagged = !bucket.tags_described || !bucket.tags.empty();
  const bool tags_apply = bucket.abac || (!bucket.abac_described && maybe_tagged);
  if (!ref.is_object) {
    if (tags_apply && bucket.abac && bucket.tags_described)
      add_resource_tags(ctx, bucket.tags);
    else if (tags_apply)
      ctx.mark_undescribed("aws:resourcetag/");
    return;
  }
  if (tags_apply) ctx.mark_undescribed("aws:resourcetag/");
  if (action_lower == "s3:putobject" || action_lower == "s3:deleteobject") return;
  if (const S3Object* obj = find_object(bucket, ref.key); obj && obj->tags_described) {
    thread_local std::string key;
    for (const auto& [k, v] : obj->tags) {
      key.assign("s3:ExistingObjectTag/").append(k);
      ctx.add(key, v);
    }
  } else {
    ctx.mark_undescribed("s3:existingobjecttag/");
  }
}

Decision& refuse_all(const Call& call, std::string title, std::string reason) {
  call.refuse(std::move(title), std::move(reason));
  return call.decision;
}

}  // namespace

bool is_public_bucket_policy(const Policy& policy) {
  for (const auto& s : policy.statements) {
    if (s.effect != Effect::kAllow || !s.principal) continue;
    // An Allow with NotPrincipal grants every principal it does not list (rule 28): not a fixed
    // principal, so public unless a condition pins it.
    bool wildcard = s.not_principal || s.principal->everyone;
    for (const auto& e : s.principal->entries)
      if (e.type == PrincipalEntry::Type::kAws && has_wildcard(e.value)) wildcard = true;
    if (wildcard && !condition_pins_nonpublic_key(s)) return true;
  }
  return false;
}

std::optional<ChosenEncryption> choose_put_encryption(const Bucket& bucket, const Request& r,
                                                      std::string* error) {
  ChosenEncryption out;
  const std::string* sse = header(r, s3_headers::kSse);
  const std::string* key = header(r, s3_headers::kSseKmsKeyId);
  bool ssec = header(r, s3_headers::kSseCAlgorithm) != nullptr;
  if (ssec && sse) {
    if (error)
      *error =
          "the request sends both SSE-C and `x-amz-server-side-encryption` headers (400 Bad "
          "Request)";
    return std::nullopt;
  }
  if (ssec) {
    if (!has_ssec_headers(r)) {
      if (error) *error = "SSE-C needs all three customer-key headers (algorithm, key, key MD5)";
      return std::nullopt;
    }
    out.sse = Sse::kCustomer;
    return out;
  }
  if (key && !sse) {
    if (error)
      *error =
          "`x-amz-server-side-encryption-aws-kms-key-id` without `x-amz-server-side-encryption: "
          "aws:kms` (400 Bad Request)";
    return std::nullopt;
  }
  if (sse) {
    // S3: Specifying SSE-KMS; request headers take precedence over default encryption (rule 83).
    if (*sse == "AES256") {
      out.sse = Sse::kS3;
      return out;
    }
    if (*sse == "aws:kms" || *sse == "aws:kms:dsse") {
      out.sse = Sse::kKms;
      // No key id header: the AWS managed key aws/s3 (S3 API Reference: PutObject, rule 83).
      out.key_ref = key ? *key : "";
      out.key_ref_from = "the request header";
      const std::string* bk = header(r, s3_headers::kSseBucketKey);
      out.bucket_key = bk ? iequals(*bk, "true")
                          : (bucket.default_encryption && bucket.default_encryption->bucket_key);
      return out;
    }
    if (error)
      *error =
          "`x-amz-server-side-encryption` must be `AES256`, `aws:kms` or `aws:kms:dsse`, not `" +
          *sse + "`";
    return std::nullopt;
  }
  // No encryption headers: the bucket's default encryption, SSE-S3 unless configured (rule 83,
  // U16).
  if (bucket.default_encryption) {
    out.sse = bucket.default_encryption->sse;
    out.key_ref = bucket.default_encryption->kms_key;
    out.key_ref_from = "the bucket default encryption";
    out.bucket_key = bucket.default_encryption->bucket_key;
  }
  return out;
}

void evaluate_s3(const Call& call) {
  const Request& req = call.request;
  const Requester& who = call.who;
  Decision& d = call.decision;
  auto ref = parse_s3_resource(req.resource);
  std::string action_lower = to_lower(req.action);
  if (!ref) {
    // S3 User Guide, "Managing access to shared datasets with access points": a request through
    // an access point is authorized by the access point's policy too. The world describes no
    // access points, so what it decides is not known: undecided, never a silent deny.
    if (auto arn = parse_arn_view(req.resource);
        arn && (arn->service == "s3" || arn->service == "s3-object-lambda") &&
        arn->resource.rfind("accesspoint/", 0) == 0) {
      call.decision.undecided =
          "requests through S3 access points are not modelled (the world describes no access "
          "point or access point policy)";
      refuse_all(call, "S3 request", "`" + req.resource + "` names an access point");
      return;
    }
    refuse_all(call, "S3 request", "`" + req.resource + "` is not an S3 bucket or object ARN");
    return;
  }
  const Bucket* bucket = call.world.find_bucket(ref->bucket);
  if (!bucket) {
    refuse_all(call, "S3 request",
               "bucket `" + std::string(ref->bucket) + "` is not declared in the scenario");
    return;
  }
  auto info = lookup_action(req.action);
  if (info && info->resource == ActionResource::kS3Object && !ref->is_object) {
    refuse_all(call, "S3 request",
               "`" + req.action + "` acts on objects; name one as `arn:aws:s3:::" + bucket->name +
                   "/<key>`");
    return;
  }
  // S3 API Reference, GetBucketPolicy / PutBucketPolicy / DeleteBucketPolicy: "the calling
  // identity must ... belong to the bucket owner's account" (405 Method Not Allowed otherwise),
  // whatever the policies allow.
  if ((action_lower == "s3:getbucketpolicy" || action_lower == "s3:putbucketpolicy" ||
       action_lower == "s3:deletebucketpolicy") &&
      (who.is_anonymous() || who.account != bucket->account)) {
    refuse_all(call, "S3 checks the caller's account",
               "only identities of the bucket owner's account (" + bucket->account +
                   ") may get, put or delete its bucket policy (405 Method Not Allowed)");
    return;
  }
  const bool explain = call.explain;
  bool allowed = true;
  auto fail = [&]() {
    allowed = false;
    return !explain;  // stop early unless explaining every check
  };

  const Account* owner_info = call.world.find_account(bucket->account);
  // --- S3's own authorization (bucket context, user context; rule 92) ---
  thread_local RequestContext s3storage;
  LazyContext s3ctx(
      s3storage,
      [&](RequestContext& ctx) {
        fill_base_context(ctx, who, req, bucket->region, bucket->account, owner_info);
        add_header_keys(req, ctx);
        add_s3_resource_tags(ctx, *bucket, *ref, action_lower);
        ctx.set("s3:ResourceAccount", bucket->account);
        ctx.set("s3:signatureversion", "AWS4-HMAC-SHA256");
        ctx.set("s3:authType", "REST-HEADER");
        apply_context_overrides(ctx, req);
      },
      early_answers(who, req));

  BlockPublicAccess bpa;
  if (bucket->block_public_access) bpa = bpa.most_restrictive(*bucket->block_public_access);
  if (const Account* a = call.world.find_account(bucket->account); a && a->block_public_access)
    bpa = bpa.most_restrictive(*a->block_public_access);

  AuthzRequest r;
  r.who = &who;
  r.action = req.action;
  r.action_lower = action_lower;
  r.resource = req.resource;
  r.resource_account = bucket->account;
  r.resource_account_info = owner_info;
  r.resource_policy = bucket->policy.get();
  r.rule = ResourcePolicyRule::kEitherSuffices;
  r.restrict_to_owner_account =
      bpa.restrict_public_buckets && bucket->policy && is_public_bucket_policy(*bucket->policy);
  r.context = &s3ctx;
  // S3 API Reference, PutBucketPolicy/DeleteBucketPolicy: the bucket owner's root user may always
  // get, put and delete the bucket policy, whatever the policy says (lockout protection, rule 59).
  if (who.type == RequesterType::kRoot && who.account == bucket->account &&
      (action_lower == "s3:getbucketpolicy" || action_lower == "s3:putbucketpolicy" ||
       action_lower == "s3:deletebucketpolicy"))
    r.resource_policy = nullptr;

  Check* s3check =
      explain ? call.begin_check("S3 authorizes `" + req.action + "`", req.action, req.resource)
              : nullptr;
  if (s3check && r.restrict_to_owner_account)
    s3check->notes.push_back(
        "Block Public Access RestrictPublicBuckets is on and the bucket policy is public");
  if (authorize(r, s3check) != Outcome::kAllow && fail()) {
    d.allowed = false;
    return;
  }

  const bool read = is_read_plaintext(action_lower) && ref->is_object;
  const bool write = action_lower == "s3:putobject" && ref->is_object;
  if (!read && !write) {
    d.allowed = allowed;
    return;
  }

  // --- Which encryption applies ---
  // `enc` points at the object's or bucket's stored encryption (reads) or at `chosen_enc`
  // (writes), so the fast path copies no key reference.
  Encryption chosen_enc;
  const Encryption* enc = &chosen_enc;
  std::string_view key_ref_from;
  std::string key_account_for_ids;  // where a key id or alias resolves
  if (read) {
    const S3Object* obj = find_object(*bucket, ref->key);
    if (obj && obj->encryption) {
      enc = &*obj->encryption;
    } else if (bucket->default_encryption) {
      enc = &*bucket->default_encryption;
    }
    key_ref_from = obj ? "the object's metadata"
                       : "the bucket default encryption (the object is not declared)";
    // A declared object's key was resolved when it was stored; ids and aliases are read in the
    // bucket owner's account (not documented for stored objects; only key ARNs avoid the question).
    key_account_for_ids = bucket->account;
    // S3: Specifying SSE-KMS, "don't send encryption request headers for GET requests" (rule 89).
    if (enc->sse == Sse::kKms &&
        (header(req, s3_headers::kSse) || header(req, s3_headers::kSseKmsKeyId))) {
      call.refuse("S3 checks the request",
                  "a GET of an SSE-KMS object must not send encryption headers (400 Bad Request)");
      if (fail()) {
        d.allowed = false;
        return;
      }
    }
  } else {
    std::string error;
    auto chosen = choose_put_encryption(*bucket, req, &error);
    if (!chosen) {
      call.refuse("S3 checks the request", error);
      d.allowed = false;
      return;
    }
    chosen_enc.sse = chosen->sse;
    chosen_enc.kms_key = std::move(chosen->key_ref);
    chosen_enc.bucket_key = chosen->bucket_key;
    key_ref_from = chosen->key_ref_from;
    // A key id or alias in the request header, or in the bucket default, resolves in the
    // requester's account (S3 API Reference: PutObject SSEKMSKeyId, rule 84;
    // ServerSideEncryptionByDefault KMSMasterKeyID, rule 85 [X]: the reading chosen).
    key_account_for_ids = who.account;
  }

  if (enc->sse == Sse::kS3) {
    // SSE-S3 needs no KMS permission (rule 91).
    d.allowed = allowed;
    return;
  }
  if (enc->sse == Sse::kCustomer) {
    // S3: SSE-C, "You must use HTTPS"; the customer key is sent with every request (rule 90).
    if (!secure_transport(req)) {
      call.refuse("S3 checks SSE-C", "SSE-C requests must use HTTPS (S3 rejects them over HTTP)");
      if (fail()) {
        d.allowed = false;
        return;
      }
    }
    if (!has_ssec_headers(req)) {
      call.refuse("S3 checks SSE-C",
                  "the object is encrypted with a customer-provided key (SSE-C); the request must "
                  "send the three `x-amz-server-side-encryption-customer-*` headers");
      if (fail()) {
        d.allowed = false;
        return;
      }
    }
    d.allowed = allowed;
    return;
  }

  // --- SSE-KMS: S3 calls KMS with the caller's identity (rules 80, 88) ---
  const std::string_view kms_action = read ? "kms:Decrypt" : "kms:GenerateDataKey";
  const std::string_view kms_action_lower = read ? "kms:decrypt" : "kms:generatedatakey";
  if (who.is_anonymous()) {
    call.refuse("KMS " + std::string(kms_action) + " through S3",
                "requests for SSE-KMS objects must be signed; an anonymous request can never use a "
                "KMS key");
    d.allowed = false;
    return;
  }
  if (!secure_transport(req)) {
    call.refuse("KMS " + std::string(kms_action) + " through S3",
                "requests for SSE-KMS objects must use HTTPS (TLS)");
    if (fail()) {
      d.allowed = false;
      return;
    }
  }
  const Key* key = nullptr;
  if (enc->kms_key.empty()) {
    // The AWS managed key aws/s3 of the bucket owner's account, in the bucket's Region.
    key = call.world.resolve_key("alias/aws/s3", bucket->account, bucket->region);
  } else {
    key = call.world.resolve_key(enc->kms_key, key_account_for_ids, bucket->region);
  }
  if (!key) {
    std::string where =
        enc->kms_key.rfind("arn:", 0) == 0 ? "" : " in account `" + key_account_for_ids + "`";
    call.refuse("KMS " + std::string(kms_action) + " through S3",
                "the KMS key `" +
                    (enc->kms_key.empty() ? std::string("alias/aws/s3") : enc->kms_key) +
                    "` from " + std::string(key_ref_from) + " is not a declared key" + where +
                    " (KMS would answer NotFound)");
    d.allowed = false;
    return;
  }
  // S3: SSE-KMS, the key must be in the bucket's Region (rule 82).
  if (key->region != bucket->region) {
    call.refuse("KMS " + std::string(kms_action) + " through S3",
                "the KMS key `" + key->arn + "` is in `" + key->region +
                    "` but the bucket is in `" + bucket->region +
                    "`; S3 uses only keys in the bucket's Region");
    if (fail()) {
      d.allowed = false;
      return;
    }
  }
  if (key->state != KeyState::kEnabled) {
    call.refuse("KMS " + std::string(kms_action) + " through S3",
                "the KMS key `" + key->arn + "` is " + std::string(key_state_name(key->state)) +
                    "; cryptographic operations fail (KMS: Key states)");
    if (fail()) {
      d.allowed = false;
      return;
    }
  }

  // The KMS request S3 makes: kms:ViaService, kms:CallerAccount, the encryption context (rules 46,
  // 72, 73, 86).
  // With an S3 Bucket Key the encryption context is the bucket ARN, else the object ARN (rule 86).
  thread_local std::string ec_value;
  ec_value.assign("arn:aws:s3:::").append(bucket->name);
  if (!enc->bucket_key) ec_value.append("/").append(ref->key);
  // The encryption context as a map is needed only to check grant constraints.
  std::map<std::string, std::string> ec;
  if (!key->grants.empty()) ec.emplace("aws:s3:arn", ec_value);
  thread_local RequestContext kstorage;
  LazyContext kctx(
      kstorage,
      [&](RequestContext& ctx) {
        thread_local std::string via_service;
        via_service.assign("s3.").append(bucket->region).append(".amazonaws.com");
        fill_base_context(ctx, who, req, key->region, key->account,
                          call.world.find_account(key->account));
        add_resource_tags(ctx, key->tags);
        ctx.add("kms:ViaService", via_service);
        ctx.add("kms:CallerAccount", who.account);
        ctx.set("aws:ViaAWSService", "true");
        ctx.set_multi("aws:CalledVia", {"s3.amazonaws.com"});
        ctx.add("aws:CalledViaFirst", "s3.amazonaws.com");
        ctx.add("aws:CalledViaLast", "s3.amazonaws.com");
        ctx.add("kms:EncryptionContext:aws:s3:arn", ec_value);
        // kms:ResourceAliases: the key's aliases, however the request named the key (rule 75).
        if (!key->aliases.empty()) ctx.set_multi("kms:ResourceAliases", key->aliases);
        ctx.set_multi("kms:EncryptionContextKeys", {"aws:s3:arn"});
        ctx.add("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        ctx.add("kms:KeySpec", "SYMMETRIC_DEFAULT");
        ctx.add("kms:KeyUsage", "ENCRYPT_DECRYPT");
        ctx.add("kms:KeyOrigin", "AWS_KMS");
        // When a service calls another on the principal's behalf, the target sees the calling
        // service's address, not the caller's (rule 40): aws:SourceIp of the caller is absent.
        ctx.remove("aws:SourceIp");
        ctx.remove("aws:SourceVpc");
        ctx.remove("aws:SourceVpce");
        ctx.remove("aws:VpcSourceIp");
        // The caller's time and MFA reach this call; its network and header keys do not.
        ctx.set_role(KeyRole::kForwarded);
      },
      early_answers(who, req));
  // kms:RequestAlias: what key identifier S3 passes is not documented (U12); S3 stores the key
  // ARN in the object metadata, so the reading chosen is that no alias is passed.
  Check* kcheck = explain ? call.begin_check("KMS authorizes `" + std::string(kms_action) +
                                                 "` (S3 calls it for the caller)",
                                             std::string(kms_action), key->arn)
                          : nullptr;
  if (kcheck) {
    kcheck->notes.push_back("the key comes from " + std::string(key_ref_from));
    if (enc->bucket_key)
      kcheck->notes.push_back("S3 Bucket Key: the encryption context is the bucket ARN");
  }
  if (authorize_key_use(call, *key, kms_action, kms_action_lower, kctx, &ec, kcheck) !=
      Outcome::kAllow)
    allowed = false;
  d.allowed = allowed;
}

}  // namespace accesspath
