#include "model/analysis/access_candidates.h"

#include <algorithm>

#include "model/condition/policy_variables.h"
#include "model/core/arn.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"

namespace accesspath {
namespace {

// The literal text every ARN the pattern can match starts with. With policy variables the
// substituted value is unknown, so only what precedes the first `${` is certain.
std::string_view literal_prefix(std::string_view pattern, bool variables) {
  std::size_t end = pattern.find_first_of("*?");
  if (variables) end = std::min(end, pattern.find("${"));
  return pattern.substr(0, end);
}

bool has_variables(const Policy& policy, std::string_view pattern) {
  return policy.variables_enabled() && contains_policy_variable(pattern);
}

// Could the statement's Resource cover `arn`, whatever the request context? (Rules 2, 8-12,
// 16, 18.) Variables are assumed to match, so this only over-approximates.
bool might_cover(const Statement& s, const Policy& policy, std::string_view arn) {
  if (!s.resources) return policy.kind != PolicyKind::kKeyPolicy;
  if (s.not_resource) return true;
  return std::any_of(s.resources->begin(), s.resources->end(), [&](const std::string& pattern) {
    return has_variables(policy, pattern) || wildcard_match(pattern, arn, CaseMode::kSensitive);
  });
}

bool names_an_account(std::string_view value, std::string& account) {
  if (is_account_id(value)) {
    account = std::string(value);
    return true;
  }
  auto arn = parse_arn(value);
  if (arn && arn->service == "iam" && arn->resource == "root") {
    account = arn->account;
    return true;
  }
  return false;
}

}  // namespace

CandidateIndex::CandidateIndex(ResourceFamily family)
    : family_(std::move(family)), action_lower_(to_lower(family_.action)) {
  sorted_.reserve(family_.members.size());
  for (std::uint32_t i = 0; i < family_.members.size(); ++i)
    sorted_.emplace_back(family_.members[i].arn, i);
  std::sort(sorted_.begin(), sorted_.end());
  sides_.assign(family_.members.size(), 0);
  // Accounts compared as numbers: keep() compares one per candidate.
  for (const auto& m : family_.members)
    member_account_.push_back(
        account_numbers_.emplace(m.account, static_cast<std::uint32_t>(account_numbers_.size()))
            .first->second);
  index_resource_side();
}

void CandidateIndex::index_resource_side() {
  for (std::uint32_t i = 0; i < family_.members.size(); ++i) {
    const auto& m = family_.members[i];
    if (m.grants)
      for (const auto& g : *m.grants) granted_[g.grantee].push_back(i);
    if (!m.policy) continue;
    for (const auto& s : m.policy->statements) {
      if (s.effect != Effect::kAllow || !statement_matches_action(s, action_lower_) ||
          !might_cover(s, *m.policy, m.arn))
        continue;
      if (!s.principal || s.not_principal || s.principal->everyone) {
        to_everyone_.push_back(i);
        continue;
      }
      for (const auto& e : s.principal->entries) {
        std::string account;
        if (e.type == PrincipalEntry::Type::kAws && e.value == "*")
          to_everyone_.push_back(i);
        else if (e.type == PrincipalEntry::Type::kAws && names_an_account(e.value, account))
          to_account_[account].push_back(i);
        else
          to_arn_[e.value].push_back(i);
      }
    }
  }
}

const std::vector<std::uint32_t>& CandidateIndex::covered_by(std::string_view pattern,
                                                             bool variables) {
  std::string key = (variables ? "v" : "p") + std::string(pattern);
  auto found = pattern_cover_.find(key);
  if (found != pattern_cover_.end()) return found->second;
  std::vector<std::uint32_t> out;
  std::string_view prefix = literal_prefix(pattern, variables);
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(),
                             std::pair<std::string_view, std::uint32_t>(prefix, 0));
  for (; it != sorted_.end() && it->first.substr(0, prefix.size()) == prefix; ++it)
    if (variables || wildcard_match(pattern, it->first, CaseMode::kSensitive))
      out.push_back(it->second);
  return pattern_cover_.emplace(std::move(key), std::move(out)).first->second;
}

