#!/usr/bin/env bash
# The command-line contract of `accesspath check` and `explain`: exit statuses
# 0/1/2, JSON output shape, and bad input reported with file and JSON pointer
# while the other files of the run are still reported.
set -u
ap="${ACCESSPATH:?set ACCESSPATH to the accesspath binary}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
expect() {  # expect NAME WANTED_STATUS ACTUAL_STATUS
  if [ "$2" = "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: exit $3, wanted $2"; fi
}
contains() {  # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: no \`$3\` in output:"; cat "$2"; fi
}

"$ap" check scenarios/*.json >"$tmp/out" 2>"$tmp/err"; expect "bundled scenarios pass" 0 $?
contains "summary line" "$tmp/out" "expectations met, 0 not met"

"$ap" check --format json scenarios/separation-of-duties.json >"$tmp/json"; expect "json check" 0 $?
python3 - "$tmp/json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL json shape"; }
import json, sys
d = json.load(open(sys.argv[1]))
f = d["files"][0]
assert f["error"] is None and f["expectations"], f
for e in f["expectations"]:
    assert set(["index", "expect", "decision", "ok", "explanation"]) <= set(e), e
    assert e["decision"] in ("allow", "deny") and e["ok"] is True
PY

# An expectation that is not met: exit 1.
python3 - scenarios/separation-of-duties.json "$tmp/wrong.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); e = d["expectations"][0]
e["expect"] = "deny" if e["expect"] == "allow" else "allow"
json.dump(d, open(sys.argv[2], "w"))
PY
"$ap" check "$tmp/wrong.json" >"$tmp/out" 2>&1; expect "unmet expectation" 1 $?
contains "unmet expectation is shown" "$tmp/out" "FAIL expectation 0"

# Bad input: malformed JSON, unknown key, missing file; the good file is still reported.
printf '{ "format": 1, "name": "x", ' >"$tmp/broken.json"
python3 - scenarios/separation-of-duties.json "$tmp/typo.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["principal"] = d.pop("principals")
json.dump(d, open(sys.argv[2], "w"))
PY
"$ap" check "$tmp/broken.json" "$tmp/typo.json" "$tmp/missing.json" scenarios/disabled-key.json >"$tmp/out" 2>"$tmp/err"
expect "bad input exits 2" 2 $?
contains "malformed json names line" "$tmp/err" "broken.json: /: error: not valid JSON at line 1"
contains "typo names pointer and suggestion" "$tmp/err" "typo.json: /principal: error: unknown key \`principal\`; did you mean \`principals\`?"
contains "missing file" "$tmp/err" "missing.json: /: error: cannot read the file"
contains "other files still reported" "$tmp/out" "disabled-key.json (disabled-key)"

# explain: 0 for allow, 1 for deny, 2 for bad input.
"$ap" explain scenarios/separation-of-duties.json --principal arn:aws:iam::111122223333:role/authorized-users \
  --action s3:GetObject --resource arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf >"$tmp/out"
expect "explain allow" 0 $?
"$ap" explain scenarios/separation-of-duties-key-user-removed.json --principal arn:aws:iam::111122223333:role/authorized-users \
  --action s3:GetObject --resource arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf >"$tmp/out"
expect "explain deny" 1 $?
contains "explain names kms" "$tmp/out" "KMS authorizes \`kms:Decrypt\`"
"$ap" explain scenarios/separation-of-duties.json --principal not-an-arn --action s3:GetObject --resource '*' >"$tmp/out" 2>"$tmp/err"
expect "explain bad principal" 2 $?
"$ap" check >"$tmp/out" 2>&1; expect "no files is a usage error" 2 $?

# who / paths: the role chain of the misconfigured variant is found and shown.
"$ap" who scenarios/separation-of-duties-role-trusts-account.json --action s3:GetObject \
  --resource 'arn:aws:s3:::secure-demo-bucket/*' >"$tmp/out"; expect "who" 0 $?
contains "who finds the developer" "$tmp/out" "arn:aws:iam::111122223333:user/developer  (2 steps)"
contains "who shows the chain" "$tmp/out" "sts:AssumeRole  arn:aws:iam::111122223333:role/authorized-users"
"$ap" paths scenarios/separation-of-duties-role-trusts-account.json --from arn:aws:iam::111122223333:user/developer \
  --action 's3:Get*' >"$tmp/out"; expect "paths" 0 $?
contains "paths lists the read as the role" "$tmp/out" "as role/authorized-users"
"$ap" paths scenarios/separation-of-duties.json --from arn:aws:iam::999:user/x >"$tmp/out" 2>&1; expect "paths bad principal" 2 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
