#include "model/world/loader.h"

namespace accesspath::loading {

void Loader::lint_key_reference(const std::string& ref, const std::string& ptr,
                                const std::string& bucket_region) {
  if (ref.rfind("arn:", 0) != 0 || ref.find(":alias/") != std::string::npos) {
    // Contract and rule 85 [X]: AWS documents two resolutions of an id or alias for
    // cross-account callers; only a key ARN is unambiguous.
    diags_.warning(
        ptr,
        "KMS key `" + ref +
            "` is not a key ARN; for callers from another account S3 resolves key "
            "ids and aliases in the caller's account (S3 API Reference), so use the full key ARN");
    return;
  }
  for (const auto& p : validate_arn(ref, false)) diags_.warning(ptr, p);
  auto arn = parse_arn(ref);
  if (arn && !bucket_region.empty() && !arn->region.empty() && arn->region != bucket_region)
    diags_.warning(ptr, "KMS key `" + ref + "` is in `" + arn->region + "` but the bucket is in `" +
                            bucket_region + "`; S3 uses only keys in the bucket's Region");
}

std::optional<Encryption> Loader::encryption(const json& j, const std::string& ptr,
                                             bool is_default) {
  if (is_default) check_keys(j, ptr, {"sse", "kms_key", "bucket_key"});
  Encryption e;
  const json* sse =
      is_default ? need(j, ptr, "sse", json::value_t::string, "`AES256` or `aws:kms`")
                 : optional(j, ptr, "sse", json::value_t::string, "`aws:kms`, `AES256` or `SSE-C`");
  if (!sse) return std::nullopt;
  std::string v = sse->get<std::string>();
  if (v == "AES256")
    e.sse = Sse::kS3;
  else if (v == "aws:kms" || v == "aws:kms:dsse")
    e.sse = Sse::kKms;
  else if (v == "SSE-C" && !is_default)
    e.sse = Sse::kCustomer;
  else {
    diags_.error(ptr + "/sse", "`sse` must be " +
                                   std::string(is_default ? "`AES256` or `aws:kms`"
                                                          : "`aws:kms`, `AES256` or `SSE-C`") +
                                   ", got `" + v + "`");
    return std::nullopt;
  }
  if (const json* k = optional(j, ptr, "kms_key", json::value_t::string,
                               "a key ARN, key id, alias name or alias ARN")) {
    if (e.sse != Sse::kKms)
      diags_.error(ptr + "/kms_key", "`kms_key` goes with `\"sse\": \"aws:kms\"`");
    e.kms_key = k->get<std::string>();
  }
  if (const json* b = optional(j, ptr, "bucket_key", json::value_t::boolean, "true or false"))
    e.bucket_key = b->get<bool>();
  return e;
}

void Loader::load_buckets(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/buckets", i);
    const json& bj = list[i];
    if (!bj.is_object()) {
      diags_.error(ptr, "a bucket must be an object, got " + kind_of(bj));
      continue;
    }
    check_keys(bj, ptr,
               {"name", "account", "region", "policy", "default_encryption", "block_public_access",
                "objects", "tags", "abac"});
    Bucket b;
    b.pointer = ptr;
    if (const json* n = need(bj, ptr, "name", json::value_t::string, "the bucket name"))
      b.name = n->get<std::string>();
    if (!b.name.empty() && !seen.insert(b.name).second)
      diags_.error(ptr + "/name", "bucket `" + b.name + "` is declared twice");
    if (b.name.find('/') != std::string::npos || b.name.find(':') != std::string::npos)
      diags_.error(ptr + "/name", "a bucket name has no `/` or `:`, got `" + b.name + "`");
    if (const json* a =
            need(bj, ptr, "account", json::value_t::string, "the owner's 12-digit account id")) {
      b.account = a->get<std::string>();
      check_account_declared(b.account, ptr + "/account", "bucket `" + b.name + "`");
    }
    if (const json* r =
            need(bj, ptr, "region", json::value_t::string, "a region such as `us-east-1`"))
      b.region = r->get<std::string>();
    if (const json* p =
            optional(bj, ptr, "policy", json::value_t::object, "a bucket policy document")) {
      b.policy =
          parse(*p, ptr + "/policy", PolicyKind::kResource, "bucket policy of `" + b.name + "`");
      check_bucket_policy_statements_name_resources(*p, ptr + "/policy", diags_);
    }
    if (const json* de = optional(bj, ptr, "default_encryption", json::value_t::object,
                                  "an object with `sse`")) {
      b.default_encryption = encryption(*de, ptr + "/default_encryption", true);
      if (b.default_encryption && !b.default_encryption->kms_key.empty())
        lint_key_reference(b.default_encryption->kms_key, ptr + "/default_encryption/kms_key",
                           b.region);
    }
    if (auto it = bj.find("block_public_access"); it != bj.end())
      b.block_public_access = bpa(*it, ptr + "/block_public_access");
    b.tags = read_tags(bj, ptr, &b.tags_described);
    if (auto it = bj.find("abac"); it != bj.end() && it->is_null())
      b.abac_described = false;  // not known (scenario contract, further world facts)
    else if (const json* abac =
                 optional(bj, ptr, "abac", json::value_t::boolean, "true, false or null"))
      b.abac = abac->get<bool>();
    if (const json* objs =
            optional(bj, ptr, "objects", json::value_t::array, "a list of objects")) {
      for (std::size_t k = 0; k < objs->size(); ++k) {
        std::string optr = pointer_join(ptr + "/objects", k);
        const json& oj = (*objs)[k];
        if (!oj.is_object()) {
          diags_.error(optr, "an object must be `{\"key\": …}`, got " + kind_of(oj));
          continue;
        }
        check_keys(oj, optr, {"key", "sse", "kms_key", "bucket_key", "tags"});
        S3Object o;
        if (const json* key = need(oj, optr, "key", json::value_t::string, "the object key"))
          o.key = key->get<std::string>();
        o.tags = read_tags(oj, optr, &o.tags_described);
        // S3 User Guide, Categorizing your storage using tags: at most 10 tags on an object.
        if (o.tags.size() > 10)
          diags_.error(optr + "/tags", "an object has at most 10 tags, this one has " +
                                           std::to_string(o.tags.size()));
        if (oj.contains("sse")) {
          o.encryption = encryption(oj, optr, false);
          if (o.encryption && !o.encryption->kms_key.empty())
            lint_key_reference(o.encryption->kms_key, optr + "/kms_key", b.region);
        } else if (oj.contains("kms_key") || oj.contains("bucket_key")) {
          diags_.error(optr, "`kms_key` and `bucket_key` go with `\"sse\": \"aws:kms\"`");
        }
        b.objects.push_back(std::move(o));
      }
    }
    s_.world.buckets.push_back(std::move(b));
  }
}

