#!/usr/bin/env bash
# Collects what `accesspath import aws` reads, with the AWS CLI, into the layout of docs/import.md:
#
#   tools/collect-aws.sh OUT [--profile NAME]... [--regions us-east-1,eu-west-1] [--no-organizations]
#   build/tools/accesspath import aws OUT -o world.json --invariants team-invariants.json
#   build/tools/accesspath check world.json
#
# One account per --profile (default: the current credentials); KMS keys and aliases of every
# Region in --regions (default: the profile's Region, else us-east-1); Organizations (the OU
# tree, SCPs and RCPs with their targets) with the first profile, when it may read them.
#
# Read-only calls only: sts get-caller-identity; iam get-account-authorization-details;
# s3api list-buckets, get-bucket-location, get-bucket-policy, get-bucket-encryption,
# get-public-access-block, get-bucket-ownership-controls, get-bucket-tagging, get-bucket-abac;
# s3control get-public-access-block; kms list-keys, describe-key, get-key-policy, list-grants,
# list-resource-tags, list-aliases; organizations
# describe-organization, list-roots, list-organizational-units-for-parent,
# list-accounts-for-parent, list-policies, describe-policy, list-targets-for-policy.
# A call that fails is recorded as {"Error": {"Code": …, "Message": …}} in its file (the
# importer reads NoSuchBucketPolicy as "no policy" and reports any other error).
set -uo pipefail

usage() { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
profiles=() regions="" organizations=1
while [ $# -gt 0 ]; do
  case $1 in
    --profile) profiles+=("$2"); shift 2 ;;
    --regions) regions=$2; shift 2 ;;
    --no-organizations) organizations=0; shift ;;
    *) usage ;;
  esac
done
[ ${#profiles[@]} -gt 0 ] || profiles=("")
command -v aws >/dev/null || { echo "collect-aws.sh: the AWS CLI (aws) is not installed" >&2; exit 2; }

profile=""
awsp() { if [ -n "$profile" ]; then aws --profile "$profile" --output json "$@"; else aws --output json "$@"; fi; }

# call FILE aws-arguments…: the output in FILE, or the error record.
call() {
  local file=$1; shift
  mkdir -p "$(dirname "$file")"
  local err
  if ! awsp "$@" >"$file.tmp" 2>"$file.err"; then
    err=$(tr '\n' ' ' <"$file.err")
    local code message
    code=$(printf '%s' "$err" | sed -n 's/.*An error occurred (\([A-Za-z0-9.]*\)).*/\1/p')
    message=$(printf '%s' "$err" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf '{"Error": {"Code": "%s", "Message": "%s"}}\n' "${code:-CliError}" "$message" >"$file.tmp"
  fi
  mv "$file.tmp" "$file"
  rm -f "$file.err"
}

# Joins the JSON arrays in the files given into one (each printed by --query with --output json).
join_arrays() {
  local first=1
  printf '['
  for f in "$@"; do
    local body
    body=$(sed '1s/^[[:space:]]*\[//; $s/\][[:space:]]*$//' "$f" | tr '\n' ' ')
    if [ -n "$(printf '%s' "$body" | tr -d '[:space:]')" ]; then
      [ $first -eq 1 ] || printf ','
      printf '%s' "$body"
      first=0
    fi
  done
  printf ']'
}

for profile in "${profiles[@]}"; do
  account=$(awsp sts get-caller-identity --query Account --output text) || {
    echo "collect-aws.sh: cannot reach AWS with profile '${profile:-default}'" >&2; exit 2; }
  dir="$out/$account"
  echo "account $account" >&2
  call "$dir/iam/get-account-authorization-details.json" iam get-account-authorization-details
  call "$dir/s3/get-public-access-block.json" s3control get-public-access-block --account-id "$account"
  for bucket in $(awsp s3api list-buckets --query 'Buckets[].Name' --output text); do
    b="$dir/s3/$bucket"
    for c in get-bucket-location get-bucket-policy get-bucket-encryption get-public-access-block \
             get-bucket-ownership-controls get-bucket-tagging get-bucket-abac; do
      call "$b/$c.json" s3api "$c" --bucket "$bucket"
    done
  done
  r=${regions:-$(awsp configure get region 2>/dev/null || true)}
  r=${r:-us-east-1}
  alias_files=()
  for region in ${r//,/ }; do
    for key in $(awsp kms list-keys --region "$region" --query 'Keys[].KeyId' --output text); do
      k="$dir/kms/$key"
      call "$k/describe-key.json" kms describe-key --region "$region" --key-id "$key"
      call "$k/get-key-policy.json" kms get-key-policy --region "$region" --key-id "$key" --policy-name default
      call "$k/list-grants.json" kms list-grants --region "$region" --key-id "$key"
      call "$k/list-resource-tags.json" kms list-resource-tags --region "$region" --key-id "$key"
    done
    mkdir -p "$dir/kms"
    awsp kms list-aliases --region "$region" --query Aliases >"$dir/kms/aliases-$region.tmp" &&
      alias_files+=("$dir/kms/aliases-$region.tmp")
  done
  if [ ${#alias_files[@]} -gt 0 ]; then
    { printf '{"Aliases": '; join_arrays "${alias_files[@]}"; printf '}\n'; } >"$dir/kms/list-aliases.json"
    rm -f "${alias_files[@]}"
  fi
done

if [ $organizations -eq 1 ]; then
  profile=${profiles[0]}
  o="$out/organizations"
  if awsp organizations describe-organization >/dev/null 2>&1; then
    echo "organizations" >&2
    call "$o/describe-organization.json" organizations describe-organization
    call "$o/list-roots.json" organizations list-roots
    parents=$(awsp organizations list-roots --query 'Roots[].Id' --output text)
    while [ -n "$parents" ]; do
      next=""
      for parent in $parents; do
        call "$o/list-organizational-units-for-parent/$parent.json" organizations list-organizational-units-for-parent --parent-id "$parent"
        call "$o/list-accounts-for-parent/$parent.json" organizations list-accounts-for-parent --parent-id "$parent"
        next="$next $(awsp organizations list-organizational-units-for-parent --parent-id "$parent" --query 'OrganizationalUnits[].Id' --output text)"
      done
      parents=$(printf '%s' "$next" | xargs)  # trimmed; empty when no OU has children
    done
    for type in SERVICE_CONTROL_POLICY RESOURCE_CONTROL_POLICY; do
      for policy in $(awsp organizations list-policies --filter "$type" --query 'Policies[].Id' --output text 2>/dev/null); do
        call "$o/policies/$policy/describe-policy.json" organizations describe-policy --policy-id "$policy"
        call "$o/policies/$policy/list-targets-for-policy.json" organizations list-targets-for-policy --policy-id "$policy"
      done
    done
  else
    echo "organizations: not readable with profile '${profile:-default}' (skipped)" >&2
  fi
fi
echo "collected into $out; next: accesspath import aws $out -o world.json" >&2
