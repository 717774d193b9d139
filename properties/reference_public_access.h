// The reference evaluator's S3 Block Public Access (S3 User Guide: Blocking
// public access to your Amazon S3 storage, S3/access-control-block-public-access.html;
// rules 94-96 of model/SEMANTICS.md), on the scenario JSON.
//
// Of the four settings only RestrictPublicBuckets changes who may use a bucket:
// BlockPublicPolicy refuses a PutBucketPolicy whose new policy is public (the
// request does not carry the new policy, and model/ does not model it:
// SEMANTICS "Not modelled"), and BlockPublicAcls / IgnorePublicAcls act on ACLs,
// which grant nothing here (rule 93).
//
//   if (reference::restricts_public_policy(doc, bucket)) authorization.owner_account_only = true;
#pragma once

#include <nlohmann/json.hpp>

namespace accesspath::properties::reference {

// A bucket policy is public unless each Allow for a wildcard principal (or NotPrincipal) pins a
// listed condition key to fixed values ("The meaning of public"; rule 95).
bool is_public_policy(const nlohmann::json& policy);

// RestrictPublicBuckets is on for the bucket, on it or on its owner account ("the most restrictive
// combination" of the bucket's and the account's settings applies), and its policy is public.
bool restricts_public_policy(const nlohmann::json& doc, const nlohmann::json& bucket);

}  // namespace accesspath::properties::reference
