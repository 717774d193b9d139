// The properties each fuzz target checks, one function per target, callable from a libFuzzer
// entry point (fuzz_main.cpp) and from the ordinary test suite, which replays every saved
// finding (tests/fuzz_findings/TARGET/*, tests/fuzz_findings_test.cpp).
//
// Each function takes the fuzzer's bytes as they are; it returns when the input is uninteresting
// or every property held, and throws PropertyViolation (fuzz_support.h) naming the property and
// the input when one did not.
//
//   accesspath::fuzz::check_scenario(file_contents);
#pragma once

#include <string_view>

namespace accesspath::fuzz {

void check_scenario(std::string_view input);          // scenario_check.cpp
void check_policy(std::string_view input);            // policy_check.cpp
void check_condition(std::string_view input);         // condition_check.cpp
void check_arn_wildcard(std::string_view input);      // arn_wildcard_check.cpp
void check_policy_variables(std::string_view input);  // policy_variables_check.cpp
void check_aws_export(std::string_view input);        // aws_export_check.cpp
void check_terraform_plan(std::string_view input);    // terraform_plan_check.cpp
void check_cloudtrail(std::string_view input);        // cloudtrail_check.cpp
void check_eval_lines(std::string_view input);        // eval_lines_check.cpp

}  // namespace accesspath::fuzz
