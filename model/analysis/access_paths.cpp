// Access paths: role reachability, the objects that can be written now, policy
// changes (escalation), invariants and the access graph. Every step is a
// question to the evaluator; nothing here re-implements an authorization rule.
#include "model/analysis/access_paths.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>

#include "model/analysis/access_candidates.h"
#include "model/analysis/invariant_targets.h"
#include "model/core/arn.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/services/evaluator.h"
#include "model/services/s3_service.h"
#include "model/symbolic/some_context.h"
#include "model/world/considered_principals.h"

namespace accesspath {
namespace {

using namespace invariant_targets;

// --- One identity a start principal acts as: itself, or a session of a role it reached ---

struct Identity {
  std::string principal;  // as a request names it: user/role ARN, "anonymous", outsider ARN
  Requester who;
  int parent = -1;  // index of the identity that assumed this role; -1 for the start
};

struct Reach {
  std::vector<Identity> identities;  // BFS order: shortest chains first; [0] is the start
  // AssumeRole questions on the way that no request context could be decided for: roles may be
  // missing from `identities`.
  std::vector<std::string> undecided;
};

std::vector<const Principal*> roles_of(const World& w) {
  std::vector<const Principal*> roles;
  for (const auto& p : w.principals)
    if (p.kind == PrincipalKind::kRole) roles.push_back(&p);
  return roles;
}

// An identity of a federated provider assumes a role with its token (AssumeRoleWithWebIdentity
// or AssumeRoleWithSAML); every other identity with sts:AssumeRole.
Request assume_request(const Identity& from, const Principal& role) {
  return Request{from.principal, assume_role_action(from.who), role.arn, {}, {}};
}

// The role chains of one world. Which roles an identity can assume is asked once per identity
// and shared by every start principal whose chains pass through it; with many roles, a
// conservative index (access_candidates.h) rules most (identity, role) pairs out before the
// evaluator is asked. reach() gives the same identities, in the same order, either way.
class RoleChains {
 public:
  explicit RoleChains(const World& w) : w_(w), roles_(roles_of(w)) {
    sessions_.resize(roles_.size());
    // With a handful of roles, asking the evaluator costs less than building the index.
    if (roles_.size() < kIndexFrom) return;
    ResourceFamily family{"sts:AssumeRole", {}};
    for (const Principal* role : roles_)
      family.members.push_back({role->arn, role->account, role->trust_policy.get(), true, nullptr});
    index_ = std::make_unique<CandidateIndex>(std::move(family));
  }

  // The start principal and every role it can become, through chains, in BFS order (shortest
  // chains first). "Can" is end to end: each step needs the trust policy and sts:AssumeRole.
  Reach reach(const std::string& start) {
    Reach r;
    auto who = resolve_requester(w_, start);
    if (!who) return r;
    r.identities.push_back({start, std::move(*who), -1});
    std::set<std::string_view> seen{start};
    for (std::size_t i = 0; i < r.identities.size(); ++i) {
      for (std::size_t role : assumable(r.identities[i]))
        if (seen.insert(roles_[role]->arn).second)
          r.identities.push_back({roles_[role]->arn, *sessions_[role], static_cast<int>(i)});
      // The answers are cached per identity: its undecided questions are kept with them, so
      // every start whose chains pass through it learns of them, not only the first.
      for (const auto& reason : undecided_[r.identities[i].principal])
        r.undecided.push_back(reason);
    }
    return r;
  }

 private:
  static constexpr std::size_t kIndexFrom = 16;

  // The roles (indices into roles_, ascending) `id` can assume and whose session resolves.
  const std::vector<std::size_t>& assumable(const Identity& id) {
    auto [it, fresh] = edges_.try_emplace(id.principal);
    if (!fresh) return it->second;
    UndecidedLog asked;
    UndecidedLog* outer = current_undecided_log();
    ScopedUndecidedLog use_asked(asked);
    struct Forward {  // what could not be decided is kept here and reported to the caller's log
      UndecidedLog& asked;
      UndecidedLog* outer;
      std::vector<std::string>& kept;
      ~Forward() {
        for (auto& reason : asked.reasons()) {
          if (outer) outer->add(reason);
          kept.push_back(std::move(reason));
        }
      }
    } forward{asked, outer, undecided_[id.principal]};
    std::vector<std::uint32_t> candidates;
    // The index knows AWS principals; an identity of a federated provider asks every role.
    if (index_ && !id.who.is_federated()) {
      index_->candidates(id.who, candidates);
    } else {
      for (std::uint32_t i = 0; i < roles_.size(); ++i) candidates.push_back(i);
    }
    for (std::uint32_t role : candidates) {
      if (roles_[role]->arn == id.principal) continue;
      // In some request context: a trust policy may ask for MFA or an address (context_search.h).
      if (!allowed_in_some_context(w_, id.who, assume_request(id, *roles_[role]))) continue;
      if (!sessions_[role]) {
        sessions_[role] = resolve_requester(w_, roles_[role]->arn);
        if (!sessions_[role]) continue;
      }
      it->second.push_back(role);
    }
    return it->second;
  }

