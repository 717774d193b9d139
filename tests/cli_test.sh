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

# The CI formats keep the exit statuses; -o writes the report and nothing to stdout.
# (Their content: tests/sarif_junit_test.py.)
for fmt in json sarif junit; do
  "$ap" check --format $fmt scenarios/disabled-key.json >"$tmp/out"; expect "$fmt as expected" 0 $?
  "$ap" check --format $fmt "$tmp/wrong.json" >"$tmp/out"; expect "$fmt unmet expectation" 1 $?
  "$ap" check --format $fmt "$tmp/broken.json" scenarios/disabled-key.json >"$tmp/out" 2>"$tmp/err"
  expect "$fmt bad input" 2 $?
  contains "$fmt bad input on stderr too" "$tmp/err" "broken.json: /: error: not valid JSON"
  "$ap" check --format $fmt -o "$tmp/report.$fmt" "$tmp/wrong.json" >"$tmp/out"; expect "$fmt -o" 1 $?
  [ -s "$tmp/report.$fmt" ] && [ ! -s "$tmp/out" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL $fmt -o"; }
done
"$ap" check -o "$tmp/no/such/dir.txt" scenarios/disabled-key.json >"$tmp/out" 2>"$tmp/err"
expect "check -o into a missing folder" 2 $?
"$ap" check --format xml scenarios/disabled-key.json >"$tmp/out" 2>&1; expect "unknown format" 2 $?

# explain: 0 for allow, 1 for deny, 2 for bad input.
"$ap" explain scenarios/separation-of-duties.json --principal arn:aws:iam::111122223333:role/authorized-users \
  --action s3:GetObject --resource arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf >"$tmp/out"
expect "explain allow" 0 $?
"$ap" explain scenarios/separation-of-duties-key-user-removed.json --principal arn:aws:iam::111122223333:role/authorized-users \
  --action s3:GetObject --resource arn:aws:s3:::secure-demo-bucket/KMS-Cryptographic-Details.pdf >"$tmp/out"
expect "explain deny" 1 $?
contains "explain names kms" "$tmp/out" "KMS authorizes \`kms:Decrypt\`"
# explain, the other direction: a deny that another request context lifts, and --now.
"$ap" explain scenarios/condition-vpc-endpoint-fence.json --principal arn:aws:iam::111122223333:role/analyst \
  --action s3:GetObject --resource arn:aws:s3:::analytics-data/reports/weekly.csv >"$tmp/out" 2>&1
expect "explain deny in this context" 1 $?
contains "explain names the context that allows" "$tmp/out" "another request context is allowed: through VPC endpoint vpce-1a2b3c4d"
"$ap" explain --format json scenarios/condition-ip-ranges.json --principal arn:aws:iam::111122223333:user/contractor-b \
  --action s3:GetObject --resource arn:aws:s3:::shared-data/exports/q4.parquet >"$tmp/json" 2>&1
python3 - "$tmp/json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL explain json other_contexts"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["other_contexts"] == {"exists": False, "decision": "allow"}, d.get("other_contexts")
PY
"$ap" --now 2031-01-01 check scenarios/condition-ip-ranges.json >"$tmp/out" 2>&1; expect "--now accepted" 0 $?
"$ap" --now yesterday check scenarios/condition-ip-ranges.json >"$tmp/out" 2>&1; expect "--now bad date" 2 $?
contains "--now names the problem" "$tmp/out" "--now \`yesterday\`"
# A violated invariant's counterexample carries the context its steps need, as JSON an expectation replays.
"$ap" check --format json scenarios/condition-ip-ranges.json >"$tmp/json" 2>&1
python3 - "$tmp/json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL counterexample context json"; }
import json, sys
inv = json.load(open(sys.argv[1]))["files"][0]["invariants"][0]
step = inv["counterexample"]["steps"][-1]
ip = step["context"]["context"]["aws:SourceIp"]
assert ip.startswith("203.0.113."), step
assert step["context"]["reads"][0]["key"] == "aws:SourceIp", step
PY

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

