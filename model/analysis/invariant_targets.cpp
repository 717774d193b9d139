#include "model/analysis/invariant_targets.h"

#include <algorithm>

#include "model/analysis/access_candidates.h"
#include "model/core/wildcard.h"
#include "model/policy/action_catalog.h"
#include "model/symbolic/some_context.h"
#include "model/world/request.h"

namespace accesspath::invariant_targets {

bool principal_matches(std::string_view pattern, std::string_view principal) {
  if (pattern == "anonymous" || principal == "anonymous") return pattern == principal;
  return wildcard_match(pattern, principal, CaseMode::kSensitive);
}

bool matches_any(const std::vector<std::string>& patterns, std::string_view principal) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return principal_matches(p, principal); });
}

BucketPattern split_s3_pattern(std::string_view pattern) {
  constexpr std::string_view kPrefix = "arn:aws:s3:::";
  BucketPattern out;
  if (pattern == "*") return {"*", "*", true};
  if (pattern.rfind(kPrefix, 0) != 0) return {"", "", false};
  std::string_view rest = pattern.substr(kPrefix.size());
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    // `arn:aws:s3:::b*` may match objects too (a `*` crosses `/`).
    out.bucket = std::string(rest);
    out.key = rest.find('*') != std::string_view::npos ? "*" : "";
    out.object = !out.key.empty();
    return out;
  }
  out.bucket = std::string(rest.substr(0, slash));
  out.key = std::string(rest.substr(slash + 1));
  out.object = true;
  return out;
}

std::string concrete_key(std::string_view key_pattern, std::string_view tag) {
  std::string out;
  bool star_done = false;
  for (char c : key_pattern) {
    if (c == '*') {
      if (!star_done) out += std::string(kNewObjectTag) + "-" + std::string(tag);
      star_done = true;
    } else if (c == '?') {
      out += 'x';
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::map<std::string, std::string>> header_variants(const World& w, const Bucket& b) {
  std::vector<std::map<std::string, std::string>> out;
  out.push_back({});
  out.push_back({{"x-amz-server-side-encryption", "AES256"}});
  out.push_back({{"x-amz-server-side-encryption", "aws:kms"}});
  for (const auto& k : w.keys)
    if (k.region == b.region && !k.synthesized)
      out.push_back({{"x-amz-server-side-encryption", "aws:kms"},
                     {"x-amz-server-side-encryption-aws-kms-key-id", k.arn}});
  out.push_back({{s3_headers::kSseCAlgorithm, "AES256"},
                 {s3_headers::kSseCKey, "(customer key)"},
                 {s3_headers::kSseCKeyMd5, "(key digest)"}});
  return out;
}

std::string encryption_tag(const Encryption& e) {
  switch (e.sse) {
    case Sse::kS3:
      return "sse-s3";
    case Sse::kCustomer:
      return "sse-c";
    case Sse::kKms: {
      std::string_view k = e.kms_key;
      std::size_t slash = k.rfind('/');
      return "sse-kms-" + std::string(slash == std::string_view::npos ? k : k.substr(slash + 1));
    }
  }
  return "new";
}

NewObjectWriters::NewObjectWriters(const World& w, const BucketPattern& pattern) {
  ResourceFamily family{"s3:PutObject", {}};
  std::vector<std::string> tags = {"sse-s3", "sse-c"};
  for (const auto& k : w.keys) tags.push_back(encryption_tag({Sse::kKms, k.arn, false}));
  for (std::size_t t = 0; t < tags.size(); ++t) tag_offset_.emplace(tags[t], t);
  first_member_.assign(w.buckets.size(), SIZE_MAX);
  for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
    const Bucket& b = w.buckets[bi];
    if (!wildcard_match(pattern.bucket, b.name, CaseMode::kSensitive)) continue;
    first_member_[bi] = members_.size();
    for (const auto& tag : tags) {
      members_.push_back({bi, tag});
      family.members.push_back({"arn:aws:s3:::" + b.name + "/" + concrete_key(pattern.key, tag),
                                b.account, b.policy.get(), false, nullptr});
    }
  }
  index_ = std::make_unique<CandidateIndex>(std::move(family));
}

NewObjectWriters::~NewObjectWriters() = default;

std::size_t NewObjectWriters::member(std::size_t bucket, std::string_view tag) const {
  if (bucket >= first_member_.size() || first_member_[bucket] == SIZE_MAX) return SIZE_MAX;
  auto t = tag_offset_.find(std::string(tag));
  return t == tag_offset_.end() ? SIZE_MAX : first_member_[bucket] + t->second;
}

void NewObjectWriters::candidates(const Requester& who, std::vector<std::uint32_t>& out) {
  index_->candidates(who, out);
}

bool NewObjectWriters::may_write(const std::string& writer, const Requester& who,
                                 std::size_t member) {
  if (member == SIZE_MAX) return true;  // not a member: no filter
  auto [it, fresh] = possible_.try_emplace(writer);
  if (fresh) index_->candidates(who, it->second);  // ascending
  return std::binary_search(it->second.begin(), it->second.end(),
                            static_cast<std::uint32_t>(member));
}

std::vector<std::string> expand_actions(const std::string& action) {
  if (!has_wildcard(action)) return {action};
  std::vector<std::string> out;
  for (const auto& a : all_catalog_actions())
    if (wildcard_match(action, a, CaseMode::kInsensitive)) out.push_back(std::string(a));
  return out;
}

std::optional<Witness> UndecidedWrites::allowed(const World& w, const Requester& writer,
                                                const Request& put, const std::string& object) {
  UndecidedLog asked;
  std::optional<Witness> allowed;
  {
    ScopedUndecidedLog use(asked);
    allowed = allowed_in_some_context(w, writer, put);
  }
  for (auto& reason : asked.reasons()) reasons_[object].push_back(std::move(reason));
  return allowed;
}

void UndecidedWrites::forward(const std::vector<std::string>& reasons) {
  if (UndecidedLog* log = current_undecided_log())
    for (const auto& reason : reasons) log->add(reason);
}

}  // namespace accesspath::invariant_targets