  const World& w_;
  std::vector<const Principal*> roles_;
  std::vector<std::optional<Requester>> sessions_;  // per role, once one can assume it
  std::unordered_map<std::string, std::vector<std::size_t>> edges_;      // by identity
  std::unordered_map<std::string, std::vector<std::string>> undecided_;  // by identity
  std::unique_ptr<CandidateIndex> index_;
};

// One start principal's reach in a world asked about once.
Reach reach_from(const World& w, const std::string& start) {
  return RoleChains(w).reach(start);
}

std::vector<PathStep> chain_steps(const World& w, const Reach& r, std::size_t index) {
  std::vector<std::size_t> chain;
  for (int i = static_cast<int>(index); i > 0; i = r.identities[static_cast<std::size_t>(i)].parent)
    chain.push_back(static_cast<std::size_t>(i));
  std::reverse(chain.begin(), chain.end());
  std::vector<PathStep> steps;
  for (std::size_t i : chain) {
    const Identity& to = r.identities[i];
    const Identity& from = r.identities[static_cast<std::size_t>(to.parent)];
    const Principal* role = w.find_principal(to.principal);
    const Request assume = assume_request(from, *role);
    auto witness = allowed_in_some_context(w, from.who, assume);
    Decision d = evaluate(w, from.who, witness ? witness->request : assume);
    steps.push_back({PathStep::Kind::kAssumeRole,
                     from.principal,
                     assume.action,
                     role->arn,
                     "",
                     allowing_statements(d),
                     witness ? witness->needs : std::vector<ContextNeed>{},
                     {}});
  }
  return steps;
}

// --- Targets: the resources an invariant or query is about ---------------------------------

struct Target {
  Request request;     // principal filled in per identity
  std::string writer;  // for a writable-now object: who can write it (a start principal)
  std::vector<PathStep> write_steps;  // how the writer writes it
  // Other principals that can write the same kind of object, with their steps: a counterexample
  // prefers a writer other than the reader (the point is reading someone else's data).
  std::vector<std::pair<std::string, std::vector<PathStep>>> other_writers;
};

std::string describe_encryption(const Encryption& e) {
  switch (e.sse) {
    case Sse::kS3:
      return "SSE-S3 (AES256)";
    case Sse::kCustomer:
      return "SSE-C";
    case Sse::kKms:
      return "SSE-KMS with " + (e.kms_key.empty() ? std::string("aws/s3") : e.kms_key);
  }
  return "";
}

struct WrittenObject {
  std::string bucket;
  std::string key;
  Encryption encryption;        // kms_key resolved to a key ARN
  std::string writer;           // start principal
  std::vector<PathStep> steps;  // the writer's chain and the write
  std::vector<std::pair<std::string, std::vector<PathStep>>> other_writers;
};

// The objects that can be written now (scenario contract, invariants): for each encryption a
// successful s3:PutObject by some considered principal could give, one representative object.
// `every_writer`: keep every writer (a counterexample prefers another principal's write); else
// one writer per object is enough (whether it can be written, not by whom).
std::vector<WrittenObject> writable_objects(const World& w, const BucketPattern& pattern,
                                            const std::vector<std::string>& principals,
                                            RoleChains& chains, bool every_writer) {
  std::vector<WrittenObject> out;
  std::set<std::string> seen;  // bucket + tag + writer
  std::vector<Reach> reaches;
  for (const auto& p : principals) reaches.push_back(chains.reach(p));
  NewObjectWriters filter(w, pattern);
  // Per member of the filter: the (reach, identity) pairs that might write it, in reach order.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> writers_of(filter.size());
  if (!every_writer) {
    std::vector<std::uint32_t> members;
    for (std::size_t r = 0; r < reaches.size(); ++r)
      for (std::size_t i = 0; i < reaches[r].identities.size(); ++i) {
        filter.candidates(reaches[r].identities[i].who, members);
        for (std::uint32_t m : members) writers_of[m].emplace_back(r, i);
      }
  }
  // Whether an identity may write is the same whichever start principal reached it: asked once
  // per (identity, headers, object), however many principals' chains pass through it. The
  // statements that allow it; nullopt when it is denied.
  struct Allowed {
    std::vector<StatementRef> statements;
    std::vector<ContextNeed> context;
  };
  std::unordered_map<std::string, std::optional<Allowed>> asked;
  // The object a write with these headers gives: S3 chooses the encryption from the bucket and
  // the headers, and resolves a key named by id or alias in the writer's account.
  struct Choice {
    Encryption encryption;
    std::string tag, resource;
    std::size_t member = SIZE_MAX;
  };
  for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
    const Bucket& b = w.buckets[bi];
    if (!wildcard_match(pattern.bucket, b.name, CaseMode::kSensitive)) continue;
    const auto variants = header_variants(w, b);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const auto& headers = variants[v];
      Request probe{"", "s3:PutObject", "", headers, {}};
      auto chosen = choose_put_encryption(b, probe, nullptr);
      if (!chosen) continue;
      auto sse = headers.find("x-amz-server-side-encryption");
      const bool kms_header = sse != headers.end() && sse->second == "aws:kms";
      std::map<std::string, std::optional<Choice>, std::less<>> by_account;
      auto choice_for = [&](const std::string& account) -> const std::optional<Choice>& {
        auto [it, fresh] = by_account.try_emplace(account);
        if (!fresh) return it->second;
        Encryption e{chosen->sse, "", chosen->bucket_key};
        if (chosen->sse == Sse::kKms) {
          const Key* k = chosen->key_ref.empty()
                             ? w.resolve_key("alias/aws/s3", b.account, b.region)
                             : w.resolve_key(chosen->key_ref, account, b.region);
          if (!k) return it->second;
          e.kms_key = k->arn;
        }
        std::string tag = encryption_tag(e);
        std::size_t member = filter.member(bi, tag);
        std::string resource = "arn:aws:s3:::" + b.name + "/" + concrete_key(pattern.key, tag);
        it->second = Choice{std::move(e), std::move(tag), std::move(resource), member};
        return it->second;
      };
      // The same object for every writer unless a key named by id or alias resolves in the
      // writer's account: then one writer is all it takes, when one is all that is wanted.
      // The same object for every writer unless a key named by id or alias resolves in the
      // writer's account: then one writer is all it takes, when one is all that is wanted.
      const bool same_for_all = !(chosen->sse == Sse::kKms && !chosen->key_ref.empty() &&
                                  !chosen->key_ref.starts_with("arn:"));
      bool written = false;
      auto try_writer = [&](const Reach& reach, std::size_t i) {
        const Identity& id = reach.identities[i];
        if (id.who.is_anonymous() && kms_header) return;
        const std::optional<Choice>& choice = choice_for(id.who.account);
        if (!choice) return;
        const std::string& writer = reach.identities[0].principal;
        if (!every_writer ? seen.count(b.name + "/" + choice->tag) > 0
                          : seen.count(b.name + "/" + choice->tag + "/" + writer) > 0)
          return;
        if (!filter.may_write(id.principal, id.who, choice->member)) return;
        probe.principal = id.principal;
        probe.resource = choice->resource;
        auto [answer, fresh] =
            asked.try_emplace(id.principal + "\n" + std::to_string(v) + "\n" + probe.resource);
        if (fresh)
          if (auto witness = allowed_in_some_context(w, id.who, probe))
            answer->second = Allowed{allowing_statements(evaluate(w, id.who, witness->request)),
                                     std::move(witness->needs)};
        if (!answer->second) return;
        seen.insert(b.name + "/" + choice->tag + "/" + writer);
        seen.insert(b.name + "/" + choice->tag);  // written by someone
        written = true;
        std::vector<PathStep> steps = chain_steps(w, reach, i);
        steps.push_back(
            {PathStep::Kind::kWriteObject, id.principal, "s3:PutObject", probe.resource,
             "writes a new object stored with " + describe_encryption(choice->encryption),
             answer->second->statements, answer->second->context, headers});
        auto same = std::find_if(out.begin(), out.end(), [&](const WrittenObject& o) {
          return o.bucket == b.name && encryption_tag(o.encryption) == choice->tag;
        });
        if (same != out.end()) {
          same->other_writers.emplace_back(writer, std::move(steps));
          return;
        }
        out.push_back({b.name,
                       concrete_key(pattern.key, choice->tag),
                       choice->encryption,
                       writer,
                       std::move(steps),
                       {}});
      };
      // One object for everyone, one writer wanted: only the identities the candidate index
      // keeps for that object (in the same order), not every identity of every reach.
      const std::optional<Choice>* fixed = same_for_all ? &choice_for(b.account) : nullptr;
      if (!every_writer && fixed && *fixed && (**fixed).member != SIZE_MAX) {
        for (auto [r, i] : writers_of[(**fixed).member]) {
          if (written) break;
          try_writer(reaches[r], i);
        }
        continue;
      }
      for (const auto& reach : reaches) {
        if (written && same_for_all && !every_writer) break;
        for (std::size_t i = 0; i < reach.identities.size(); ++i) try_writer(reach, i);
      }
    }
  }
  return out;
}

