#!/usr/bin/env bash
# End-to-end figures of the command-line tool on a generated organisation and request file
# (README, "Measured speed"): `eval` on 1 and 2 threads, `check --format json` with every request
# an expectation, and `replay` on CloudTrail files of the same requests; wall time, CPU time and
# peak RSS from /usr/bin/time, medians of --repeat runs. Not part of the test suite.
#
#   bash bench/end_to_end.sh [--requests 100000] [--principals 1000] [--repeat 3] [--build build]
#                            [--peer DIR]   # DIR: where `npm install @cloud-copilot/iam-simulate` ran
set -euo pipefail
requests=100000 principals=1000 repeat=3 build=build peer=""
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests=$2; shift 2 ;;
    --principals) principals=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --peer) peer=$2; shift 2 ;;
    *) echo "usage: $0 [--requests N] [--principals N] [--repeat N] [--build DIR]" >&2; exit 2 ;;
  esac
done
ap="$build/tools/accesspath" gen="$build/tools/orggen/accesspath-orggen"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$gen" --principals "$principals" --seed 1 -o "$work/world.json" --requests "$requests" \
  --requests-out "$work/requests.jsonl"
# The same requests as expectations (each expecting what eval decides), for `check`.
"$ap" eval "$work/world.json" --requests "$work/requests.jsonl" >"$work/decisions.jsonl"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
world = json.load(open(f"{w}/world.json"))
reqs = [json.loads(l) for l in open(f"{w}/requests.jsonl")]
decs = [json.loads(l) for l in open(f"{w}/decisions.jsonl")]
world["expectations"] = [dict(r, expect=d["decision"]) for r, d in zip(reqs, decs)]
world["invariants"] = []
json.dump(world, open(f"{w}/check.json", "w"))
PY
# The same requests as CloudTrail deliveries (100 gzip files of 1,000 records, as CloudTrail
# writes them), for `replay`: AWS's answer is the world's decision, one in 1,000 turned around
# (100 breaks or openings to find).
python3 - "$work" <<'PY'
import gzip, json, os, sys
w = sys.argv[1]
os.makedirs(f"{w}/trail", exist_ok=True)
def identity(p):
    account = p.split(":")[4]
    if ":role/" in p:
        role = p.split("/")[-1]
        return {"type": "AssumedRole", "arn": f"arn:aws:sts::{account}:assumed-role/{role}/bench",
                "accountId": account, "sessionContext": {"attributes": {"mfaAuthenticated": "false"}}}
    return {"type": "IAMUser", "arn": p, "accountId": account}
decisions = [json.loads(l)["decision"] for l in open(f"{w}/decisions.jsonl")]
def record(i, r):
    service, name = r["action"].split(":")
    e = {"eventVersion": "1.10", "userIdentity": identity(r["principal"]), "eventTime": "2026-12-01T10:00:00Z",
         "eventSource": f"{service}.amazonaws.com", "eventName": name, "awsRegion": "us-east-1",
         "sourceIPAddress": "192.0.2.10", "userAgent": "aws-cli/2.18.5", "eventID": f"bench-{i}",
         "tlsDetails": {"tlsVersion": "TLSv1.3"}, "requestParameters": {}}
    if decisions[i] == "deny" or i % 1000 == 0:  # AWS's answer: the world's, with 1 in 1,000 turned
        if (decisions[i] == "deny") != (i % 1000 == 0):
            e["errorCode"] = "AccessDenied"
    res = r["resource"]
    if service == "s3":
        bucket, _, key = res[len("arn:aws:s3:::"):].partition("/")
        e["eventName"] = {"ListBucket": "ListObjects"}.get(name, name)
        e["requestParameters"] = dict({"bucketName": bucket, **({"key": key} if key else {})}, **r.get("headers", {}))
    elif service == "kms":
        e["resources"] = [{"ARN": res}]
    else:
        e["requestParameters"] = {"roleArn": res, "roleSessionName": "bench"}
    return e
reqs = [json.loads(l) for l in open(f"{w}/requests.jsonl")]
for f in range(0, len(reqs), 1000):
    with open(f"{w}/trail/{f // 1000:05d}.json.gz", "wb") as out:
        out.write(gzip.compress(json.dumps({"Records": [record(i, r) for i, r in enumerate(reqs[f:f + 1000], f)]}).encode(), mtime=0))
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "world: $principals principals, $requests requests ($(du -h "$work/requests.jsonl" | cut -f1) of JSON Lines; check file $(du -h "$work/check.json" | cut -f1))"
measure() {  # measure NAME COMMAND...: median wall, CPU (user+sys) and peak RSS of $repeat runs
  local name=$1; shift
  for _ in $(seq "$repeat"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    tail -1 "$work/t"  # (time writes a "Command exited with non-zero status" line first)
  done | sort -n | awk -v n="$repeat" -v name="$name" -v req="$requests" '
    { wall[NR] = $1; cpu[NR] = $2 + $3; rss[NR] = $4 }
    END { m = int((n + 1) / 2); printf "%-34s wall %6.2f s  cpu %6.2f s  peak %5.0f MB  %8.0f requests/s (wall)\n",
          name, wall[m], cpu[m], rss[m] / 1024, req / wall[m] }'
}
: >"$work/empty.jsonl"
measure "eval, loading only" "$ap" eval "$work/world.json" --requests "$work/empty.jsonl"
measure "eval --threads 1" "$ap" eval "$work/world.json" --requests "$work/requests.jsonl" --threads 1
measure "eval --threads 2" "$ap" eval "$work/world.json" --requests "$work/requests.jsonl" --threads 2
measure "eval --explain --threads 2" "$ap" eval "$work/world.json" --requests "$work/requests.jsonl" --explain --threads 2
measure "check (text)" "$ap" check "$work/check.json"
measure "check --format json" "$ap" check --format json "$work/check.json"
measure "replay (100 .json.gz files)" "$ap" replay --format json "$work/world.json" "$work/trail"
if [ -n "$peer" ]; then  # the peer on the first 10,000 requests (its rate, not its decisions)
  cp "$(dirname "$0")/peer/iam_simulate_bench.mjs" "$peer/"
  echo "peer iam-simulate runSimulation: $(node "$peer/iam_simulate_bench.mjs" "$work/world.json" \
    "$work/requests.jsonl" 10000 2>/dev/null)"
fi
