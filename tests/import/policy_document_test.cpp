// Policy documents as the SDKs print them, and the --invariants merge.
#include <gtest/gtest.h>

#include <fstream>

#include "import/invariants_merge.h"
#include "import/policy_document.h"
#include "tests/import/import_test_util.h"

namespace accesspath {
namespace {

using nlohmann::json;

const json kDoc = json::parse(
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a b+c"}})");

TEST(PolicyDocument, ObjectsJsonStringsAndUrlEncodedStringsDecodeToTheSameDocument) {
  std::string why;
  EXPECT_EQ(decode_policy_document(kDoc, &why), kDoc);
  EXPECT_EQ(decode_policy_document(json(kDoc.dump(2)), &why), kDoc);
  // RFC 3986 as IAM encodes it: a space is %20, a literal + is %2B.
  std::string encoded =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C"
      "%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Ab%2Fa%20"
      "b%2Bc%22%7D%7D";
  EXPECT_EQ(decode_policy_document(json(encoded), &why), kDoc) << why;
}

TEST(PolicyDocument, WhatIsNotADocumentSaysWhatWasFound) {
  std::string why;
  EXPECT_FALSE(decode_policy_document(json(42), &why));
  EXPECT_EQ(why, "the policy document must be a JSON object or a string, got number");
  EXPECT_FALSE(decode_policy_document(json(nullptr), &why));
  EXPECT_EQ(why, "the policy document must be a JSON object or a string, got null");
  EXPECT_FALSE(decode_policy_document(json("{\"Version\": "), &why));
  EXPECT_EQ(why, "the policy document is a string that is not valid JSON");
  EXPECT_FALSE(decode_policy_document(json("%7B%2"), &why));
  EXPECT_EQ(why, "the policy document is a string with a malformed `%` escape");
  EXPECT_FALSE(decode_policy_document(json("[1]"), &why));
  EXPECT_EQ(why, "the policy document is a string that is neither JSON nor URL-encoded JSON");
  EXPECT_EQ(url_decode("a%2"), std::nullopt);
  EXPECT_EQ(url_decode("a+b%41"), "a+bA");
}

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(InvariantsMerge, TheTeamsEntriesJoinTheWorldAndTheirErrorsNameTheirFile) {
  json world =
      json::parse(R"({"format": 1, "name": "imported", "accounts": [{"id": "111122223333"}],
    "principals": [{"arn": "arn:aws:iam::111122223333:user/a"}]})");
  ImportReport report;
  Diagnostics errors;
  std::string good = write_temp("good-invariants.json", R"({"name": "team", "principals": [],
    "invariants": [{"name": "a never reads", "action": "s3:GetObject",
                    "resource": "arn:aws:s3:::b/*", "never": ["arn:aws:iam::111122223333:user/a"]}]})");
  json merged = world;
  ASSERT_TRUE(merge_invariants(merged, good, report, errors));
  EXPECT_EQ(merged["name"], "team");
  EXPECT_EQ(merged["invariants"].size(), 1u);
  EXPECT_EQ(merged["principals"], world["principals"]);  // the world stays the imported one
  EXPECT_EQ(testing::entries_with(report, ImportEntry::Kind::kNote, {"/principals", "ignored"}),
            1u);

  std::string bad = write_temp("bad-invariants.json", R"({"invariants": [{"name": "x",
    "action": "s3:GetObject", "resource": "arn:aws:s3:::b/*", "nevr": []}], "extra": 1})");
  json untouched = world;
  Diagnostics bad_errors;
  EXPECT_FALSE(merge_invariants(untouched, bad, report, bad_errors));
  EXPECT_EQ(untouched, world);
  ASSERT_FALSE(bad_errors.items().empty());
  bool named_pointer = false, named_extra = false;
  for (const auto& d : bad_errors.items()) {
    EXPECT_EQ(d.file, bad);
    named_extra = named_extra || d.pointer == "/extra";
  }
  Diagnostics only_invariant;
  std::string bad2 = write_temp("bad2-invariants.json", R"({"invariants": [{"name": "x",
    "action": "s3:GetObject", "resource": "arn:aws:s3:::b/*", "nevr": []}]})");
  EXPECT_FALSE(merge_invariants(untouched, bad2, report, only_invariant));
  for (const auto& d : only_invariant.items())
    named_pointer = named_pointer || d.pointer.rfind("/invariants/0", 0) == 0;
  EXPECT_TRUE(named_extra);
  EXPECT_TRUE(named_pointer);

  Diagnostics missing;
  EXPECT_FALSE(merge_invariants(untouched, "/no/such/file.json", report, missing));
  EXPECT_EQ(missing.items().at(0).file, "/no/such/file.json");
}

}  // namespace
}  // namespace accesspath