// --- Escalation: permissions that change policies --------------------------------------------

struct Edit {
  PathStep step;  // who changed what, and the statements that allowed it
  // Applies the change to a world (the most permissive form the permission allows).
  std::function<void(World&, const std::vector<std::string>&)> apply;
  std::string key;  // what it changes, to apply each change once
};

nlohmann::json allow_all_to(const std::vector<std::string>& arns, const std::string& actions) {
  nlohmann::json principals = nlohmann::json::array();
  for (const auto& a : arns)
    if (a.rfind("arn:", 0) == 0) principals.push_back(a);
  return {{"Sid", "AccesspathEscalation"},
          {"Effect", "Allow"},
          {"Principal", {{"AWS", principals}}},
          {"Action", actions},
          {"Resource", "*"}};
}

// A resource policy after a change by the attacker: the original Allow statements (writers keep
// writing), no Deny (it may remove them), plus everything for the attacker's identities. Named
// principals keep it non-public, so Block Public Access does not stand in the way.
PolicyPtr rewritten_resource_policy(const PolicyPtr& original, PolicyKind kind,
                                    const std::vector<std::string>& arns,
                                    const std::string& actions, const std::string& label) {
  nlohmann::json doc = {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array()}};
  if (original)
    for (const auto& s : original->statements) {
      Policy one;
      one.version = original->version;
      one.kind = original->kind;
      one.statements.push_back(s);
      if (s.effect == Effect::kAllow) doc["Statement"].push_back(to_json(one)["Statement"][0]);
    }
  doc["Statement"].push_back(allow_all_to(arns, actions));
  Diagnostics ignored;
  Policy p = parse_policy(doc, original ? original->pointer : "", kind, ignored);
  p.label = label + " (as changed by the attacker)";
  return std::make_shared<const Policy>(std::move(p));
}

PolicyPtr allow_everything_policy(const std::string& label) {
  nlohmann::json doc = {{"Version", "2012-10-17"},
                        {"Statement",
                         {{{"Sid", "AccesspathEscalation"},
                           {"Effect", "Allow"},
                           {"Action", "*"},
                           {"Resource", "*"}}}}};
  Diagnostics ignored;
  Policy p = parse_policy(doc, "", PolicyKind::kIdentity, ignored);
  p.label = label;
  return std::make_shared<const Policy>(std::move(p));
}

bool can(const World& w, const Identity& id, const std::string& action, const std::string& resource,
         Decision* explained, std::vector<ContextNeed>* context = nullptr) {
  Request r{id.principal, action, resource, {}, {}};
  auto witness = allowed_in_some_context(w, id.who, r);
  if (!witness) return false;
  if (explained) *explained = evaluate(w, id.who, witness->request);
  if (context) *context = std::move(witness->needs);
  return true;
}

