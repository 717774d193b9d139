// What check_invariant (access_paths.cpp) and invariant_verdict (invariant_verdict.cpp) both need
// to turn an invariant into concrete requests: principal and S3 patterns, representative keys of
// objects that can be written now, the encryption choices of a PutObject, expanded actions.
// Internal to model/; kept in one place so the two checks cannot drift apart.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/services/s3_service.h"
#include "model/symbolic/some_context.h"
#include "model/world/requester.h"
#include "model/world/world.h"

namespace accesspath {
class CandidateIndex;
}

namespace accesspath::invariant_targets {

inline constexpr std::string_view kNewObjectTag = "accesspath-new";

// An invariant's principal pattern against a principal ARN ("anonymous" only matches itself).
bool principal_matches(std::string_view pattern, std::string_view principal);
bool matches_any(const std::vector<std::string>& patterns, std::string_view principal);

struct BucketPattern {
  std::string bucket;  // pattern for the bucket name
  std::string key;     // pattern for the object key; empty when the pattern names buckets
  bool object = false;
};

// Splits an S3 resource pattern into bucket and key patterns.
BucketPattern split_s3_pattern(std::string_view pattern);

// A concrete object key matching `key_pattern`, tagged so different representatives differ.
std::string concrete_key(std::string_view key_pattern, std::string_view tag);

// Every encryption choice a caller can make on PutObject (S3: Specifying SSE-KMS; SSE-C).
std::vector<std::map<std::string, std::string>> header_variants(const World& w, const Bucket& b);

// The same choices, in the same order, set in turn as `request.headers` before each call of `f`
// (copy the request to keep it): a bucket has one choice per key of its Region, and most are
// ruled out at once (EveryoneDenials), so they are not built one map each.
void for_each_header_variant(const World& w, const Bucket& b, Request& request,
                             const std::function<void()>& f);

// A short tag for an encryption ("sse-s3", "sse-kms-<key id>"), used in representative keys.
std::string encryption_tag(const Encryption& e);

// The representative object a PutObject writes: its encryption (key resolved to an ARN), tag
// and ARN.
struct NewObjectKind {
  Encryption encryption;
  std::string tag;
  std::string resource;
};

// One way of writing a new object into a bucket: a header variant (header_variants) S3 accepts.
// S3 chooses the encryption from the bucket and the headers, and resolves a key named by id or
// alias in the writer's account.
struct PutVariant {
  std::map<std::string, std::string> headers;
  ChosenEncryption chosen;
  bool kms_header = false;  // sends `x-amz-server-side-encryption: aws:kms`
  // The object does not depend on the writer's account: then `fixed` is it.
  bool same_for_all = true;
  std::optional<NewObjectKind> fixed;
};

// The object `variant` writes into `b` for a writer of `account` (key pattern `pattern.key`);
// nullopt when its key does not resolve.
std::optional<NewObjectKind> written_kind(const World& w, const Bucket& b,
                                          const BucketPattern& pattern, const PutVariant& variant,
                                          std::string_view account);

// The header variants S3 accepts for a PutObject into `b`, minus those its bucket policy denies to
// every caller (denied_to_everyone.h) and those whose key does not resolve. A variant whose
// object depends on the writer's account is kept: may_be_written is asked per account.
std::vector<PutVariant> put_variants(const World& w, const Bucket& b, const BucketPattern& pattern);

// Every bucket `pattern` names, with the put_variants of each, in world order.
struct PlannedPut {
  std::size_t bucket;  // index into world.buckets
  PutVariant variant;
};
std::vector<PlannedPut> planned_puts(const World& w, const BucketPattern& pattern);

// Whether the write of `kind` with `variant`'s headers is worth asking about: false when the
// bucket policy denies it to every caller.
bool may_be_written(const Bucket& b, const PutVariant& variant, const NewObjectKind& kind);

// Who could possibly write a new object: s3:PutObject of the representative objects of planned
// puts. A conservative filter (access_candidates.h):
// most principals have no PutObject permission on the bucket at all, and ruling them out once
// costs far less than asking the evaluator about every encryption choice.
class NewObjectWriters {
 public:
  // Members: the objects of the planned puts that are the same for every writer. Only the kinds
  // some caller may write (put_variants): a bucket that requires its own key has a few, not one
  // per key of the Region.
  NewObjectWriters(const World& w, const std::vector<PlannedPut>& puts);
  ~NewObjectWriters();

  // The member for the object of this tag in the bucket `world.buckets[bucket]`; SIZE_MAX when
  // there is none (then may_write filters nothing).
  std::size_t member(std::size_t bucket, std::string_view tag) const;
  std::size_t size() const { return members_.size(); }
  // The members `who` might write (the others it is certainly denied), ascending.
  void candidates(const Requester& who, std::vector<std::uint32_t>& out);
  // False when `who` (named `writer`) is certainly denied s3:PutObject of the member's object.
  bool may_write(const std::string& writer, const Requester& who, std::size_t member);

 private:
  std::vector<std::pair<std::size_t, std::string>> members_;  // (bucket, tag)
  std::unordered_map<std::string, std::size_t> by_name_;      // "<bucket>/<tag>" -> member
  std::unique_ptr<CandidateIndex> index_;
  // Per writer, the members it might write, ascending: sparse, a large world has many members.
  std::unordered_map<std::string, std::vector<std::uint32_t>> possible_;
};

// The undecided questions about writing new objects, by the object they would write (bucket and
// encryption tag). A kind of object that some writer is known to write is in the world whatever
// another writer's undecided answer: only the questions about kinds nobody is known to write can
// change a verdict, so only those go to the undecided log in force.
class UndecidedWrites {
 public:
  // Whether `writer` may write `object`'s kind (allowed_in_some_context), its undecided
  // questions kept under `object`.
  std::optional<Witness> allowed(const World& w, const Requester& writer, const Request& put,
                                 const std::string& object);
  // Reports to the log in force the questions of every kind `written` says nobody writes.
  template <typename Written>
  void report(const Written& written) const {
    for (const auto& [object, reasons] : reasons_)
      if (!written(object)) forward(reasons);
  }

 private:
  static void forward(const std::vector<std::string>& reasons);
  std::map<std::string, std::vector<std::string>> reasons_;
};

// The catalog actions an action pattern names (itself when it has no wildcard).
std::vector<std::string> expand_actions(const std::string& action);

}  // namespace accesspath::invariant_targets
