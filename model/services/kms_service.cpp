#include "model/services/kms_service.h"

#include <array>
#include <optional>

#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/policy/kms_operations.h"

namespace accesspath {

namespace {

// What KMS knows of every declared key (symmetric encryption keys made by KMS) and the caller's
// account, as condition keys (KMS: AWS KMS condition keys).
void add_key_facts(RequestContext& c, const Requester& who, const Key& key) {
  c.set("kms:CallerAccount", who.account);
  c.set("kms:KeySpec", "SYMMETRIC_DEFAULT");
  c.set("kms:KeyUsage", "ENCRYPT_DECRYPT");
  c.set("kms:KeyOrigin", "AWS_KMS");
  // kms:ResourceAliases: the aliases of the key, however the request named it (rule 75).
  if (!key.aliases.empty()) c.set_multi("kms:ResourceAliases", key.aliases);
  // aws:ResourceTag/<key>: the key's tags (KMS: ABAC for AWS KMS, KMS/abac.html; AWS KMS condition
  // keys, aws:ResourceTag/tag-key).
  // A key whose tags the file does not know (`"tags": null`): undescribed (unknown_keys.h).
  if (key.tags_described)
    add_resource_tags(c, key.tags);
  else
    c.mark_undescribed("aws:resourcetag/");
}

enum class AliasOperation { kCreate, kUpdate, kDelete };

std::optional<AliasOperation> alias_operation(std::string_view action_lower) {
  if (action_lower == "kms:createalias") return AliasOperation::kCreate;
  if (action_lower == "kms:updatealias") return AliasOperation::kUpdate;
  if (action_lower == "kms:deletealias") return AliasOperation::kDelete;
  return std::nullopt;
}

// The request header that carries the KMS API's TargetKeyId parameter of CreateAlias and
// UpdateAlias (docs/scenario-format.md; header names are lowercased).
constexpr std::string_view kTargetKeyIdHeader = "targetkeyid";

// The key a TargetKeyId names: a key ARN, or a key id read in the alias's account and Region
// (KMS API Reference, CreateAlias / UpdateAlias: "Specify the key ID or key ARN of the KMS key").
// nullptr with `why` set when KMS would refuse it.
const Key* target_key(const Call& call, const ArnView& alias, std::string* why) {
  auto h = call.request.headers.find(std::string(kTargetKeyIdHeader));
  if (h == call.request.headers.end() || h->second.empty()) {
    *why = "`" + call.request.action +
           "` needs the key the alias is to point to: give the API's `TargetKeyId` (a key ARN or "
           "key id) as the request header `TargetKeyId`";
    return nullptr;
  }
  const std::string& ref = h->second;
  if (ref.rfind("alias/", 0) == 0 || ref.find(":alias/") != std::string::npos) {
    *why = "`TargetKeyId` takes a key id or key ARN, not an alias (`" + ref + "`)";
    return nullptr;
  }
  const Key* key = call.world.resolve_key(ref, alias.account, alias.region);
  if (auto arn = parse_arn_view(ref);
      arn && (arn->account != alias.account || arn->region != alias.region)) {
    *why =
        "the alias and its KMS key must be in the same account and Region (KMS API Reference: "
        "CreateAlias, UpdateAlias); `" +
        ref + "` is not in those of `" + call.request.resource + "`";
    return nullptr;
  }
  if (!key) {
    *why = "no declared KMS key is `" + ref + "` (KMS would answer NotFound)";
    return nullptr;
  }
  if (key->aws_managed) {
    *why = "`" + key->arn +
           "` is an AWS managed key; an alias can point only to a customer managed key (KMS API "
           "Reference: CreateAlias, UpdateAlias TargetKeyId)";
    return nullptr;
  }
  return key;
}

// KMS: Controlling access to aliases (KMS/alias-access.html), and the CreateAlias, UpdateAlias and
// DeleteAlias API Reference pages ("Required permissions"): the caller needs the operation on the
// alias, from an IAM policy only (an alias has no resource policy; boundaries and SCPs apply), and
// on every KMS key the change affects, from that key's policy or an IAM policy it delegates to:
// the new target key (CreateAlias), the current and the new target key (UpdateAlias), the current
// key (DeleteAlias). One Check per authorization, so the explanation names each half.
void evaluate_alias_operation(const Call& call, const ArnView& alias, AliasOperation op,
                              std::string_view action_lower) {
  const Request& req = call.request;
  const Requester& who = call.who;
  if (alias.resource_type() != "alias") {
    call.refuse("KMS request", "`" + req.action +
                                   "` acts on an alias: `resource` is the alias ARN "
                                   "(`arn:aws:kms:<region>:<account>:alias/<name>`)" +
                                   (op == AliasOperation::kDelete
                                        ? std::string()
                                        : "; the key goes in the request header `TargetKeyId`"));
    return;
  }
  // API Reference: "Cross-account use: No. You cannot perform this operation on an alias in a
  // different AWS account."
  if (!who.is_service() && who.account != alias.account) {
    call.refuse("KMS request",
                "`" + req.action +
                    "` does not work across accounts: the alias belongs to account `" +
                    std::string(alias.account) + "` (KMS API Reference: " +
                    std::string(req.action.substr(4)) + ", Cross-account use: No)");
    return;
  }
  // KMS: Create aliases / AWS KMS concepts: "The alias/aws/ prefix is reserved for AWS managed
  // keys" (rule 79), whose aliases nobody creates, changes or deletes.
  if (alias.resource.rfind("alias/aws/", 0) == 0) {
    call.refuse("KMS request",
                "`alias/aws/` names are reserved for AWS managed keys; their aliases cannot be "
                "created, updated or deleted");
    return;
  }
  const Key* current = call.world.resolve_key(req.resource, alias.account, alias.region);
  if (op == AliasOperation::kCreate && current) {
    call.refuse("KMS request", "the alias `" + req.resource +
                                   "` already exists (KMS would answer AlreadyExistsException)");
    return;
  }
  if (op != AliasOperation::kCreate && !current) {
    call.refuse("KMS request", "no declared KMS key has the alias `" + req.resource +
                                   "` (KMS would answer NotFound)");
    return;
  }
  const Key* target = nullptr;
  if (op != AliasOperation::kDelete) {
    std::string why;
    target = target_key(call, alias, &why);
    if (!target) {
      call.refuse("KMS request", why);
      return;
    }
  }
  bool allowed = true;
  thread_local RequestContext storage;
  {
    LazyContext ctx(
        storage,
        [&](RequestContext& c) {
          fill_base_context(c, who, req, alias.region, alias.account,
                            call.world.find_account(alias.account));
          c.set("kms:CallerAccount", who.account);
          apply_context_overrides(c, req);
        },
        early_answers(who, req));
    AuthzRequest r;
    r.who = &who;
    r.action = req.action;
    r.action_lower = action_lower;
    r.resource = req.resource;
    r.resource_account = alias.account;
    r.resource_account_info = call.world.find_account(alias.account);
    r.rule = ResourcePolicyRule::kNone;  // an alias has no resource policy
    r.context = &ctx;
    Check* check = call.explain ? call.begin_check("KMS authorizes `" + req.action +
                                                       "` on the alias (IAM policies only: an "
                                                       "alias has no resource policy)",
                                                   req.action, req.resource)
                                : nullptr;
    if (authorize(r, check) != Outcome::kAllow) allowed = false;
  }
  auto key_part = [&](const Key& key, std::string_view which) {
    if (!allowed && !call.explain) return;
    LazyContext ctx(
        storage,
        [&](RequestContext& c) {
          fill_base_context(c, who, req, key.region, key.account,
                            call.world.find_account(key.account));
          add_key_facts(c, who, key);
          apply_context_overrides(c, req);
        },
        early_answers(who, req));
    Check* check = call.explain
                       ? call.begin_check("KMS authorizes `" + req.action + "` on " +
                                              std::string(which) + " (its key policy must allow)",
                                          req.action, key.arn)
                       : nullptr;
    if (authorize_key_use(call, key, req.action, action_lower, ctx, nullptr, check) !=
        Outcome::kAllow)
      allowed = false;
  };
  if (op != AliasOperation::kCreate) key_part(*current, "the key the alias points to");
  if (target && target != current)
    key_part(*target, op == AliasOperation::kCreate ? "the key the alias is to point to"
                                                    : "the key the alias is to point to instead");
  call.decision.allowed = allowed;
}

}  // namespace

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
  if (auto op = alias_operation(action_lower)) {
    evaluate_alias_operation(call, *arn, *op, action_lower);
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
  if (key->state != KeyState::kEnabled && kms_operation_needs_enabled_key(action_lower)) {
    call.refuse("KMS checks the key state",
                "the KMS key `" + key->arn + "` is " + std::string(key_state_name(key->state)) +
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
      observer && observer->is_free("kms:encryptioncontext:any-key", KeyRole::kCaller))
    for (const auto& g : key->grants)
      if (!g.context_equals.empty() || !g.context_subset.empty()) {
        observer->on_unsupported("the grant constraints of `" + key->arn +
                                 "` read an encryption context the caller chooses");
        break;
      }
  thread_local RequestContext storage;
  LazyContext ctx(
      storage,
      [&](RequestContext& c) {
        fill_base_context(c, who, req, key->region, key->account,
                          call.world.find_account(key->account));
        add_key_facts(c, who, *key);
        // kms:RequestAlias: present only when the request names the key by an alias (rule 74).
        if (arn->resource_type() == "alias") c.set("kms:RequestAlias", arn->resource);
        if (!ec_keys.empty() && !c.find("kms:EncryptionContextKeys"))
          c.set_multi("kms:EncryptionContextKeys", ec_keys);
        apply_context_overrides(c, req);
      },
      early_answers(who, req));
  Check* check = call.explain
                     ? call.begin_check("KMS authorizes `" + req.action + "`", req.action, key->arn)
                     : nullptr;
  if (authorize_key_use(call, *key, req.action, action_lower, ctx, &ec, check) != Outcome::kAllow)
    allowed = false;
  call.decision.allowed = allowed;
}

}  // namespace accesspath