// The changes the identities can make in `w` (scenario contract, "via": "escalation").
std::vector<Edit> possible_edits(const World& w, const Reach& reach) {
  std::vector<Edit> edits;
  for (const auto& id : reach.identities) {
    auto add = [&](const std::string& action, const std::string& target, const std::string& detail,
                   const std::string& key,
                   std::function<void(World&, const std::vector<std::string>&)> apply) {
      Decision d;
      std::vector<ContextNeed> context;
      if (!can(w, id, action, target, &d, &context)) return;
      edits.push_back({{PathStep::Kind::kChangePolicy,
                        id.principal,
                        action,
                        target,
                        detail,
                        allowing_statements(d),
                        std::move(context),
                        {}},
                       std::move(apply),
                       key});
    };
    for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
      const Bucket& b = w.buckets[bi];
      for (const char* action : {"s3:PutBucketPolicy", "s3:DeleteBucketPolicy"})
        add(action, b.arn(),
            "the bucket policy becomes anything (here: its denies removed, the attacker granted "
            "s3:*)",
            "bucket-policy:" + b.name, [bi](World& x, const std::vector<std::string>& arns) {
              Bucket& target = x.buckets[bi];
              target.policy =
                  rewritten_resource_policy(target.policy, PolicyKind::kResource, arns, "s3:*",
                                            "bucket policy of `" + target.name + "`");
            });
      add("s3:PutEncryptionConfiguration", b.arn(),
          "the default encryption becomes SSE-S3, which needs no key", "encryption:" + b.name,
          [bi](World& x, const std::vector<std::string>&) {
            x.buckets[bi].default_encryption = Encryption{Sse::kS3, "", false};
          });
    }
    for (std::size_t ki = 0; ki < w.keys.size(); ++ki) {
      const Key& k = w.keys[ki];
      if (k.aws_managed) continue;  // AWS managed key policies cannot be changed (rule 70)
      // KMS API Reference, CancelKeyDeletion: "the KMS key state is Disabled" afterwards;
      // EnableKey: a disabled key becomes usable in cryptographic operations again.
      if (k.state == KeyState::kPendingDeletion)
        add("kms:CancelKeyDeletion", k.arn,
            "the scheduled deletion is cancelled (the key is then disabled)", "undelete:" + k.arn,
            [ki](World& x, const std::vector<std::string>&) {
              if (x.keys[ki].state == KeyState::kPendingDeletion)
                x.keys[ki].state = KeyState::kDisabled;
            });
      if (k.state == KeyState::kDisabled)
        add("kms:EnableKey", k.arn, "the key is enabled again", "enable:" + k.arn,
            [ki](World& x, const std::vector<std::string>&) {
              if (x.keys[ki].state == KeyState::kDisabled) x.keys[ki].state = KeyState::kEnabled;
            });
      add("kms:PutKeyPolicy", k.arn,
          "the key policy becomes anything (here: its denies removed, the attacker granted kms:*)",
          "key-policy:" + k.arn, [ki](World& x, const std::vector<std::string>& arns) {
            Key& target = x.keys[ki];
            target.policy =
                rewritten_resource_policy(target.policy, PolicyKind::kKeyPolicy, arns, "kms:*",
                                          target.policy ? target.policy->label : "key policy");
          });
      add("kms:CreateGrant", k.arn, "a grant of every operation to the attacker's identities",
          "grant:" + k.arn, [ki](World& x, const std::vector<std::string>& arns) {
            for (const auto& a : arns)
              if (a.rfind("arn:", 0) == 0)
                x.keys[ki].grants.push_back(
                    {a,
                     {"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
                      "ReEncryptFrom", "ReEncryptTo", "DescribeKey", "CreateGrant"},
                     {},
                     {}});
          });
    }
    for (std::size_t pi = 0; pi < w.principals.size(); ++pi) {
      const Principal& p = w.principals[pi];
      bool role = p.kind == PrincipalKind::kRole;
      std::string label = std::string(role ? "role" : "user") + " `" + p.name + "`";
      auto grant_all = [pi, label](World& x, const std::vector<std::string>&) {
        x.principals[pi].policies.push_back(
            {"",
             allow_everything_policy("identity policy added to " + label + " by the attacker")});
      };
      for (const char* action :
           role ? std::vector<const char*>{"iam:PutRolePolicy", "iam:AttachRolePolicy"}
                : std::vector<const char*>{"iam:PutUserPolicy", "iam:AttachUserPolicy"})
        add(action, p.arn, label + " gets any identity permission (here: Allow * on *)",
            "identity:" + p.arn, grant_all);
      for (const char* action : role ? std::vector<const char*>{"iam:DeleteRolePermissionsBoundary",
                                                                "iam:PutRolePermissionsBoundary"}
                                     : std::vector<const char*>{"iam:DeleteUserPermissionsBoundary",
                                                                "iam:PutUserPermissionsBoundary"})
        add(action, p.arn, "the permissions boundary of " + label + " is removed",
            "boundary:" + p.arn, [pi](World& x, const std::vector<std::string>&) {
              x.principals[pi].permissions_boundary = nullptr;
            });
      if (role)
        add("iam:UpdateAssumeRolePolicy", p.arn,
            "the trust policy becomes anything (here: it trusts the attacker)", "trust:" + p.arn,
            [pi, label](World& x, const std::vector<std::string>& arns) {
              nlohmann::json doc = {{"Version", "2012-10-17"},
                                    {"Statement", nlohmann::json::array()}};
              nlohmann::json s = allow_all_to(arns, "sts:AssumeRole");
              s.erase("Resource");
              doc["Statement"].push_back(s);
              Diagnostics ignored;
              Policy tp = parse_policy(doc, "", PolicyKind::kTrust, ignored);
              tp.label = "trust policy of " + label + " (as changed by the attacker)";
              x.principals[pi].trust_policy = std::make_shared<const Policy>(std::move(tp));
            });
    }
    // IAM API Reference, AddUserToGroup (resource: the group): a user the attacker acts as joins
    // the group and gets its policies. Only the attacker's own users join (roles cannot).
    for (std::size_t gi = 0; gi < w.groups.size(); ++gi)
      add("iam:AddUserToGroup", w.groups[gi].arn,
          "the attacker's users join the group and get its permissions",
          "member:" + w.groups[gi].arn, [gi](World& x, const std::vector<std::string>& arns) {
            const std::string group = x.groups[gi].arn;
            for (auto& p : x.principals)
              if (p.kind == PrincipalKind::kUser &&
                  std::find(arns.begin(), arns.end(), p.arn) != arns.end() &&
                  std::find(p.groups.begin(), p.groups.end(), group) == p.groups.end())
                p.groups.push_back(group);
          });
    for (std::size_t gi = 0; gi < w.groups.size(); ++gi) {
      for (const char* action : {"iam:PutGroupPolicy", "iam:AttachGroupPolicy"})
        add(action, w.groups[gi].arn, "the group's members get any identity permission",
            "group:" + w.groups[gi].arn, [gi](World& x, const std::vector<std::string>&) {
              x.groups[gi].policies.push_back(
                  {"", allow_everything_policy("group policy added by the attacker")});
            });
    }
    for (const auto& [arn, policy] : w.managed_policies) {
      std::string target = arn;
      add("iam:CreatePolicyVersion", arn,
          "the managed policy's new default version allows anything", "managed:" + arn,
          [target](World& x, const std::vector<std::string>&) {
            PolicyPtr all = allow_everything_policy("managed policy `" + target +
                                                    "` (new version by the attacker)");
            x.managed_policies[target] = all;
            auto swap = [&](std::vector<PolicyAttachment>& list) {
              for (auto& a : list)
                if (a.managed_arn == target) a.policy = all;
            };
            for (auto& p : x.principals) swap(p.policies);
            for (auto& g : x.groups) swap(g.policies);
          });
    }
  }
  return edits;
}

