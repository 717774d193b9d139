#include "model/core/strings.h"
#include "model/world/loader.h"

namespace accesspath::loading {

std::string kind_of(const json& j) {
  return json_kind_of(j);
}

// AWS Organizations API Reference, Organization Id: "o-" followed by 10 to 32 lowercase letters
// or digits.
bool is_lower_alnum(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

bool valid_org_id(std::string_view id) {
  return id.size() >= 12 && id.size() <= 34 && id.substr(0, 2) == "o-" &&
         is_lower_alnum(id.substr(2));
}

// One entity of an OU path: a root `r-` + 4 to 32, or an OU `ou-` + 4 to 32 + `-` + 8 to 32
// lowercase letters or digits (AWS Organizations API Reference, Parent Id).
bool valid_root_id(std::string_view id) {
  return id.size() >= 6 && id.size() <= 34 && id.substr(0, 2) == "r-" &&
         is_lower_alnum(id.substr(2));
}

bool valid_ou_id(std::string_view id) {
  if (id.substr(0, 3) != "ou-") return false;
  std::string_view rest = id.substr(3);
  std::size_t dash = rest.find('-');
  if (dash == std::string_view::npos) return false;
  std::string_view root = rest.substr(0, dash), ou = rest.substr(dash + 1);
  return root.size() >= 4 && root.size() <= 32 && ou.size() >= 8 && ou.size() <= 32 &&
         is_lower_alnum(root) && is_lower_alnum(ou);
}

// Why `path` is not the OU path of an account of `org` (IAM: AWS global condition context keys,
// aws:PrincipalOrgPaths: `o-…/r-…/ou-…/`, the organization, its root and each OU down to the
// account's, each followed by `/`), or "" when it is.
std::string ou_path_problem(std::string_view path, std::string_view org) {
  if (path.empty() || path.back() != '/') return "an OU path ends with `/` (`o-…/r-…/ou-…/`)";
  std::vector<std::string_view> parts;
  std::string_view rest = path.substr(0, path.size() - 1);
  while (true) {
    std::size_t slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  if (parts.size() < 2 || parts[0] != org)
    return "an OU path starts with the account's organization and its root (`" + std::string(org) +
           "/r-…/`)";
  if (!valid_root_id(parts[1]))
    return "`" + std::string(parts[1]) +
           "` is not a root id (`r-` and 4 to 32 lowercase letters or digits)";
  for (std::size_t i = 2; i < parts.size(); ++i)
    if (!valid_ou_id(parts[i]))
      return "`" + std::string(parts[i]) +
             "` is not an OU id (`ou-`, 4 to 32 lowercase letters or digits, `-`, 8 to 32 more)";
  return "";
}

// Number of Unicode characters of UTF-8 text (continuation bytes do not count).
std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Why a tag key or value is one AWS refuses, or "": keys 1 to 128 Unicode characters, values 0 to
// 256, letters, digits, spaces and `_ . : / = + - @` only, and no `aws:` prefix on keys (AWS
// General Reference, Tagging AWS resources: tag naming limits and requirements; S3 User Guide,
// Categorizing your storage using tags; KMS API Reference, Tag). Any non-ASCII character is read
// as a letter: telling Unicode letters from symbols is beyond this check.
std::string tag_problem(std::string_view text, bool is_key) {
  std::size_t n = utf8_length(text);
  if (is_key && n == 0) return "a tag key cannot be empty";
  if (is_key && n > 128)
    return "a tag key has at most 128 characters, this one has " + std::to_string(n);
  if (!is_key && n > 256)
    return "a tag value has at most 256 characters, this one has " + std::to_string(n);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == ' ' ||
        std::string_view("_.:/=+-@").find(c) != std::string_view::npos)
      continue;
    return std::string(is_key ? "tag key" : "tag value") + " `" + std::string(text) +
           "` has the character `" + std::string(1, c) +
           "`; tags allow letters, digits, spaces and `_ . : / = + - @` only";
  }
  if (is_key && text.size() >= 4 && iequals(text.substr(0, 4), "aws:"))
    return "tag key `" + std::string(text) + "` starts with `aws:`, which AWS reserves for itself";
  return "";
}

// Loads one scenario. Every helper appends diagnostics and carries on, so a
// user sees all problems of a file at once.

}  // namespace accesspath::loading
