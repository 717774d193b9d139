// A generator of synthetic AWS organisations, for scale benchmarks and for testing the access
// graph on worlds no one would write by hand.
//
// The result is a scenario document (format 1), so the same value can be loaded into a World
// (`load_scenario`) or written to a file that `accesspath check` reads. Deterministic: the same
// shape (seed included) always gives the same document, byte for byte.
//
//   nlohmann::json doc = generate_org(OrgShape::for_principals(10000));
//   LoadResult r = load_scenario(doc, "org-10000.json");
//
// What an organisation looks like: N accounts; in each, teams of users and roles (reader,
// writer with a permissions boundary, analyst, CI role trusted by a service, a role trusted
// from a partner account), an account admin role reached by a break-glass user, an auditor
// role trusted from the security account; groups and managed policies per team; SCPs;
// buckets with realistic bucket policies (deny insecure transport, deny unencrypted uploads,
// require the team key, cross-account readers, a few public or org-wide ones); SSE-KMS,
// SSE-S3 and aws/s3 objects; keys with key policies (IAM delegation, admins, users,
// cross-account users) and grants.
//
// With `conditions`, also the condition-gated statements real organisations write on keys the
// caller chooses: VPC-endpoint fences on some buckets (deny unless through the account's
// endpoint, the admin role excepted), grants that hold only from the corporate address range
// (bucket policies and ad-hoc identity grants), role trust that requires MFA (admin, analysts),
// and a deny of plain HTTP in many key policies (bucket policies always have one).
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace accesspath::orggen {

struct OrgShape {
  std::uint64_t seed = 1;
  int principals = 1000;  // users and roles, in total
  int buckets = 200;
  int keys = 50;
  int accounts = 0;  // 0: one account per 200 principals (at least 2)
  // Condition-gated statements on caller-chosen keys (aws:SourceVpce, aws:SourceIp,
  // aws:MultiFactorAuthPresent, aws:SecureTransport). Off: the same document as before.
  bool conditions = false;
  // The figures (10,000 principals, 2,000 buckets, 500 keys) scaled to `principals`:
  // one bucket per 5 principals and one key per 20.
  static OrgShape for_principals(int principals, std::uint64_t seed = 1);
};

nlohmann::json generate_org(const OrgShape& shape);

}  // namespace accesspath::orggen
