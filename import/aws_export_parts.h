// Internal to the AWS export reader: one function per part of the layout (aws_export.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/export_files.h"
#include "import/import_report.h"
#include "import/scenario_builder.h"

namespace accesspath::aws_export {

// One AWS CLI output file: its JSON, or the AWS error it recorded instead.
struct CliOutput {
  std::optional<nlohmann::json> json;  // nullopt when missing, unreadable or an error record
  std::string error_code;              // "NoSuchBucketPolicy", … for an error record
  bool missing = false;
};

// The entries of a folder, sorted (nothing when it does not exist).
std::vector<std::filesystem::path> sorted_entries(const ExportFiles& files, const std::string& dir);

// Reads `path`. An error record is `{"Error": {"Code": "…", "Message": "…"}}` (what
// tools/collect-aws.sh writes) or the CLI's own message `An error occurred (Code) when calling
// …`. A missing file is `missing` (not reported: the caller knows what it means); a truncated
// or malformed one is reported as skipped.
CliOutput read_cli_output(const ExportFiles& files, const std::string& path, ImportReport& report);

// The list at `key` of `doc` (empty when absent, as the SDKs leave optional lists out); a value
// of another type is reported.
const nlohmann::json& list_at(const nlohmann::json& doc, const std::string& key,
                              const std::string& file, const std::string& pointer,
                              ImportReport& report);

void read_iam(const ExportFiles& files, const std::string& account, const std::string& file,
              ScenarioBuilder& builder, ImportReport& report, std::string& notes);
void read_s3(const ExportFiles& files, const std::string& account, const std::string& dir,
             ScenarioBuilder& builder, ImportReport& report);
void read_kms(const ExportFiles& files, const std::string& account, const std::string& dir,
              ScenarioBuilder& builder, ImportReport& report);
// Organizations: SCP and RCP levels onto the exported accounts (aws_organizations.cpp).
void read_organizations(const ExportFiles& files, const std::string& dir, ScenarioBuilder& builder,
                        ImportReport& report, std::string& notes);

}  // namespace accesspath::aws_export
