#include "model/services/service_common.h"

#include <array>

#include "model/core/strings.h"

namespace accesspath {

Check* Call::begin_check(std::string title, std::string action, std::string resource) const {
  if (!explain) return nullptr;
  Check c;
  c.title = std::move(title);
  c.action = std::move(action);
  c.resource = std::move(resource);
  decision.checks.push_back(std::move(c));
  return &decision.checks.back();
}

void Call::refuse(std::string title, std::string reason, std::string note) const {
  if (!explain) return;
  Check c;
  c.title = std::move(title);
  c.outcome = Outcome::kRefused;
  c.reason = std::move(reason);
  if (!note.empty()) c.notes.push_back(std::move(note));
  decision.checks.push_back(std::move(c));
}

bool secure_transport(const Request& request) {
  // The key as written wins; otherwise the first spelling in another case. One pass without
  // building a std::string key (map::find would, and allocate).
  constexpr std::string_view kKey = "aws:SecureTransport";
  const std::vector<std::string>* found = nullptr;
  for (const auto& [k, v] : request.context) {
    if (k == kKey) {
      found = &v;
      break;
    }
    if (!found && iequals(k, kKey)) found = &v;
  }
  const bool secure = !found || found->empty() || !iequals(found->front(), "false");
  if (ContextObserver* observer = context_observer())
    observer->on_service_read("aws:securetransport", secure);
  return secure;
}

const ContextEntry* early_context_answer(const Requester& who, const Request& request,
                                         std::string_view key) {
  static const ContextEntry kSecure{"aws:securetransport", {"true"}, false};
  if (!request.context.empty() || context_observer() != nullptr) return nullptr;
  if (iequals(key, "aws:SecureTransport")) return &kSecure;
  // Every principal key starts with `aws:p` or `aws:u` (add_principal_keys): other keys are not
  // searched for.
  if (who.principal_keys && key.size() > 4 &&
      (ascii_lower(key[4]) == 'p' || ascii_lower(key[4]) == 'u') &&
      iequals(key.substr(0, 4), "aws:"))
    return who.principal_keys->find(key);
  return nullptr;
}

void apply_context_overrides(RequestContext& ctx, const Request& request) {
  for (const auto& [key, values] : request.context) {
    if (values.size() == 1)
      ctx.set(key, values.front());
    else
      ctx.set_multi(key, values);
  }
  // What the caller sends is its own choice: a proof over request contexts may vary the keys
  // the caller controls (context_observer.h).
  ctx.set_role(KeyRole::kCaller);
}

void add_resource_tags(RequestContext& ctx, const Tags& tags) {
  thread_local std::string key;
  for (const auto& [k, v] : tags) {
    key.assign("aws:ResourceTag/").append(k);
    ctx.add(key, v);
  }
}

void fill_base_context(RequestContext& ctx, const Requester& who, const Request& request,
                       std::string_view region, std::string_view resource_account,
                       const Account* resource_account_info) {
  ctx.clear();
  // The requester's keys as resolve_requester built them once (the same function's output).
  if (who.principal_keys)
    ctx.append(*who.principal_keys);
  else
    add_principal_keys(who, ctx);
  // aws:SecureTransport and aws:ViaAWSService are always present (rules 39, 46).
  ctx.add("aws:SecureTransport", "true");
  ctx.add("aws:ViaAWSService", "false");
  ctx.add("aws:CurrentTime", kDefaultCurrentTime);
  ctx.add("aws:EpochTime", kDefaultEpochTime);
  if (!region.empty()) ctx.add("aws:RequestedRegion", region);
  // aws:ResourceAccount: the id of the account that owns the resource (IAM: AWS global condition
  // context keys, #condition-keys-resourceaccount).
  if (!resource_account.empty()) ctx.add("aws:ResourceAccount", resource_account);
  // aws:ResourceOrgID / aws:ResourceOrgPaths: "included in the request context only if the account
  // that owns the resource is a member of an organization" (same page,
  // #condition-keys-resourceorgid, #condition-keys-resourceorgpaths); aws:ResourceOrgPaths is
  // multivalued.
  if (resource_account_info && !resource_account_info->organization.empty()) {
    ctx.add("aws:ResourceOrgID", resource_account_info->organization);
    if (!resource_account_info->ou_path.empty())
      ctx.set_multi("aws:ResourceOrgPaths", {std::string_view(resource_account_info->ou_path)});
    else
      ctx.mark_undescribed("aws:resourceorgpaths");
  }
  // aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceOwner: "only
  // when a call to your resource is being made directly by an AWS service principal on behalf of
  // a resource" (same page, #condition-keys-sourcearn, -sourceaccount, -sourceorgid); absent for
  // IAM principals and anonymous callers, but on whose behalf a service principal calls, the
  // world does not say.
  if (who.is_service()) {
    ctx.mark_undescribed("aws:sourcearn");
    ctx.mark_undescribed("aws:sourceaccount");
    ctx.mark_undescribed("aws:sourceorgid");
    ctx.mark_undescribed("aws:sourceorgpaths");
    ctx.mark_undescribed("aws:sourceowner");
  }
  apply_context_overrides(ctx, request);
}

std::string principal_display(const Requester& who) {
  if (who.is_anonymous()) return "anonymous";
  if (who.type == RequesterType::kRoleSession) return who.principal_arn;
  return who.arn;
}

Outcome authorize_key_use(const Call& call, const Key& key, std::string_view action,
                          std::string_view action_lower, const ConditionContext& ctx,
                          const std::map<std::string, std::string>* encryption_context,
                          Check* record) {
  AuthzRequest r;
  r.who = &call.who;
  r.action = action;
  r.action_lower = action_lower;
  r.resource = key.arn;
  r.resource_account = key.account;
  r.resource_account_info = call.world.find_account(key.account);
  r.resource_policy = key.policy.get();
  r.rule = ResourcePolicyRule::kMustAllow;
  // KMS: RCPs "do not apply to AWS managed keys" (rule 56).
  r.rcps_apply = !key.aws_managed;
  r.grants = &key.grants;
  std::string_view op = action.substr(action.find(':') + 1);
  r.grant_operation = op;
  r.encryption_context = encryption_context;
  r.context = &ctx;
  return authorize(r, record);
}

}  // namespace accesspath
