// One caller-chosen condition key a decision read, with its value in the request that was
// decided: what a counterexample step or an explanation shows ("from 203.0.113.7 (aws:SourceIp)").
#pragma once

#include <map>
#include <string>
#include <vector>

namespace accesspath {

struct ContextNeed {
  std::string key;  // as AWS spells it: aws:SourceIp, aws:Referer, s3:x-amz-acl, ...
  bool present = false;
  std::string value;
  std::vector<std::string> values;  // a multivalued key (aws:TagKeys, ...): its values; `value` ""
  bool operator==(const ContextNeed&) const = default;
};

// For people: "from 203.0.113.7 (aws:SourceIp), Referer `https://www.example.com/x`".
std::string describe_needs(const std::vector<ContextNeed>& needs);

// Puts the present keys into a request's `context` (and the `s3:x-amz-*` ones into its headers),
// as an expectation replays them; an absent key is simply not sent.
void add_needs_to_request(const std::vector<ContextNeed>& needs,
                          std::map<std::string, std::vector<std::string>>& context,
                          std::map<std::string, std::string>& headers);

}  // namespace accesspath
