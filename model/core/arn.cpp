#include "model/core/arn.h"

#include <array>

#include "model/core/wildcard.h"

namespace accesspath {
namespace {

constexpr std::string_view kNotAnArn =
    "not an ARN: expected `arn:partition:service:region:account:resource`";

// Splits into exactly six parts (the last keeps its colons). False when there
// are fewer than six.
bool split6(std::string_view text, std::array<std::string_view, 6>& parts) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  parts[5] = text.substr(start);
  return true;
}

// What std::isspace accepts in the C locale, without a call a character (requests are read by
// the million: every one's resource is checked).
bool has_space(std::string_view s) {
  for (char c : s)
    if (c == ' ' || (c >= '\t' && c <= '\r')) return true;
  return false;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_region_shape(std::string_view r) {
  // us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-4...
  if (r.empty()) return false;
  for (char c : r)
    if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '-')) return false;
  return is_digit(r.back()) && r.find('-') != std::string_view::npos;
}

}  // namespace

std::string after_last_colon(std::string_view arn) {
  std::size_t colon = arn.rfind(':');
  return std::string(colon == std::string_view::npos ? arn : arn.substr(colon + 1));
}

std::string Arn::to_string() const {
  return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
}

std::string_view Arn::resource_type() const {
  return ArnView{partition, service, region, account, resource}.resource_type();
}

std::string_view ArnView::resource_type() const {
  std::size_t cut = resource.find_first_of("/:");
  return cut == std::string_view::npos ? resource : resource.substr(0, cut);
}

std::string_view Arn::resource_id() const {
  std::string_view r = resource;
  std::size_t cut = r.find_first_of("/:");
  return cut == std::string_view::npos ? std::string_view{} : r.substr(cut + 1);
}

std::string_view Arn::resource_name() const {
  std::string_view id = resource_id();
  std::size_t slash = id.rfind('/');
  return slash == std::string_view::npos ? id : id.substr(slash + 1);
}

