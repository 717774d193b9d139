#include "tools/render/scene_builder.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "tools/render/labels.h"
#include "tools/render/legend.h"
#include "tools/render/path_overlay.h"
#include "tools/render/scene_items.h"
#include "tools/render/style.h"

namespace accesspath {

std::string account_cluster_name(std::string_view account) {
  return "account_" + std::string(account);
}
std::string bucket_cluster_name(std::string_view bucket) {
  return std::string(kBucketClusterPrefix) + std::string(bucket);
}

namespace {

// "arn:aws:s3:::bucket/key" -> "bucket"; "" for anything else.
std::string bucket_of(const AccessVertex& v) {
  constexpr std::string_view kS3 = "arn:aws:s3:::";
  if (!std::string_view(v.id).starts_with(kS3)) return "";
  std::string rest = v.id.substr(kS3.size());
  return rest.substr(0, rest.find('/'));
}

class Builder {
 public:
  Builder(const AccessGraph& graph, const RenderOptions& options)
      : graph_(graph), options_(options) {}

  Scene build() {
    collect_vertices();
    if (options_.counterexample) add_path();
    collect_edges();
    place_vertices();
    add_edges();
    scene_.graph = {{"rankdir", "LR"},   {"fontname", kFontName}, {"nodesep", "0.35"},
                    {"ranksep", "0.7"},  {"newrank", "true"},     {"labelloc", "t"},
                    {"labeljust", "l"},  {"fontsize", "14"},      {"pad", "0.2"},
                    {"bgcolor", "white"}};
    if (!options_.title.empty()) scene_.graph.set("label", options_.title);
    // label=\N is Graphviz's own default, declared here so that the DOT text does not
    // depend on whether a layout context exists yet (creating one declares it).
    scene_.node_defaults = {
        {"fontname", kFontName}, {"fontsize", "11"}, {"margin", "0.12,0.04"}, {"label", "\\N"}};
    scene_.edge_defaults = {{"fontname", kFontName}, {"fontsize", "10"}, {"arrowsize", "0.7"}};
    // The legend goes first: dot then draws it below the graph, out of the way.
    if (options_.legend) {
      Legend legend = build_legend(legend_);
      scene_.clusters.insert(scene_.clusters.begin(), std::move(legend.cluster));
      scene_.edges.insert(scene_.edges.end(), legend.edges.begin(), legend.edges.end());
    }
    return std::move(scene_);
  }

 private:
  void collect_vertices() {
    for (auto v : boost::make_iterator_range(boost::vertices(graph_.graph))) {
      const AccessVertex& av = graph_.graph[v];
      vertices_.emplace(av.id, av);
    }
  }

  void add_path() {
    path_ = make_path_overlay(*options_.counterexample, [&](std::string_view id) {
      auto it = vertices_.find(std::string(id));
      return it == vertices_.end() ? nullptr : &it->second;
    });
    for (const auto& v : path_.added_vertices) vertices_.emplace(v.id, v);
  }

  bool on_path(const std::string& tail, const std::string& head, const std::string& action) const {
    return std::any_of(path_.edges.begin(), path_.edges.end(), [&](const PathEdge& p) {
      return p.tail == tail && p.head == head && p.action == action;
    });
  }

  void collect_edges() {
    struct Raw {
      std::string tail, head;
      const AccessEdge* edge;
    };
    std::vector<Raw> raw;
    for (auto e : boost::make_iterator_range(boost::edges(graph_.graph))) {
      raw.push_back({graph_.graph[boost::source(e, graph_.graph)].id,
                     graph_.graph[boost::target(e, graph_.graph)].id, &graph_.graph[e]});
    }
    std::sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) {
      return std::tie(a.tail, a.head, a.edge->action, a.edge->kind) <
             std::tie(b.tail, b.head, b.edge->action, b.edge->kind);
    });
    std::map<std::tuple<std::string, std::string, EdgeKind>, std::size_t> index;
    for (const Raw& r : raw) {
      if (on_path(r.tail, r.head, r.edge->action)) continue;  // drawn as a path step instead
      auto [it, fresh] = index.try_emplace({r.tail, r.head, r.edge->kind}, groups_.size());
      if (fresh) {
        groups_.emplace_back();
        groups_.back().tail = r.tail;
        groups_.back().head = r.head;
        groups_.back().kind = r.edge->kind;
      }
      EdgeGroup& g = groups_[it->second];
      if (std::find(g.actions.begin(), g.actions.end(), r.edge->action) == g.actions.end())
        g.actions.push_back(r.edge->action);
      g.statements.insert(g.statements.end(), r.edge->statements.begin(), r.edge->statements.end());
      if (!r.edge->detail.empty()) g.details.push_back(r.edge->detail);
      // An edge that exists only in some request contexts says which (context_search.h).
      if (!r.edge->context.empty()) g.details.push_back("if " + describe_needs(r.edge->context));
    }
  }

