// The report of one import: what was read, and every item that was skipped or could not be
// known, each with the file and the JSON pointer it comes from. Nothing is dropped silently:
// whatever the importer leaves out of the scenario is an entry here.
//
//   ImportReport report;
//   report.skipped("plan.json", "/planned_values/root_module/resources/3", "unknown value");
//   report.print(std::cerr);
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace accesspath {

struct ImportEntry {
  enum class Kind { kSkipped, kUnknown, kNote };
  Kind kind = Kind::kSkipped;
  std::string file;     // the export file or plan
  std::string pointer;  // RFC 6901 JSON pointer in that file ("" = the whole file)
  std::string message;  // lowercase, user input in backticks

  // "skipped: file: /pointer: message"
  std::string to_string() const;
};

class ImportReport {
 public:
  // An item left out of the scenario (unreadable, wrong shape, duplicate, rejected policy, a
  // reference to something the input does not have).
  void skipped(std::string file, std::string pointer, std::string message);
  // A value only known after apply, or a setting the export could not read (an error record).
  void unknown(std::string file, std::string pointer, std::string message);
  // Something imported in a way worth knowing (a state mapped to the nearest one, …).
  void note(std::string file, std::string pointer, std::string message);
  // One more item made it into the scenario (a principal, bucket, key, policy, …).
  void imported(std::size_t n = 1) { imported_ += n; }

  std::size_t imported_count() const { return imported_; }
  std::size_t count(ImportEntry::Kind kind) const;
  const std::vector<ImportEntry>& entries() const { return entries_; }
  // One line per entry, then a summary line.
  void print(std::ostream& out) const;

 private:
  std::vector<ImportEntry> entries_;
  std::size_t imported_ = 0;
};

}  // namespace accesspath