# explore: bad input is exit 2 with the option named, and nothing written.
sod=scenarios/separation-of-duties.json
"$ap" explore "$sod" --team '' -o "$tmp/x.json" >"$tmp/out" 2>"$tmp/err"; expect "explore empty team" 2 $?
contains "explore empty team names the option" "$tmp/err" "--team"
"$ap" explore "$sod" --team 'nobody-*' -o "$tmp/x.json" >"$tmp/out" 2>"$tmp/err"; expect "explore team matching nobody" 2 $?
contains "explore team matching nobody" "$tmp/err" "--team \`nobody-*\`: matches no declared user or role"
"$ap" explore "$sod" --team secure-bucket-admin --invariant 'no such thing' -o "$tmp/x.json" >"$tmp/out" 2>"$tmp/err"
expect "explore unknown invariant" 2 $?
contains "explore unknown invariant lists the names" "$tmp/err" "--invariant: no invariant \`no such thing\`"
"$ap" explore "$sod" --team secure-bucket-admin --cases 0 >"$tmp/out" 2>"$tmp/err"; expect "explore zero cases" 2 $?
"$ap" explore "$tmp/missing.json" --team x >"$tmp/out" 2>"$tmp/err"; expect "explore missing file" 2 $?
[ ! -e "$tmp/x.json" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL explore bad input wrote a file"; }

# explore: the bucket admin deletes the bucket policy; the write-up replays under check.
"$ap" explore "$sod" --team secure-bucket-admin --invariant 'bucket admin never reads the data' \
  --cases 200 --seed 1 -o "$tmp/found.json" >"$tmp/out" 2>"$tmp/err"; expect "explore finds" 1 $?
contains "explore says found and shrunk" "$tmp/out" "found and shrunk to 1 edit"
"$ap" check "$tmp/found.json" >"$tmp/out2" 2>&1; expect "check replays the write-up" 0 $?
[ -s "$tmp/found.svg" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL explore wrote no picture"; }
"$ap" explore "$sod" --team secure-bucket-admin --invariant 'bucket admin never reads the data' \
  --cases 200 --seed 1 -o "$tmp/again.json" >/dev/null 2>&1
cmp -s "$tmp/found.json" "$tmp/again.json" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL explore same seed, different write-up"; }
# Nothing to find: a bounded search, stated as such.
"$ap" explore "$sod" --team authorized-users --cases 20 -o "$tmp/none.json" >"$tmp/out" 2>"$tmp/err"; expect "explore finds nothing" 0 $?
contains "explore states the bounds" "$tmp/out" "no violation within 20 cases / 3 edits"

# explore --follow-roles: the release manager may change nothing itself, but the role it can
# assume may delete the bucket policy.
br=scenarios/team-blast-radius-assumed-roles.json
"$ap" explore "$br" --team release-manager -o "$tmp/br.json" >"$tmp/out" 2>"$tmp/err"; expect "explore without roles" 0 $?
contains "explore suggests --follow-roles" "$tmp/out" "the team can assume roles: --follow-roles"
"$ap" explore "$br" --team release-manager --follow-roles -o "$tmp/br.json" >"$tmp/out" 2>"$tmp/err"
expect "explore following roles finds" 1 $?
contains "explore names the assumed role" "$tmp/out" "1. ci-deployer (assumed by release-manager): DeleteBucketPolicy payroll-data"
"$ap" check "$tmp/br.json" >"$tmp/out" 2>"$tmp/err"; expect "explore --follow-roles write-up replays" 0 $?

# explore interrupted (SIGINT): exit 130, no output file, no temporary file left.
mkdir "$tmp/int"
"$ap" explore "$sod" --team secure-key-admin --invariant 'key admin never reads the data' \
  --cases 100000000 -o "$tmp/int/out.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!; sleep 2; kill -INT $pid; wait $pid; expect "explore interrupted" 130 $?
contains "explore says interrupted" "$tmp/err" "interrupted"
[ -z "$(ls -A "$tmp/int")" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL interrupted explore left files:"; ls -A "$tmp/int"; }

# generate: scenario files that check passes, JSON Lines, the same bytes for the same seed.
"$ap" generate --count 3 --seed 5 --out "$tmp/gen" >"$tmp/out" 2>"$tmp/err"; expect "generate" 0 $?
"$ap" check "$tmp"/gen/*.json >"$tmp/out" 2>&1; expect "generated scenarios pass check" 0 $?
python3 - "$tmp/gen/labels.jsonl" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL labels.jsonl shape"; }
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines, "no records"
for r in lines:
    assert {"principal", "action", "resource", "decision", "why", "explanation", "scenario_file"} <= set(r), r
    assert r["decision"] in ("allow", "deny") and r["why"]
PY
"$ap" generate --count 3 --seed 5 --out "$tmp/gen2" >/dev/null 2>&1
diff -r "$tmp/gen" "$tmp/gen2" >/dev/null && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL generate is not deterministic"; }
touch "$tmp/afile"
"$ap" generate --count 1 --seed 1 --out "$tmp/afile" >"$tmp/out" 2>"$tmp/err"; expect "generate out is a file" 2 $?
contains "generate names --out" "$tmp/err" "--out"
"$ap" generate --count 0 --seed 1 --out "$tmp/gen3" >"$tmp/out" 2>"$tmp/err"; expect "generate zero count" 2 $?

# import: collect, import, check. Exit 0 with what was skipped on stderr; 2 when nothing usable
# was read, with no output file left behind (an old one untouched).
fx=tests/fixtures/import
"$ap" import aws $fx/aws-seed-003 -o "$tmp/seed.json" --invariants $fx/seed-003-invariants.json \
  >"$tmp/out" 2>"$tmp/err"; expect "import aws seed 003" 0 $?
contains "import summary" "$tmp/err" "import: 9 items imported, 0 skipped, 0 unknown"
"$ap" check "$tmp/seed.json" >"$tmp/out" 2>&1; expect "imported seed 003 checks as written" 0 $?
"$ap" import terraform $fx/terraform-seed-003.json -o "$tmp/tf.json" \
  --invariants $fx/seed-003-invariants.json >"$tmp/out" 2>"$tmp/err"; expect "import terraform seed 003" 0 $?
"$ap" check "$tmp/tf.json" >"$tmp/out" 2>&1; expect "imported plan checks as written" 0 $?
"$ap" import terraform $fx/terraform-unknown-values.json -o "$tmp/unknown.json" >"$tmp/out" 2>"$tmp/err"
expect "import a plan with unknown values" 0 $?
contains "unknown value named by address" "$tmp/err" "\`aws_iam_role.writer.name\` is known only after apply"
# What import writes is a scenario the JSON Schema accepts (when python3-jsonschema is there).
python3 - schema/scenario.schema.json "$tmp/seed.json" "$tmp/tf.json" "$tmp/unknown.json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL imported scenarios against the schema"; }
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit(0)
schema = json.load(open(sys.argv[1]))
for f in sys.argv[2:]:
    jsonschema.validate(json.load(open(f)), schema)
PY
"$ap" import aws $fx/aws-bad -o "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; expect "import with bad files" 0 $?
contains "truncated file named" "$tmp/err" "bucket-a/get-bucket-policy.json: truncated"
contains "refused policy named with pointer" "$tmp/err" "bucket-b/get-bucket-policy.json: /Policy/Statement/0/Effect"
echo old >"$tmp/kept.json"
"$ap" import aws $fx/aws-empty -o "$tmp/kept.json" >"$tmp/out" 2>"$tmp/err"; expect "import nothing usable" 2 $?
contains "nothing usable said" "$tmp/err" "nothing usable was read"
[ "$(cat "$tmp/kept.json")" = old ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL exit 2 replaced the output"; }
"$ap" import terraform $fx/not-a-plan.json -o "$tmp/none.json" >"$tmp/out" 2>"$tmp/err"; expect "import not a plan" 2 $?
[ ! -e "$tmp/none.json" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL exit 2 left an output file"; }
printf '{"invariants": [{"name": "x"}]}' >"$tmp/bad-inv.json"
"$ap" import aws $fx/aws-seed-003 -o "$tmp/inv.json" --invariants "$tmp/bad-inv.json" >"$tmp/out" 2>"$tmp/err"
expect "import with wrong invariants" 2 $?
contains "wrong invariant named" "$tmp/err" "bad-inv.json: /invariants/0"
[ ! -e "$tmp/inv.json" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL wrong invariants wrote a file"; }
"$ap" import gcp $fx/aws-seed-003 -o "$tmp/x.json" >"$tmp/out" 2>&1; expect "import unknown source" 2 $?

# collect, import, check: tools/collect-aws.sh against a stand-in `aws` that answers from the
# seed 003 export (errors as the CLI prints them), then import and check.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/aws" <<'STUB'
#!/usr/bin/env bash
export_dir=$FIXTURE_EXPORT/111122223333
args=() query=""
while [ $# -gt 0 ]; do
  case $1 in
    --profile|--output|--region) shift 2 ;;
    --query) query=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
fail() { echo "An error occurred ($1) when calling the $2 operation: stand-in" >&2; exit 254; }
arg() { local i; for ((i=0; i<${#args[@]}; i++)); do [ "${args[$i]}" = "$1" ] && echo "${args[$((i+1))]}"; done; }
case "${args[0]} ${args[1]}" in
  "sts get-caller-identity") echo 111122223333 ;;
  "configure get") echo us-east-1 ;;
  "iam get-account-authorization-details") cat "$export_dir/iam/get-account-authorization-details.json" ;;
  "s3control get-public-access-block") fail NoSuchPublicAccessBlockConfiguration GetPublicAccessBlock ;;
  "s3api list-buckets") ls "$export_dir/s3" ;;
  "s3api "*) f="$export_dir/s3/$(arg --bucket)/${args[1]}.json"
             if grep -q '"Error"' "$f"; then fail "$(sed -n 's/.*"Code": "\([A-Za-z]*\)".*/\1/p' "$f")" X; else cat "$f"; fi ;;
  "kms list-keys") ls "$export_dir/kms" | grep -v '\.json$' | tr '\n' '\t'; echo ;;
  "kms list-aliases") [ "$query" = Aliases ] && python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["Aliases"]))' "$export_dir/kms/list-aliases.json" ;;
  "kms "*) cat "$export_dir/kms/$(arg --key-id)/${args[1]}.json" ;;
  "organizations describe-organization") fail AWSOrganizationsNotInUseException DescribeOrganization ;;
  *) echo "stand-in aws: unexpected call: ${args[*]}" >&2; exit 1 ;;