void Loader::load_keys(const json& list) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/keys", i);
    const json& kj = list[i];
    if (!kj.is_object()) {
      diags_.error(ptr, "a key must be an object with an `arn`, got " + kind_of(kj));
      continue;
    }
    check_keys(kj, ptr, {"arn", "policy", "aliases", "managed", "state", "grants", "tags"});
    Key k;
    k.pointer = ptr;
    const json* arn = need(kj, ptr, "arn", json::value_t::string, "a key ARN");
    if (!arn) continue;
    k.arn = arn->get<std::string>();
    auto parsed = parse_arn(k.arn);
    auto problems = validate_arn(k.arn, false);
    for (const auto& p : problems) diags_.error(ptr + "/arn", p);
    if (!parsed || parsed->service != "kms" || parsed->resource_type() != "key") {
      if (problems.empty())
        diags_.error(
            ptr + "/arn",
            "`" + k.arn +
                "` is not a key ARN such as `arn:aws:kms:us-east-1:111122223333:key/<id>`");
      continue;
    }
    if (!seen.insert(k.arn).second)
      diags_.error(ptr + "/arn", "key `" + k.arn + "` is declared twice");
    k.account = parsed->account;
    k.region = parsed->region;
    k.id = std::string(parsed->resource_id());
    k.tags = read_tags(kj, ptr, &k.tags_described);
    check_account_declared(k.account, ptr + "/arn", "key `" + k.arn + "`");
    if (const json* m =
            optional(kj, ptr, "managed", json::value_t::string, "`customer` or `aws`")) {
      if (*m == "aws")
        k.aws_managed = true;
      else if (*m != "customer")
        diags_.error(ptr + "/managed",
                     "`managed` must be `customer` or `aws`, got `" + m->get<std::string>() + "`");
    }
    if (const json* st =
            optional(kj, ptr, "state", json::value_t::string, key_state_names_text())) {
      if (auto state = key_state_from_name(st->get_ref<const std::string&>()))
        k.state = *state;
      else
        diags_.error(ptr + "/state", "`state` must be " + key_state_names_text() + ", got `" +
                                         st->get<std::string>() + "`");
    }
    if (const json* al =
            optional(kj, ptr, "aliases", json::value_t::array, "a list of alias names")) {
      for (std::size_t a = 0; a < al->size(); ++a) {
        std::string aptr = pointer_join(ptr + "/aliases", a);
        if (!(*al)[a].is_string() || (*al)[a].get<std::string>().rfind("alias/", 0) != 0) {
          diags_.error(aptr, "an alias is a string `alias/<name>`, got " + (*al)[a].dump());
          continue;
        }
        std::string alias = (*al)[a].get<std::string>();
        // KMS: the alias/aws/ prefix is reserved for AWS managed keys (rule 79).
        if (alias.rfind("alias/aws/", 0) == 0 && !k.aws_managed)
          diags_.error(
              aptr,
              "`alias/aws/` names are reserved for AWS managed keys; add `\"managed\": \"aws\"`");
        k.aliases.push_back(alias);
      }
    }
    std::string label = "key policy of " +
                        (k.aliases.empty() ? "key `" + k.id + "`" : "`" + k.aliases.front() + "`");
    if (const json* p =
            optional(kj, ptr, "policy", json::value_t::object, "a key policy document")) {
      k.policy = parse(*p, ptr + "/policy", PolicyKind::kKeyPolicy, label);
    } else if (k.aws_managed) {
      bool s3 = std::find(k.aliases.begin(), k.aliases.end(), "alias/aws/s3") != k.aliases.end();
      if (!s3)
        diags_.error(ptr,
                     "an AWS managed key other than `alias/aws/s3` needs its `policy` (accesspath "
                     "only knows the aws/s3 policy)");
      Policy generated = aws_managed_s3_key_policy(k.account, k.region);
      generated.pointer = ptr;
      k.policy = std::make_shared<const Policy>(std::move(generated));
    } else {
      // KMS: Default key policy: a key created without a policy gets only the statement that
      // enables IAM policies for the account (rule 62).
      diags_.warning(
          ptr,
          "key has no `policy`; using the default key policy, which only delegates to account `" +
              k.account + "`'s IAM policies");
      json doc = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Sid", "Enable IAM User Permissions"},
                     {"Effect", "Allow"},
                     {"Principal", {{"AWS", "arn:aws:iam::" + k.account + ":root"}}},
                     {"Action", "kms:*"},
                     {"Resource", "*"}}}}};
      Diagnostics ignored;
      Policy def = parse_policy(doc, ptr, PolicyKind::kKeyPolicy, ignored);
      def.label = "default " + label;
      k.policy = std::make_shared<const Policy>(std::move(def));
    }
    if (const json* gs = optional(kj, ptr, "grants", json::value_t::array, "a list of grants")) {
      for (std::size_t g = 0; g < gs->size(); ++g) {
        std::string gptr = pointer_join(ptr + "/grants", g);
        const json& gj = (*gs)[g];
        if (!gj.is_object()) {
          diags_.error(gptr, "a grant must be an object, got " + kind_of(gj));
          continue;
        }
        check_keys(gj, gptr, {"grantee", "operations", "constraints"});
        KmsGrant grant;
        if (const json* ge = need(gj, gptr, "grantee", json::value_t::string, "a principal ARN")) {
          grant.grantee = ge->get<std::string>();
          for (const auto& p : validate_arn(grant.grantee, false))
            diags_.error(gptr + "/grantee", p);
        }
        if (const json* ops =
                need(gj, gptr, "operations", json::value_t::array, "a list of operation names")) {
          for (std::size_t o = 0; o < ops->size(); ++o) {
            if (!(*ops)[o].is_string()) {
              diags_.error(pointer_join(gptr + "/operations", o),
                           "operations are strings such as `Decrypt`");
              continue;
            }
            std::string op = (*ops)[o].get<std::string>();
            if (op.rfind("kms:", 0) == 0)
              diags_.error(pointer_join(gptr + "/operations", o),
                           "grant operations have no `kms:` prefix: `" + op.substr(4) + "`");
            else if (!is_kms_grant_operation(op))
              // KMS API Reference, CreateGrant: `Operations` takes only the listed values, spelled
              // exactly; KMS refuses anything else ("Member must satisfy enum value set").
              diags_.error(pointer_join(gptr + "/operations", o),
                           "`" + op +
                               "` is not a KMS grant operation (KMS: \"Member must satisfy "
                               "enum value set\"); expected one of " +
                               kms_grant_operations_text());
            grant.operations.push_back(op);
          }
        }
        if (const json* c = optional(gj, gptr, "constraints", json::value_t::object, "an object")) {
          check_keys(*c, gptr + "/constraints",
                     {"EncryptionContextEquals", "EncryptionContextSubset"});
          auto read_map = [&](std::string_view name, std::map<std::string, std::string>& out) {
            if (const json* m = optional(*c, gptr + "/constraints", name, json::value_t::object,
                                         "an object of strings"))
              for (const auto& [kk, vv] : m->items()) {
                if (vv.is_string())
                  out[kk] = vv.get<std::string>();
                else
                  diags_.error(pointer_join(gptr + "/constraints/" + std::string(name), kk),
                               "values are strings");
              }
          };
          read_map("EncryptionContextEquals", grant.context_equals);
          read_map("EncryptionContextSubset", grant.context_subset);
        }
        k.grants.push_back(std::move(grant));
      }
    }
    s_.world.keys.push_back(std::move(k));
  }
}

void Loader::load_resources(const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ptr = pointer_join("/resources", i);
    const json& rj = list[i];
    if (!rj.is_object()) {
      diags_.error(ptr, "a resource must be an object with `arn` and `policy`, got " + kind_of(rj));
      continue;
    }
    check_keys(rj, ptr, {"arn", "policy"});
    GenericResource r;
    r.pointer = ptr;
    if (const json* a = need(rj, ptr, "arn", json::value_t::string, "the resource ARN")) {
      r.arn = a->get<std::string>();
      auto parsed = parse_arn(r.arn);
      for (const auto& p : validate_arn(r.arn, false)) diags_.error(ptr + "/arn", p);
      if (parsed) {
        r.account = parsed->account;
        if (!r.account.empty())
          check_account_declared(r.account, ptr + "/arn", "resource `" + r.arn + "`");
      }
    }
    if (const json* p =
            optional(rj, ptr, "policy", json::value_t::object, "a resource policy document"))
      r.policy =
          parse(*p, ptr + "/policy", PolicyKind::kResource, "resource policy of `" + r.arn + "`");
    s_.world.resources.push_back(std::move(r));
  }
}

}  // namespace accesspath::loading