// The first known escalation technique the identities could use that the edits above do not
// follow, for people; "" when there is none. An invariant that would otherwise hold is then
// undecided, never `holds` (scenario contract, "via": "escalation").
std::string unfollowed_technique(const World& w, const Reach& reach) {
  for (const auto& id : reach.identities) {
    const std::string who = "`" + id.principal + "` ";
    // IAM: iam:PassRole to a service that runs code (EC2, Lambda, ...) lets the code act as the
    // role; the world describes no instance profiles or functions.
    for (const Principal* role : roles_of(w))
      if (can(w, id, "iam:PassRole", role->arn, nullptr))
        return who + "may pass role `" + role->arn + "` to a service that runs code";
    // IAM API Reference, CreateAccessKey / CreateLoginProfile / UpdateLoginProfile: credentials
    // for another user let the attacker act as that user.
    for (const auto& p : w.principals) {
      if (p.kind != PrincipalKind::kUser || p.arn == id.principal) continue;
      for (const char* action :
           {"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"})
        if (can(w, id, action, p.arn, nullptr))
          return who + "may act as user `" + p.arn + "` by " + action;
    }
    // IAM API Reference, SetDefaultPolicyVersion: an older version becomes the one in force; the
    // world describes only the default version.
    for (const auto& [arn, policy] : w.managed_policies)
      if (can(w, id, "iam:SetDefaultPolicyVersion", arn, nullptr))
        return who + "may make another version of `" + arn +
               "` the default (versions other than the default are not described)";
    // Organizations API Reference, UpdatePolicy / AttachPolicy / DetachPolicy: SCPs and RCPs
    // change for every account they reach.
    // Only SCPs and RCPs the world has can be lifted (a new one only restricts).
    const bool control_policies = std::any_of(w.accounts.begin(), w.accounts.end(), [](auto& a) {
      return !a.scps.empty() || !a.rcps.empty();
    });
    for (const char* action :
         {"organizations:UpdatePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy"})
      if (control_policies && can(w, id, action, "*", nullptr))
        return who + "may change service or resource control policies (" + action + ")";
  }
  return "";
}

struct Escalated {
  World world;
  std::vector<Edit> applied;  // in the order they were made
};

// Applies every change the start principal can make, again and again, until nothing new opens
// (each change only adds permissions for the attacker, so this reaches a fixpoint).
Escalated escalate(const World& start_world, const std::string& start) {
  Escalated e{start_world, {}};
  std::set<std::string> done;
  for (int round = 0; round < 64; ++round) {
    Reach reach = reach_from(e.world, start);
    std::vector<std::string> arns;
    for (const auto& id : reach.identities) arns.push_back(id.principal);
    bool changed = false;
    for (auto& edit : possible_edits(e.world, reach)) {
      if (done.count(edit.key)) continue;
      done.insert(edit.key);
      edit.apply(e.world, arns);
      e.world.reindex();
      e.applied.push_back(std::move(edit));
      changed = true;
      break;  // re-derive reachability after each change: steps form a path
    }
    if (!changed) break;
  }
  return e;
}

// The world after `edits`, or nullopt when one of them can no longer be made (an edit that an
// earlier, now dropped, one made possible: a permission it granted, a key state it changed).
std::optional<World> replay(const World& base, const std::vector<Edit>& edits,
                            const std::string& start) {
  World w = base;
  for (const auto& edit : edits) {
    Reach reach = reach_from(w, start);
    std::vector<std::string> arns;
    bool possible = false;
    for (const auto& id : reach.identities) {
      arns.push_back(id.principal);
      possible = possible || (id.principal == edit.step.actor &&
                              can(w, id, edit.step.action, edit.step.target, nullptr));
    }
    if (!possible) return std::nullopt;
    edit.apply(w, arns);
    w.reindex();
  }
  return w;
}

// --- Finding one violation -------------------------------------------------------------------

struct Query {
  std::string action;
  std::string resource;  // pattern
  std::map<std::string, std::string> headers;
  std::map<std::string, std::vector<std::string>> context;
  bool pinned_headers = false;
};

// Concrete requests for a query in world `w`, plus the objects writable now.
std::vector<Target> targets_for(const World& w, const Query& q,
                                const std::vector<std::string>& principals, RoleChains& chains,
                                std::vector<std::string>* warnings, bool every_writer = true) {
  std::vector<Target> out;
  for (const auto& action : expand_actions(q.action)) {
    std::string lower = to_lower(action);
    BucketPattern bp = split_s3_pattern(q.resource);
    if (lower == "s3:putobject") {
      for (const auto& b : w.buckets) {
        if (!bp.object || !wildcard_match(bp.bucket, b.name, CaseMode::kSensitive)) continue;
        std::string arn = "arn:aws:s3:::" + b.name + "/" + concrete_key(bp.key, "object");
        if (!wildcard_match(q.resource, arn, CaseMode::kSensitive)) continue;
        // A new object, with any headers the caller may send (unless the invariant pins them).
        if (q.pinned_headers)
          out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}});
        else
          for (const auto& h : header_variants(w, b))
            out.push_back({{"", action, arn, h, q.context}, "", {}, {}});
      }
      continue;
    }
    if (lower == "s3:getobject" || lower == "s3:getobjectversion") {
      for (const auto& b : w.buckets)
        for (const auto& o : b.objects) {
          std::string arn = "arn:aws:s3:::" + b.name + "/" + o.key;
          if (wildcard_match(q.resource, arn, CaseMode::kSensitive))
            out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}});
        }
      if (bp.object)
        for (auto& written : writable_objects(w, bp, principals, chains, every_writer)) {
          std::string arn = "arn:aws:s3:::" + written.bucket + "/" + written.key;
          if (!wildcard_match(q.resource, arn, CaseMode::kSensitive)) continue;
          Target t{{"", action, arn, q.headers, q.context},
                   written.writer,
                   std::move(written.steps),
                   std::move(written.other_writers)};
          // The read of an SSE-C object sends the customer key headers (the writer shared the key).
          if (written.encryption.sse == Sse::kCustomer) {
            t.request.headers["x-amz-server-side-encryption-customer-algorithm"] = "AES256";
            t.request.headers["x-amz-server-side-encryption-customer-key"] = "(customer key)";
            t.request.headers["x-amz-server-side-encryption-customer-key-md5"] = "(key digest)";
          }
          out.push_back(std::move(t));
        }
      continue;
    }
    // Any other action: the declared resources whose ARN matches.
    std::vector<std::string> arns;
    for (const auto& b : w.buckets) {
      arns.push_back(b.arn());
      for (const auto& o : b.objects) arns.push_back(b.arn() + "/" + o.key);
    }
    for (const auto& k : w.keys)
      if (!k.synthesized) arns.push_back(k.arn);
    for (const auto& p : w.principals) arns.push_back(p.arn);
    for (const auto& g : w.groups) arns.push_back(g.arn);
    for (const auto& r : w.resources) arns.push_back(r.arn);
    for (const auto& [arn, p] : w.managed_policies) arns.push_back(arn);
    if (q.resource == "*") arns = {"*"};
    for (const auto& arn : arns)
      if (wildcard_match(q.resource, arn, CaseMode::kSensitive))
        out.push_back({{"", action, arn, q.headers, q.context}, "", {}, {}});
  }
  if (out.empty() && warnings)
    warnings->push_back("the resource pattern `" + q.resource + "` matches nothing for `" +
                        q.action + "` in this scenario, so the invariant holds vacuously");
  return out;
}