esac
STUB
chmod +x "$tmp/bin/aws"
PATH="$tmp/bin:$PATH" FIXTURE_EXPORT="$PWD/$fx/aws-seed-003" bash tools/collect-aws.sh "$tmp/collected" \
  >"$tmp/out" 2>"$tmp/err"; expect "collect-aws.sh" 0 $?
contains "collect-aws error record" "$tmp/collected/111122223333/s3/get-public-access-block.json" \
  '"Code": "NoSuchPublicAccessBlockConfiguration"'
"$ap" import aws "$tmp/collected" -o "$tmp/collected.json" --invariants $fx/seed-003-invariants.json \
  >"$tmp/out" 2>"$tmp/err"; expect "import what collect-aws.sh wrote" 0 $?
contains "collected import summary" "$tmp/err" "import: 9 items imported, 0 skipped, 0 unknown"
"$ap" check "$tmp/collected.json" >"$tmp/out" 2>&1; expect "collect, import, check" 0 $?

# eval: JSON Lines in, one decision a line out in input order; a bad line is an output line with
# its line number (exit 1); exit 2 only when the world (or the request file) cannot be read.
python3 - scenarios/separation-of-duties.json "$tmp/requests.jsonl" "$tmp/wanted" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
keys = ("principal", "action", "resource", "headers", "context")
with open(sys.argv[2], "w") as out, open(sys.argv[3], "w") as wanted:
    for k in range(50):
        for e in d["expectations"]:
            out.write(json.dumps({x: e[x] for x in keys if x in e}) + "\n")
            wanted.write(e["expect"] + "\n")
