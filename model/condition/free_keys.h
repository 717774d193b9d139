// Which condition keys the caller chooses, and how a proof may vary them.
//
// A key is *fixed by the world* (who the principal is, its tags and organization, the resource,
// what S3 puts on the KMS call it makes) or *chosen by the request*: where it comes from, when,
// with or without MFA, which headers it sends. A proof over every request context varies exactly
// the chosen ones, each within what AWS could really receive (model/SEMANTICS.md, "Request
// contexts"). Every entry names the AWS page that defines the key.
//
//   const FreeKey* k = find_free_key("aws:sourceip", RequestService::kS3, false);
//   k->type == FreeKeyType::kIp
#pragma once

#include <span>
#include <string_view>

namespace accesspath {

// How a proof represents the key's value.
enum class FreeKeyType {
  kIp,           // an IPv4 or IPv6 address
  kTime,         // aws:CurrentTime / aws:EpochTime: one instant, not before the analysis date
  kInteger,      // a non-negative whole number (aws:MultiFactorAuthAge, s3:max-keys, ...)
  kChoice,       // one of a few documented values (aws:SecureTransport, s3:x-amz-acl, ...)
  kText,         // any printable text (aws:Referer, aws:UserAgent, aws:SourceVpce, ...)
  kTextSet,      // a set of printable texts: a multivalued key (aws:TagKeys, ...)
  kDate,         // an instant of the caller's choice (s3:object-lock-retain-until-date)
  kUnsupported,  // chosen by the caller, but not reasoned about yet
};

// The service the caller's request goes to.
enum class RequestService { kS3, kKms, kOther };
RequestService request_service(std::string_view action);

struct FreeKey {
  std::string_view key;  // lowercased; a prefix when `prefix` ("kms:encryptioncontext:")
  FreeKeyType type;
  bool prefix = false;
  // Carried into the KMS call S3 makes for the caller (context_observer.h, KeyRole::kForwarded).
  bool forwarded = false;
  std::span<const std::string_view> choices = {};  // kChoice: every value AWS may send
  std::string_view page = {};                      // the AWS page that defines the key
  // A prefix key whose members the request also lists in a multivalued key: a request carries
  // aws:RequestTag/team exactly when aws:TagKeys holds `team` (up to case: condition key names
  // are not case-sensitive). The multivalued key's name.
  std::string_view members_of = {};
  // The S3, KMS and STS actions (lowercased) whose requests can carry the key; empty: every
  // request to the service. Requests to other services are not narrowed.
  std::span<const std::string_view> only_in = {};
};

// The free key `key_lower` is in a request to `service`, or nullptr when the key is fixed by the
// world. `anonymous`: an unsigned request carries no MFA and no signature keys. `action_lower`,
// when given, narrows keys that only some requests carry (request tags: FreeKey::only_in); such a
// key is then absent, as AWS leaves it.
// `federated`: the caller is an identity of a web identity or SAML provider (requester.h); the
// claims of its token (`<provider>:sub`, `<provider>:aud`, `<provider>:amr`, `saml:aud`, ...)
// are then free: an outsider holding some token of that provider chooses them.
const FreeKey* find_free_key(std::string_view key_lower, RequestService service, bool anonymous,
                             std::string_view action_lower = {}, bool federated = false);

// Whether `key_lower` names a multivalued key of the caller's choice (FreeKeyType::kTextSet).
bool is_multivalued_free_key(std::string_view key_lower);

// Every entry of the table (for documentation and tests).
std::span<const FreeKey> free_key_table();

}  // namespace accesspath
