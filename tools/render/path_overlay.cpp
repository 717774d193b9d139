#include "tools/render/path_overlay.h"

#include <vector>

#include "tools/render/labels.h"

namespace accesspath {

EdgeKind edge_kind_of(const PathStep& step) {
  switch (step.kind) {
    case PathStep::Kind::kAssumeRole:
      return EdgeKind::kAssumeRole;
    case PathStep::Kind::kChangePolicy:
      return EdgeKind::kAdmin;
    case PathStep::Kind::kWriteObject:
      return EdgeKind::kWrite;
    case PathStep::Kind::kAccess:
      break;
  }
  if (step.action == "sts:AssumeRole") return EdgeKind::kAssumeRole;
  if (step.action == "s3:PutObject") return EdgeKind::kWrite;
  if (step.action.starts_with("kms:")) return EdgeKind::kKeyUse;
  return EdgeKind::kRead;
}

namespace {

// The ARN field at `index` (0 = "arn"), or "" when there are fewer fields.
std::string arn_field(std::string_view arn, std::size_t index) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    start = arn.find(':', start);
    if (start == std::string_view::npos) return "";
    ++start;
  }
  std::size_t end = arn.find(':', start);
  return std::string(arn.substr(start, end == std::string_view::npos ? arn.npos : end - start));
}

// Everything after the fifth ':' (the resource may itself hold ':').
std::string_view arn_resource(std::string_view arn) {
  std::size_t at = 0;
  for (int i = 0; i < 5; ++i) {
    at = arn.find(':', at);
    if (at == std::string_view::npos) return "";
    ++at;
  }
  return arn.substr(at);
}

}  // namespace

AccessVertex guess_vertex(std::string_view id, const VertexLookup& lookup) {
  AccessVertex v;
  v.id = std::string(id);
  v.label = display_name(id);
  v.declared = false;
  if (id == "anonymous") {
    v.kind = VertexKind::kAnonymous;
    return v;
  }
  if (!id.starts_with("arn:")) {
    v.kind = VertexKind::kService;
    return v;
  }
  std::string service = arn_field(id, 2);
  std::string_view resource = arn_resource(id);
  v.account = arn_field(id, 4);
  if (service == "iam" || service == "sts") {
    v.kind = resource.starts_with("user/") ? VertexKind::kUser
             : resource.starts_with("role/") || resource.starts_with("assumed-role/")
                 ? VertexKind::kRole
                 : VertexKind::kOutsider;
    v.declared = true;  // the graph only lacks it because it was filtered out
  } else if (service == "s3") {
    std::size_t slash = resource.find('/');
    v.kind = slash == std::string_view::npos ? VertexKind::kBucket : VertexKind::kObject;
    std::string bucket_arn = "arn:aws:s3:::" + std::string(resource.substr(0, slash));
    if (const AccessVertex* bucket = lookup(bucket_arn)) v.account = bucket->account;
  } else if (service == "kms") {
    v.kind = VertexKind::kKey;
    v.declared = true;
  } else {
    v.kind = VertexKind::kOutsider;
  }
  return v;
}

PathOverlay make_path_overlay(const Counterexample& cx, const VertexLookup& lookup) {
  PathOverlay p;
  p.start = cx.start;
  auto add_vertex = [&](const std::string& id, std::size_t written_in_step) {
    if (id.empty() || !p.vertices.insert(id).second) return;
    if (lookup(id)) return;
    AccessVertex v = guess_vertex(id, lookup);
    if (written_in_step > 0 && v.kind == VertexKind::kObject)
      v.detail = "new object, written in step " + std::to_string(written_in_step);
    p.added_vertices.push_back(std::move(v));
  };
  add_vertex(cx.start, 0);
  for (std::size_t i = 0; i < cx.steps.size(); ++i) {
    const PathStep& s = cx.steps[i];
    add_vertex(s.actor, 0);
    add_vertex(s.target, s.kind == PathStep::Kind::kWriteObject ? i + 1 : 0);
    p.edges.push_back({.number = i + 1,
                       .tail = s.actor,
                       .head = s.target,
                       .kind = edge_kind_of(s),
                       .action = s.action,
                       .detail = s.context.empty() ? s.detail
                                                   : (s.detail.empty() ? "" : s.detail + "; ") +
                                                         "if " + describe_needs(s.context),
                       .statements = s.statements});
  }
  return p;
}

}  // namespace accesspath