PY
"$ap" eval scenarios/separation-of-duties.json --requests "$tmp/requests.jsonl" >"$tmp/eval1"
expect "eval decides every line" 0 $?
python3 - "$tmp/eval1" "$tmp/wanted" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL eval decisions"; }
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
wanted = open(sys.argv[2]).read().split()
assert [g["i"] for g in got] == list(range(len(wanted))), "order"
assert [g["decision"] for g in got] == wanted, "decisions differ from the expectations"
PY
"$ap" eval scenarios/separation-of-duties.json --requests - --threads 2 <"$tmp/requests.jsonl" >"$tmp/eval2"
expect "eval from stdin, 2 threads" 0 $?
cmp -s "$tmp/eval1" "$tmp/eval2" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL eval --threads 2 output differs"; }
head -1 "$tmp/requests.jsonl" | "$ap" eval scenarios/separation-of-duties.json --requests - --explain >"$tmp/out"
expect "eval --explain" 0 $?
contains "eval explanation" "$tmp/out" '"explanation":{"action":'
{ head -1 "$tmp/requests.jsonl"; echo '{"principal": "arn:aws:iam::111122223333:role/x", "action": "s3:GetObject"'; \
  echo '{"principal": "anonymous", "action": "s3:GetObject", "resource": "*", "expect": "deny"}'; } \
  >"$tmp/bad.jsonl"
