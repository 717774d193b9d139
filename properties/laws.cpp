#include "properties/laws.h"

#include <algorithm>
#include <random>
#include <stdexcept>

#include "model/services/evaluator.h"
#include "model/world/scenario.h"
#include "properties/reference_evaluator.h"
#include "properties/show.h"
#include "properties/world_to_json.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;

std::string verdict(bool allowed) {
  return allowed ? "allow" : "deny";
}

LawResult broken(const std::string& what, const json& before, const json& after, const Request& r) {
  return {false, false,
          what + "\nbefore:\n" + describe(before, r) + "\nafter (world only):\n" + after.dump(2)};
}

// "x" <-> ["x"] for one JSON value.
void toggle(json& v) {
  if (v.is_string())
    v = json::array({v});
  else if (v.is_array() && v.size() == 1 && v[0].is_string())
    v = v[0];
}

}  // namespace

World load_or_throw(const json& doc) {
  LoadResult r = load_scenario(doc, "generated.json");
  if (!r.scenario) {
    std::string message = "the scenario does not load:";
    for (const auto& d : r.diagnostics.items()) message += "\n  " + d.to_string();
    throw std::runtime_error(message + "\n" + doc.dump(2));
  }
  return r.scenario->world;
}

bool fast_allows(const json& doc, const Request& r) {
  return evaluate(load_or_throw(doc), r, {.explain = false}).allowed;
}

Decider fast_decider() {
  return fast_allows;
}

Decider reference_decider() {
  return [](const json& doc, const Request& r) {
    ReferenceAnswer a = reference_decide(doc, r);
    if (a.verdict == Verdict::kUnsupported)
      throw ReferenceUnsupported("the reference evaluator does not support " + a.unsupported);
    return a.verdict == Verdict::kAllow;
  };
}

std::string describe(const json& doc, const Request& r) {
  return "world:\n" + doc.dump(2) + "\nrequest:\n" + request_to_json(r).dump(2);
}

LawResult adding_deny_never_grants(const Decider& decide, const json& doc, const Request& r,
                                   const PolicySite& site, json statement) {
  if (decide(doc, r)) return {true, true, "the request is allowed before"};
  json after = doc;
  statement["Effect"] = "Deny";
  statements_array(after[site.pointer]).push_back(statement);
  if (decide(after, r))
    return broken("adding the Deny statement " + statement.dump() + " to " +
                      site.pointer.to_string() + " turned a deny into an allow",
                  doc, after, r);
  return {};
}

// Whether S3 Block Public Access's RestrictPublicBuckets is on for the bucket whose policy
// `site` is, at the bucket or at its owner's account.
bool restrict_public_buckets_on(const json& doc, const PolicySite& site) {
  if (site.use != PolicyUse::kBucket) return false;
  auto restricts = [](const json& holder) {
    auto it = holder.find("block_public_access");
    return it != holder.end() && it->is_object() && it->value("RestrictPublicBuckets", false);
  };
  for (const auto& b : doc.value("buckets", json::array()))
    if (b.value("name", "") == site.attached_to) {
      if (restricts(b)) return true;
      for (const auto& a : doc.value("accounts", json::array()))
        if (a.value("id", "") == b.value("account", "") && restricts(a)) return true;
    }
  return false;
}

LawResult removing_allow_never_grants(const Decider& decide, const json& doc, const Request& r,
                                      const PolicySite& site, std::size_t index) {
  // Not a law where RestrictPublicBuckets applies: a public bucket policy is then limited to AWS
  // service principals and the owner's account, and removing its public statement lifts the
  // limit, so another account's grant in the same policy starts to count (S3 User Guide,
  // Blocking public access to your Amazon S3 storage, RestrictPublicBuckets; rule 95).
  if (restrict_public_buckets_on(doc, site))
    return {true, true, "RestrictPublicBuckets: removing a public statement can grant"};
  json after = doc;
  json& statements = statements_array(after[site.pointer]);
  if (index >= statements.size() || statements[index].value("Effect", "") != "Allow")
    return {true, true, "no Allow statement at that index"};
  if (decide(doc, r)) return {true, true, "the request is allowed before"};
  json removed = statements[index];
  statements.erase(index);
  if (decide(after, r))
    return broken("removing the Allow statement " + removed.dump() + " from " +
                      site.pointer.to_string() + " turned a deny into an allow",
                  doc, after, r);
  return {};
}

LawResult statement_order_irrelevant(const Decider& decide, const json& doc, const Request& r,
                                     std::uint64_t seed) {
  std::mt19937_64 random(seed);
  json after = doc;
  for (const auto& site : policy_sites(doc)) {
    json& statements = statements_array(after[site.pointer]);
    std::vector<json> v(statements.begin(), statements.end());
    if (!v.empty() && random() % 2 == 0) {
      // A duplicate, without its Sid: IAM refuses a policy that repeats one (and a Sid never
      // takes part in a decision).
      json copy = v[random() % v.size()];
      if (copy.is_object()) copy.erase("Sid");
      v.push_back(std::move(copy));
    }
    std::shuffle(v.begin(), v.end(), random);
    statements = v;
  }
  bool before = decide(doc, r), now = decide(after, r);
  if (before != now)
    return broken("reordering statements changed " + verdict(before) + " into " + verdict(now), doc,
                  after, r);
  return {};
}

