#include "import/import_report.h"

#include <algorithm>

namespace accesspath {

std::string ImportEntry::to_string() const {
  std::string kind_text = kind == Kind::kSkipped   ? "skipped"
                          : kind == Kind::kUnknown ? "unknown"
                                                   : "note";
  std::string place = file;
  if (!pointer.empty()) place += (place.empty() ? "" : ": ") + pointer;
  return kind_text + ": " + (place.empty() ? "" : place + ": ") + message;
}

void ImportReport::skipped(std::string file, std::string pointer, std::string message) {
  entries_.push_back(
      {ImportEntry::Kind::kSkipped, std::move(file), std::move(pointer), std::move(message)});
}

void ImportReport::unknown(std::string file, std::string pointer, std::string message) {
  entries_.push_back(
      {ImportEntry::Kind::kUnknown, std::move(file), std::move(pointer), std::move(message)});
}

void ImportReport::note(std::string file, std::string pointer, std::string message) {
  entries_.push_back(
      {ImportEntry::Kind::kNote, std::move(file), std::move(pointer), std::move(message)});
}

std::size_t ImportReport::count(ImportEntry::Kind kind) const {
  return static_cast<std::size_t>(std::count_if(
      entries_.begin(), entries_.end(), [kind](const ImportEntry& e) { return e.kind == kind; }));
}

void ImportReport::print(std::ostream& out) const {
  for (const auto& e : entries_) out << e.to_string() << "\n";
  out << "import: " << imported_ << " item" << (imported_ == 1 ? "" : "s") << " imported, "
      << count(ImportEntry::Kind::kSkipped) << " skipped, " << count(ImportEntry::Kind::kUnknown)
      << " unknown (until apply, or not readable)\n";
}

}  // namespace accesspath
