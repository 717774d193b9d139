#include "model/symbolic/context_tracer.h"

#include <algorithm>

namespace accesspath::search {

std::vector<std::pair<const Recorded*, bool>> helpful_moves(const std::vector<Recorded>& atoms,
                                                            bool want_allow) {
  std::vector<std::pair<const Recorded*, bool>> out;
  for (const auto& a : atoms) {
    switch (a.polarity) {
      case Polarity::kAllow:
        if (a.observed != want_allow) out.emplace_back(&a, want_allow);
        break;
      case Polarity::kDeny:
        if (a.observed == want_allow) out.emplace_back(&a, !want_allow);
        break;
      case Polarity::kUnknown:
        out.emplace_back(&a, !a.observed);
        break;
    }
  }
  return out;
}

std::string round_signature(const std::vector<std::pair<const Recorded*, bool>>& moves,
                            const std::map<std::string, ChosenValue>& pins, RequestService service,
                            bool anonymous, std::int64_t now) {
  constexpr char kSep = '\x1f';
  std::vector<std::string> parts;
  for (const auto& [a, target] : moves) {
    std::string p(1, target ? '1' : '0');
    p += a->key;
    if (!a->clause) {
      p += a->service_value ? "=service:true" : "=service:false";
    } else {
      p += kSep + a->clause->operator_name();
      for (const auto& v : a->clause->values) (p += kSep) += (v.valid ? "v" : "x") + v.text;
      for (const auto& sub : a->facts.substituted) (p += kSep) += sub ? "s" + *sub : "-";
      p += kSep;
      for (bool b : a->facts.choice_true) p += b ? '1' : '0';
      p += a->facts.absent_true ? 'T' : 'F';
    }
    parts.push_back(std::move(p));
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string sig =
      std::to_string(static_cast<int>(service)) + (anonymous ? "a" : "n") + std::to_string(now);
  for (const auto& [key, v] : pins) sig += "\x1d" + key + (v.present ? "=" + v.value : "!");
  for (const auto& p : parts) sig += "\x1e" + p;
  return sig;
}

}  // namespace accesspath::search
