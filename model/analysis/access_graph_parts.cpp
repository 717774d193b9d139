#include "model/analysis/access_graph_parts.h"

#include <algorithm>
#include <set>

#include "model/core/arn.h"
#include "model/symbolic/some_context.h"

namespace accesspath::graph_parts {
namespace {

std::string short_label(std::string_view arn) {
  auto parsed = parse_arn(arn);
  if (!parsed) return std::string(arn);
  return parsed->resource;  // "role/name", "user/name", "bucket/key", "key/id"
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
    if (arn.rfind(kFederatedPrefix, 0) == 0) {
      const std::string provider = arn.substr(kFederatedPrefix.size());
      g.add_vertex({VertexKind::kOutsider, arn,
                    (is_saml_provider(provider) ? "SAML identity of " : "web identity of ") +
                        short_label(provider),
                    "", "anyone holding a token of this identity provider", false});
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

Encryption stored_encryption(const Bucket& b, const S3Object& o) {
  return o.encryption ? *o.encryption
                      : (b.default_encryption ? *b.default_encryption : Encryption{});
}

std::string encryption_text(const World& w, const Bucket& b, const S3Object& o) {
  Encryption e = stored_encryption(b, o);
  switch (e.sse) {
    case Sse::kS3:
      return "SSE-S3";
    case Sse::kCustomer:
      return "SSE-C";
    case Sse::kKms: {
      const Key* k = stored_object_key(w, b, o);
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
    std::string detail =
        std::string(k.aws_managed ? "AWS managed" : "customer managed") +
        (k.state == KeyState::kEnabled ? "" : ", " + std::string(key_state_name(k.state)));
    g.add_vertex({VertexKind::kKey, k.arn, label, k.account, detail, true});
  }
}

}  // namespace

const Key* stored_object_key(const World& w, const Bucket& b, const S3Object& o) {
  Encryption e = stored_encryption(b, o);
  if (e.sse != Sse::kKms) return nullptr;
  return e.kms_key.empty() ? w.resolve_key("alias/aws/s3", b.account, b.region)
                           : w.resolve_key(e.kms_key, b.account, b.region);
}

void add_vertices(const World& w, AccessGraph& g) {
  add_principal_vertices(w, g);
  add_resource_vertices(w, g);
}

std::vector<std::string> requesters(const World& w, const AccessGraph& g) {
  std::vector<std::string> out = considered_principals(w);
  for (const auto& v : boost::make_iterator_range(boost::vertices(g.graph)))
    if (g.graph[v].kind == VertexKind::kService) out.push_back(g.graph[v].id);
  return out;
}

bool Asker::ask(const std::string& principal, const Requester& who, EdgeKind kind, const Request& r,
                const std::string& target, std::string detail) {
  // An edge exists when some request context gets through (context_search.h); the explained
  // decision is the one of that context.
  auto witness = allowed_in_some_context(w, who, r);
  if (!witness) return false;
  auto from = g.find(principal);
  auto to = g.find(target);
  if (!from || !to) return false;
  Decision d = evaluate(w, who, witness->request);
  if (!d.allowed) return false;
  found.push_back({*from, *to,
                   AccessEdge{kind, r.action, std::move(detail), allowing_statements(d),
                              std::move(witness->needs)}});
  return true;
}

void add_edges(AccessGraph& g, std::vector<FoundEdge>& found) {
  // Boost copies an edge property passed to add_edge; moving it in afterwards does not.
  for (auto& f : found) g.graph[boost::add_edge(f.from, f.to, g.graph).first] = std::move(f.edge);
  found.clear();
}

std::string new_object_arn(const Bucket& b) {
  return b.arn() + "/accesspath-new-object";
}

std::vector<WriteVariant> write_variants(const World& w, const Bucket& b) {
  std::vector<WriteVariant> out = {
      {"default encryption", {}, nullptr},
      {"SSE-S3", {{"x-amz-server-side-encryption", "AES256"}}, nullptr}};
  for (const auto& k : w.keys)
    if (!k.synthesized && k.region == b.region)
      out.push_back({"SSE-KMS " + (k.aliases.empty() ? short_label(k.arn) : k.aliases.front()),
                     {{"x-amz-server-side-encryption", "aws:kms"},
                      {"x-amz-server-side-encryption-aws-kms-key-id", k.arn}},
                     &k});
  return out;
}

std::vector<const char*> principal_admin_actions(const Principal& p) {
  if (p.kind == PrincipalKind::kRole) return {kRoleAdmin.begin(), kRoleAdmin.end()};
  return {kUserAdmin.begin(), kUserAdmin.end()};
}

AccessGraph restrict_to(const AccessGraph& g, const std::string& from) {
  auto start = g.find(from);
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
      auto from_vertex = out.find(g.graph[v].id);
      auto to = out.add_vertex(g.graph[t]);
      boost::add_edge(*from_vertex, to, g.graph[e], out.graph);
    }
  out.undecided = g.undecided;
  return out;
}

}  // namespace accesspath::graph_parts