"$ap" eval scenarios/separation-of-duties.json --requests "$tmp/bad.jsonl" >"$tmp/out" 2>"$tmp/err"
expect "eval with bad lines" 1 $?
contains "eval truncated line" "$tmp/out" '{"i":1,"line":2,"error":"line 2: not valid JSON"}'
contains "eval unknown key" "$tmp/out" '"error":"line 3: /expect: unknown key `expect`'
[ "$(wc -l <"$tmp/out")" = 3 ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL eval: one output line per input line"; }
"$ap" eval "$tmp/broken.json" --requests "$tmp/requests.jsonl" >"$tmp/out" 2>"$tmp/err"
expect "eval with a broken world" 2 $?
[ ! -s "$tmp/out" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL eval: output despite a broken world"; }
contains "eval names the broken world" "$tmp/err" "broken.json: /: error: not valid JSON"
"$ap" eval scenarios/separation-of-duties.json --requests "$tmp/none.jsonl" >"$tmp/out" 2>"$tmp/err"
expect "eval with a missing request file" 2 $?
contains "eval names the request file" "$tmp/err" "none.jsonl: cannot read the request file"

# replay: CloudTrail fixtures (tests/fixtures/cloudtrail/, planted.json) against the world they were
# written for: every planted break and opening found, bad records skipped with file and index.
ct=tests/fixtures/cloudtrail
"$ap" replay --format json scenarios/separation-of-duties.json $ct/trail $ct/export.jsonl >"$tmp/replay.json" 2>"$tmp/err"
expect "replay finds breaks: exit 1" 1 $?
python3 - "$tmp/replay.json" $ct/planted.json <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL replay json"; }
import json, sys
got, planted = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for kind in ("break", "open", "undecided"):
    assert sorted(e["eventID"] for e in got[kind]) == sorted(planted[kind]), kind
assert all(e["reason"] for e in got["undecided"])
assert got["events"] == 18 and got["agree"] == planted["agree"] and got["tied_to_s3"] == 1, got
assert got["by_bucket"]["secure-demo-bucket"]["break"] == 2
PY
contains "replay names a bad record" "$tmp/err" "b2.json: record 10: a CloudTrail record is a JSON object"
contains "replay names a cut gzip file" "$tmp/err" "cut.json.gz: cannot read the file: unexpected end of file"
"$ap" replay scenarios/separation-of-duties.json $ct/trail >"$tmp/out" 2>"$tmp/err"
expect "replay text" 1 $?
contains "replay text summary" "$tmp/out" "4 break, 2 open, 4 undecided"
contains "replay text break" "$tmp/out" "BREAK  2026-12-01T09:00:00Z  arn:aws:sts::111122223333:assumed-role/secure-bucket-admin/bob  sts:AssumeRole"
"$ap" replay --fail-on open scenarios/separation-of-duties.json $ct/export.jsonl >"$tmp/out" 2>"$tmp/err"
expect "replay --fail-on open" 1 $?
python3 -c 'import json; print(json.dumps({"Records": []}))' >"$tmp/empty-trail.json"
"$ap" replay --fail-on any scenarios/separation-of-duties.json "$tmp/empty-trail.json" >"$tmp/out" 2>"$tmp/err"
expect "replay of an empty trail" 0 $?
"$ap" replay scenarios/separation-of-duties.json "$tmp/none.json" "$tmp/broken.json" >"$tmp/out" 2>"$tmp/err"
expect "replay with nothing readable" 2 $?
contains "replay says nothing was read" "$tmp/err" "replay: no CloudTrail file could be read"
"$ap" replay "$tmp/broken.json" $ct/trail >"$tmp/out" 2>"$tmp/err"
expect "replay with a broken world" 2 $?
# A gzip bomb (200 MB of zeros in about 200 KB) next to good files: refused at the reader's cap
# (trail/trail_limits.h) with its name, the good files still replayed; alone, nothing was read.
head -c 200000000 /dev/zero | gzip -1 >"$tmp/bomb.json.gz"
"$ap" replay scenarios/separation-of-duties.json "$tmp/bomb.json.gz" $ct/trail >"$tmp/out" 2>"$tmp/err"
expect "replay of a gzip bomb next to good files" 1 $?
contains "replay names the gzip bomb" "$tmp/err" "replay: skipped: $tmp/bomb.json.gz: gunzipped, the file is more than 128 MiB"
contains "replay still reads the good files" "$tmp/out" "4 break, 2 open, 4 undecided"
"$ap" replay scenarios/separation-of-duties.json "$tmp/bomb.json.gz" >"$tmp/out" 2>"$tmp/err"
expect "replay of a gzip bomb alone" 2 $?
contains "replay says the bomb gave nothing" "$tmp/err" "replay: no CloudTrail file could be read"

# diff: what a change opens. Exit 0 nothing added, 1 something added (--fail-on), 2 bad input.
sod=scenarios/separation-of-duties.json
trusts=scenarios/separation-of-duties-role-trusts-account.json
"$ap" diff $sod $sod >"$tmp/out" 2>"$tmp/err"; expect "diff of a world with itself" 0 $?
contains "diff summary" "$tmp/out" "0 added, 0 removed, 0 undecided"
"$ap" diff $sod $trusts >"$tmp/out" 2>"$tmp/err"; expect "diff with added access" 1 $?
contains "diff summarised for people" "$tmp/out" "user developer can now assume role authorized-users, from any address"
contains "diff names the statement of NEW" "$tmp/out" "made by NEW's statements: trust policy of role \`authorized-users\` \`DebugFromTheAccount\`"
"$ap" diff --fail-on removed $sod $trusts >"$tmp/out"; expect "diff --fail-on removed, only added" 0 $?
"$ap" diff --fail-on none $sod $trusts >"$tmp/out"; expect "diff --fail-on none" 0 $?
"$ap" diff --fail-on removed $trusts $sod >"$tmp/out"; expect "diff --fail-on removed" 1 $?
"$ap" diff --fail-on any $trusts $sod >"$tmp/out"; expect "diff --fail-on any" 1 $?
"$ap" diff $trusts $sod >"$tmp/out"; expect "diff that only removes" 0 $?
"$ap" diff --format json --actions sts:AssumeRole $sod $trusts >"$tmp/diff.json"; expect "diff json" 1 $?
python3 - "$tmp/diff.json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL diff json shape"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["removed"] == [] and d["undecided"] == [], d
assert sorted(a["resource"].rsplit("/", 1)[1] for a in d["added"]) == [
    "authorized-users", "secure-bucket-admin", "secure-key-admin"], d["added"]
for a in d["added"]:
    assert a["principal"] == "arn:aws:iam::111122223333:user/developer" and a["action"] == "sts:AssumeRole"
    assert a["path"]["steps"] and a["path"]["steps"][-1]["target"] == a["resource"], a
    assert a["changed_statements"] and a["base"]["refused"], a
PY
# --accept: reviewed findings pass until they expire; then they fail again.
accept_all() {  # accept_all DIFF_JSON BASELINE EXPIRES: every added access of a diff, accepted
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
json.dump({"accepted": [{"fingerprint": a["fingerprint"], "justification": "debug access, SEC-1",
                         "expires": sys.argv[3]} for a in d["added"]]}, open(sys.argv[2], "w"))
PY
}
accept_all "$tmp/diff.json" "$tmp/accept.json" 2999-12-31
"$ap" diff --actions sts:AssumeRole --accept "$tmp/accept.json" $sod $trusts >"$tmp/out"; expect "diff accepted" 0 $?
contains "accepted shown" "$tmp/out" "[accepted: debug access, SEC-1]"
contains "accepted counted" "$tmp/out" "3 added (3 accepted)"
accept_all "$tmp/diff.json" "$tmp/expired.json" 2020-01-31
"$ap" diff --actions sts:AssumeRole --accept "$tmp/expired.json" $sod $trusts >"$tmp/out"; expect "diff acceptance expired" 1 $?
contains "expired shown" "$tmp/out" "[acceptance expired 2020-01-31]"
printf '{"accepted": [{"fingerprint": "x", "justification": "y", "expires": "soon"}]}' >"$tmp/bad-accept.json"
"$ap" diff --accept "$tmp/bad-accept.json" $sod $trusts >"$tmp/out" 2>"$tmp/err"; expect "diff bad baseline" 2 $?
contains "bad baseline named with pointer" "$tmp/err" "bad-accept.json: /accepted/0/expires: error: \`soon\` is not a date"
# Bad input: different accounts, a world that does not load; nothing on standard output.
"$ap" diff $sod scenarios/cross-account-key.json >"$tmp/out" 2>"$tmp/err"; expect "diff over different accounts" 2 $?
contains "different accounts named" "$tmp/err" "cross-account-key.json: /accounts/0: error: account \`999988887777\`"
[ ! -s "$tmp/out" ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL diff exit 2 printed a report"; }
"$ap" diff $sod "$tmp/typo.json" >"$tmp/out" 2>"$tmp/err"; expect "diff world that does not load" 2 $?
contains "diff load error named" "$tmp/err" "typo.json: /principal: error: unknown key"
# Imports: the deployed world (an AWS export) against a plan of the same world changes nothing;
# values known only after apply make entries undecided, never a silent "nothing added".
"$ap" diff aws:$fx/aws-seed-003 terraform:$fx/terraform-seed-003.json >"$tmp/out" 2>"$tmp/err"
expect "diff export against plan" 0 $?
contains "diff export against plan is empty" "$tmp/out" "0 added, 0 removed, 0 undecided"
"$ap" diff terraform:$fx/terraform-unknown-values.json terraform:$fx/terraform-unknown-values.json \
  >"$tmp/out" 2>"$tmp/err"; expect "diff with unknown values" 1 $?
contains "unknown value undecided" "$tmp/out" "? undecided:"
"$ap" diff aws:$fx/aws-empty $sod >"$tmp/out" 2>"$tmp/err"; expect "diff import with nothing usable" 2 $?

# --via escalation: the intern may add itself to the readers group in NEW (not in BASE); a plain
# diff shows only the new permission, --via escalation also the read it opens, path first.
python3 - scenarios/escalation-join-readers-group.json "$tmp/join-base.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["principals"][0]["policies"] = []
json.dump(doc, open(sys.argv[2], "w"))
PY
join=scenarios/escalation-join-readers-group.json
"$ap" diff --format json "$tmp/join-base.json" $join >"$tmp/plain.json"; expect "diff plain, escalation world" 1 $?
"$ap" diff --via escalation --format json "$tmp/join-base.json" $join >"$tmp/via.json"
expect "diff --via escalation" 1 $?
python3 - "$tmp/plain.json" "$tmp/via.json" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL diff --via escalation entries"; }
import json, sys
plain, via = (json.load(open(f)) for f in sys.argv[1:3])
key = lambda e: (e["principal"].split(":")[-1], e["action"], e["resource"].split(":")[-1])
assert sorted(map(key, plain["added"])) == [("user/intern", "iam:AddUserToGroup", "group/readers")], plain["added"]
reads = [e for e in via["added"] if e["action"] == "s3:GetObject"]
assert [key(e) for e in reads] == [("user/intern", "s3:GetObject", "reports-bucket/q3.csv")], via["added"]
assert reads[0].get("via") == "escalation", reads[0]
assert all(e.get("via") is None for e in via["added"] if e["action"] != "s3:GetObject"), via["added"]
assert via["removed"] == [] and via["undecided"] == [], via
PY
"$ap" diff --via escalation "$tmp/join-base.json" $join >"$tmp/out"
contains "diff --via escalation text" "$tmp/out" "2 added, 0 removed, 0 undecided"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
