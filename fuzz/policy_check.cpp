// Fuzz target and its checks: one policy document of each kind (identity, boundary, bucket, key,
// trust, SCP, RCP).
//
// Input: one byte choosing the kind, then the policy's JSON. Properties, for a policy that
// parses without errors:
// - printed back (to_json) it parses again without errors, to statements of the same meaning,
//   and prints the same (printing is a fixed point);
// - the printed policy decides the same: every statement matches the same actions and resources
//   (the policy's own action and resource strings, with their wildcards filled in) under the same
//   condition context.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "model/policy/policy.h"

using namespace accesspath;
using nlohmann::json;

namespace {

constexpr PolicyKind kKinds[] = {
    PolicyKind::kIdentity, PolicyKind::kBoundary, PolicyKind::kResource, PolicyKind::kKeyPolicy,
    PolicyKind::kTrust,    PolicyKind::kScp,      PolicyKind::kRcp};

// A concrete string a pattern matches: its wildcards filled in.
std::string instance(std::string s) {
  for (char& c : s)
    if (c == '*' || c == '?') c = 'x';
  return s;
}

std::vector<std::string> probes(const Policy& p, bool actions) {
  std::vector<std::string> out = {actions ? "s3:getobject" : "arn:aws:s3:::bucket/key"};
  for (const Statement& s : p.statements) {
    if (actions) {
      for (const WildcardPattern& a : s.action_patterns) out.push_back(instance(a.text()));
    } else if (s.resources) {
      for (const std::string& r : *s.resources) out.push_back(instance(r));
    }
    if (out.size() > 16) break;
  }
  return out;
}

}  // namespace

void accesspath::fuzz::check_policy(std::string_view input) {
  if (input.empty() || input.size() > 65536) return;
  PolicyKind kind = kKinds[static_cast<unsigned char>(input[0]) % std::size(kKinds)];
  auto doc = fuzz::parse_json(input.substr(1));
  if (!doc) return;
  Diagnostics diags;
  Policy policy = parse_policy(*doc, "", kind, diags);
  if (diags.has_errors()) return;

  std::string shown = std::string(to_string(kind)) + " " + doc->dump();
  json printed = to_json(policy);
  Diagnostics again_diags;
  Policy again = parse_policy(printed, "", kind, again_diags);
  if (again_diags.has_errors())
    fuzz::violation(
        "a parsed policy prints back to one that parses",
        shown + "\nprinted: " + printed.dump() + "\n" + again_diags.items().front().to_string());
  if (again.statements.size() != policy.statements.size())
    fuzz::violation("a printed policy has the same statements", shown);
  for (std::size_t i = 0; i < policy.statements.size(); ++i)
    if (!policy.statements[i].same_meaning(again.statements[i]))
      fuzz::violation("a printed statement means the same",
                      shown + "\nstatement " + std::to_string(i) + " printed: " + printed.dump());
  if (to_json(again) != printed)
    fuzz::violation("printing a policy is a fixed point",
                    shown + "\nfirst: " + printed.dump() + "\nsecond: " + to_json(again).dump());

  RequestContext ctx;
  ctx.set("aws:username", "alice");
  ctx.set("aws:securetransport", "true");
  std::vector<std::string> actions = probes(policy, true), resources = probes(policy, false);
  for (std::size_t i = 0; i < policy.statements.size(); ++i) {
    const Statement& a = policy.statements[i];
    const Statement& b = again.statements[i];
    for (const std::string& action : actions)
      if (statement_matches_action(a, action) != statement_matches_action(b, action))
        fuzz::violation("a printed statement matches the same actions", shown + "\n" + action);
    for (const std::string& resource : resources)
      if (statement_matches_resource(a, policy, resource, ctx) !=
          statement_matches_resource(b, again, resource, ctx))
        fuzz::violation("a printed statement matches the same resources", shown + "\n" + resource);
    if (a.condition.evaluate(ctx) != b.condition.evaluate(ctx))
      fuzz::violation("a printed statement's condition decides the same", shown);
  }
}
