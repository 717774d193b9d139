#include "model/condition/unknown_keys.h"

#include <array>

#include "model/condition/free_keys.h"
#include "model/condition/request_context.h"

namespace accesspath {
namespace {

thread_local UnknownKeyWatch* g_watch = nullptr;

// Every key accesspath fills, or knows to be absent, for the requests it models; a trailing `/` or
// `:` makes an entry a prefix. Pages: IAM: AWS global condition context keys
// (IAM/reference_policies_condition-keys.html); Service Authorization Reference, Amazon S3 and AWS
// KMS condition keys; KMS: AWS KMS condition keys (KMS/conditions-kms.html); IAM: Using an external
// ID (sts:ExternalId).
constexpr std::array<std::string_view, 47> kKnown = {
    // The principal (requester.cpp, add_principal_keys). aws:FederatedProvider: accesspath's role
    // sessions come from AssumeRole, never from a federated provider.
    "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:userid", "aws:username",
    "aws:principaltag/", "aws:principalisawsservice", "aws:principalservicename",
    "aws:principalorgid", "aws:principalorgpaths", "aws:federatedprovider",
    // Every request (service_common.cpp, fill_base_context).
    "aws:securetransport", "aws:viaawsservice", "aws:currenttime", "aws:epochtime",
    "aws:requestedregion", "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
    "aws:resourcetag/", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
    // Present only when a service principal calls on behalf of a resource: absent for the IAM
    // principals and anonymous callers accesspath models (undescribed for service principals).
    "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths",
    "aws:sourceowner",
    // S3: what it fills (s3_service.cpp); access points are not modelled, so requests never come
    // through one and the access point keys are absent.
    "s3:resourceaccount", "s3:existingobjecttag/", "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount", "s3:accesspointnetworkorigin",
    // KMS: key facts and what S3's call carries (kms_service.cpp, s3_service.cpp);
    // kms:GrantIsForAWSResource is absent on a direct call (AWS KMS condition keys).
    "kms:calleraccount", "kms:viaservice", "kms:keyspec", "kms:keyusage", "kms:keyorigin",
    "kms:encryptioncontext:", "kms:encryptioncontextkeys", "kms:requestalias",
    "kms:resourcealiases", "kms:encryptionalgorithm", "kms:grantisforawsresource",
    // STS: the external id is what the request sends (rule 99).
    "sts:externalid",
    // The encryption headers of a PutObject: the analyses enumerate them (free_keys.h).
    "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id"};

bool matches(std::string_view entry, std::string_view key) {
  char last = entry.back();
  if (last == '/' || last == ':') return key.size() > entry.size() && key.rfind(entry, 0) == 0;
  return key == entry;
}

}  // namespace

bool known_condition_key(std::string_view key) {
  for (std::string_view k : kKnown)
    if (matches(k, key)) return true;
  // The caller's own choices: absent when the request does not send them (free_keys.h).
  return find_free_key(key, RequestService::kS3, false) != nullptr ||
         find_free_key(key, RequestService::kKms, false) != nullptr;
}

bool unknown_key(std::string_view key_lower, const ConditionContext& ctx) {
  return !known_condition_key(key_lower) || ctx.undescribed(key_lower);
}

bool UnknownKeyWatch::on_read(std::string_view key, bool result) {
  switch (mode_) {
    case Mode::kRecord: {
      UnknownKeyRead r{std::string(key), std::string(statement_), deny_};
      for (const auto& seen : reads_)
        if (seen == r) return result;
      reads_.push_back(std::move(r));
      return result;
    }
    case Mode::kTowardsAllow:
      return !deny_;  // an Allow statement's clause true, a Deny statement's false
    case Mode::kTowardsDeny:
      return deny_;
  }
  return result;
}

std::string UnknownKeyWatch::describe() const {
  std::string out;
  std::vector<std::string_view> keys;
  for (const auto& r : reads_) {
    bool seen = false;
    for (auto k : keys) seen |= k == r.key;
    if (seen) continue;
    keys.push_back(r.key);
    out += (out.empty() ? "`" : ", `") + r.key + "`";
    if (!r.statement.empty()) out += " (statement at " + r.statement + ")";
  }
  return out;
}

UnknownKeyWatch* unknown_key_watch() {
  return g_watch;
}

ScopedUnknownKeyWatch::ScopedUnknownKeyWatch(UnknownKeyWatch& watch) : previous_(g_watch) {
  g_watch = &watch;
}

ScopedUnknownKeyWatch::~ScopedUnknownKeyWatch() {
  g_watch = previous_;
}

}  // namespace accesspath