// Materializes writable-now objects in a copy of the world so reads can be decided on them.
World with_written_objects(const World& w, const std::vector<Target>& targets) {
  World out = w;
  for (const auto& t : targets) {
    if (t.writer.empty()) continue;
    std::string_view rest = std::string_view(t.request.resource).substr(13);
    std::size_t slash = rest.find('/');
    std::string bucket(rest.substr(0, slash)), key(rest.substr(slash + 1));
    for (auto& b : out.buckets)
      if (b.name == bucket) {
        // The representative's encryption is in its tag; recover it from the write step.
        const PathStep& write = t.write_steps.back();
        Encryption e;
        if (write.detail.find("SSE-KMS with ") != std::string::npos) {
          e.sse = Sse::kKms;
          e.kms_key = write.detail.substr(write.detail.find("SSE-KMS with ") + 13);
        } else if (write.detail.find("SSE-C") != std::string::npos) {
          e.sse = Sse::kCustomer;
        }
        b.objects.push_back({key, e, {}, false});
      }
  }
  out.reindex();
  return out;
}

struct Found {
  Counterexample example;
};

// The same with `start`'s reach already worked out (`reach.identities[0]` is `start`).
std::optional<Found> find_access_in(const World& w, const Reach& reach,
                                    std::span<const Target> targets, const World& read_world) {
  const std::string& start = reach.identities.front().principal;
  for (std::size_t i = 0; i < reach.identities.size(); ++i) {
    const Identity& id = reach.identities[i];
    for (const auto& t : targets) {
      Request asked = t.request;
      asked.principal = id.principal;
      const World& world = t.writer.empty() ? w : read_world;
      auto witness = allowed_in_some_context(world, id.who, asked);
      if (!witness) continue;
      const Request& r = witness->request;
      Found f;
      f.example.start = start;
      f.example.steps = t.write_steps;
      if (!t.writer.empty()) {
        // Prefer another principal's write (the point is reading someone else's data), the
        // shortest one; the reader's own write only when nobody else can.
        const std::vector<PathStep>* best = t.writer != start ? &t.write_steps : nullptr;
        for (const auto& [writer, steps] : t.other_writers)
          if (writer != start && (!best || steps.size() < best->size())) best = &steps;
        if (best) f.example.steps = *best;
      }
      for (auto& s : chain_steps(w, reach, i)) f.example.steps.push_back(std::move(s));
      Decision d = evaluate(world, id.who, r);
      // The headers the invariant's request sends (the caller-chosen ones are in `context`).
      std::string detail;
      for (const auto& [k, v] : asked.headers)
        detail += (detail.empty() ? "with " : ", ") + k + ": " + v;
      f.example.steps.push_back({PathStep::Kind::kAccess, id.principal, r.action, r.resource,
                                 detail, allowing_statements(d), std::move(witness->needs),
                                 asked.headers});
      return f;
    }
  }
  return std::nullopt;
}

std::optional<Found> find_access(const World& w, const std::string& start, RoleChains& chains,
                                 std::span<const Target> targets, const World& read_world) {
  Reach reach = chains.reach(start);
  if (reach.identities.empty()) return std::nullopt;
  return find_access_in(w, reach, targets, read_world);
}

}  // namespace

std::vector<std::string> roles_reachable_from(const World& world, const std::string& start) {
  std::vector<std::string> out;
  Reach reach = reach_from(world, start);
  for (std::size_t i = 1; i < reach.identities.size(); ++i)
    out.push_back(reach.identities[i].principal);
  return out;
}

