// Which requests could possibly be allowed: a conservative pre-filter that lets the access
// graph ask the evaluator about far fewer (principal, resource) pairs.
//
// It never decides anything. It only rules out pairs that no path through the evaluation logic
// could allow, by looking at which policies could even be relevant, with every condition
// assumed true and every policy variable assumed to match. Every way `authorize` can allow
// needs at least one of:
//   - an identity-policy Allow statement whose Action and Resource cover the request (or an
//     account that is not declared, whose admin allows everything);
//   - a resource-policy Allow statement covering the request whose Principal could name the
//     requester: everyone (`*`, NotPrincipal), its account, or its ARN / role ARN;
//   - a KMS grant to the requester.
// Key and trust policies must allow (an account-wide one only together with an identity
// allow), and across accounts both sides must allow; anonymous callers and AWS services are
// allowed only by resource policies. A pair with none of what its case needs is certainly
// denied; every other pair goes to the evaluator, which decides. Soundness is tested against
// the exhaustive builder (tests/access_graph_scale_test.cpp).
//
//   CandidateIndex reads(family_of_objects);          // s3:GetObject on every declared object
//   reads.candidates(who, survivors);                 // indices into the family, ascending
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/policy/policy.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {

// One action asked about on a list of resources, with what the authorization of each consults.
struct ResourceFamily {
  struct Member {
    std::string arn;                                // the resource the authorization is about
    std::string account;                            // the resource's account
    const Policy* policy = nullptr;                 // bucket, key or trust policy; nullptr: none
    bool must_allow = false;                        // key and trust policies (rules 50, 60, 98)
    const std::vector<KmsGrant>* grants = nullptr;  // KMS grants on the key
  };
  std::string action;  // "s3:GetObject", "kms:Decrypt", ...
  std::vector<Member> members;
};

// What the authorization of `action_lower` on `arn` consults, as a family member: the bucket
// policy for a bucket or an object, the key policy and grants for a key, the trust policy for
// sts:AssumeRole on a role, a resource policy with the ARN of a user or role for other actions
// on it. nullopt when `arn` is none of these (ask the evaluator without a pre-filter).
std::optional<ResourceFamily::Member> family_member(const World& w, std::string_view action_lower,
                                                    const std::string& arn);

class CandidateIndex {
 public:
  explicit CandidateIndex(ResourceFamily family);

  const ResourceFamily& family() const { return family_; }
  // The members `who` might be allowed `family().action` on, ascending; every other member is
  // certainly denied. Not thread-safe: it caches per identity policy.
  void candidates(const Requester& who, std::vector<std::uint32_t>& out);

 private:
  // Why a member is still possible for the requester at hand.
  enum Side : std::uint8_t {
    kIdentity = 1,         // an identity policy could allow
    kResourceNamed = 2,    // the resource policy could name it directly, its role, or everyone
    kResourceAccount = 4,  // the resource policy could name its account
    kGrant = 8,            // a KMS grant names it
  };
  const std::vector<std::uint32_t>& covered_by(const Policy& identity_policy);
  // The members a Resource pattern may cover, cached: inline policies repeat the same patterns
  // (`arn:aws:s3:::*/reports/*` in every analyst's policy) and wide ones match every member.
  const std::vector<std::uint32_t>& covered_by(std::string_view pattern, bool variables);
  void index_resource_side();
  void mark(std::uint32_t member, std::uint8_t side);
  void mark_all(const std::vector<std::uint32_t>& members, std::uint8_t side);
  bool keep(const Requester& who, std::uint32_t who_account, std::uint32_t member,
            std::uint8_t sides) const;

  ResourceFamily family_;
  std::string action_lower_;
  std::vector<std::pair<std::string_view, std::uint32_t>> sorted_;  // by ARN, for prefixes
  std::unordered_map<const Policy*, std::vector<std::uint32_t>> identity_cover_;
  StringMap<std::vector<std::uint32_t>> pattern_cover_;  // key: variables flag + pattern
  std::vector<std::uint32_t> to_everyone_;
  StringMap<std::vector<std::uint32_t>> to_account_;
  StringMap<std::vector<std::uint32_t>> to_arn_;  // user, role, session or service
  StringMap<std::vector<std::uint32_t>> granted_;
  std::vector<std::uint32_t> member_account_;  // per member: its account, as a number
  StringMap<std::uint32_t> account_numbers_;
  std::vector<std::uint8_t> sides_;  // per member, for the requester at hand
  std::vector<std::uint32_t> touched_;
};

}  // namespace accesspath
