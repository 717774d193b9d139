#include "tools/report/diff_report.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <sstream>

#include "model/analysis/invariant_targets.h"
#include "tools/report/counterexample_text.h"

namespace accesspath {
namespace {

// FNV-1a, 64 bits: the same on every machine and compiler (std::hash is not).
std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 14695981039346656037ull) {
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::string last_part(std::string_view arn) {
  std::size_t at = arn.find_last_of(":/");
  return std::string(at == std::string_view::npos ? arn : arn.substr(at + 1));
}

// "role ci-deployer", "user alice", "anyone (unsigned requests)", "any principal of account 9…".
std::string principal_words(std::string_view p) {
  if (p == "anonymous") return "anyone (unsigned requests)";
  if (p.starts_with("federated:"))
    return "any identity of the provider `" + std::string(p.substr(10)) + "`";
  constexpr std::string_view kIam = "arn:aws:iam::";
  if (!p.starts_with(kIam)) return "`" + std::string(p) + "`";
  std::string_view rest = p.substr(kIam.size());
  std::string account(rest.substr(0, rest.find(':')));
  std::string_view name = rest.substr(rest.find(':') + 1);
  if (name.ends_with(std::string("/") + "accesspath-undeclared"))
    return "any principal of account " + account + " the world does not declare";
  std::size_t slash = name.find('/');
  return std::string(name.substr(0, slash)) + " " + last_part(name);
}

std::string verb(const std::string& action) {
  static const std::map<std::string, std::string> kVerbs = {
      {"s3:GetObject", "read"},
      {"s3:PutObject", "write"},
      {"kms:Decrypt", "decrypt with"},
      {"kms:Encrypt", "encrypt with"},
      {"kms:GenerateDataKey", "generate data keys with"},
      {"sts:AssumeRole", "assume"}};
  auto it = kVerbs.find(action);
  return it != kVerbs.end() ? it->second : "`" + action + "` on";
}

// What a group of accesses is on: "3 objects of payroll-data", "new objects of payroll-data",
// "key 1234abcd-…", "role release-manager".
std::string object_words(const std::vector<const AccessChange*>& group) {
  const std::string& r = group.front()->resource;
  constexpr std::string_view kS3 = "arn:aws:s3:::";
  if (r.starts_with(kS3) && r.find('/') != std::string::npos) {
    std::string bucket = r.substr(kS3.size(), r.find('/') - kS3.size());
    std::size_t declared = 0;
    for (const auto* c : group)
      if (c->resource.find(invariant_targets::kNewObjectTag) == std::string::npos) ++declared;
    std::string out;
    if (declared > 0)
      out = std::to_string(declared) + (declared == 1 ? " object" : " objects") + " of " + bucket;
    if (declared < group.size()) out += std::string(out.empty() ? "" : " and ") + "new objects";
    if (declared == 0) out += " of " + bucket;
    return out;
  }
  std::string kind = r.starts_with("arn:aws:kms:") ? "key" : r.starts_with(kS3) ? "bucket" : "";
  if (r.starts_with("arn:aws:iam::")) {
    std::string_view name = std::string_view(r).substr(r.find(':', 13) + 1);
    kind = std::string(name.substr(0, name.find('/')));
  }
  return (kind.empty() ? "`" + r + "`" : kind + " " + last_part(r)) +
         (group.size() > 1 ? " (and " + std::to_string(group.size() - 1) + " more)" : "");
}

// The roles the path goes through before the access: "through role a, role b".
std::string via_words(const Counterexample& path) {
  std::string out;
  for (const auto& s : path.steps)
    if (s.kind == PathStep::Kind::kAssumeRole)
      out += (out.empty() ? " through " : ", ") + principal_words(s.target);
  return out;
}

std::string context_words(const Counterexample& path) {
  std::vector<ContextNeed> needs;
  for (const auto& s : path.steps)
    for (const auto& n : s.context)
      if (std::find(needs.begin(), needs.end(), n) == needs.end()) needs.push_back(n);
  return needs.empty() ? ", from any address" : ", when " + describe_needs(needs);
}

std::string group_line(const std::vector<const AccessChange*>& group, bool added) {
  const AccessChange& c = *group.front();
  return principal_words(c.principal) + (added ? " can now " : " can no longer ") + verb(c.action) +
         " " + object_words(group) + via_words(c.path) + context_words(c.path);
}

// Changes grouped by what a person reads as one finding: who, what, where, how, when.
std::vector<std::vector<const AccessChange*>> grouped(const std::vector<const AccessChange*>& all) {
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<const AccessChange*>> out;
  for (const auto* c : all) {
    std::string bucket = c->resource.substr(0, c->resource.find('/'));
    std::string key = c->principal + "\n" + c->action + "\n" + bucket + "\n" + via_words(c->path) +
                      "\n" + context_words(c->path) + (c->via_escalation ? "\nescalation" : "");
    if (c->resource.find('/') == std::string::npos ||
        !c->resource.starts_with("arn:aws:s3:::"))  // one group per key, role, bucket
      key += "\n" + c->resource;
    auto [it, fresh] = index.try_emplace(key, out.size());
    if (fresh) out.emplace_back();
    out[it->second].push_back(c);
  }
  return out;
}

nlohmann::json statements_json(const std::vector<StatementRef>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : list)
    out.push_back({{"policy", s.policy}, {"sid", s.sid}, {"pointer", s.pointer}});
  return out;
}

nlohmann::json change_json(const AccessChange& c, const char* changed_key, const char* other) {
  nlohmann::json j = {{"principal", c.principal},
                      {"action", c.action},
                      {"resource", c.resource},
                      {"path", counterexample_to_json(c.path)},
                      {"fingerprint", access_fingerprint(c)},
                      {changed_key, statements_json(c.changed)}};
  if (c.via_escalation) j["via"] = "escalation";  // the path starts with the changes made
  j[other] = {
      {"refused", c.other_side.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.other_side)},
      {"denied_by", statements_json(c.other_side_denies)}};
  return j;
}

}  // namespace

