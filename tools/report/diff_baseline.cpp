#include "tools/report/diff_baseline.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace accesspath {
namespace {

// "2027-06-30" -> the first second after that day (UTC); nullopt when not such a date.
std::optional<std::int64_t> end_of_day(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char dash1 = 0, dash2 = 0;
  std::istringstream in(text);
  if (text.size() != 10 || !(in >> y >> dash1 >> m >> dash2 >> d) || dash1 != '-' || dash2 != '-')
    return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  auto next = std::chrono::sys_days{day} + std::chrono::days{1};
  return std::chrono::duration_cast<std::chrono::seconds>(next.time_since_epoch()).count();
}

}  // namespace

std::optional<Baseline> parse_baseline(std::string_view text, const std::string& file,
                                       Diagnostics& errors) {
  Diagnostics found;
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  Baseline b{file, {}};
  if (doc.is_discarded()) {
    found.error("", "not JSON: a baseline is `{\"accepted\": [{\"fingerprint\": …}]}`");
  } else if (!doc.is_object() || !doc.contains("accepted") || !doc["accepted"].is_array()) {
    found.error("", "a baseline is an object with a list `accepted`");
  } else {
    const auto& list = doc["accepted"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string at = pointer_join("/accepted", i);
      const auto& e = list[i];
      auto text_of = [&](const char* key, bool required) -> std::optional<std::string> {
        if (!e.is_object() || !e.contains(key)) {
          if (required) found.error(at, std::string("an accepted finding needs `") + key + "`");
          return std::nullopt;
        }
        if (!e[key].is_string() || e[key].get<std::string>().empty()) {
          found.error(pointer_join(at, key),
                      std::string("`") + key + "` must be a non-empty string");
          return std::nullopt;
        }
        return e[key].get<std::string>();
      };
      BaselineEntry entry;
      auto fingerprint = text_of("fingerprint", true);
      auto justification = text_of("justification", true);
      auto expires = text_of("expires", false);
      if (expires) {
        auto end = end_of_day(*expires);
        if (!end)
          found.error(pointer_join(at, "expires"),
                      "`" + *expires + "` is not a date such as `2027-06-30`");
        else
          entry.expires_at = *end;
      }
      if (!fingerprint || !justification) continue;
      entry.fingerprint = *fingerprint;
      entry.justification = *justification;
      entry.expires = expires.value_or("");
      b.entries.push_back(std::move(entry));
    }
  }
  found.set_file(file);
  bool bad = found.has_errors();
  errors.append(found);
  if (bad) return std::nullopt;
  return b;
}

std::optional<Baseline> load_baseline(const std::string& file, Diagnostics& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Diagnostic d{Severity::kError, file, "", "cannot read the baseline file"};
    errors.add(std::move(d));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_baseline(text.str(), file, errors);
}

void apply_baseline(const Baseline& baseline, std::int64_t now, DiffReport& report) {
  report.accepted.assign(report.diff.added.size(), std::nullopt);
  for (std::size_t i = 0; i < report.diff.added.size(); ++i) {
    std::string fingerprint = access_fingerprint(report.diff.added[i]);
    for (const auto& e : baseline.entries)
      if (e.fingerprint == fingerprint)
        report.accepted[i] =
            Acceptance{e.justification, e.expires, !e.expires.empty() && now >= e.expires_at};
  }
}

}  // namespace accesspath