const std::vector<std::uint32_t>& CandidateIndex::covered_by(const Policy& policy) {
  auto found = identity_cover_.find(&policy);
  if (found != identity_cover_.end()) return found->second;
  std::vector<std::uint32_t> out;
  for (const auto& s : policy.statements) {
    if (s.effect != Effect::kAllow || !statement_matches_action(s, action_lower_)) continue;
    if (!s.resources || s.not_resource) {
      for (std::uint32_t i = 0; i < family_.members.size(); ++i) out.push_back(i);
      break;
    }
    for (const auto& pattern : *s.resources) {
      const auto& members = covered_by(pattern, has_variables(policy, pattern));
      out.insert(out.end(), members.begin(), members.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return identity_cover_.emplace(&policy, std::move(out)).first->second;
}

void CandidateIndex::mark(std::uint32_t member, std::uint8_t side) {
  if (sides_[member] == 0) touched_.push_back(member);
  sides_[member] |= side;
}

void CandidateIndex::mark_all(const std::vector<std::uint32_t>& members, std::uint8_t side) {
  for (std::uint32_t m : members) mark(m, side);
}

bool CandidateIndex::keep(const Requester& who, std::uint32_t who_account, std::uint32_t member,
                          std::uint8_t sides) const {
  // Anonymous callers and services have no identity side (rules 21, 26).
  if (who.is_anonymous() || who.is_service()) return (sides & kResourceNamed) != 0;
  const bool resource_side = (sides & (kResourceNamed | kResourceAccount | kGrant)) != 0;
  const bool identity_side = (sides & (kIdentity | kGrant)) != 0;
  if (member_account_[member] != who_account) return resource_side && identity_side;  // rule 57
  if (!family_.members[member].must_allow) return sides != 0;                         // rule 50
  // Key and trust policies: named directly, a grant, or the account plus an identity allow.
  return (sides & (kResourceNamed | kGrant)) != 0 ||
         ((sides & kResourceAccount) != 0 && (sides & kIdentity) != 0);
}

void CandidateIndex::candidates(const Requester& who, std::vector<std::uint32_t>& out) {
  out.clear();
  const bool signed_principal = !who.is_anonymous() && !who.is_service();
  if (signed_principal) {
    if (who.unrestricted_identity) {
      for (std::uint32_t i = 0; i < family_.members.size(); ++i) mark(i, kIdentity);
    } else {
      for (const Policy* p : who.identity_policies) mark_all(covered_by(*p), kIdentity);
    }
  }
  mark_all(to_everyone_, kResourceNamed);
  auto named = [&](const StringMap<std::vector<std::uint32_t>>& by, const std::string& key,
                   std::uint8_t side) {
    if (key.empty()) return;
    auto it = by.find(key);
    if (it != by.end()) mark_all(it->second, side);
  };
  named(to_arn_, who.arn, kResourceNamed);
  if (who.principal_arn != who.arn) named(to_arn_, who.principal_arn, kResourceNamed);
  if (signed_principal) {
    named(to_account_, who.account, kResourceAccount);
    named(granted_, who.arn, kGrant);
    if (who.principal_arn != who.arn) named(granted_, who.principal_arn, kGrant);
  }
  auto number = account_numbers_.find(who.account);
  const std::uint32_t who_account =
      number == account_numbers_.end() ? UINT32_MAX : number->second;  // no member's account
  for (std::uint32_t m : touched_) {
    if (keep(who, who_account, m, sides_[m])) out.push_back(m);
    sides_[m] = 0;
  }
  touched_.clear();
  std::sort(out.begin(), out.end());
}

std::optional<ResourceFamily::Member> family_member(const World& w, std::string_view action_lower,
                                                    const std::string& arn) {
  constexpr std::string_view kS3 = "arn:aws:s3:::";
  if (arn.starts_with(kS3)) {
    std::string_view rest = std::string_view(arn).substr(kS3.size());
    const Bucket* b = w.find_bucket(rest.substr(0, rest.find('/')));
    if (!b) return std::nullopt;
    return ResourceFamily::Member{arn, b->account, b->policy.get(), false, nullptr};
  }
  if (const Key* k = w.find_key(arn))
    return ResourceFamily::Member{k->arn, k->account, k->policy.get(), true, &k->grants};
  const Principal* p = w.find_principal(arn);
  if (!p) return std::nullopt;
  if (action_lower == "sts:assumerole") {
    if (p->kind != PrincipalKind::kRole) return std::nullopt;
    return ResourceFamily::Member{p->arn, p->account, p->trust_policy.get(), true, nullptr};
  }
  const GenericResource* r = w.find_resource(p->arn);
  return ResourceFamily::Member{p->arn, r ? r->account : p->account, r ? r->policy.get() : nullptr,
                                false, nullptr};
}

}  // namespace accesspath
