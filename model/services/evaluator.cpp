#include "model/services/evaluator.h"

#include "model/condition/context_observer.h"
#include "model/condition/unknown_keys.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/services/evaluation_memo.h"
#include "model/services/kms_service.h"
#include "model/services/s3_service.h"
#include "model/services/sts_service.h"

namespace accesspath {
namespace {

// Everything that is neither S3, KMS nor STS: IAM actions on IAM resources (no
// resource-based policy), actions without a resource (`*`, matched literally),
// and declared resources with their own policy (SQS, SNS, secrets...).
void evaluate_generic(const Call& call) {
  const Request& req = call.request;
  std::string action_lower = to_lower(req.action);
  std::string account = call.who.account;  // `*`: the action runs in the caller's account
  const GenericResource* resource = call.world.find_resource(req.resource);
  if (resource) {
    account = resource->account;
  } else if (req.resource != "*") {
    auto arn = parse_arn_view(req.resource);
    if (!arn) {
      call.refuse("request", "`" + req.resource + "` is neither an ARN nor `*`");
      return;
    }
    account = arn->account;
  }
  thread_local RequestContext storage;
  LazyContext ctx(
      storage,
      [&](RequestContext& c) {
        fill_base_context(c, call.who, req, "", account, call.world.find_account(account));
        // Tags of IAM and other resources are not world facts (only buckets, objects and keys carry
        // them): aws:ResourceTag/* stays undescribed (unknown_keys.h).
        c.mark_undescribed("aws:resourcetag/");
      },
      early_answers(call.who, req));
  AuthzRequest r;
  r.who = &call.who;
  r.action = req.action;
  r.action_lower = action_lower;
  r.resource = req.resource;
  r.resource_account = account;
  r.resource_account_info = call.world.find_account(account);
  r.resource_policy = resource ? resource->policy.get() : nullptr;
  r.rule = resource && resource->policy ? ResourcePolicyRule::kEitherSuffices
                                        : ResourcePolicyRule::kNone;
  r.context = &ctx;
  Check* check = call.explain ? call.begin_check("IAM authorizes `" + req.action + "`", req.action,
                                                 req.resource)
                              : nullptr;
  call.decision.allowed = authorize(r, check) == Outcome::kAllow;
}

Decision decide(const World& world, const Requester& who, const Request& request,
                const EvaluationOptions& options) {
  Decision d;
  if (options.explain) {
    d.principal = request.principal;
    d.action = request.action;
    d.resource = request.resource;
  }
  Call call{world, request, who, options.explain, d};
  std::string_view action = request.action;
  std::string_view service = action.substr(0, action.find(':'));
  const bool has_resource = request.resource != "*";
  if (who.is_federated() && !iequals(action, federated_assume_action(who.name))) {
    // STS API Reference, AssumeRoleWithWebIdentity / AssumeRoleWithSAML: the provider's token is
    // exchanged for a role session's credentials; before that there are no AWS credentials.
    call.refuse("request", "an identity of the provider `" + who.name +
                               "` has no AWS credentials until it assumes a role; it can only "
                               "call `" +
                               std::string(federated_assume_action(who.name)) + "`");
  } else if (iequals(service, "sts") && evaluate_sts_without_policies(call)) {
    // decided (GetCallerIdentity) or refused (a caller that cannot call it) whatever the resource
  } else if (iequals(service, "s3") && has_resource)
    evaluate_s3(call);
  else if (iequals(service, "kms") && has_resource)
    evaluate_kms(call);
  else if (iequals(service, "sts") && has_resource && sts_authorizes_against_a_role(action))
    evaluate_sts(call);
  else
    evaluate_generic(call);
  // A refusal recorded anywhere means the call fails.
  if (d.allowed)
    for (const auto& c : d.checks)
      if (c.outcome != Outcome::kAllow) d.allowed = false;
  return d;
}

// Explaining: which keys nobody described did the decision read, and does it depend on them?
// Taken all the other way (Allow statements' clauses on them true and Deny statements' false, or
// the reverse), a decision that changes depends on them (unknown_keys.h).
Decision decide_noting_unknown_keys(const World& world, const Requester& who,
                                    const Request& request, const EvaluationOptions& options) {
  UnknownKeyWatch watch;
  Decision d;
  {
    ScopedUnknownKeyWatch use(watch);
    d = decide(world, who, request, options);
  }
  if (watch.reads().empty()) return d;
  for (const auto& r : watch.reads())
    d.unknown_keys.push_back("`" + r.key + "`" +
                             (r.statement.empty() ? "" : " (statement at " + r.statement + ")"));
  UnknownKeyWatch other(d.allowed ? UnknownKeyWatch::Mode::kTowardsDeny
                                  : UnknownKeyWatch::Mode::kTowardsAllow);
  bool other_allowed = d.allowed;
  {
    ScopedUnknownKeyWatch use(other);
    other_allowed = decide(world, who, request, {.explain = false}).allowed;
  }
  if (other_allowed != d.allowed)
    d.undecided = std::string(d.allowed ? "allowed" : "denied") +
                  " only if these condition keys are absent, and the world does not describe "
                  "them: " +
                  watch.describe();
  return d;
}

}  // namespace

Decision evaluate(const World& world, const Requester& who, const Request& request,
                  const EvaluationOptions& options) {
  if (options.explain || options.note_unknown_keys)
    return decide_noting_unknown_keys(world, who, request, options);
  // A search that installed a memo (evaluation_memo.h) reuses the answers the world still gives.
  // A proof over request contexts, or a watch for unknown keys, watches the evaluation itself:
  // never answer it from the memo.
  EvaluationMemo* memo = current_evaluation_memo();
  if (memo && (context_observer() || unknown_key_watch())) memo = nullptr;
  if (!memo) return decide(world, who, request, options);
  if (auto known = memo->find(world, who, request)) {
    Decision d;
    d.allowed = *known;
    return d;
  }
  Decision d = decide(world, who, request, options);
  memo->store(d.allowed);
  return d;
}

Decision evaluate(const World& world, const Request& request, const EvaluationOptions& options) {
  std::string why;
  auto who = resolve_requester(world, request.principal, &why);
  if (!who) {
    Decision d;
    d.principal = request.principal;
    d.action = request.action;
    d.resource = request.resource;
    if (options.explain) {
      Check c;
      c.title = "request";
      c.outcome = Outcome::kRefused;
      c.reason = why;
      d.checks.push_back(std::move(c));
    }
    return d;
  }
  Decision d = evaluate(world, *who, request, options);
  return d;
}

}  // namespace accesspath
