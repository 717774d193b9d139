// Each dimension the generators draw for the differential test
// (properties_differential_test.cpp) is really drawn, in a fair share of the
// worlds and requests, and decided by the reference evaluator (not answered
// "unsupported"): operator families, set operators, policy variables, world
// facts (organizations, Block Public Access, tags) and request keys. A
// generator change that stops drawing one fails here instead of silently
// narrowing the differential coverage.
#include <gtest/gtest.h>

#ifdef ACCESSPATH_HAVE_PROPERTIES

#include <functional>
#include <map>
#include <set>
#include <string>

#include "properties/properties.h"
#include "properties/reference_public_access.h"
#include "properties/reference_world.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

constexpr std::size_t kWorlds = 300;
constexpr std::size_t kRequestsPerWorld = 5;

// Calls `f(op)` for every condition operator of every Condition element, and `r(resource)` for
// every Resource string, anywhere in `j`.
void walk(const json& j, const std::function<void(const std::string&, const json&)>& f,
          const std::function<void(const std::string&)>& r) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "Condition" && v.is_object())
        for (const auto& [op, keys] : v.items()) f(op, keys);
      if (k == "Resource")
        for (const auto& s : v.is_array() ? v : json::array({v}))
          if (s.is_string()) r(s.get<std::string>());
      walk(v, f, r);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) walk(v, f, r);
  }
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The dimensions one world draws.
std::set<std::string> world_dimensions(const json& doc) {
  std::set<std::string> out;
  walk(
      doc,
      [&](const std::string& op, const json& keys) {
        if (op.rfind("Numeric", 0) == 0 || has(op, ":Numeric")) out.insert("Numeric");
        if (op.rfind("Date", 0) == 0) out.insert("Date");
        if (has(op, "IpAddress")) out.insert("IpAddress");
        if (has(op, "BinaryEquals")) out.insert("BinaryEquals");
        if (has(op, "IgnoreCase")) out.insert("StringEqualsIgnoreCase");
        if (has(op, "IfExists")) out.insert("IfExists");
        if (op == "Null") out.insert("Null");
        for (const auto& [key, values] : keys.items()) {
          const std::string k = reference::lower(key);
          if (op.rfind("ForAnyValue:", 0) == 0 || op.rfind("ForAllValues:", 0) == 0)
            out.insert(k == "aws:tagkeys" || has(k, "orgpaths") ? "set operator, multivalued key"
                                                                : "set operator, single key");
          if (has(values.dump(), "${")) out.insert("variable in a condition");
          if (has(values.dump(), "${aws:username, '") || has(values.dump(), ", 'data'}"))
            out.insert("variable default");
          if (has(values.dump(), "${*}") || has(values.dump(), "${?}") ||
              has(values.dump(), "${$}"))
            out.insert("variable special character");
          if (k == "aws:principalorgid" || k == "aws:resourceorgid")
            out.insert("organization id key");
          if (k == "aws:resourcetag/team") out.insert("aws:ResourceTag");
          if (k == "s3:existingobjecttag/team") out.insert("s3:ExistingObjectTag");
        }
      },
      [&](const std::string& resource) {
        if (has(resource, "${")) out.insert("variable in a Resource");
      });
  for (const auto& a : doc["accounts"]) {
    if (a.contains("organization") && a.contains("ou_path")) out.insert("account organization");
    if (a.contains("block_public_access")) out.insert("account Block Public Access");
    if (a.contains("scps")) out.insert("SCP");
    if (a.contains("rcps")) out.insert("RCP");
  }
  for (const auto& b : doc["buckets"]) {
    if (b.contains("block_public_access")) out.insert("bucket Block Public Access");
    if (b.contains("tags") && b.value("abac", false)) out.insert("bucket tags with ABAC");
    for (const auto& o : b.value("objects", json::array()))
      if (o.contains("tags")) out.insert("object tags");
    if (reference::restricts_public_policy(doc, b)) out.insert("RestrictPublicBuckets in force");
  }
  for (const auto& k : doc.value("keys", json::array()))
    if (k.contains("tags")) out.insert("key tags");
  for (const auto& p : doc["principals"])
    if (p.contains("tags") && p["tags"].contains("badge")) out.insert("principal badge tag");
  return out;
}

std::set<std::string> request_dimensions(const Request& r) {
  std::set<std::string> out;
  if (auto it = r.context.find("aws:TagKeys"); it != r.context.end() && it->second.size() > 1)
    out.insert("multivalued request key");
  if (auto it = r.context.find("aws:SourceIp"); it != r.context.end())
    out.insert(has(it->second.front(), ":") ? "IPv6 source" : "IPv4 source");
  if (r.context.count("aws:MultiFactorAuthAge")) out.insert("MFA age");
  return out;
}

