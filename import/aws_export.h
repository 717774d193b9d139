// `accesspath import aws DIR`: a directory of AWS CLI outputs (docs/import.md, "AWS export
// layout") read into a scenario document.
//
//   DIR/ACCOUNT/iam/get-account-authorization-details.json
//   DIR/ACCOUNT/s3/BUCKET/{get-bucket-policy,get-bucket-encryption,get-bucket-location,
//                          get-public-access-block,get-bucket-ownership-controls}.json
//   DIR/ACCOUNT/s3/get-public-access-block.json              (s3control: the account's setting)
//   DIR/ACCOUNT/kms/KEY-ID/{describe-key,get-key-policy,list-grants}.json
//   DIR/ACCOUNT/kms/list-aliases.json
//   DIR/organizations/…                                       (aws_organizations.h)
//
//   ImportReport report;
//   std::optional<nlohmann::json> scenario = import_aws_export("exports/", report);
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/export_files.h"
#include "import/import_report.h"

namespace accesspath {

// The scenario, or nullopt when nothing usable was read (the report says why).
std::optional<nlohmann::json> import_aws_export(const std::string& dir, ImportReport& report);
// The same from the export's files held in memory (export_files.h): the report names them as
// the folder `files.root()` would. The folder version reads the same way from disk (ExportFolder).
std::optional<nlohmann::json> import_aws_export(const ExportInMemory& files, ImportReport& report);

}  // namespace accesspath