InvariantOutcome check_invariant(const World& world, const Invariant& inv) {
  InvariantOutcome out;
  // Questions no request context could be decided for: a "holds" becomes undecided.
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  std::vector<std::string> all = considered_principals(world);
  std::vector<std::string> starts;
  for (const auto& p : all) {
    bool in_list = matches_any(inv.is_only ? inv.only : inv.never, p);
    if (inv.is_only ? !in_list : in_list) starts.push_back(p);
  }
  Query q{inv.action, inv.resource, inv.headers, inv.context, !inv.headers.empty()};
  if (!inv.via_escalation) {
    RoleChains chains(world);
    std::vector<Target> targets = targets_for(world, q, all, chains, &out.warnings);
    World read_world = with_written_objects(world, targets);
    for (const auto& start : starts) {
      if (auto f = find_access(world, start, chains, targets, read_world)) {
        out.holds = false;
        out.counterexample = std::move(f->example);
        out.reason = "`" + start + "` can `" + inv.action + "` `" +
                     out.counterexample->steps.back().target + "`";
        return out;
      }
    }
    if (!undecided.empty()) {
      out.holds = std::nullopt;
      out.reason = undecided.summary() + "; no access was found otherwise";
      return out;
    }
    out.holds = true;
    out.reason = "no considered principal " +
                 std::string(inv.is_only ? "outside the list" : "in the list") +
                 " can, in any request context";
    return out;
  }
  // Escalation: each start principal first makes every change it can, then we look again.
  std::string pass_role;
  for (const auto& start : starts) {
    Escalated e = escalate(world, start);
    RoleChains chains(e.world);
    if (pass_role.empty()) pass_role = unfollowed_technique(e.world, chains.reach(start));
    std::vector<Target> targets =
        targets_for(e.world, q, all, chains, start == starts.front() ? &out.warnings : nullptr);
    World read_world = with_written_objects(e.world, targets);
    auto f = find_access(e.world, start, chains, targets, read_world);
    if (!f) continue;
    // Keep only the changes the violation needs: drop each one that is not necessary.
    std::vector<Edit> needed = e.applied;
    for (std::size_t i = needed.size(); i-- > 0;) {
      std::vector<Edit> fewer = needed;
      fewer.erase(fewer.begin() + static_cast<long>(i));
      std::optional<World> replayed = replay(world, fewer, start);
      if (!replayed) continue;  // a dropped change was needed to make a later one
      const World& w = *replayed;
      RoleChains w_chains(w);
      std::vector<Target> t2 = targets_for(w, q, all, w_chains, nullptr);
      World rw = with_written_objects(w, t2);
      if (find_access(w, start, w_chains, t2, rw)) needed = std::move(fewer);
    }
    std::optional<World> replayed = replay(world, needed, start);
    if (!replayed) continue;  // cannot happen: `needed` was replayed before
    const World& w = *replayed;
    RoleChains w_chains(w);
    std::vector<Target> t2 = targets_for(w, q, all, w_chains, nullptr);
    World rw = with_written_objects(w, t2);
    f = find_access(w, start, w_chains, t2, rw);
    if (!f) continue;  // cannot happen: `needed` was checked to still violate
    Counterexample c;
    c.start = start;
    // The changes, each made by the start principal or a role it reached (with that chain).
    World step_world = world;
    for (const auto& edit : needed) {
      Reach reach = reach_from(step_world, start);
      for (std::size_t i = 0; i < reach.identities.size(); ++i)
        if (reach.identities[i].principal == edit.step.actor) {
          for (auto& s : chain_steps(step_world, reach, i)) c.steps.push_back(std::move(s));
          break;
        }
      c.steps.push_back(edit.step);
      std::vector<std::string> arns;
      for (const auto& id : reach.identities) arns.push_back(id.principal);
      edit.apply(step_world, arns);
      step_world.reindex();
    }
    for (auto& s : f->example.steps) c.steps.push_back(std::move(s));
    out.holds = false;
    out.counterexample = std::move(c);
    out.reason = "`" + start + "` can `" + inv.action + "` `" +
                 out.counterexample->steps.back().target + "` after changing policies it controls";
    return out;
  }
  if (!pass_role.empty()) {
    out.holds = std::nullopt;
    out.reason = "cannot decide: " + pass_role + " (not followed by the escalation analysis); " +
                 "no other path was found";
    return out;
  }
  if (!undecided.empty()) {
    out.holds = std::nullopt;
    out.reason = undecided.summary() + "; no access was found otherwise";
    return out;
  }
  out.holds = true;
  out.reason =
      "no considered principal can, even after every policy change it can make, in any "
      "request context";
  return out;
}

std::vector<AccessFinding> who_can(const World& world, const Invariant& query,
                                   std::vector<std::string>* warnings) {
  std::vector<AccessFinding> out;
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  // Whatever is returned, say what could not be decided: the list may be missing principals.
  struct ReportUndecided {
    UndecidedLog& log;
    std::vector<std::string>* warnings;
    ~ReportUndecided() {
      if (warnings && !log.empty())
        warnings->push_back("undecided, so principals may be missing from this list: " +
                            log.summary());
    }
  } report{undecided, warnings};
  const std::vector<std::string> all = considered_principals(world);
  if (query.via_escalation) {
    // Each principal escalates on its own world: one check per principal.
    for (const auto& principal : all) {
      Invariant one = query;
      one.is_only = false;
      one.only.clear();
      one.never = {principal};
      InvariantOutcome o = check_invariant(world, one);
      if (warnings && principal == all.front())
        for (const auto& w : o.warnings) warnings->push_back(w);
      if (o.holds == false && o.counterexample)
        out.push_back({principal, std::move(*o.counterexample)});
      if (!o.holds && warnings) warnings->push_back("`" + principal + "`: " + o.reason);
    }
    return out;
  }
  // As check_invariant with `never: [principal]` for each principal, with the targets (and the
  // objects every considered principal can write) worked out once instead of once per principal.
  Query q{query.action, query.resource, query.headers, query.context, !query.headers.empty()};
  RoleChains chains(world);
  std::vector<Target> targets = targets_for(world, q, all, chains, warnings);
  World read_world = with_written_objects(world, targets);
  // `never: [principal]` starts from the principal alone: a considered principal's ARN has no
  // wildcard (the loader refuses `*` and `?` in user and role names), so it matches only itself.
  for (const auto& principal : all)
    if (auto f = find_access(world, principal, chains, targets, read_world))
      out.push_back({principal, std::move(f->example)});
  return out;
}

namespace {

// Which targets an identity might be allowed (access_candidates.h): a target no identity of a
// principal's reach might be allowed is certainly denied to that principal, and not asked about.
class TargetFilter {
 public:
  TargetFilter(const World& w, const std::vector<Target>& targets)
      : member_(targets.size(), {SIZE_MAX, 0}) {
    std::vector<ResourceFamily> families;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      std::string action = to_lower(targets[t].request.action);
      auto m = family_member(w, action, targets[t].request.resource);
      if (!m) continue;
      std::size_t f = 0;
      while (f < families.size() && families[f].action != action) ++f;
      if (f == families.size()) families.push_back({action, {}});
      member_[t] = {f, static_cast<std::uint32_t>(families[f].members.size())};
      families[f].members.push_back(std::move(*m));
    }
    for (auto& f : families) indexes_.push_back(std::make_unique<CandidateIndex>(std::move(f)));
  }

