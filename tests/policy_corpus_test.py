#!/usr/bin/env python3
"""What AWS accepts loads, what AWS refuses exits 2 at its JSON pointer (issue 10).

  ACCESSPATH_CLI=build/tools/accesspath python3 tests/policy_corpus_test.py

The corpus is in tests/fixtures/policies/: aws-managed.json (AWS managed policies as AWS
publishes them, drawn by make_managed.py), accepted.json (examples of the IAM, S3, KMS and
Organizations guides and what IAM stores) and rejected.json (documents IAM, S3 or KMS refuse, each
with the page or error that says so, the JSON pointer of the refused value and words of the
message). Each document is put where a scenario holds its kind of policy (an identity policy on a
role, a trust policy, a bucket, a key, an SCP) and checked with `accesspath check`: accepted ones
load (warnings allowed), rejected ones exit 2 naming the file and the pointer.
When the `moto` package is installed, every AWS managed policy of its snapshot is loaded too.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "policies"
CLI = os.environ.get("ACCESSPATH_CLI") and str(pathlib.Path(os.environ["ACCESSPATH_CLI"]).resolve())
ACCOUNT = "111122223333"
KEY = "arn:aws:kms:us-east-1:%s:key/1234abcd-12ab-34cd-56ef-1234567890ab" % ACCOUNT


def token(s):
    return s.replace("~", "~0").replace("/", "~1")


def scenario(entry):
    """A scenario holding the entry's policy, and the JSON pointer of the policy in it."""
    doc = {"format": 1, "name": entry["name"], "accounts": [{"id": ACCOUNT}], "principals": []}
    role = {"arn": "arn:aws:iam::%s:role/corpus" % ACCOUNT, "policies": []}
    kind, policy = entry["kind"], entry["policy"]
    if kind == "identity" and "arn" in entry:
        doc["managed_policies"] = {entry["arn"]: policy}
        role["policies"].append(entry["arn"])
        doc["principals"].append(role)
        return doc, "/managed_policies/" + token(entry["arn"])
    if kind == "identity":
        role["policies"].append(policy)
        doc["principals"].append(role)
        return doc, "/principals/0/policies/0"
    if kind == "trust":
        role["trust_policy"] = policy
        doc["principals"].append(role)
        return doc, "/principals/0/trust_policy"
    if kind == "bucket":
        doc["buckets"] = [{"name": entry["bucket"], "account": ACCOUNT, "region": "us-east-1",
                           "policy": policy}]
        return doc, "/buckets/0/policy"
    if kind == "key":
        doc["keys"] = [{"arn": KEY, "policy": policy}]
        return doc, "/keys/0/policy"
    if kind == "scp":
        doc["accounts"][0]["scps"] = [[policy]]
        return doc, "/accounts/0/scps/0/0"
    raise ValueError("unknown kind " + kind)


def documents(name):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))["documents"]


def check(files, cwd):
    r = subprocess.run([CLI, "check", *files], capture_output=True, text=True, timeout=600, cwd=cwd)
    return r.returncode, r.stderr


@unittest.skipUnless(CLI, "set ACCESSPATH_CLI to the accesspath binary")
class PolicyCorpus(unittest.TestCase):
    def load_all(self, entries):
        """Checks every entry in one run: exit 0, and no error for any of them."""
        with tempfile.TemporaryDirectory() as tmp:
            names = []
            for k, e in enumerate(entries):
                doc, _ = scenario(e)
                names.append("%03d-%s.json" % (k, e["name"]))
                (pathlib.Path(tmp) / names[-1]).write_text(json.dumps(doc), encoding="utf-8")
            status, err = check(names, tmp)
            refused = [line for line in err.splitlines() if ": error: " in line]
            self.assertEqual(refused, [])
            self.assertEqual(status, 0, err[-3000:])
        return len(entries)

    def test_aws_managed_policies_load(self):
        entries = documents("aws-managed.json")
        self.assertGreaterEqual(self.load_all(entries), 30)
        names = {e["name"] for e in entries}
        # Issue 10's examples: ARNs with an empty account; a policy far over the customer quota.
        self.assertLessEqual({"AWSRefactoringToolkitFullAccess", "AmazonBedrockLimitedAccess",
                              "ReadOnlyAccess"}, names)

    def test_documented_examples_load(self):
        self.assertGreaterEqual(self.load_all(documents("accepted.json")), 10)

    def test_what_aws_refuses_exits_2_at_its_pointer(self):
        entries = documents("rejected.json")
        self.assertGreaterEqual(len(entries), 20)
        with tempfile.TemporaryDirectory() as tmp:
            for e in entries:
                with self.subTest(e["name"]):
                    doc, at = scenario(e)
                    name = e["name"] + ".json"
                    (pathlib.Path(tmp) / name).write_text(json.dumps(doc), encoding="utf-8")
                    status, err = check([name], tmp)
                    self.assertEqual(status, 2, err)
                    where = "%s: %s%s: error: " % (name, at, e["pointer"])
                    lines = [line for line in err.splitlines() if line.startswith(where)]
                    self.assertTrue(lines, "no error at %s%s:\n%s" % (at, e["pointer"], err))
                    self.assertTrue(any(e["words"].lower() in line.lower() for line in lines),
                                    "%r not in %s" % (e["words"], lines))


def moto_snapshot():
    try:
        from moto.iam.aws_managed_policies import aws_managed_policies_data
    except ImportError:
        return None
    return json.loads(aws_managed_policies_data)


@unittest.skipUnless(CLI and moto_snapshot(), "needs ACCESSPATH_CLI and the `moto` package")
class EveryAwsManagedPolicy(unittest.TestCase):
    """Every AWS managed policy of moto's snapshot (1,485 in moto 5.2.1) loads, in one world."""

    def test_all_load(self):
        data = moto_snapshot()
        managed = {"arn:aws:iam::aws:policy" + v["Path"] + k: v["Document"] for k, v in data.items()}
        doc = {"format": 1, "name": "aws-managed", "accounts": [{"id": ACCOUNT}],
               "managed_policies": managed,
               "principals": [{"arn": "arn:aws:iam::%s:role/r%d" % (ACCOUNT, k), "policies": [arn]}
                              for k, arn in enumerate(managed)]}
        with tempfile.TemporaryDirectory() as tmp:
            (pathlib.Path(tmp) / "all.json").write_text(json.dumps(doc), encoding="utf-8")
            status, err = check(["all.json"], tmp)
            refused = sorted({line.split(": ")[1].split("/Statement")[0]
                              for line in err.splitlines() if ": error: " in line})
            print("\n%d AWS managed policies, %d refused" % (len(managed), len(refused)),
                  file=sys.stderr)
            self.assertEqual(refused, [])
            self.assertEqual(status, 0, err[-3000:])


if __name__ == "__main__":
    unittest.main()
