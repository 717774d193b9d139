// Generators of names: ARNs of the world's principals, buckets, objects and
// keys (sometimes dangling on purpose, as cedar-drt picks unknown ids), action
// names and Resource patterns. The first generators in dependency order: the
// policy, request and edit generators build on these.
//
//   Vocabulary v = vocabulary_of(world_doc);
//   std::string who = *gen_arn(v, ArnKind::kPrincipal);   // inside a property
//   std::string act = *gen_action(PolicyUse::kBucket);     // "s3:Get*", ...
#pragma once

#include <string>

#include <rapidcheck.h>

#include "properties/policy_use.h"
#include "properties/settings.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {

enum class ArnKind {
  kUser,       // arn:aws:iam::<account>:user/<name>
  kRole,       // arn:aws:iam::<account>:role/<name>
  kRoot,       // arn:aws:iam::<account>:root
  kSession,    // arn:aws:sts::<account>:assumed-role/<role>/<session>
  kPrincipal,  // any of the four above
  kBucket,     // arn:aws:s3:::<bucket>
  kObject,     // arn:aws:s3:::<bucket>/<key> (declared or a new key in a declared bucket)
  kKey,        // arn:aws:kms:<region>:<account>:key/<id>
  kKeyAlias,   // arn:aws:kms:<region>:<account>:alias/<name>
};

// An exact ARN (no wildcards) of the given kind. With `s.dangling_percent`
// chance it names something the world does not declare (a deleted user, a
// bucket of nobody, a key id that does not exist, an outside account).
rc::Gen<std::string> gen_arn(const Vocabulary& v, ArnKind kind, const GenSettings& s = {});

// An action pattern for a policy of the given use: exact names of S3, KMS,
// STS and IAM actions, wildcards (`s3:Get*`, `kms:*`, `*`) and odd spellings
// (`S3:getobject`, rule 4).
rc::Gen<std::string> gen_action(PolicyUse use, const GenSettings& s = {});

// One entry of a Resource element: exact ARNs and patterns (`arn:aws:s3:::b/*`,
// `arn:aws:kms:*:*:key/*`, `*`). `attached_to` is the bucket name of a bucket
// policy or the key ARN of a key policy ("" otherwise).
rc::Gen<std::string> gen_resource_pattern(const Vocabulary& v, PolicyUse use,
                                          const std::string& attached_to,
                                          const GenSettings& s = {});

}  // namespace accesspath::properties