std::string access_fingerprint(const AccessChange& c) {
  std::uint64_t h = fnv1a(c.principal + "\n" + c.action + "\n" + c.resource);
  for (const auto& s : c.path.steps)
    h = fnv1a(
        "\n" + std::string(to_string(s.kind)) + "|" + s.actor + "|" + s.action + "|" + s.target, h);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

bool counts(const DiffReport& r, std::size_t i) {
  return i >= r.accepted.size() || !r.accepted[i] || r.accepted[i]->expired;
}

std::string diff_to_text(const DiffReport& r) {
  std::ostringstream out;
  const AccessDiff& d = r.diff;
  auto section = [&](const std::vector<AccessChange>& list, bool added) {
    std::vector<const AccessChange*> all;
    for (const auto& c : list) all.push_back(&c);
    for (const auto& group : grouped(all)) {
      out << (added ? "+ " : "- ") << group_line(group, added) << "\n";
      for (const auto* c : group) {
        std::size_t index = static_cast<std::size_t>(c - list.data());
        out << "    " << c->resource;
        if (added && index < r.accepted.size() && r.accepted[index])
          out << (r.accepted[index]->expired ? "  [acceptance expired " : "  [accepted")
              << (r.accepted[index]->expired ? r.accepted[index]->expires + "]"
                                             : ": " + r.accepted[index]->justification + "]");
        out << "  (" << access_fingerprint(*c) << ")\n";
      }
      const AccessChange& c = *group.front();
      if (c.via_escalation)
        out << "    through escalation: after the changes it can make"
            << (added ? " in NEW" : " in BASE") << " (the first steps)\n";
      out << counterexample_to_text(c.path, "    ");
      if (!c.changed.empty()) {
        out << "    " << (added ? "made by NEW's statements: " : "BASE's statements gone: ")
            << statement_text_list(c.changed) << "\n";
      }
      if (!c.other_side.empty())
        out << "    " << (added ? "in BASE: " : "in NEW: ") << c.other_side << "\n";
      out << "\n";
    }
  };
  section(d.added, true);
  section(d.removed, false);
  for (const auto& u : d.undecided)
    out << "? undecided: `" << u.principal << "` `" << u.action << "` `" << u.resource
        << "`: " << u.reason << "\n";
  for (const auto& w : d.warnings) out << "warning: " << w << "\n";
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < d.added.size(); ++i) accepted += counts(r, i) ? 0u : 1u;
  out << r.base << " -> " << r.next << ": " << d.added.size() << " added";
  if (accepted) out << " (" << accepted << " accepted)";
  out << ", " << d.removed.size() << " removed, " << d.undecided.size() << " undecided\n";
  return out.str();
}

nlohmann::json diff_to_json(const DiffReport& r) {
  nlohmann::json added = nlohmann::json::array(), removed = nlohmann::json::array(),
                 undecided = nlohmann::json::array();
  for (std::size_t i = 0; i < r.diff.added.size(); ++i) {
    nlohmann::json j = change_json(r.diff.added[i], "changed_statements", "base");
    if (i < r.accepted.size() && r.accepted[i])
      j["accepted"] = {{"justification", r.accepted[i]->justification},
                       {"expires", r.accepted[i]->expires},
                       {"expired", r.accepted[i]->expired}};
    added.push_back(std::move(j));
  }
  for (const auto& c : r.diff.removed)
    removed.push_back(change_json(c, "removed_statements", "new"));
  for (const auto& u : r.diff.undecided)
    undecided.push_back({{"principal", u.principal},
                         {"action", u.action},
                         {"resource", u.resource},
                         {"reason", u.reason}});
  return {{"base", r.base},
          {"new", r.next},
          {"actions", r.actions},
          {"added", added},
          {"removed", removed},
          {"undecided", undecided},
          {"warnings", r.diff.warnings}};
}

}  // namespace accesspath
