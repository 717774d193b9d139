// Amazon Resource Names: parsing, validation and the ARN condition operators.
//
//   arn:partition:service:region:account-id:resource
//
// IAM identifiers (IAM/reference_identifiers.html) and the ARN reference
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html):
// six colon-separated parts; the resource part may itself contain colons.
//
//   auto arn = parse_arn("arn:aws:kms:us-east-1:111122223333:key/1234");
//   if (arn) arn->service == "kms";
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accesspath {

struct Arn {
  std::string partition;
  std::string service;
  std::string region;
  std::string account;
  std::string resource;  // everything after the fifth colon

  std::string to_string() const;
  // The part of `resource` before the first '/' or ':' ("key", "role", "alias", "user"...).
  std::string_view resource_type() const;
  // The part after the resource type ("1234" for "key/1234"; "path/name" for "role/path/name").
  std::string_view resource_id() const;
  // The last path segment of resource_id() (the name of a user or role with a path).
  std::string_view resource_name() const;
};

// The six parts as views into the text, for hot paths that must not allocate.
struct ArnView {
  std::string_view partition, service, region, account, resource;
  std::string_view resource_type() const;  // as Arn::resource_type()
};
std::optional<ArnView> parse_arn_view(std::string_view text);

// Parses the six parts; no service-specific checks. Returns nullopt when the
// text does not have the shape `arn:…:…:…:…:…`; `why` then says what is wrong.
std::optional<Arn> parse_arn(std::string_view text, std::string* why = nullptr);

// One problem of an ARN, and what AWS makes of it.
struct ArnProblem {
  enum class Kind {
    kNotAnArn,      // not `arn:partition:service:region:account:resource` (IAM: "must be in ARN
                    // format")
    kRefusedByIam,  // ARN-shaped, but IAM refuses it in a policy (an S3 ARN with a region)
    kNeverMatches,  // IAM stores it, and it names nothing AWS ever asks about (an empty or
                    // placeholder account, an unknown partition, a region that is no region…)
  };
  Kind kind = Kind::kNeverMatches;
  std::string message;
};
std::vector<ArnProblem> arn_problems(std::string_view text, bool allow_wildcards);

// Service-specific validation: account ids of 12 digits, required and
// forbidden regions (S3 bucket ARNs have neither region nor account; KMS key
// ARNs need both), known partitions, no whitespace. Returns one message per
// problem, empty when the ARN is well formed. `allow_wildcards` accepts `*`
// and `?` (for patterns in policies).
std::vector<std::string> validate_arn(std::string_view text, bool allow_wildcards);

// The text after an ARN's last ':' ("arn:aws:iam::111122223333:role/ops" -> "role/ops"), for
// short listings; text without ':' is returned whole.
std::string after_last_colon(std::string_view arn);

bool is_account_id(std::string_view s);  // exactly 12 ASCII digits

// ArnEquals / ArnLike (they behave the same): each of the six colon-separated
// parts is compared separately, case-sensitively, with `*` and `?`; a `*`
// never crosses a colon in the first five parts (IAM JSON policy elements:
// Condition operators, "Amazon Resource Name (ARN) condition operators").
bool arn_like(std::string_view pattern, std::string_view value);

}  // namespace accesspath
