#include "properties/generators_free_conditions.h"

#include <algorithm>

#include "model/condition/condition_ip.h"
#include "model/symbolic/condition_encoding.h"
#include "properties/generators_core.h"
#include "properties/generators_policies.h"
#include "properties/generators_world.h"
#include "properties/vocabulary.h"

namespace accesspath::properties {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

Strings joined(Strings a, const Strings& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

rc::Gen<std::string> maybe_if_exists(std::string op, const GenSettings& s) {
  return rc::gen::map(chance(s.if_exists_percent),
                      [op](bool yes) { return yes ? op + "IfExists" : op; });
}

// A clause {op: {key: values}} as a one-clause block.
json clause(const std::string& op, const std::string& key, json values) {
  return json{{op, {{key, std::move(values)}}}};
}

rc::Gen<json> ip_clause(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::exec([fv, s] {
    std::string op = *maybe_if_exists(*pick<std::string>({"IpAddress", "NotIpAddress"}), s);
    // A set operator on a single-valued key: ForAnyValue is true when the one value matches.
    if (*chance(10)) op = "ForAnyValue:" + op;
    std::string key = *pick_weighted<std::string>({{3, "aws:SourceIp"}, {1, "aws:VpcSourceIp"}});
    return clause(op, key, *one_or_many(pick(joined(fv.v4_ranges, fv.v6_ranges)), 2));
  });
}

rc::Gen<json> text_clause(std::string key, Strings literals, Strings patterns,
                          const GenSettings& s) {
  return rc::gen::exec([key, literals, patterns, s] {
    std::string base = *pick_weighted<std::string>(
        {{3, "StringEquals"}, {3, "StringNotEquals"}, {3, "StringLike"}, {1, "StringNotLike"}});
    std::string op = *maybe_if_exists(base, s);
    if (*chance(10)) op = *pick<std::string>({"ForAnyValue:", "ForAllValues:"}) + op;
    const bool like = base == "StringLike" || base == "StringNotLike";
    return clause(op, key, *one_or_many(pick(like ? joined(patterns, literals) : literals), 2));
  });
}

rc::Gen<json> bool_clause(std::string key, const GenSettings& s) {
  return rc::gen::apply(
      [key](std::string op, bool value) { return clause(op, key, value ? "true" : "false"); },
      maybe_if_exists("Bool", s), chance(50));
}

rc::Gen<json> mfa_age_clause(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::apply(
      [](std::string op, std::string age) { return clause(op, "aws:MultiFactorAuthAge", age); },
      maybe_if_exists("NumericLessThan", s), pick(fv.mfa_ages));
}

rc::Gen<json> time_clause(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::exec([fv, s] {
    std::string op = *maybe_if_exists(*pick<std::string>({"DateGreaterThan", "DateLessThan"}), s);
    return clause(op, "aws:CurrentTime", *pick(fv.times));
  });
}

rc::Gen<json> null_clause() {
  return rc::gen::apply(
      [](std::string key, bool absent) { return clause("Null", key, absent ? "true" : "false"); },
      pick<std::string>({"aws:SourceIp", "aws:SourceVpce", "aws:VpcSourceIp", "aws:Referer",
                         "aws:UserAgent", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent"}),
      chance(50));
}

// Clauses on the tags a PutObject passes: the multivalued s3:RequestObjectTagKeys (set-qualified
// or plain) and the per-key s3:RequestObjectTag/<key>.
rc::Gen<json> object_tag_clause(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::exec([fv, s] {
    if (*chance(50)) {
      std::string op = *pick_weighted<std::string>({{3, "ForAllValues:StringEquals"},
                                                    {3, "ForAnyValue:StringEquals"},
                                                    {2, "ForAnyValue:StringNotEquals"},
                                                    {1, "ForAllValues:StringLike"},
                                                    {1, "StringEquals"},
                                                    {1, "Null"}});
      if (op == "Null")
        return clause(op, "s3:RequestObjectTagKeys", *chance(50) ? "true" : "false");
      return clause(op, "s3:RequestObjectTagKeys", *one_or_many(pick(fv.tag_keys), 2));
    }
    std::string key = "s3:RequestObjectTag/" + *pick(fv.tag_keys);
    return *text_clause(key, fv.tag_values, fv.tag_values, s);
  });
}

rc::Gen<json> gen_free_clause(const FreeVocabulary& fv, const GenSettings& s) {
  return one_of_weighted<json>(
      {{4, ip_clause(fv, s)},
       {2, object_tag_clause(fv, s)},
       {3, text_clause("aws:SourceVpce", fv.vpces, fv.vpce_patterns, s)},
       {2, text_clause("aws:Referer", fv.referers, fv.referers, s)},
       {2, text_clause("aws:UserAgent", fv.user_agents, fv.user_agents, s)},
       {2, bool_clause("aws:SecureTransport", s)},
       {2, bool_clause("aws:MultiFactorAuthPresent", s)},
       {1, mfa_age_clause(fv, s)},
       {2, time_clause(fv, s)},
       {1, null_clause()}});
}

// Adds the clauses of `block` to a statement's Condition (a clause on the same operator and key
// replaces the one there).
void add_clauses(json& statement, const json& block) {
  json& condition = statement["Condition"];
  if (!condition.is_object()) condition = json::object();
  for (const auto& [op, keys] : block.items())
    for (const auto& [key, values] : keys.items()) condition[op][key] = values;
}

// One policy of the world and how to gate it.
struct Site {
  json::json_pointer where;
  PolicyUse use;
  std::string attached_to;
};

std::vector<Site> sites_of(const json& doc) {
  using Pointer = json::json_pointer;
  std::vector<Site> out;
  const json& principals = doc["principals"];
  for (std::size_t i = 0; i < principals.size(); ++i) {
    const json policies = principals[i].value("policies", json::array());
    for (std::size_t j = 0; j < policies.size(); ++j)
      if (policies[j].is_object())  // not a managed policy's ARN
        out.push_back({Pointer("/principals") / i / "policies" / j, PolicyUse::kIdentity, ""});
  }
  const json groups = doc.value("groups", json::array());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const json policies = groups[g].value("policies", json::array());
    for (std::size_t j = 0; j < policies.size(); ++j)
      if (policies[j].is_object())
        out.push_back({Pointer("/groups") / g / "policies" / j, PolicyUse::kIdentity, ""});
  }
  const json& buckets = doc["buckets"];
  for (std::size_t b = 0; b < buckets.size(); ++b)
    if (buckets[b].contains("policy"))
      out.push_back({Pointer("/buckets") / b / "policy", PolicyUse::kBucket,
                     buckets[b]["name"].get<std::string>()});
  const json& keys = doc["keys"];
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (keys[k].contains("policy"))
      out.push_back(
          {Pointer("/keys") / k / "policy", PolicyUse::kKey, keys[k]["arn"].get<std::string>()});
  return out;
}

// The policy at `site`, with some of its statements gated on free keys and up to two gated
// statements added.
rc::Gen<json> gen_gated_policy(json policy, const Vocabulary& v, const Site& site,
                               const FreeVocabulary& fv, const GenSettings& s) {
  GenSettings extra_settings = s;
  extra_settings.deny_percent = 35;  // fences and guards as often as grants
  auto block = gen_free_condition_block(fv, s);
  auto extra = rc::gen::apply(
      [](json statement, json b) {
        add_clauses(statement, b);
        return statement;
      },
      gen_statement(v, site.use, site.attached_to, extra_settings), block);
  const std::size_t n = policy["Statement"].is_array() ? policy["Statement"].size() : 0;
  std::vector<rc::Gen<json>> gates(n,
                                   one_of_weighted<json>({{7, rc::gen::just(json())}, {3, block}}));
  return rc::gen::apply(
      [original = std::move(policy)](std::vector<json> blocks, std::vector<json> extras) {
        json out = original;
        for (std::size_t i = 0; i < blocks.size(); ++i)
          if (!blocks[i].is_null()) add_clauses(out["Statement"][i], blocks[i]);
        if (!out["Statement"].is_array()) out["Statement"] = json::array();
        for (auto& e : extras) out["Statement"].push_back(std::move(e));
        return out;
      },
      sequence(gates), up_to(2, extra));
}

std::string random_hex(std::size_t digits) {
  std::string out;
  for (std::size_t i = 0; i < digits; ++i) out += "0123456789abcdef"[*uniform_index(16)];
  return out;
}

// An address inside `cidr`: its prefix, random host bits.
std::string address_in(const std::string& cidr) {
  std::string why;
  auto range = parse_cidr(cidr, &why);
  if (!range) return "192.0.2.1";
  IpAddr a = range->base;
  const int bits = a.v6 ? 128 : 32;
  for (int i = std::max(range->prefix, 0); i < bits; ++i) {
    const auto mask = static_cast<std::uint8_t>(1u << (7 - i % 8));
    if (*chance(50))
      a.bytes[static_cast<std::size_t>(i / 8)] |= mask;
    else
      a.bytes[static_cast<std::size_t>(i / 8)] &= static_cast<std::uint8_t>(~mask);
  }
  return format_ip(a);
}

std::string random_address(bool v6) {
  IpAddr a;
  a.v6 = v6;
  for (std::size_t i = 0; i < (v6 ? 16u : 4u); ++i)
    a.bytes[i] = static_cast<std::uint8_t>(*uniform_index(256));
  return format_ip(a);
}

std::string gen_address(const FreeVocabulary& fv) {
  switch (*pick_weighted<int>({{3, 0}, {2, 1}, {2, 2}, {1, 3}})) {
    case 0:
      return address_in(*pick(fv.v4_ranges));
    case 1:
      return address_in(*pick(fv.v6_ranges));
    case 2:
      return random_address(false);
    default:
      return random_address(true);
  }
}

// Printable text a pattern (`*`, `?`) matches, or a literal as it is.
std::string instance_of(const std::string& pattern) {
  std::string out;
  for (char c : pattern) {
    if (c == '*')
      out += *pick<std::string>({"", "a", "x/y-1", "bot"});
    else if (c == '?')
      out += *pick<std::string>({"a", "7", "/"});
    else
      out += c;
  }
  return out;
}

std::string random_text() {
  std::string out;
  const std::size_t n = *uniform_index(12);
  for (std::size_t i = 0; i < n; ++i) out += static_cast<char>(' ' + *uniform_index(95));
  return out;
}

bool is_free_key(const std::string& key) {
  static const Strings kFree = {
      "aws:sourceip",           "aws:vpcsourceip",     "aws:sourcevpc",
      "aws:sourcevpce",         "aws:securetransport", "aws:multifactorauthpresent",
      "aws:multifactorauthage", "aws:currenttime",     "aws:epochtime",
      "aws:useragent",          "aws:referer",         "s3:tlsversion",
      "s3:requestobjecttagkeys"};
  std::string lower = key;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kFree.begin(), kFree.end(), lower) != kFree.end() ||
         lower.rfind("s3:requestobjecttag/", 0) == 0;
}

}  // namespace

FreeVocabulary free_vocabulary(std::int64_t now) {
  FreeVocabulary fv;
  fv.now = now;
  fv.v4_ranges = {"203.0.113.0/24", "198.51.100.0/25", "192.0.2.7/32", "10.0.0.0/8", "0.0.0.0/0"};
  fv.v6_ranges = {"2001:db8::/32", "2001:db8:abcd:12::/64"};
  fv.vpces = {"vpce-1a2b3c4d", "vpce-0f0f0f0f", "vpce-77aa88bb"};
  fv.vpce_patterns = {"vpce-1a2b*", "vpce-*", "vpce-0f0f0f0?"};
  fv.referers = {"https://www.example.com/app", "https://www.example.com/*",
                 "https://*.example.org/*", "http://intranet.example/?"};
  fv.user_agents = {"ReportBot/1.0", "aws-cli/*", "Mozilla/5.0 *", "*bot*"};
  for (std::int64_t offset : {-30 * kDay, kHour, kDay, 365 * kDay})
    fv.times.push_back(format_epoch_seconds(now + offset));
  // A fractional second: the request's whole-second instants fall on either side of it.
  std::string fractional = format_epoch_seconds(now + 2 * kDay);
  fv.times.push_back(fractional.insert(fractional.size() - 1, ".5"));
  fv.mfa_ages = {"300", "3600", "86400"};
  fv.tag_keys = {"classification", "owner", "Team"};
  fv.tag_values = {"public", "secret", "data-*"};
  return fv;
}

rc::Gen<json> gen_free_condition_block(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::map(between(1, 2, gen_free_clause(fv, s)), [](const std::vector<json>& clauses) {
    json block = json::object();
    for (const auto& c : clauses)
      for (const auto& [op, keys] : c.items())
        for (const auto& [key, values] : keys.items()) block[op][key] = values;
    return block;
  });
}

rc::Gen<WorldDoc> gen_free_conditions_world(const FreeVocabulary& fv, const GenSettings& s) {
  return rc::gen::mapcat(gen_world_doc(s), [fv, s](WorldDoc w) {
    const Vocabulary v = vocabulary_of(w.doc);
    const std::vector<Site> sites = sites_of(w.doc);
    std::vector<rc::Gen<json>> gens;
    for (const auto& site : sites)
      gens.push_back(gen_gated_policy(w.doc[site.where], v, site, fv, s));
    return rc::gen::map(sequence(gens), [doc = std::move(w.doc), sites](std::vector<json> ps) {
      json out = doc;
      for (std::size_t i = 0; i < sites.size(); ++i) out[sites[i].where] = std::move(ps[i]);
      return WorldDoc{std::move(out)};
    });
  });
}

rc::Gen<ContextKeys> gen_realistic_context(const FreeVocabulary& fv, const Request& r) {
  const bool signed_request = r.principal != "anonymous";
  const bool s3 = r.action.rfind("s3:", 0) == 0;
  const bool put_object = r.action == "s3:PutObject";
  return rc::gen::exec([fv, signed_request, s3, put_object] {
    ContextKeys c;
    // IAM: a request comes over the internet (aws:SourceIp) or through a VPC endpoint
    // (aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp), never both.
    if (*chance(30)) {
      c["aws:SourceVpce"] = {*chance(75) ? *pick(fv.vpces) : "vpce-" + random_hex(8)};
      c["aws:SourceVpc"] = {"vpc-" + random_hex(8)};
      c["aws:VpcSourceIp"] = {gen_address(fv)};
    } else {
      c["aws:SourceIp"] = {gen_address(fv)};
    }
    // MFA keys only on signed requests; the age only with MFA.
    if (signed_request) {
      switch (*pick_weighted<int>({{1, 0}, {1, 1}, {2, 2}})) {
        case 0:
          break;  // long-term credentials: no MFA key
        case 1:
          c["aws:MultiFactorAuthPresent"] = {"false"};
          break;
        default:
          c["aws:MultiFactorAuthPresent"] = {"true"};
          c["aws:MultiFactorAuthAge"] = {
              *chance(50)
                  ? *pick<std::string>({"0", "299", "300", "3599", "3600", "86399", "86400"})
                  : std::to_string(*uniform_index(200000))};
      }
    }
    // At or after the analysis date, in whole seconds, sometimes on a literal's edge.
    const std::int64_t offset =
        *pick<std::int64_t>({0, 1, kHour - 1, kHour, kHour + 1, kDay, kDay + 1, 2 * kDay,
                             2 * kDay + 1, 365 * kDay - 1, 365 * kDay, 365 * kDay + 1, 400 * kDay});
    const std::int64_t t =
        fv.now + offset + (*chance(30) ? static_cast<std::int64_t>(*uniform_index(kDay)) : 0);
    c["aws:CurrentTime"] = {format_epoch_seconds(t)};
    c["aws:EpochTime"] = {std::to_string(t)};
    const bool https = *chance(80);
    c["aws:SecureTransport"] = {https ? "true" : "false"};
    // S3: s3:TlsVersion is present only over HTTPS.
    if (s3 && https) c["s3:TlsVersion"] = {*pick<std::string>({"1.2", "1.3"})};
    auto text = [](const Strings& literals) -> std::optional<std::string> {
      switch (*pick_weighted<int>({{2, 0}, {3, 1}, {1, 2}})) {
        case 0:
          return std::nullopt;
        case 1:
          return instance_of(*pick(literals));
        default:
          return random_text();
      }
    };
    if (auto referer = text(fv.referers)) c["aws:Referer"] = {*referer};
    if (auto agent = text(fv.user_agents)) c["aws:UserAgent"] = {*agent};
    // S3 User Guide, Tagging and access control policies: a PutObject may pass object tags; its
    // tag keys and one value per key.
    if (put_object && *chance(60)) {
      std::vector<std::string> keys;
      for (const auto& k : fv.tag_keys)
        if (*chance(40)) keys.push_back(k);
      if (*chance(20)) keys.push_back("k" + random_hex(2));
      for (const auto& k : keys)
        c["s3:RequestObjectTag/" + k] = {*chance(70) ? instance_of(*pick(fv.tag_values))
                                                     : random_text()};
      if (!keys.empty()) c["s3:RequestObjectTagKeys"] = keys;
    }
    return c;
  });
}

Request without_free_keys(Request r) {
  for (auto it = r.context.begin(); it != r.context.end();)
    it = is_free_key(it->first) ? r.context.erase(it) : std::next(it);
  return r;
}

Request with_context(Request r, const ContextKeys& keys) {
  for (const auto& [k, v] : keys) r.context[k] = v;
  return r;
}

}  // namespace accesspath::properties