json without_block_public_access(json doc) {
  for (const char* scope : {"accounts", "buckets"})
    for (auto& item : doc[scope]) item.erase("block_public_access");
  return doc;
}

// Block Public Access is not only drawn but changes decisions: some requests that the reference
// allows without it are denied with it (RestrictPublicBuckets over a public bucket policy), and
// the fast evaluator gives the same answer with and without it.
TEST(PropertiesCoverage, BlockPublicAccessDecidesSomeRequests) {
  std::size_t flipped = 0, restricted_requests = 0;
  for (std::size_t i = 0; i < kWorlds; ++i) {
    rc::Random random(static_cast<std::uint64_t>(0xB0A + i));
    json doc = gen_world_doc()(random.split(), rc::kNominalSize).value().doc;
    if (!world_dimensions(doc).count("RestrictPublicBuckets in force")) continue;
    const json open = without_block_public_access(doc);
    rc::Gen<Request> gen = gen_request(doc);
    for (std::size_t k = 0; k < 4 * kRequestsPerWorld; ++k) {
      Request r = gen(random.split(), rc::kNominalSize).value();
      ++restricted_requests;
      const bool with = reference_allows(doc, r), without = reference_allows(open, r);
      EXPECT_FALSE(with && !without) << "Block Public Access granted something";
      if (with != without) {
        ++flipped;
        EXPECT_EQ(fast_allows(doc, r), with) << describe(doc, r);
        EXPECT_EQ(fast_allows(open, r), without) << describe(open, r);
      }
    }
  }
  std::cout << flipped << " of " << restricted_requests
            << " requests in restricted worlds are decided by Block Public Access\n";
  EXPECT_GE(flipped * 100, restricted_requests) << "Block Public Access never decides";
}

TEST(PropertiesCoverage, TheGeneratorsDrawEveryDimensionAndTheReferenceDecidesIt) {
  std::map<std::string, std::size_t> worlds_with, decided_in;
  std::size_t requests = 0, decided = 0;
  for (std::size_t i = 0; i < kWorlds; ++i) {
    rc::Random random(static_cast<std::uint64_t>(0xC0FE + i));
    json doc = gen_world_doc()(random.split(), rc::kNominalSize).value().doc;
    const std::set<std::string> dims = world_dimensions(doc);
    for (const auto& d : dims) ++worlds_with[d];
    rc::Gen<Request> gen = gen_request(doc);
    for (std::size_t k = 0; k < kRequestsPerWorld; ++k) {
      Request r = gen(random.split(), rc::kNominalSize).value();
      ++requests;
      if (reference_decide(doc, r).verdict == Verdict::kUnsupported) continue;
      ++decided;
      std::set<std::string> all = dims;
      all.merge(request_dimensions(r));
      for (const auto& d : all) ++decided_in[d];
    }
  }
  // Each dimension in at least 3% of the worlds (or 3% of the requests, for request keys), with
  // the reference deciding requests there. The shares drawn now are printed below.
  const std::vector<std::string> world_dims = {"Numeric",
                                               "Date",
                                               "IpAddress",
                                               "BinaryEquals",
                                               "StringEqualsIgnoreCase",
                                               "IfExists",
                                               "Null",
                                               "set operator, multivalued key",
                                               "set operator, single key",
                                               "variable in a condition",
                                               "variable default",
                                               "variable special character",
                                               "variable in a Resource",
                                               "organization id key",
                                               "aws:ResourceTag",
                                               "s3:ExistingObjectTag",
                                               "account organization",
                                               "account Block Public Access",
                                               "bucket Block Public Access",
                                               "RestrictPublicBuckets in force",
                                               "bucket tags with ABAC",
                                               "object tags",
                                               "key tags",
                                               "principal badge tag",
                                               "SCP",
                                               "RCP"};
  for (const auto& d : world_dims) {
    std::cout << d << ": " << worlds_with[d] << " of " << kWorlds << " worlds, " << decided_in[d]
              << " decided requests\n";
    EXPECT_GE(worlds_with[d] * 100, kWorlds * 3) << d << " is rarely drawn";
    EXPECT_GE(decided_in[d] * 100, requests * 3) << d << " is rarely decided by the reference";
  }
  for (const auto& d : {"multivalued request key", "IPv6 source", "IPv4 source", "MFA age"}) {
    std::cout << d << ": " << decided_in[d] << " decided requests\n";
    EXPECT_GE(decided_in[d] * 100, requests * 3) << d << " is rarely drawn";
  }
  // The reference decides almost everything the generators draw.
  EXPECT_GE(decided * 100, requests * 90) << decided << " of " << requests << " decided";
}

}  // namespace
}  // namespace accesspath::properties

#else
TEST(PropertiesCoverage, NeedsThePropertiesLibrary) {
  GTEST_SKIP() << "built without accesspath_properties";
}
#endif
