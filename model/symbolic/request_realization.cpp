#include "model/symbolic/request_realization.h"

#include <array>

#include "model/condition/condition_date.h"
#include "model/condition/free_keys.h"
#include "model/core/strings.h"

namespace accesspath::search {
namespace {

// Request values the search fills in when no condition read the key: a realistic request over
// the internet from a documentation address (RFC 5737), HTTPS with TLS 1.2, at the analysis date.
constexpr std::string_view kDefaultSourceIp = "192.0.2.1";
constexpr std::string_view kDefaultVpce = "vpce-0a1b2c3d";
constexpr std::string_view kDefaultVpc = "vpc-0a1b2c3d";
constexpr std::string_view kDefaultVpcSourceIp = "10.0.0.1";

constexpr std::array<std::string_view, 4> kNetworkKeys = {"aws:sourceip", "aws:vpcsourceip",
                                                          "aws:sourcevpc", "aws:sourcevpce"};

void erase_context(Request& r, std::string_view key) {
  for (auto it = r.context.begin(); it != r.context.end();)
    it = iequals(it->first, key) ? r.context.erase(it) : std::next(it);
}

void erase_header(Request& r, std::string_view name) {
  for (auto it = r.headers.begin(); it != r.headers.end();)
    it = iequals(it->first, name) ? r.headers.erase(it) : std::next(it);
}

bool mentioned(const Request& base, std::string_view key) {
  if (is_header_key(key)) {
    for (const auto& [k, v] : base.headers)
      if (iequals("s3:" + k, key)) return true;
    return false;
  }
  return context_value(base, key) != nullptr;
}

// A request's tags (or encryption context) give both the per-key values and the list of keys:
// what one of them says that the other does not is added, as AWS would fill it (link_member in
// condition_encoding.cpp ties the two where the solver chose both). A listed key without a value
// gets the empty value (tags may have one).
void complete_members(Request& r) {
  for (const FreeKey& k : free_key_table()) {
    if (!k.prefix || k.members_of.empty()) continue;
    std::vector<std::string> listed;
    if (const auto* v = context_value(r, k.members_of)) listed = *v;
    std::set<std::string> listed_lower;
    for (const auto& m : listed) listed_lower.insert(to_lower(m));
    std::set<std::string> valued;
    bool added = false;
    for (const auto& [key, values] : r.context) {
      const std::string lower = to_lower(key);
      if (lower.size() <= k.key.size() || lower.rfind(k.key, 0) != 0 || values.empty()) continue;
      std::string member = lower.substr(k.key.size());
      valued.insert(member);
      if (listed_lower.insert(member).second) {
        listed.push_back(member);
        added = true;
      }
    }
    for (const auto& m : listed)
      if (!valued.count(to_lower(m))) r.context[std::string(k.key) + to_lower(m)] = {""};
    if (added) {
      erase_context(r, k.members_of);
      r.context[std::string(k.members_of)] = listed;
    }
  }
}

}  // namespace

bool is_header_key(std::string_view key_lower) {
  return key_lower.rfind("s3:x-amz-", 0) == 0;
}

const std::vector<std::string>* context_value(const Request& r, std::string_view key) {
  for (const auto& [k, v] : r.context)
    if (iequals(k, key)) return &v;
  return nullptr;
}

Request realize(const Request& base, const std::map<std::string, ChosenValue>& chosen,
                const std::set<std::string, std::less<>>& pinned, RequestService service,
                std::int64_t now) {
  Request r = base;
  for (const auto& [key, v] : chosen) {
    if (pinned.count(key)) continue;  // the request's own value stays
    if (is_header_key(key)) {
      std::string header = key.substr(3);
      erase_header(r, header);
      if (v.present) r.headers[header] = v.value;
      continue;
    }
    erase_context(r, key);
    if (v.present && is_multivalued_free_key(key)) {
      r.context[key] = v.values;
    } else if (v.present) {
      r.context[key] = {v.value};
    }
  }
  complete_members(r);
  auto known = [&](std::string_view key) {
    return chosen.count(std::string(key)) || pinned.count(key) || mentioned(base, key);
  };
  if (!known("aws:currenttime") && !known("aws:epochtime")) {
    r.context["aws:currenttime"] = {format_epoch_seconds(now)};
    r.context["aws:epochtime"] = {std::to_string(now)};
  }
  bool any_network = false, via = false;
  for (auto k : kNetworkKeys) {
    if (!known(k)) continue;
    any_network = true;
    const std::vector<std::string>* v = context_value(r, k);
    if (k == "aws:sourceip" ? v == nullptr : v != nullptr) via = true;
  }
  if (!any_network) {
    r.context["aws:sourceip"] = {std::string(kDefaultSourceIp)};
  } else if (via) {
    if (!known("aws:sourcevpce")) r.context["aws:sourcevpce"] = {std::string(kDefaultVpce)};
    if (!known("aws:sourcevpc")) r.context["aws:sourcevpc"] = {std::string(kDefaultVpc)};
    if (!known("aws:vpcsourceip"))
      r.context["aws:vpcsourceip"] = {std::string(kDefaultVpcSourceIp)};
  } else if (!known("aws:sourceip")) {
    r.context["aws:sourceip"] = {std::string(kDefaultSourceIp)};
  }
  if (service == RequestService::kS3 && !known("s3:tlsversion")) {
    const std::vector<std::string>* secure = context_value(r, "aws:securetransport");
    if (!secure || secure->empty() || !iequals(secure->front(), "false"))
      r.context["s3:tlsversion"] = {"1.2"};
  }
  return r;
}

std::map<std::string, ChosenValue> carried(const Request& r) {
  std::map<std::string, ChosenValue> out;
  for (const auto& [k, v] : r.context) {
    if (v.empty()) continue;
    const std::string key = to_lower(k);
    if (is_multivalued_free_key(key))
      out[key] = {true, "", v};
    else
      out[key] = {true, v.front(), {}};
  }
  for (const auto& [k, v] : r.headers) out["s3:" + to_lower(k)] = {true, v, {}};
  // What the services fill when the request does not say (fill_base_context, S3).
  out.try_emplace("aws:securetransport", ChosenValue{true, "true", {}});
  out.try_emplace("s3:signatureversion", ChosenValue{true, "AWS4-HMAC-SHA256", {}});
  out.try_emplace("s3:authtype", ChosenValue{true, "REST-HEADER", {}});
  return out;
}

}  // namespace accesspath::search