  // Sets possible[t] for every target `who` might be allowed (all unfiltered ones included).
  void mark(const Requester& who, std::vector<char>& possible) {
    std::vector<std::vector<char>> in_family;
    for (auto& index : indexes_) {
      index->candidates(who, scratch_);
      auto& marks = in_family.emplace_back(index->family().members.size(), 0);
      for (std::uint32_t m : scratch_) marks[m] = 1;
    }
    for (std::size_t t = 0; t < member_.size(); ++t) {
      auto [f, m] = member_[t];
      if (f == SIZE_MAX || in_family[f][m]) possible[t] = 1;
    }
  }

 private:
  std::vector<std::pair<std::size_t, std::uint32_t>> member_;  // per target: family, member
  std::vector<std::unique_ptr<CandidateIndex>> indexes_;
  std::vector<std::uint32_t> scratch_;
};

}  // namespace

// Whether identities may make the targets' requests, in some request context. A role's answers
// are kept: every start that reaches the role asks the same question (the access graph asks each
// identity once for the same reason). Undecided questions are not kept: they are asked again,
// so each start's log says so.
class Answers {
 public:
  Answers(const World& w, const World& read_world, const std::vector<Target>& targets)
      : w_(w), read_world_(read_world), targets_(targets) {}

  // `marks[k][t]`: identity k of the reach might be allowed target t (the candidate index).
  bool allowed(const Reach& reach, const std::vector<std::vector<char>>& marks, std::size_t t) {
    for (std::size_t k = 0; k < reach.identities.size(); ++k) {
      if (!marks[k][t]) continue;
      const Identity& id = reach.identities[k];
      std::vector<std::int8_t>* memo = nullptr;
      if (k > 0) {  // a role: its answers are shared
        memo = &by_role_[id.principal];
        if (memo->empty()) memo->assign(targets_.size(), kUnasked);
        if ((*memo)[t] == kYes) return true;
        if ((*memo)[t] == kNo) continue;
      }
      Request asked = targets_[t].request;
      asked.principal = id.principal;
      UndecidedLog one;
      bool yes = false;
      {
        ScopedUndecidedLog use(one);
        yes = allowed_in_some_context(targets_[t].writer.empty() ? w_ : read_world_, id.who, asked)
                  .has_value();
      }
      if (UndecidedLog* outer = current_undecided_log())
        for (auto& reason : one.reasons()) outer->add(std::move(reason));
      if (memo && (yes || one.empty())) (*memo)[t] = yes ? kYes : kNo;
      if (yes) return true;
    }
    return false;
  }

 private:
  static constexpr std::int8_t kUnasked = 0, kYes = 1, kNo = 2;
  const World& w_;
  const World& read_world_;
  const std::vector<Target>& targets_;
  std::unordered_map<std::string, std::vector<std::int8_t>> by_role_;
};

PairAccesses access_pairs(const World& world, const std::vector<Invariant>& queries,
                          const std::set<std::string>* paths_for) {
  PairAccesses out;
  // Questions asked while working out the targets (the objects that can be written now).
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  const std::vector<std::string> all = considered_principals(world);
  RoleChains chains(world);
  std::vector<Target> targets;
  for (const auto& query : queries) {
    Query q{query.action, query.resource, query.headers, query.context, !query.headers.empty()};
    // One writer per new object: a path then shows the first writer found (valid, if not always
    // another principal's write), and asking about every writer is most of the work at scale.
    for (auto& t : targets_for(world, q, all, chains, &out.warnings, false))
      targets.push_back(std::move(t));
  }
  World read_world = with_written_objects(world, targets);
  out.undecided = undecided.summary();
  TargetFilter filter(world, targets);
  Answers answers(world, read_world, targets);
  // As who_can, but every target on its own: one answer per (principal, action, resource). The
  // PutObject of one object is several targets (one per encryption choice): allowed when any is.
  for (const auto& principal : all) {
    const Reach reach = chains.reach(principal);
    std::vector<char> possible(targets.size(), 0);
    std::vector<std::vector<char>> marks;  // per identity of the reach
    for (const auto& id : reach.identities) {
      filter.mark(id.who, marks.emplace_back(targets.size(), 0));
      for (std::size_t t = 0; t < targets.size(); ++t) possible[t] |= marks.back()[t];
    }
    std::set<std::pair<std::string, std::string>> allowed;  // (action, resource)
    std::vector<PairAccess> maybe;                          // undecided, in target order
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Target& t = targets[i];
      std::pair<std::string, std::string> key{t.request.action, t.request.resource};
      if (allowed.count(key)) continue;
      if (paths_for && !paths_for->count(principal + "\n" + key.first + "\n" + key.second))
        continue;
      UndecidedLog asked;
      std::optional<Found> f;
      bool yes = false;
      if (possible[i] && !reach.identities.empty()) {
        ScopedUndecidedLog use_asked(asked);
        if (paths_for)
          f = find_access_in(world, reach, std::span<const Target>(&t, 1), read_world);
        else
          yes = answers.allowed(reach, marks, i);
      }
      if (f || yes) {
        allowed.insert(key);
        out.pairs.push_back(
            {principal, key.first, key.second, f ? std::move(f->example) : Counterexample{}, ""});
        continue;
      }
      std::vector<std::string> reasons = asked.reasons();
      reasons.insert(reasons.end(), reach.undecided.begin(), reach.undecided.end());
      if (reasons.empty()) continue;
      auto known = std::find_if(maybe.begin(), maybe.end(), [&](const PairAccess& m) {
        return m.action == key.first && m.resource == key.second;
      });
      if (known == maybe.end()) maybe.push_back({principal, key.first, key.second, {}, reasons[0]});
    }
    for (auto& m : maybe)
      if (!allowed.count({m.action, m.resource})) out.pairs.push_back(std::move(m));
  }
  return out;
}

}  // namespace accesspath