  SceneCluster& account_cluster(const std::string& account) {
    for (auto& c : scene_.clusters)
      if (c.name == account_cluster_name(account)) return c;
    auto name = options_.account_names.find(account);
    std::string label = "account " + account + " (" +
                        (name == options_.account_names.end() ? "not declared" : name->second) +
                        ")";
    bool declared = name != options_.account_names.end();
    scene_.clusters.push_back(make_cluster(account_cluster_name(account),
                                           Attrs{{"label", label},
                                                 {"style", declared ? "rounded" : "rounded,dashed"},
                                                 {"color", "#5b7a99"},
                                                 {"fontcolor", "#34495e"}}));
    return scene_.clusters.back();
  }

  SceneCluster& bucket_cluster(SceneCluster& account, const std::string& bucket) {
    for (auto& c : account.clusters)
      if (c.name == bucket_cluster_name(bucket)) return c;
    account.clusters.push_back(
        make_cluster(bucket_cluster_name(bucket), Attrs{{"label", ""},
                                                        {"style", "rounded,filled"},
                                                        {"fillcolor", "#fbf8ee"},
                                                        {"color", "#d8cfa8"}}));
    return account.clusters.back();
  }

  SceneCluster& outside_cluster() {
    for (auto& c : scene_.clusters)
      if (c.name == kOutsideClusterName) return c;
    scene_.clusters.push_back(
        make_cluster(kOutsideClusterName, Attrs{{"label", "outside any account"},
                                                {"style", "rounded,dashed"},
                                                {"color", "#999999"},
                                                {"fontcolor", "#555555"}}));
    return scene_.clusters.back();
  }

  void place_vertices() {
    // Account clusters first (sorted by account), then the outside cluster.
    std::vector<std::string> accounts;
    for (const auto& [id, v] : vertices_)
      if (!v.account.empty()) accounts.push_back(v.account);
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    for (const auto& a : accounts) account_cluster(a);

    for (const auto& [id, v] : vertices_) {
      SceneNode node = vertex_node(v, path_.vertices.contains(id));
      legend_.vertex_kinds.insert(v.kind);
      if (v.kind == VertexKind::kObject && !v.declared) legend_.undeclared_object = true;
      if (v.account.empty()) {
        outside_cluster().nodes.push_back(std::move(node));
        continue;
      }
      SceneCluster& account = account_cluster(v.account);
      std::string bucket = bucket_of(v);
      if (bucket.empty())
        account.nodes.push_back(std::move(node));
      else
        bucket_cluster(account, bucket).nodes.push_back(std::move(node));
    }
    // A bucket cluster whose bucket is not drawn (e.g. --from) names the bucket itself.
    for (auto& account : scene_.clusters) {
      for (auto& b : account.clusters) {
        std::string bucket = "arn:aws:s3:::" + b.name.substr(kBucketClusterPrefix.size());
        if (!vertices_.contains(bucket)) b.attrs.set("label", "bucket " + display_name(bucket));
      }
    }
  }

  void add_edges() {
    bool dim = !path_.edges.empty();
    for (const auto& g : groups_) {
      scene_.edges.push_back(group_edge(g, dim));
      legend_.edge_kinds.insert(g.kind);
    }
    for (const auto& p : path_.edges) {
      scene_.edges.push_back(path_edge(p));
      legend_.edge_kinds.insert(p.kind);
    }
    legend_.path = !path_.edges.empty();
  }

  const AccessGraph& graph_;
  const RenderOptions& options_;
  std::map<std::string, AccessVertex> vertices_;  // by id: sorted
  PathOverlay path_;
  std::vector<EdgeGroup> groups_;
  LegendContent legend_;
  Scene scene_;
};

}  // namespace

Scene build_scene(const AccessGraph& graph, const RenderOptions& options) {
  return Builder(graph, options).build();
}

}  // namespace accesspath
