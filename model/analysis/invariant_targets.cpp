#include "model/analysis/invariant_targets.h"

#include <algorithm>

#include "model/analysis/access_candidates.h"
#include "model/analysis/denied_to_everyone.h"
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

void for_each_header_variant(const World& w, const Bucket& b, Request& request,
                             const std::function<void()>& f) {
  auto& h = request.headers;
  h.clear();
  f();
  h = {{"x-amz-server-side-encryption", "AES256"}};
  f();
  h = {{"x-amz-server-side-encryption", "aws:kms"}};
  f();
  for (const auto& k : w.keys) {
    if (k.region != b.region || k.synthesized) continue;
    if (h.size() != 2 || h.count("x-amz-server-side-encryption-aws-kms-key-id") == 0)
      h = {{"x-amz-server-side-encryption", "aws:kms"},
           {"x-amz-server-side-encryption-aws-kms-key-id", ""}};
    h["x-amz-server-side-encryption-aws-kms-key-id"] = k.arn;  // the value's storage is reused
    f();
  }
  h = {{s3_headers::kSseCAlgorithm, "AES256"},
       {s3_headers::kSseCKey, "(customer key)"},
       {s3_headers::kSseCKeyMd5, "(key digest)"}};
  f();
}

std::vector<std::map<std::string, std::string>> header_variants(const World& w, const Bucket& b) {
  std::vector<std::map<std::string, std::string>> out;
  Request r;
  for_each_header_variant(w, b, r, [&] { out.push_back(r.headers); });
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

std::optional<NewObjectKind> written_kind(const World& w, const Bucket& b,
                                          const BucketPattern& pattern, const PutVariant& variant,
                                          std::string_view account) {
  Encryption e{variant.chosen.sse, "", variant.chosen.bucket_key};
  if (variant.chosen.sse == Sse::kKms) {
    const Key* k = variant.chosen.key_ref.empty()
                       ? w.resolve_key("alias/aws/s3", b.account, b.region)
                       : w.resolve_key(variant.chosen.key_ref, account, b.region);
    if (!k) return std::nullopt;
    e.kms_key = k->arn;
  }
  std::string tag = encryption_tag(e);
  std::string resource = "arn:aws:s3:::" + b.name + "/" + concrete_key(pattern.key, tag);
  return NewObjectKind{std::move(e), std::move(tag), std::move(resource)};
}

bool may_be_written(const Bucket& b, const PutVariant& variant, const NewObjectKind& kind) {
  return !denied_to_everyone(b, Request{"", "s3:PutObject", kind.resource, variant.headers, {}});
}

std::vector<PutVariant> put_variants(const World& w, const Bucket& b,
                                     const BucketPattern& pattern) {
  std::vector<PutVariant> out;
  const EveryoneDenials denials(b, "s3:PutObject");
  Request probe{"", "s3:PutObject", "", {}, {}};
  for_each_header_variant(w, b, probe, [&] {
    auto chosen = choose_put_encryption(b, probe, nullptr);
    if (!chosen) return;
    PutVariant v;
    v.chosen = std::move(*chosen);
    auto sse = probe.headers.find("x-amz-server-side-encryption");
    v.kms_header = sse != probe.headers.end() && sse->second == "aws:kms";
    // A key named by id or alias resolves in the writer's account.
    v.same_for_all = !(v.chosen.sse == Sse::kKms && !v.chosen.key_ref.empty() &&
                       !v.chosen.key_ref.starts_with("arn:"));
    if (v.same_for_all) {
      v.fixed = written_kind(w, b, pattern, v, b.account);
      if (!v.fixed) return;
      probe.resource = v.fixed->resource;
      if (denials.denies(probe)) return;
    }
    v.headers = probe.headers;
    out.push_back(std::move(v));
  });
  return out;
}

std::vector<PlannedPut> planned_puts(const World& w, const BucketPattern& pattern) {
  std::vector<PlannedPut> out;
  for (std::size_t bi = 0; bi < w.buckets.size(); ++bi) {
    const Bucket& b = w.buckets[bi];
    if (!wildcard_match(pattern.bucket, b.name, CaseMode::kSensitive)) continue;
    for (auto& v : put_variants(w, b, pattern)) out.push_back({bi, std::move(v)});
  }
  return out;
}

NewObjectWriters::NewObjectWriters(const World& w, const std::vector<PlannedPut>& puts) {
  ResourceFamily family{"s3:PutObject", {}};
  for (const PlannedPut& put : puts) {
    const auto& kind = put.variant.fixed;
    if (!kind ||
        !by_name_.emplace(std::to_string(put.bucket) + "/" + kind->tag, members_.size()).second)
      continue;
    const Bucket& b = w.buckets[put.bucket];
    members_.push_back({put.bucket, kind->tag});
    family.members.push_back({kind->resource, b.account, b.policy.get(), false, nullptr});
  }
  index_ = std::make_unique<CandidateIndex>(std::move(family));
}

NewObjectWriters::~NewObjectWriters() = default;

std::size_t NewObjectWriters::member(std::size_t bucket, std::string_view tag) const {
  auto found = by_name_.find(std::to_string(bucket) + "/" + std::string(tag));
  return found == by_name_.end() ? SIZE_MAX : found->second;
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
