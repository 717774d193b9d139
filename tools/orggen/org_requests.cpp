#include "tools/orggen/org_requests.h"

#include <random>
#include <string>
#include <vector>

namespace accesspath::orggen {
namespace {

using nlohmann::json;

struct Pools {
  std::vector<std::string> principals, roles, objects, buckets, keys;
  std::vector<std::string> object_keys;  // the KMS key of an SSE-KMS write to that object's bucket
};

Pools pools_of(const json& org) {
  Pools p;
  for (const auto& pr : org.at("principals")) {
    std::string arn = pr.at("arn");
    p.principals.push_back(arn);
    if (arn.find(":role/") != std::string::npos) p.roles.push_back(arn);
  }
  for (const auto& k : org.at("keys")) p.keys.push_back(k.at("arn"));
  for (const auto& b : org.at("buckets")) {
    std::string name = b.at("name");
    p.buckets.push_back("arn:aws:s3:::" + name);
    std::string key;
    if (b.contains("default_encryption") && b["default_encryption"].contains("kms_key"))
      key = b["default_encryption"]["kms_key"];
    for (const auto& o : b.value("objects", json::array())) {
      p.objects.push_back("arn:aws:s3:::" + name + "/" + o.at("key").get<std::string>());
      p.object_keys.push_back(key);
    }
  }
  return p;
}

}  // namespace

void write_requests(const json& org, std::size_t count, std::uint64_t seed, std::ostream& out) {
  Pools p = pools_of(org);
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  std::uniform_int_distribution<int> kind(0, 99);
  for (std::size_t i = 0; i < count; ++i) {
    json r = {{"principal", pick(p.principals)}};
    int k = kind(rng);
    if (k < 55 && !p.objects.empty()) {  // object reads
      r["action"] = "s3:GetObject";
      r["resource"] = pick(p.objects);
    } else if (k < 75 &&
               !p.objects.empty()) {  // writes, SSE-KMS with the bucket's key when it has one
      std::size_t o = std::uniform_int_distribution<std::size_t>(0, p.objects.size() - 1)(rng);
      r["action"] = "s3:PutObject";
      r["resource"] = p.objects[o] + ".new";
      if (!p.object_keys[o].empty())
        r["headers"] = {{"x-amz-server-side-encryption", "aws:kms"},
                        {"x-amz-server-side-encryption-aws-kms-key-id", p.object_keys[o]}};
    } else if (k < 85) {
      r["action"] = "s3:ListBucket";
      r["resource"] = pick(p.buckets);
    } else if (k < 95 && !p.keys.empty()) {
      r["action"] = "kms:Decrypt";
      r["resource"] = pick(p.keys);
    } else {
      r["action"] = "sts:AssumeRole";
      r["resource"] = pick(p.roles);
    }
    out << r.dump() << '\n';
  }
}

}  // namespace accesspath::orggen
