// Building blocks of every generator here: uniform choices that shrink toward
// the first option (so counterexamples shrink toward the simplest choice),
// chances in percent, counts, and "one value or a list" JSON.
//
// RapidCheck's own elementOf/weightedElement never shrink and inRange scales
// with the test size; these draw uniformly at every size and shrink toward the
// first option.
//
//   rc::Gen<bool> deny = chance(25);                  // false (Allow) when shrunk
//   rc::Gen<std::string> op = pick<std::string>({"StringEquals", "StringLike"});
//   rc::Gen<nlohmann::json> actions = one_or_many(pick<std::string>({"s3:GetObject"}), 3);
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace accesspath::properties {

// A uniform index in [0, n), shrinking toward 0. n must be positive.
inline rc::Gen<std::size_t> uniform_index(std::size_t n) {
  return [n](const rc::Random& random, int /*size*/) {
    auto value = static_cast<std::size_t>(rc::Random(random).next() % n);
    return rc::shrinkable::shrinkRecur(
        value, [](std::size_t x) { return rc::shrink::towards<std::size_t>(x, 0); });
  };
}

// A count in [min, max], shrinking toward min.
inline rc::Gen<std::size_t> count(std::size_t min, std::size_t max) {
  return rc::gen::map(uniform_index(max - min + 1), [min](std::size_t i) { return min + i; });
}

// True with `percent` chance; shrinks toward false.
inline rc::Gen<bool> chance(int percent) {
  return rc::gen::map(uniform_index(100),
                      [percent](std::size_t x) { return static_cast<int>(x) >= 100 - percent; });
}

// One of `options`, uniformly; shrinks toward options[0]. `options` must not be empty.
template <typename T>
rc::Gen<T> pick(std::vector<T> options) {
  return rc::gen::map(uniform_index(options.size()),
                      [options](std::size_t i) { return options[i]; });
}

// One of `options` by weight; shrinks toward the first option with a positive weight.
template <typename T>
rc::Gen<T> pick_weighted(std::vector<std::pair<int, T>> options) {
  std::size_t total = 0;
  for (const auto& o : options) total += static_cast<std::size_t>(std::max(o.first, 0));
  return rc::gen::map(uniform_index(total), [options](std::size_t x) {
    for (const auto& o : options) {
      auto w = static_cast<std::size_t>(std::max(o.first, 0));
      if (x < w) return o.second;
      x -= w;
    }
    return options.back().second;
  });
}

// A value from one of `gens`, chosen by weight; the choice shrinks toward the first generator.
template <typename T>
rc::Gen<T> one_of_weighted(std::vector<std::pair<int, rc::Gen<T>>> gens) {
  std::vector<std::pair<int, std::size_t>> indices;
  for (std::size_t i = 0; i < gens.size(); ++i) indices.emplace_back(gens[i].first, i);
  return rc::gen::mapcat(pick_weighted(indices), [gens](std::size_t i) { return gens[i].second; });
}

// Runs every generator once, in order (each value shrinks on its own).
template <typename T>
rc::Gen<std::vector<T>> sequence(std::vector<rc::Gen<T>> gens) {
  rc::Gen<std::vector<T>> acc = rc::gen::just(std::vector<T>{});
  for (auto& g : gens)
    acc = rc::gen::apply(
        [](std::vector<T> v, T x) {
          v.push_back(std::move(x));
          return v;
        },
        acc, g);
  return acc;
}

// A list of up to `max` values of `gen`, uniformly long; shrinks by dropping any
// element (not just the last ones), so counterexamples keep only what matters.
template <typename T>
rc::Gen<std::vector<T>> up_to(std::size_t max, rc::Gen<T> gen) {
  return rc::gen::resize(static_cast<int>(max), rc::gen::container<std::vector<T>>(gen));
}

// A list of `min` to `max` values of `gen`; shrinks toward `min` values.
template <typename T>
rc::Gen<std::vector<T>> between(std::size_t min, std::size_t max, rc::Gen<T> gen) {
  return rc::gen::apply(
      [](std::vector<T> first, std::vector<T> rest) {
        first.insert(first.end(), rest.begin(), rest.end());
        return first;
      },
      rc::gen::container<std::vector<T>>(min, gen), up_to(max - min, gen));
}

// 1..max values of `gen`, printed as a JSON string when there is one (and
// `as_array` is off) and as an array otherwise. Shrinks toward one string.
inline rc::Gen<nlohmann::json> one_or_many(rc::Gen<std::string> gen, std::size_t max) {
  return rc::gen::apply(
      [](std::vector<std::string> values, bool as_array) {
        if (values.size() == 1 && !as_array) return nlohmann::json(values.front());
        return nlohmann::json(values);
      },
      between<std::string>(1, max, gen), chance(15));
}

}  // namespace accesspath::properties