LawResult string_and_singleton_array_equivalent(const Decider& decide, const json& doc,
                                                const Request& r) {
  json after = doc;
  for (const auto& site : policy_sites(doc)) {
    for (auto& st : statements_array(after[site.pointer])) {
      for (const char* key : {"Action", "NotAction", "Resource", "NotResource"})
        if (st.contains(key)) toggle(st[key]);
      for (const char* key : {"Principal", "NotPrincipal"})
        if (st.contains(key) && st[key].is_object())
          for (auto& [type, values] : st[key].items()) toggle(values);
      if (st.contains("Condition") && st["Condition"].is_object())
        for (auto& [op, keys] : st["Condition"].items())
          if (keys.is_object())
            for (auto& [k, values] : keys.items()) toggle(values);
    }
  }
  bool before = decide(doc, r), now = decide(after, r);
  if (before != now)
    return broken("writing strings as one-element arrays (and back) changed " + verdict(before) +
                      " into " + verdict(now),
                  doc, after, r);
  return {};
}

namespace {

// Every policy of `doc` parsed with model's parse_policy and printed back with to_json, in
// `after` (a copy of `doc`); the law broken when one does not parse or changes meaning.
LawResult print_policies_back(const json& doc, json& after) {
  after = doc;
  for (const auto& site : policy_sites(doc)) {
    PolicyKind kind = to_policy_kind(site.use);
    Diagnostics diags, again;
    Policy p = parse_policy(doc[site.pointer], site.pointer.to_string(), kind, diags);
    if (diags.has_errors())
      return {false, false, "the policy at " + site.pointer.to_string() + " does not parse"};
    json printed = to_json(p);
    Policy q = parse_policy(printed, site.pointer.to_string(), kind, again);
    bool same = !again.has_errors() && q.statements.size() == p.statements.size();
    for (std::size_t i = 0; same && i < p.statements.size(); ++i)
      same = p.statements[i].same_meaning(q.statements[i]);
    if (!same)
      return {false, false,
              "printing the policy at " + site.pointer.to_string() + " changed it:\n" +
                  doc[site.pointer].dump(2) + "\nprinted:\n" + printed.dump(2)};
    after[site.pointer] = printed;
  }
  return {};
}

LawResult printing_policies_changed(bool before, bool now, const json& doc, const json& after,
                                    const Request& r) {
  return broken("printing every policy back changed " + verdict(before) + " into " + verdict(now),
                doc, after, r);
}

}  // namespace

LawResult policy_round_trip_preserves_decision(const Decider& decide, const json& doc,
                                               const Request& r) {
  json after;
  if (LawResult printed = print_policies_back(doc, after); !printed) return printed;
  bool before = decide(doc, r), now = decide(after, r);
  if (before != now) return printing_policies_changed(before, now, doc, after, r);
  return {};
}

LawResult policy_round_trip_preserves_decisions(const World& world, const json& doc,
                                                const std::vector<Request>& requests) {
  json after;
  if (LawResult printed = print_policies_back(doc, after); !printed) return printed;
  if (requests.empty()) return {};
  // fast_decider() loads both documents for every decision; loading is deterministic, so each
  // is loaded once here (`world` is `doc` loaded) and decides every request.
  World printed_world = load_or_throw(after);
  for (const Request& r : requests) {
    bool before = evaluate(world, r, {.explain = false}).allowed;
    bool now = evaluate(printed_world, r, {.explain = false}).allowed;
    if (before != now) return printing_policies_changed(before, now, doc, after, r);
  }
  return {};
}

LawResult scenario_json_round_trip_is_identity(const json& doc,
                                               const std::vector<Request>& requests) {
  return scenario_json_round_trip_is_identity(load_or_throw(doc), doc, requests);
}

LawResult scenario_json_round_trip_is_identity(const World& first, const json& doc,
                                               const std::vector<Request>& requests) {
  json printed = world_to_json(first);
  LoadResult again = load_scenario(printed, "printed.json");
  if (!again.scenario) {
    std::string message = "the printed world does not load:";
    for (const auto& d : again.diagnostics.items()) message += "\n  " + d.to_string();
    return {false, false, message + "\n" + printed.dump(2)};
  }
  json reprinted = world_to_json(again.scenario->world);
  if (reprinted != printed)
    return {false, false,
            "printing the reloaded world gives another document:\nfirst:\n" + printed.dump(2) +
                "\nsecond:\n" + reprinted.dump(2)};
  for (const auto& r : requests) {
    bool before = evaluate(first, r, {.explain = false}).allowed;
    bool now = evaluate(again.scenario->world, r, {.explain = false}).allowed;
    if (before != now)
      return {false, false,
              "the reloaded world decides " + verdict(now) + " where the original decides " +
                  verdict(before) + "\n" + describe(doc, r) + "\nprinted:\n" + printed.dump(2)};
  }
  return {};
}

LawResult fast_agrees_with_reference(const json& doc, const Request& r) {
  return fast_agrees_with_reference(load_or_throw(doc), doc, r);
}

LawResult fast_agrees_with_reference(const World& world, const json& doc, const Request& r) {
  ReferenceAnswer ref = reference_decide(doc, r);
  if (ref.verdict == Verdict::kUnsupported)
    return {true, true, "the reference does not support " + ref.unsupported};
  bool fast = evaluate(world, r, {.explain = false}).allowed;
  bool reference = ref.verdict == Verdict::kAllow;
  if (fast != reference)
    return {false, false,
            "the fast evaluator says " + verdict(fast) + ", the reference says " +
                verdict(reference) + "\n" + describe(doc, r)};
  return {};
}

}  // namespace accesspath::properties
