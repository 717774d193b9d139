#include "model/kms_service.h"

#include <array>

#include "model/arn.h"

namespace accesspath {

bool kms_operation_works_cross_account(std::string_view a) {
  static constexpr std::array<std::string_view, 19> kOps = {
      "kms:decrypt",
      "kms:encrypt",
      "kms:generatedatakey",
      "kms:generatedatakeywithoutplaintext",
      "kms:generatedatakeypair",
      "kms:generatedatakeypairwithoutplaintext",
      "kms:reencryptfrom",
      "kms:reencryptto",
      "kms:sign",
      "kms:verify",
      "kms:generatemac",
      "kms:verifymac",
      "kms:getpublickey",
      "kms:creategrant",
      "kms:describekey",
      "kms:getkeyrotationstatus",
      "kms:listgrants",
      "kms:retiregrant",
      "kms:revokegrant"};
  for (auto op : kOps)
    if (op == a) return true;
  return false;
}

void evaluate_kms(const Call& call) {
  const Request& req = call.request;
  const Requester& who = call.who;
  std::string action_lower = to_lower(req.action);
  auto arn = parse_arn_view(req.resource);
  if (!arn || arn->service != "kms") {
    call.refuse("KMS request", "`" + req.resource + "` is not a KMS key or alias ARN");
    return;
  }
  // KMS requests must be signed (KMS: Authentication and access control); no anonymous use.
  if (who.is_anonymous()) {
    call.refuse("KMS request",
                "KMS accepts only signed requests; anonymous callers cannot use KMS");
    return;
  }
  const Key* key = call.world.resolve_key(req.resource, arn->account, arn->region);
  if (!key) {
    call.refuse("KMS request",
                "no declared KMS key is `" + req.resource + "` (KMS would answer NotFound)");
    return;
  }
  const bool cross_account = who.account != key->account;
  if (cross_account && !who.is_service() && !kms_operation_works_cross_account(action_lower)) {
    call.refuse("KMS request", "`" + req.action +
                                   "` does not work across accounts, whatever the policies say "
                                   "(KMS: Allowing users in other accounts)");
    return;
  }
  bool allowed = true;
  if (key->state != KeyState::kEnabled && is_cryptographic_operation(action_lower)) {
    call.refuse("KMS checks the key state",
                "the KMS key `" + key->arn + "` is " + std::string(to_string(key->state)) +
                    "; cryptographic operations fail (KMS: Key states)");
    allowed = false;
    if (!call.explain) return;
  }
  // An encryption context passed in the request, as kms:EncryptionContext:<k> keys.
  std::map<std::string, std::string> ec;
  std::vector<std::string> ec_keys;
  // From the request as written: condition key names are case-insensitive, but encryption
  // context keys keep their case for grant constraints (KMS: Grants, EncryptionContextEquals).
  for (const auto& [k, values] : req.context) {
    constexpr std::string_view kPrefix = "kms:encryptioncontext:";
    if (k.size() > kPrefix.size() &&
        iequals(std::string_view(k).substr(0, kPrefix.size()), kPrefix) && !values.empty()) {
      ec[k.substr(kPrefix.size())] = values.front();
      ec_keys.push_back(k.substr(kPrefix.size()));
    }
  }
  // Grant constraints compare the encryption context outside any condition; a proof over
  // request contexts cannot vary it there, so it says so rather than guess.
  if (ContextObserver* observer = context_observer();
      observer && observer->is_free("kms:encryptioncontext:", KeyRole::kCaller))
    for (const auto& g : key->grants)
      if (!g.context_equals.empty() || !g.context_subset.empty()) {
        observer->on_unsupported("the grant constraints of `" + key->arn +
                                 "` read an encryption context the caller chooses");
        break;
      }
  thread_local RequestContext storage;
  LazyContext ctx(storage, [&](RequestContext& c) {
    fill_base_context(c, who, req, key->region, key->account);
    c.set("kms:CallerAccount", who.account);
    c.set("kms:KeySpec", "SYMMETRIC_DEFAULT");
    c.set("kms:KeyUsage", "ENCRYPT_DECRYPT");
    c.set("kms:KeyOrigin", "AWS_KMS");
    // kms:RequestAlias: present only when the request names the key by an alias (rule 74).
    if (arn->resource_type() == "alias") c.set("kms:RequestAlias", arn->resource);
    // kms:ResourceAliases: the aliases of the key, however the request named it (rule 75).
    if (!key->aliases.empty()) c.set_multi("kms:ResourceAliases", key->aliases);
    if (!ec_keys.empty() && !c.find("kms:EncryptionContextKeys"))
      c.set_multi("kms:EncryptionContextKeys", ec_keys);
    apply_context_overrides(c, req);
  });
  Check* check = call.explain
                     ? call.begin_check("KMS authorizes `" + req.action + "`", req.action, key->arn)
                     : nullptr;
  if (authorize_key_use(call, *key, req.action, action_lower, ctx, &ec, check) != Outcome::kAllow)
    allowed = false;
  call.decision.allowed = allowed;
}

}  // namespace accesspath
