// How much of a CloudTrail file `accesspath replay` reads: trail files come from anywhere (a
// bucket, a colleague's download, an export), and a few KB of gzip can expand to gigabytes, or a
// record nest deep enough to overflow the stack of a recursive walk. Past these limits a file (or
// a JSON Lines line) is a problem with its name and what is wrong, and the others are read.
#pragma once

#include <cstddef>

#include "model/world/json_limits.h"

namespace accesspath {

// The largest trail file read: its bytes, and its text once gunzipped. CloudTrail delivers a
// trail's events about every 5 minutes, one file per account and Region (the delivery minute is
// in the name, AccountID_CloudTrail_Region_YYYYMMDDTHHmmZ_….json.gz; CloudTrail User Guide,
// "CloudTrail log file examples"), so a file holds minutes of one Region's calls: typically KB to
// a few MB of JSON, far below 100 MB even in busy accounts. 128 MiB is beyond any delivered file,
// and the tree of that much text (a few times its size) still fits a CI machine. A JSON Lines
// export of CloudTrail Lake or Athena can be larger: split it (`split -l 100000`) and replay the
// parts together.
inline constexpr std::size_t kMaxTrailFileBytes = std::size_t{128} << 20;

// The JSON of a trail file (a whole `{"Records": [...]}` file, or one line of JSON Lines),
// checked before its tree is built.
inline constexpr JsonLimits kTrailJsonLimits{
    .max_bytes = kMaxTrailFileBytes,
    // A record nests as deep as the request it logs: a bucket policy in PutBucketPolicy's
    // requestParameters is 10 levels below the file's root, and AWS API requests nest a few
    // dozen levels at most. 128 is far beyond them and still shallow for a recursive walk.
    .max_depth = 128,
    // One event is at most 256 KB (CloudTrail User Guide, "Quotas in AWS CloudTrail", event size,
    // from event version 1.05), so no string of a real record is longer than that: 1 MiB refuses
    // a 100 MB string and no real one.
    .max_string_bytes = std::size_t{1} << 20,
    // A record takes 30-40 bytes a value (the fixtures of tests/fixtures/cloudtrail/, written to
    // AWS's record shapes), so 128 MiB of records is about 4 million values; 16 million bounds the
    // tree of a file of tiny values (`[0,0,…]`) to a few hundred MB.
    .max_values = std::size_t{16} << 20,
};

}  // namespace accesspath
