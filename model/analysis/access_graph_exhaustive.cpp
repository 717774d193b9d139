// Builds the access graph by asking the evaluator one question per possible edge.
#include "model/analysis/access_graph_exhaustive.h"

#include "model/analysis/access_graph_parts.h"
#include "model/symbolic/some_context.h"

namespace accesspath {

AccessGraph build_access_graph_exhaustive(const World& w, const GraphOptions& options) {
  using namespace graph_parts;
  AccessGraph g;
  add_vertices(w, g);
  std::vector<FoundEdge> found;
  UndecidedLog undecided;
  ScopedUndecidedLog use_log(undecided);
  Asker asker{w, g, found};
  for (const auto& principal : requesters(w, g)) {
    auto who = resolve_requester(w, principal);
    if (!who) continue;
    // Role assumption (trust policy and identity policy, rule 98).
    for (const auto& role : w.principals)
      if (role.kind == PrincipalKind::kRole && role.arn != principal)
        asker.ask(principal, *who, EdgeKind::kAssumeRole,
                  {principal, assume_role_action(*who), role.arn, {}, {}}, role.arn);
    if (who->is_service() || who->is_federated()) continue;
    for (const auto& b : w.buckets) {
      // Reading plaintext, end to end (S3 and the KMS call S3 makes).
      for (const auto& o : b.objects) {
        std::string arn = b.arn() + "/" + o.key;
        asker.ask(principal, *who, EdgeKind::kRead, {principal, "s3:GetObject", arn, {}, {}}, arn);
      }
      // Writing a new object, with the encryption choices a caller has.
      ask_write(asker, principal, *who, b, write_variants(w, b),
                [](const WriteVariant&) { return true; });
      if (options.admin_edges)
        for (const char* a : kBucketAdmin)
          asker.ask(principal, *who, EdgeKind::kAdmin, {principal, a, b.arn(), {}, {}}, b.arn());
    }
    for (const auto& k : w.keys) {
      if (k.synthesized) continue;
      for (const char* a : kKeyUse)
        asker.ask(principal, *who, EdgeKind::kKeyUse, {principal, a, k.arn, {}, {}}, k.arn);
      if (options.admin_edges && !k.aws_managed)
        for (const char* a : kKeyAdmin)
          asker.ask(principal, *who, EdgeKind::kAdmin, {principal, a, k.arn, {}, {}}, k.arn);
    }
    if (options.admin_edges)
      for (const auto& p : w.principals)
        for (const char* a : principal_admin_actions(p))
          asker.ask(principal, *who, EdgeKind::kAdmin, {principal, a, p.arn, {}, {}}, p.arn);
  }
  add_edges(g, found);
  g.undecided = undecided.reasons();
  if (!options.from) return g;
  return restrict_to(g, *options.from);
}

}  // namespace accesspath
