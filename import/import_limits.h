// How much of each JSON file an import reads (AWS CLI exports, Terraform plans): the files come
// from anywhere, and one of 100 MB strings or 100,000 nested arrays would exhaust memory, or the
// stack of a recursive walk or copy of its tree. Past these limits the file is a `skipped` entry
// of the import's report, with the JSON pointer of the value past them, and is not read.
#pragma once

#include <cstddef>

#include "model/world/json_limits.h"

namespace accesspath {

inline constexpr JsonLimits kImportJsonLimits{
    // The largest files are a Terraform plan of a large configuration (`terraform show -json`
    // holds the prior state, the planned values and each change's before and after, of every
    // resource, whatever its service) and the IAM export of an account near IAM's quotas (5,000
    // roles, 5,000 customer managed policies of 6,144 characters in up to 5 versions, as the AWS
    // CLI pretty-prints them): tens of MB, a few hundred at the very most. 256 MiB is four times
    // the largest scenario `check` reads, as an input carries much that its world does not.
    .max_bytes = std::size_t{256} << 20,
    // A plan nests two levels a module (`child_modules`), then each resource's blocks; an export's
    // policies nest about 10 deep. 128 is far beyond both and still shallow for a recursive walk.
    .max_depth = 128,
    // The longest strings an import reads are policy documents (at most 32 KB for a key policy,
    // up to three times that URL-encoded); a plan also holds other resources' arguments (scripts,
    // templates, state machine definitions), which AWS takes in requests of at most a few MB.
    // 16 MiB is beyond all of them and refuses a 100 MB string.
    .max_string_bytes = std::size_t{16} << 20,
    // The fixtures of tests/fixtures/import/ take 30-50 bytes a value, so 256 MiB of them is
    // about 7 million values; 32 million bounds the tree of a file of tiny values (`[0,0,…]`).
    .max_values = std::size_t{32} << 20,
};

}  // namespace accesspath
