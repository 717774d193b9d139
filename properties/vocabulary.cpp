#include "properties/vocabulary.h"

#include <algorithm>

namespace accesspath::properties {
namespace {

using nlohmann::json;

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string field(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The n-th colon-separated part of an ARN ("" when there are fewer parts).
std::string arn_part(const std::string& arn, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t colon = arn.find(':', start);
    if (colon == std::string::npos) return "";
    start = colon + 1;
  }
  std::size_t end = n == 5 ? std::string::npos : arn.find(':', start);
  return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string account_of(const std::string& arn) {
  return arn_part(arn, 4);
}
std::string region_of(const std::string& arn) {
  return arn_part(arn, 3);
}

std::string last_segment(const std::string& arn) {
  std::size_t cut = arn.find_last_of("/:");
  return cut == std::string::npos ? arn : arn.substr(cut + 1);
}

std::string session_arn(const std::string& role_arn, const std::string& session) {
  return "arn:aws:sts::" + account_of(role_arn) + ":assumed-role/" + last_segment(role_arn) + "/" +
         session;
}

std::string root_arn(const std::string& account) {
  return "arn:aws:iam::" + account + ":root";
}

Vocabulary vocabulary_of(const json& doc) {
  Vocabulary v;
  for (const auto& a : doc.value("accounts", json::array())) add_unique(v.accounts, field(a, "id"));
  for (const auto& p : doc.value("principals", json::array())) {
    std::string arn = field(p, "arn");
    if (arn.find(":user/") != std::string::npos) add_unique(v.users, arn);
    if (arn.find(":role/") != std::string::npos) add_unique(v.roles, arn);
  }
  add_unique(v.regions, "us-east-1");
  for (const auto& b : doc.value("buckets", json::array())) {
    std::string name = field(b, "name");
    add_unique(v.buckets, name);
    add_unique(v.regions, field(b, "region"));
    for (const auto& o : b.value("objects", json::array()))
      add_unique(v.objects, "arn:aws:s3:::" + name + "/" + field(o, "key"));
  }
  for (const auto& k : doc.value("keys", json::array())) {
    std::string arn = field(k, "arn");
    add_unique(v.keys, arn);
    if (field(k, "managed") != "aws") add_unique(v.customer_keys, arn);
    add_unique(v.regions, region_of(arn));
    for (const auto& alias : k.value("aliases", json::array()))
      if (alias.is_string())
        add_unique(v.key_aliases, "arn:aws:kms:" + region_of(arn) + ":" + account_of(arn) + ":" +
                                      alias.get<std::string>());
  }
  const json managed = doc.value("managed_policies", json::object());
  for (const auto& [arn, policy] : managed.items()) add_unique(v.managed_policies, arn);
  return v;
}

}  // namespace accesspath::properties
