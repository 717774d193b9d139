// Builds the access graph by asking the evaluator one question per possible edge.
#include <algorithm>
#include <set>

#include "model/access_paths.h"
#include "model/arn.h"
#include "model/evaluator.h"

namespace accesspath {
namespace {

std::string short_label(std::string_view arn) {
  auto parsed = parse_arn(arn);
  if (!parsed) return std::string(arn);
  if (parsed->service == "s3") return parsed->resource;
  if (parsed->service == "kms") return parsed->resource;
  return parsed->resource;  // "role/name", "user/name"
}

void add_principal_vertices(const World& w, AccessGraph& g) {
  for (const auto& p : w.principals)
    g.add_vertex({p.kind == PrincipalKind::kRole ? VertexKind::kRole : VertexKind::kUser, p.arn,
                  short_label(p.arn), p.account, "", true});
  for (const auto& arn : considered_principals(w)) {
    if (g.find(arn)) continue;
    if (arn == "anonymous") {
      g.add_vertex({VertexKind::kAnonymous, arn, "anonymous", "", "an unsigned request", false});
      continue;
    }
    auto parsed = parse_arn(arn);
    bool declared_account = parsed && w.find_account(parsed->account);
    g.add_vertex({VertexKind::kOutsider, arn,
                  declared_account ? "any other principal" : "another AWS account",
                  parsed ? parsed->account : "",
                  declared_account
                      ? "an undeclared principal of this account (no identity policies)"
                      : "an undeclared account, whose admin allows everything",
                  false});
  }
  // Service principals named in trust policies (e.g. ec2.amazonaws.com).
  for (const auto& p : w.principals) {
    if (!p.trust_policy) continue;
    for (const auto& s : p.trust_policy->statements)
      if (s.principal)
        for (const auto& e : s.principal->entries)
          if (e.type == PrincipalEntry::Type::kService)
            g.add_vertex({VertexKind::kService, e.value, e.value, "", "AWS service", false});
  }
}

std::string encryption_text(const World& w, const Bucket& b, const S3Object& o) {
  Encryption e =
      o.encryption ? *o.encryption : (b.default_encryption ? *b.default_encryption : Encryption{});
  switch (e.sse) {
    case Sse::kS3:
      return "SSE-S3";
    case Sse::kCustomer:
      return "SSE-C";
    case Sse::kKms: {
      const Key* k = e.kms_key.empty() ? w.resolve_key("alias/aws/s3", b.account, b.region)
                                       : w.resolve_key(e.kms_key, b.account, b.region);
      if (k && !k->aliases.empty()) return "SSE-KMS " + k->aliases.front();
      return "SSE-KMS " + (e.kms_key.empty() ? std::string("aws/s3") : short_label(e.kms_key));
    }
  }
  return "";
}

void add_resource_vertices(const World& w, AccessGraph& g) {
  for (const auto& b : w.buckets) {
    g.add_vertex({VertexKind::kBucket, b.arn(), b.name, b.account, b.region, true});
    for (const auto& o : b.objects)
      g.add_vertex({VertexKind::kObject, b.arn() + "/" + o.key, o.key, b.account,
                    encryption_text(w, b, o), true});
  }
  for (const auto& k : w.keys) {
    if (k.synthesized) continue;
    std::string label = k.aliases.empty()
                            ? "key/" + k.id.substr(0, std::min<std::size_t>(8, k.id.size()))
                            : k.aliases.front();
    std::string detail = std::string(k.aws_managed ? "AWS managed" : "customer managed") +
                         (k.state == KeyState::kEnabled    ? ""
                          : k.state == KeyState::kDisabled ? ", Disabled"
                                                           : ", PendingDeletion");
    g.add_vertex({VertexKind::kKey, k.arn, label, k.account, detail, true});
  }
}

struct Asker {
  const World& w;
  AccessGraph& g;
  // Adds an edge when the evaluator allows the request; returns whether it did.
  bool ask(const std::string& principal, const Requester& who, EdgeKind kind, const Request& r,
           const std::string& target, std::string detail = {}) {
    if (!evaluate(w, who, r, {.explain = false}).allowed) return false;
    auto from = g.find(principal);
    auto to = g.find(target);
    if (!from || !to) return false;
    Decision d = evaluate(w, who, r);
    boost::add_edge(*from, *to,
                    AccessEdge{kind, r.action, std::move(detail), allowing_statements(d)}, g.graph);
    return true;
  }
};

constexpr std::array<const char*, 3> kBucketAdmin = {"s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
                                                     "s3:PutEncryptionConfiguration"};
constexpr std::array<const char*, 2> kKeyAdmin = {"kms:PutKeyPolicy", "kms:CreateGrant"};
constexpr std::array<const char*, 3> kKeyUse = {"kms:Decrypt", "kms:GenerateDataKey",
                                                "kms:Encrypt"};
constexpr std::array<const char*, 4> kRoleAdmin = {"iam:PutRolePolicy", "iam:AttachRolePolicy",
                                                   "iam:UpdateAssumeRolePolicy", "iam:PassRole"};
constexpr std::array<const char*, 2> kUserAdmin = {"iam:PutUserPolicy", "iam:AttachUserPolicy"};

}  // namespace

AccessGraph build_access_graph(const World& w, const GraphOptions& options) {
  AccessGraph g;
  add_principal_vertices(w, g);
  add_resource_vertices(w, g);
  Asker asker{w, g};
  std::vector<std::string> requesters = considered_principals(w);
  for (const auto& v : boost::make_iterator_range(boost::vertices(g.graph)))
    if (g.graph[v].kind == VertexKind::kService) requesters.push_back(g.graph[v].id);
  for (const auto& principal : requesters) {
    auto who = resolve_requester(w, principal);
    if (!who) continue;
    // Role assumption (trust policy and identity policy, rule 98).
    for (const auto& role : w.principals)
      if (role.kind == PrincipalKind::kRole && role.arn != principal)
        asker.ask(principal, *who, EdgeKind::kAssumeRole,
                  {principal, "sts:AssumeRole", role.arn, {}, {}}, role.arn);
    if (who->is_service()) continue;
    for (const auto& b : w.buckets) {
      // Reading plaintext, end to end (S3 and the KMS call S3 makes).
      for (const auto& o : b.objects) {
        std::string arn = b.arn() + "/" + o.key;
        asker.ask(principal, *who, EdgeKind::kRead, {principal, "s3:GetObject", arn, {}, {}}, arn);
      }
      // Writing a new object, with the encryption choices a caller has.
      std::string new_object = b.arn() + "/accesspath-new-object";
      std::vector<std::pair<std::string, std::map<std::string, std::string>>> variants = {
          {"default encryption", {}}, {"SSE-S3", {{"x-amz-server-side-encryption", "AES256"}}}};
      for (const auto& k : w.keys)
        if (!k.synthesized && k.region == b.region)
          variants.push_back(
              {"SSE-KMS " + (k.aliases.empty() ? short_label(k.arn) : k.aliases.front()),
               {{"x-amz-server-side-encryption", "aws:kms"},
                {"x-amz-server-side-encryption-aws-kms-key-id", k.arn}}});
      std::string writes;
      Request first_ok;
      for (const auto& [name, headers] : variants) {
        Request r{principal, "s3:PutObject", new_object, headers, {}};
        if (evaluate(w, *who, r, {.explain = false}).allowed) {
          if (writes.empty()) first_ok = r;
          writes += (writes.empty() ? "" : ", ") + name;
        }
      }
      if (!writes.empty())
        asker.ask(principal, *who, EdgeKind::kWrite, first_ok, b.arn(), "new objects: " + writes);
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
        for (const char* a : p.kind == PrincipalKind::kRole
                                 ? std::vector<const char*>(kRoleAdmin.begin(), kRoleAdmin.end())
                                 : std::vector<const char*>(kUserAdmin.begin(), kUserAdmin.end()))
          asker.ask(principal, *who, EdgeKind::kAdmin, {principal, a, p.arn, {}, {}}, p.arn);
  }
  if (!options.from) return g;
  // Keep only what `from` reaches: its vertex, roles reachable through assume edges, and the
  // targets of their edges.
  auto start = g.find(*options.from);
  if (!start) return AccessGraph{};
  std::set<AccessVertexId> identities{*start};
  std::vector<AccessVertexId> queue{*start};
  while (!queue.empty()) {
    AccessVertexId v = queue.back();
    queue.pop_back();
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g.graph)))
      if (g.graph[e].kind == EdgeKind::kAssumeRole &&
          identities.insert(boost::target(e, g.graph)).second)
        queue.push_back(boost::target(e, g.graph));
  }
  AccessGraph out;
  for (AccessVertexId v : identities) out.add_vertex(g.graph[v]);
  for (AccessVertexId v : identities)
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g.graph))) {
      AccessVertexId t = boost::target(e, g.graph);
      auto from = out.find(g.graph[v].id);
      auto to = out.add_vertex(g.graph[t]);
      boost::add_edge(*from, to, g.graph[e], out.graph);
    }
  return out;
}

}  // namespace accesspath
