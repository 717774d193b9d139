#include "properties/generators_world_facts.h"

#include "properties/generators_core.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

// One fact of the world: where it goes, and its value (null: leave it out).
struct Fact {
  Pointer where;
  rc::Gen<json> what;
};

rc::Gen<json> maybe(int percent, rc::Gen<json> gen) {
  return rc::gen::mapcat(chance(percent),
                         [gen](bool yes) { return yes ? gen : rc::gen::just(json()); });
}

rc::Gen<json> team_tags() {
  return rc::gen::map(pick(kTeams), [](std::string t) { return json{{"team", t}}; });
}

// An organization with one of its OU paths (always both: a path the file leaves out is a value
// nobody described, which neither evaluator may read as absent).
rc::Gen<json> organization() {
  return rc::gen::mapcat(pick(kOrganizations), [](std::string org) {
    return rc::gen::map(pick(ou_paths_of(org)), [org](std::string path) {
      return json{{"organization", org}, {"ou_path", path}};
    });
  });
}

// The four flags of S3 Block Public Access, each on or off; RestrictPublicBuckets more often,
// as it is the one that changes who may use a bucket.
rc::Gen<json> block_public_access() {
  return rc::gen::apply(
      [](bool restrict, bool policy, bool acls) {
        return json{{"RestrictPublicBuckets", restrict},
                    {"BlockPublicPolicy", policy},
                    {"BlockPublicAcls", acls},
                    {"IgnorePublicAcls", acls}};
      },
      chance(70), chance(50), chance(50));
}

std::vector<Fact> facts_of(const json& doc, const GenSettings& s) {
  std::vector<Fact> out;
  const json& accounts = doc["accounts"];
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    out.push_back(
        {Pointer("/accounts") / a / "org", maybe(s.organization_percent, organization())});
    out.push_back({Pointer("/accounts") / a / "block_public_access",
                   maybe(s.block_public_access_percent, block_public_access())});
  }
  const json& buckets = doc["buckets"];
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    Pointer p = Pointer("/buckets") / b;
    out.push_back(
        {p / "block_public_access", maybe(s.block_public_access_percent, block_public_access())});
    out.push_back({p / "tags", maybe(s.resource_tag_percent, team_tags())});
    out.push_back({p / "abac", maybe(50, rc::gen::just(json(true)))});
    const json objects = buckets[b].value("objects", json::array());
    for (std::size_t o = 0; o < objects.size(); ++o)
      out.push_back({p / "objects" / o / "tags", maybe(s.resource_tag_percent, team_tags())});
  }
  const json keys = doc.value("keys", json::array());
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (keys[k].value("managed", "customer") != "aws")
      out.push_back({Pointer("/keys") / k / "tags", maybe(s.resource_tag_percent, team_tags())});
  return out;
}

}  // namespace

std::vector<std::string> ou_paths_of(const std::string& organization) {
  return {organization + "/r-ab12/ou-ab12-11111111/",
          organization + "/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"};
}

rc::Gen<json> gen_world_facts(json skeleton, const GenSettings& s) {
  std::vector<Fact> facts = facts_of(skeleton, s);
  std::vector<rc::Gen<json>> gens;
  for (const auto& f : facts) gens.push_back(f.what);
  return rc::gen::map(sequence(gens), [doc = std::move(skeleton), facts](std::vector<json> values) {
    json out = doc;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (values[i].is_null()) continue;
      // An organization comes with its path: both go on the account itself.
      if (facts[i].where.back() == "org")
        out[facts[i].where.parent_pointer()].update(values[i]);
      else
        out[facts[i].where] = values[i];
    }
    return out;
  });
}

}  // namespace accesspath::properties
