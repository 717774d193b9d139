#include "tools/render/scene.h"

namespace accesspath {

Attrs::Attrs(std::initializer_list<std::pair<std::string, std::string>> init) {
  for (const auto& [k, v] : init) set(k, v);
}

Attrs& Attrs::set(std::string name, std::string value) {
  for (auto& item : items_) {
    if (item.first == name) {
      item.second = std::move(value);
      return *this;
    }
  }
  items_.emplace_back(std::move(name), std::move(value));
  return *this;
}

Attrs& Attrs::set_html_label(std::string html) {
  html_label_ = std::move(html);
  return *this;
}

const std::string* Attrs::get(std::string_view name) const {
  for (const auto& item : items_)
    if (item.first == name) return &item.second;
  return nullptr;
}

namespace {

void collect(const SceneCluster& c, std::vector<const SceneNode*>& out) {
  for (const auto& n : c.nodes) out.push_back(&n);
  for (const auto& sub : c.clusters) collect(sub, out);
}

const SceneCluster* find_in(const std::vector<SceneCluster>& list, std::string_view name) {
  for (const auto& c : list) {
    if (c.name == name) return &c;
    if (const SceneCluster* sub = find_in(c.clusters, name)) return sub;
  }
  return nullptr;
}

}  // namespace

std::vector<const SceneNode*> Scene::all_nodes() const {
  std::vector<const SceneNode*> out;
  for (const auto& c : clusters) collect(c, out);
  for (const auto& n : nodes) out.push_back(&n);
  return out;
}

const SceneCluster* Scene::find_cluster(std::string_view name) const {
  return find_in(clusters, name);
}

}  // namespace accesspath