bool is_account_id(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<ArnView> parse_arn_view(std::string_view text) {
  std::array<std::string_view, 6> parts;
  if (!split6(text, parts) || parts[0] != "arn") return std::nullopt;
  return ArnView{parts[1], parts[2], parts[3], parts[4], parts[5]};
}

std::optional<Arn> parse_arn(std::string_view text, std::string* why) {
  auto v = parse_arn_view(text);
  if (!v) {
    if (why) *why = kNotAnArn;
    return std::nullopt;
  }
  return Arn{std::string(v->partition), std::string(v->service), std::string(v->region),
             std::string(v->account), std::string(v->resource)};
}

std::vector<ArnProblem> arn_problems(std::string_view text, bool allow_wildcards) {
  std::vector<ArnProblem> problems;
  using K = ArnProblem::Kind;
  if (has_space(text)) {
    problems.push_back(
        {K::kNeverMatches, "ARN `" + std::string(text) +
                               "` contains white space (a leading or trailing space makes it "
                               "match nothing)"});
  }
  // Views into `text`: a valid ARN is checked without allocating.
  auto arn = parse_arn_view(text);
  if (!arn) {
    problems.push_back(
        {K::kNotAnArn, std::string(kNotAnArn) + ", got `" + std::string(text) + "`"});
    return problems;
  }
  auto wild = [&](std::string_view s) { return allow_wildcards && has_wildcard(s); };
  static constexpr std::array<std::string_view, 5> kPartitions = {"aws", "aws-cn", "aws-us-gov",
                                                                  "aws-iso", "aws-iso-b"};
  bool known_partition = false;
  for (auto p : kPartitions) known_partition |= arn->partition == p;
  if (!known_partition && !wild(arn->partition))
    problems.push_back({K::kNeverMatches, "unknown partition `" + std::string(arn->partition) +
                                              "` (expected `aws`, `aws-cn` or `aws-us-gov`)"});
  if (arn->service.empty())
    problems.push_back(
        {K::kNeverMatches, "the service part of `" + std::string(text) + "` is empty"});
  if (!arn->account.empty() && !is_account_id(arn->account) && !wild(arn->account) &&
      arn->account != "aws") {
    problems.push_back({K::kNeverMatches, "account `" + std::string(arn->account) + "` in `" +
                                              std::string(text) + "` is not 12 digits (it has " +
                                              std::to_string(arn->account.size()) +
                                              " characters)"});
  }
  if (!arn->region.empty() && !is_region_shape(arn->region) && !wild(arn->region))
    problems.push_back({K::kNeverMatches, "region `" + std::string(arn->region) + "` in `" +
                                              std::string(text) +
                                              "` is not a region name such as `us-east-1`"});
  std::string_view svc = arn->service;
  if (svc == "s3") {
    // S3 bucket and object ARNs carry neither region nor account (S3 User Guide: resource types).
    // The S3 resource types that do carry them (Service Authorization Reference, Amazon S3):
    // access points (and Multi-Region Access Points), batch jobs, Storage Lens configurations and
    // groups, Access Grants, asynchronous requests.
    static constexpr std::array<std::string_view, 6> kRegional = {
        "accesspoint/",        "job/",           "storage-lens/",
        "storage-lens-group/", "access-grants/", "async-request/"};
    bool regional = false;
    for (auto prefix : kRegional) regional |= arn->resource.rfind(prefix, 0) == 0;
    if (!regional) {
      // IAM refuses such a resource: "… can not contain region information"
      // (MalformedPolicyDocument).
      if (!arn->region.empty() && !wild(arn->region))
        problems.push_back(
            {K::kRefusedByIam, "`" + std::string(text) +
                                   "` can not contain region information: an S3 bucket or "
                                   "object ARN has an empty region, `arn:aws:s3:::bucket/key`"});
      // An account alone: IAM's refusal is known only for the region; it matches nothing.
      if (!arn->account.empty() && !wild(arn->account))
        problems.push_back({K::kNeverMatches,
                            "an S3 bucket or object ARN has an empty account, "
                            "`arn:aws:s3:::bucket/key`, not `" +
                                std::string(text) + "`"});
    }
    if (arn->resource.empty())
      problems.push_back(
          {K::kNeverMatches, "the S3 ARN `" + std::string(text) + "` names no bucket"});
  } else if (svc == "kms") {
    if (arn->region.empty())
      problems.push_back({K::kNeverMatches, "the KMS ARN `" + std::string(text) +
                                                "` has an empty region; KMS keys are regional: "
                                                "`arn:aws:kms:us-east-1:111122223333:key/…`"});
    if (arn->account.empty())
      problems.push_back(
          {K::kNeverMatches, "the KMS ARN `" + std::string(text) + "` has an empty account"});
    auto type = arn->resource_type();
    if (type != "key" && type != "alias" && !wild(arn->resource))
      problems.push_back({K::kNeverMatches, "a KMS ARN names `key/<id>` or `alias/<name>`, not `" +
                                                std::string(arn->resource) + "`"});
  } else if (svc == "iam") {
    if (!arn->region.empty() && !wild(arn->region))
      problems.push_back({K::kNeverMatches,
                          "IAM ARNs have an empty region: `arn:aws:iam::111122223333:role/name`"});
    if (arn->account.empty() && !wild(arn->account))
      problems.push_back(
          {K::kNeverMatches, "the IAM ARN `" + std::string(text) + "` has an empty account"});
  } else if (svc == "sts") {
    if (arn->account.empty() && !wild(arn->account))
      problems.push_back(
          {K::kNeverMatches, "the STS ARN `" + std::string(text) + "` has an empty account"});
  }
  return problems;
}

std::vector<std::string> validate_arn(std::string_view text, bool allow_wildcards) {
  std::vector<std::string> out;
  for (auto& p : arn_problems(text, allow_wildcards)) out.push_back(std::move(p.message));
  return out;
}

bool arn_like(std::string_view pattern, std::string_view value) {
  std::array<std::string_view, 6> p, v;
  if (!split6(pattern, p) || !split6(value, v)) {
    // Not ARN-shaped: AWS compares the whole strings; a malformed value never matches a
    // well-formed pattern. Fall back to a literal match so `*` alone still matches.
    return pattern == "*" || wildcard_match(pattern, value, CaseMode::kSensitive);
  }
  for (std::size_t i = 0; i < 6; ++i)
    if (!wildcard_match(p[i], v[i], CaseMode::kSensitive)) return false;
  return true;
}

}  // namespace accesspath
