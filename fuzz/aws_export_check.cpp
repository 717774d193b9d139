// Fuzz target and its checks: the AWS CLI export importer (`accesspath import aws DIR`,
// import_aws_export), on whole export folders.
//
// Input: the export's files, separated by NUL bytes (which JSON text never holds), each its path
// in the folder, a newline, and its text:
//   111122223333/iam/get-account-authorization-details.json\n{"RoleDetailList": [...]}\0
//   111122223333/s3/bucket/get-bucket-policy.json\n{"Policy": "..."}
// The files are held in memory (import/export_files.h, ExportInMemory), not written to disk: a
// path that is not plain names (input_files.h, safe_relative_path), or whose place an earlier
// file took, leaves its file out, as writing them into a folder did. Properties: those of
// every import (check_import: the scenario loads, no scenario says why, every report entry has a
// place), and bad input is a report entry, never an exception.
#include <cstddef>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"
#include "fuzz/input_files.h"
#include "import/aws_export.h"

using namespace accesspath;

void accesspath::fuzz::check_aws_export(std::string_view input) {
  if (input.size() > (std::size_t{1} << 20)) return;
  // The report names the files below this folder (check_import).
  ExportInMemory files("fuzz-export");
  for (std::string_view part : fuzz::split(input, '\0', 32)) {
    std::size_t newline = part.find('\n');
    if (newline == std::string_view::npos) continue;
    std::string_view path = part.substr(0, newline);
    if (!fuzz::safe_relative_path(path, 6)) continue;
    files.add(path, std::string(part.substr(newline + 1)));
  }
  ImportReport report;
  fuzz::check_import(input, files.root(), report, [&] { return import_aws_export(files, report); });
}
