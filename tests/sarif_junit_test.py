#!/usr/bin/env python3
"""Tests of `accesspath check --format sarif|junit`, the CI formats.

  ACCESSPATH_CLI=build/tools/accesspath python3 tests/sarif_junit_test.py

SARIF: the output for every bundled scenario, and for scenarios that fail (an unmet
expectation, an invariant violated against its expectation, a lint warning, a file that
does not load), validates against schema/sarif-2.1.0.json (the OASIS schema); every result
names a rule of tool.driver.rules, and its region, read back from the file, is the value its
JSON pointer names; a counterexample is a code flow with one location per step.
JUnit: the XML parses, and its test cases and failures match `check --format json`.

Needs the `jsonschema` module (Debian: apt-get install -y python3-jsonschema).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

try:
    import jsonschema
except ImportError:  # pragma: no cover
    sys.exit("sarif_junit_test: needs the `jsonschema` module (apt-get install python3-jsonschema)")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.json"))
SOD = ROOT / "scenarios" / "separation-of-duties.json"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SARIF_SCHEMA = json.loads((ROOT / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SARIF_SCHEMA)
CLI = os.environ.get("ACCESSPATH_CLI") and str(pathlib.Path(os.environ["ACCESSPATH_CLI"]).resolve())


def check(fmt, files, *extra, cwd=ROOT):
    """Runs `check --format fmt` in cwd: (exit status, stdout, stderr)."""
    r = subprocess.run([CLI, "check", "--format", fmt, *extra, *map(str, files)],
                       capture_output=True, text=True, timeout=600, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


def resolve(doc, pointer):
    """The value a JSON pointer names in doc, or raises KeyError/IndexError."""
    if pointer == "":
        return doc
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def offset(text, line, column):
    """Index in text of a 1-based line and column counted in code points."""
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[:line - 1]) + column - 1


def failing_scenario(tmp):
    """separation-of-duties with expectation 0 and invariant 0 flipped and a lint warning."""
    doc = json.loads(SOD.read_text(encoding="utf-8"))
    e = doc["expectations"][0]
    e["expect"] = "deny" if e["expect"] == "allow" else "allow"
    e["why"] = "flipped by the test: <&\"'> must be escaped"
    inv = doc["invariants"][0]
    inv["expect"] = "holds" if inv.get("expect", "holds") == "violated" else "violated"
    doc["name"] = "failing <sod> & \"friends\""
    policy = next(iter(doc["managed_policies"].values()))  # its pointer has a `~1`
    statement = policy["Statement"][0]
    statement["Sid"] = "not-a-valid-sid"
    path = pathlib.Path(tmp) / "failing sod.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def broken_file(tmp):
    path = pathlib.Path(tmp) / "broken.json"
    path.write_text('{ "format": 1, "name": "x", ', encoding="utf-8")
    return path


@unittest.skipUnless(CLI, "set ACCESSPATH_CLI to the accesspath binary")
class Sarif(unittest.TestCase):
    def sarif(self, files, want_status, cwd=ROOT):
        status, out, err = check("sarif", files, cwd=cwd)
        self.assertEqual(status, want_status, err[-2000:])
        log = json.loads(out)
        errors = list(VALIDATOR.iter_errors(log))
        if errors:
            e = jsonschema.exceptions.best_match(errors)
            self.fail("not valid SARIF 2.1.0 at %s: %s" % (list(e.absolute_path), e.message[:300]))
        return log

    def check_results(self, log):
        """Every result names a rule of the driver, and its region is its pointer's value."""
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        self.assertEqual(len(ids), len(set(ids)), "rule ids repeat")
        for r in rules:
            self.assertTrue(r["shortDescription"]["text"] and r["fullDescription"]["text"], r)
        base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        self.assertTrue(base.startswith("file:///") and base.endswith("/"), base)
        self.base = pathlib.Path(unquote(urlparse(base).path))
        for res in run["results"]:
            self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            self.assertTrue(res["message"]["text"])
            for loc in [res["locations"][0]] + [
                    t["location"] for f in res.get("codeFlows", [])
                    for tf in f["threadFlows"] for t in tf["locations"]]:
                self.check_location(loc)

    def check_location(self, loc):
        physical = loc["physicalLocation"]
        art = physical["artifactLocation"]
        if art.get("uriBaseId") == "SRCROOT":
            self.assertFalse(art["uri"].startswith("/"), art)
            path = self.base / unquote(art["uri"])
        else:
            self.assertTrue(art["uri"].startswith("file:///"), art)
            path = pathlib.Path(unquote(urlparse(art["uri"]).path))
        if "logicalLocations" not in loc:
            self.assertNotIn("region", physical)  # the whole file
            return
        pointer = loc["logicalLocations"][0]["fullyQualifiedName"]
        text = path.read_text(encoding="utf-8")
        try:
            value = resolve(json.loads(text), pointer)
        except (KeyError, IndexError, ValueError, TypeError, json.JSONDecodeError):
            return  # a pointer into something the file does not spell out
        region = physical["region"]
        start = offset(text, region["startLine"], region["startColumn"])
        end = offset(text, region["endLine"], region["endColumn"])
        found, length = json.JSONDecoder().raw_decode(text[start:])
        self.assertEqual(found, value, "%s %s" % (path.name, pointer))
        self.assertEqual(start + length, end, "%s %s: end" % (path.name, pointer))

    def test_bundled_scenarios(self):
        log = self.sarif(SCENARIOS, 0)
        self.check_results(log)
        run = log["runs"][0]
        self.assertEqual(log["version"], "2.1.0")
        self.assertEqual([a["location"] for a in run["artifacts"]],
                         [{"uri": "scenarios/" + p.name, "uriBaseId": "SRCROOT"} for p in SCENARIOS])
        self.assertTrue(run["invocations"][0]["executionSuccessful"])
        levels = {r["level"] for r in run["results"]}
        self.assertLessEqual(levels, {"warning", "note"}, "bundled scenarios only lint")

    def test_driver_names_the_project_version(self):
        log = self.sarif([SOD], 0)
        driver = log["runs"][0]["tool"]["driver"]
        project = re.search(r"project\(accesspath VERSION (\S+)",
                            (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")).group(1)
        self.assertEqual(driver["name"], "accesspath")
        self.assertEqual(driver["version"], project)
        version = subprocess.run([CLI, "--version"], capture_output=True, text=True).stdout
        self.assertEqual(version.strip(), "accesspath " + project)

    def test_failing_scenario(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = failing_scenario(tmp)
            log = self.sarif([path.name], 1, cwd=tmp)
            results = log["runs"][0]["results"]
            by_rule = {}
            for r in results:
                by_rule.setdefault(r["ruleId"], []).append(r)
            self.assertEqual(len(by_rule.get("expectation-mismatch", [])), 1, results)
            mismatch = by_rule["expectation-mismatch"][0]
            self.assertEqual(mismatch["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
                             "/expectations/0")
            self.assertIn("but the scenario expects", mismatch["message"]["text"])
            self.assertIn("flipped by the test", mismatch["message"]["text"])
            invariant = [r for k, v in by_rule.items() if k.startswith("invariant-") and
                         k != "invariant-warning" for r in v]
            self.assertEqual(len(invariant), 1, results)
            self.assertIn("/invariants/0",
                          invariant[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
            self.assertTrue(any(r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                                .endswith("/Sid") for r in by_rule.get("lint-sid", [])), results)
            uri = mismatch["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            self.assertIn("failing%20sod.json", uri)
            self.check_results(log)

    def test_counterexample_is_a_code_flow(self):
        with tempfile.TemporaryDirectory() as tmp:
            doc = json.loads(SOD.read_text(encoding="utf-8"))
            # An invariant the world violates, expected to hold: the counterexample is reported.
            status, out, _ = check("json", [SOD])
            report = json.loads(out)["files"][0]["invariants"]
            violated = [i for i in report if i["holds"] is False]
            self.assertTrue(violated, "separation-of-duties has a violated invariant")
            doc["invariants"][violated[0]["index"]]["expect"] = "holds"
            path = pathlib.Path(tmp) / "violated.json"
            path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
            log = self.sarif([path.name], 1, cwd=tmp)
            flows = [r for r in log["runs"][0]["results"] if r["ruleId"] == "invariant-violated"]
            self.assertEqual(len(flows), 1)
            steps = violated[0]["counterexample"]["steps"]
            thread = flows[0]["codeFlows"][0]["threadFlows"][0]["locations"]
            self.assertEqual(len(thread), len(steps))
            for k, (t, s) in enumerate(zip(thread, steps)):
                self.assertEqual(t["executionOrder"], k + 1)
                self.assertIn(s["action"], t["location"]["message"]["text"])
            self.check_results(log)

    def test_file_that_does_not_load(self):
        with tempfile.TemporaryDirectory() as tmp:
            broken_file(tmp)
            log = self.sarif(["broken.json", SOD], 2, cwd=tmp)
            run = log["runs"][0]
            self.assertFalse(run["invocations"][0]["executionSuccessful"])
            invalid = [r for r in run["results"] if r["ruleId"] == "scenario-invalid"]
            self.assertEqual(len(invalid), 1)
            self.assertIn("not valid JSON", invalid[0]["message"]["text"])
            self.assertEqual(invalid[0]["level"], "error")

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out_path = pathlib.Path(tmp) / "check.sarif"
            status, out, err = check("sarif", [SOD], "-o", out_path)
            self.assertEqual((status, out), (0, ""), err)
            self.assertFalse(list(VALIDATOR.iter_errors(json.loads(out_path.read_text()))))
            status, out, err = check("sarif", [SOD], "-o", pathlib.Path(tmp) / "no" / "x.sarif")
            self.assertEqual(status, 2)
            self.assertEqual(sorted(p.name for p in pathlib.Path(tmp).iterdir()), ["check.sarif"])


def flipped_team_file(tmp):
    """Seed 003's team file with expectation 0 flipped and the violated invariant expected to hold."""
    team = json.loads((FIXTURES / "seed-003-invariants.json").read_text(encoding="utf-8"))
    e = team["expectations"][0]
    e["expect"] = "deny" if e["expect"] == "allow" else "allow"
    violated = [i for i in team["invariants"] if i.get("expect") == "violated"][0]
    violated["expect"] = "holds"
    small = {"expectations": [e], "invariants": [violated]}
    (pathlib.Path(tmp) / "team.json").write_text(json.dumps(small, indent=2), encoding="utf-8")


def import_world(kind, source, tmp):
    r = subprocess.run([CLI, "import", kind, source, "-o", "world.json", "--invariants", "team.json"],
                       capture_output=True, text=True, timeout=600, cwd=tmp)
    if r.returncode != 0:
        raise AssertionError("import %s failed: %s" % (kind, r.stderr[-2000:]))


def uri(loc):
    return unquote(loc["physicalLocation"]["artifactLocation"]["uri"])


def names(loc):
    return [(l["fullyQualifiedName"], l.get("kind")) for l in loc.get("logicalLocations", [])]


@unittest.skipUnless(CLI, "set ACCESSPATH_CLI to the accesspath binary")
class ImportedSarif(unittest.TestCase):
    """A world made by `import` puts results where the user acts: the export file or the plan
    with the Terraform address (the scenario's `sources`), the team's invariants file."""
    sarif = Sarif.sarif
    check_results = Sarif.check_results
    check_location = Sarif.check_location

    def common(self, log):
        self.check_results(log)
        by_rule = {}
        for r in log["runs"][0]["results"]:
            by_rule.setdefault(r["ruleId"], []).append(r)
        mismatch = by_rule["expectation-mismatch"]
        self.assertEqual(len(mismatch), 1)
        self.assertEqual(uri(mismatch[0]["locations"][0]), "team.json")
        self.assertEqual(names(mismatch[0]["locations"][0])[0][0], "/expectations/0")
        related = mismatch[0]["relatedLocations"][0]
        self.assertEqual((uri(related), names(related)[0][0]), ("world.json", "/expectations/0"))
        violated = by_rule["invariant-violated"]
        self.assertEqual(len(violated), 1)
        self.assertEqual(uri(violated[0]["locations"][0]), "team.json")
        steps = [t["location"] for t in violated[0]["codeFlows"][0]["threadFlows"][0]["locations"]]
        return by_rule, steps

    def test_aws_export_results_point_at_the_export_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            exports = pathlib.Path(tmp) / "exports"
            shutil.copytree(FIXTURES / "aws-seed-003", exports)
            details = exports / "111122223333" / "iam" / "get-account-authorization-details.json"
            doc = json.loads(details.read_text(encoding="utf-8"))
            policy = [p for p in doc["Policies"] if p["PolicyName"] == "secure-bucket-access"][0]
            version = [v for v in policy["PolicyVersionList"] if v["IsDefaultVersion"]][0]
            version["Document"]["Statement"][0]["Sid"] = "not-a-valid-sid"
            details.write_text(json.dumps(doc, indent=2), encoding="utf-8")
            flipped_team_file(tmp)
            import_world("aws", "exports", tmp)
            # Each document's source is inside its own item's (two roles share one trust policy).
            sources = json.loads((pathlib.Path(tmp) / "world.json").read_text())["sources"]
            for at, src in sources.items():
                item = at.split("/")[:3]
                if len(at.split("/")) > 3 and "/".join(item) in sources and item[1] == "principals":
                    self.assertTrue(src["pointer"].startswith(sources["/".join(item)]["pointer"]),
                                    (at, src))
            by_rule, steps = self.common(self.sarif(["world.json"], 1, cwd=tmp))
            iam = "exports/111122223333/iam/get-account-authorization-details.json"
            sid = [r for r in by_rule["lint-sid"] if uri(r["locations"][0]) == iam]
            self.assertEqual(len(sid), 1, by_rule["lint-sid"])
            pointer = names(sid[0]["locations"][0])[0][0]
            self.assertRegex(pointer, r"^/Policies/\d+/PolicyVersionList/\d+/Document/Statement/0/Sid$")
            self.assertIn("region", sid[0]["locations"][0]["physicalLocation"])
            self.assertEqual(uri(sid[0]["relatedLocations"][0]), "world.json")
            # Counterexample steps at the statements of the exported policies.
            # (a step without statements stays at the invariant, in the team's file).
            where = [uri(s) for s in steps]
            self.assertTrue(any(u.startswith("exports/111122223333/") for u in where), where)
            self.assertTrue(all(u.startswith("exports/") or u == "team.json" for u in where), where)

    def test_terraform_results_name_the_resource_address(self):
        with tempfile.TemporaryDirectory() as tmp:
            plan = json.loads((FIXTURES / "terraform-seed-003.json").read_text(encoding="utf-8"))
            for r in plan["planned_values"]["root_module"]["resources"]:
                if r["address"] == 'aws_iam_policy.this["authorized-users"]':
                    policy = json.loads(r["values"]["policy"])
                    policy["Statement"][0]["Sid"] = "not-a-valid-sid"
                    r["values"]["policy"] = json.dumps(policy)
            (pathlib.Path(tmp) / "plan.json").write_text(json.dumps(plan, indent=2), encoding="utf-8")
            flipped_team_file(tmp)
            import_world("terraform", "plan.json", tmp)
            by_rule, steps = self.common(self.sarif(["world.json"], 1, cwd=tmp))
            sid = [r for r in by_rule["lint-sid"] if uri(r["locations"][0]) == "plan.json"]
            self.assertEqual(len(sid), 1, by_rule["lint-sid"])
            where = sid[0]["locations"][0]
            self.assertIn(('aws_iam_policy.this["authorized-users"]', "resource"), names(where))
            self.assertTrue(names(where)[0][0].endswith("/values/policy"), names(where))
            in_plan = [s for s in steps if uri(s) == "plan.json"]
            self.assertTrue(in_plan, [uri(s) for s in steps])
            self.assertTrue(all(uri(s) in ("plan.json", "team.json") for s in steps))
            for s in in_plan:
                self.assertEqual([k for _, k in names(s)][-1], "resource", names(s))
            addresses = {n for s in in_plan for n, k in names(s) if k == "resource"}
            self.assertTrue(any("aws_s3_bucket_policy" in a or "aws_iam_policy" in a
                                for a in addresses), addresses)


@unittest.skipUnless(CLI, "set ACCESSPATH_CLI to the accesspath binary")
class DiffSarif(unittest.TestCase):
    """`accesspath diff --format sarif BASE NEW`: one result per added access."""
    check_results = Sarif.check_results
    check_location = Sarif.check_location

    def diff(self, base, new, want_status, cwd=ROOT):
        r = subprocess.run([CLI, "diff", "--format", "sarif", str(base), str(new)],
                           capture_output=True, text=True, timeout=600, cwd=cwd)
        self.assertEqual(r.returncode, want_status, r.stderr[-2000:])
        log = json.loads(r.stdout)
        errors = list(VALIDATOR.iter_errors(log))
        if errors:
            e = jsonschema.exceptions.best_match(errors)
            self.fail("not valid SARIF 2.1.0 at %s: %s" % (list(e.absolute_path), e.message[:300]))
        self.check_results(log)
        return log

    def test_added_accesses_point_at_the_statements_that_made_them(self):
        new = ROOT / "scenarios" / "separation-of-duties-role-trusts-account.json"
        log = self.diff(SOD, new, 1)
        results = log["runs"][0]["results"]
        added = [r for r in results if r["ruleId"] == "access-added"]
        self.assertEqual(len(added), 19)  # 17, plus kms:EnableKey and kms:CancelKeyDeletion
        doc = json.loads(new.read_text(encoding="utf-8"))
        for r in added:
            loc = r["locations"][0]
            self.assertTrue(loc["physicalLocation"]["artifactLocation"]["uri"].endswith(
                "separation-of-duties-role-trusts-account.json"))
            statement = resolve(doc, loc["logicalLocations"][0]["fullyQualifiedName"])
            self.assertIn(statement["Effect"], ("Allow", "Deny"))
            self.assertRegex(r["partialFingerprints"]["accesspathAccess/v1"], "^[0-9a-f]{16}$")
            steps = r["codeFlows"][0]["threadFlows"][0]["locations"]
            self.assertEqual([s["executionOrder"] for s in steps], list(range(1, len(steps) + 1)))
        prints = [r["partialFingerprints"]["accesspathAccess/v1"] for r in added]
        self.assertEqual(len(prints), len(set(prints)), "fingerprints repeat")
        again = self.diff(SOD, new, 1)["runs"][0]["results"]
        self.assertEqual(prints, [r["partialFingerprints"]["accesspathAccess/v1"]
                                  for r in again if r["ruleId"] == "access-added"])

    def test_no_change_no_result(self):
        log = self.diff(SOD, SOD, 0)
        self.assertEqual(log["runs"][0]["results"], [])

    def test_imported_worlds_point_at_the_plan_with_the_address(self):
        """Seed 003's plan, and a copy whose `authorized-users` policy also allows
        iam:PutRolePolicy in statement 0: compared as plans read on the fly and as scenarios
        written by `import`, each added access is at that policy in the new plan, with its
        Terraform address; the place in the scenario is a related location."""
        address = 'aws_iam_policy.this["authorized-users"]'
        with tempfile.TemporaryDirectory() as tmp:
            plan = json.loads((FIXTURES / "terraform-seed-003.json").read_text(encoding="utf-8"))
            (pathlib.Path(tmp) / "base.json").write_text(json.dumps(plan, indent=2), encoding="utf-8")
            changed = [r for r in plan["planned_values"]["root_module"]["resources"]
                       if r["address"] == address]
            self.assertEqual(len(changed), 1)
            policy = json.loads(changed[0]["values"]["policy"])
            policy["Statement"][0]["Action"].append("iam:PutRolePolicy")
            changed[0]["values"]["policy"] = json.dumps(policy)
            (pathlib.Path(tmp) / "new.json").write_text(json.dumps(plan, indent=2), encoding="utf-8")
            for kind, source, out in (("terraform", "base.json", "wb.json"),
                                      ("terraform", "new.json", "wn.json")):
                r = subprocess.run([CLI, "import", kind, source, "-o", out], capture_output=True,
                                   text=True, timeout=600, cwd=tmp)
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            scenario = json.loads((pathlib.Path(tmp) / "wn.json").read_text(encoding="utf-8"))
            for base, new, related in (("terraform:base.json", "terraform:new.json", None),
                                       ("wb.json", "wn.json", "wn.json")):
                results = self.diff(base, new, 1, cwd=tmp)["runs"][0]["results"]
                added = [r for r in results if r["ruleId"] == "access-added"]
                self.assertEqual(sorted(r["properties"]["action"] for r in added),
                                 ["iam:PutRolePolicy"] * 3, (base, results))
                self.assertEqual(len(added), len(results))
                for r in added:
                    where = r["locations"][0]
                    self.assertEqual(uri(where), "new.json")
                    self.assertEqual(names(where)[0][0],
                                     "/planned_values/root_module/resources/%d/values/policy"
                                     % plan["planned_values"]["root_module"]["resources"].index(
                                         changed[0]))
                    self.assertEqual(names(where)[1], (address, "resource"))
                    steps = [t["location"]
                             for t in r["codeFlows"][0]["threadFlows"][0]["locations"]]
                    self.assertEqual([uri(s) for s in steps], ["new.json"])
                    self.assertIn((address, "resource"), names(steps[0]))
                    # The statement in the scenario the import generated.
                    back = r["relatedLocations"][0]
                    statement = resolve(scenario, names(back)[0][0])
                    self.assertEqual(statement["Sid"], "BasicList")
                    self.assertIn("iam:PutRolePolicy", statement["Action"])
                    if related:
                        self.assertEqual(uri(back), related)
                    else:
                        self.assertNotIn("physicalLocation", back)
            # The reverse: removed accesses are at BASE's plan, where the statement was.
            results = self.diff("terraform:new.json", "terraform:base.json", 0, cwd=tmp)
            removed = results["runs"][0]["results"]
            self.assertEqual([r["ruleId"] for r in removed], ["access-removed"] * 3)
            for r in removed:
                self.assertEqual(uri(r["locations"][0]), "new.json")
                self.assertEqual(names(r["locations"][0])[1], (address, "resource"))


class Junit(unittest.TestCase):
    def compare(self, files, want_status):
        status, out, err = check("junit", files)
        self.assertEqual(status, want_status, err[-2000:])
        root = ET.fromstring(out)
        _, js, _ = check("json", files)
        reports = json.loads(js)["files"]
        suites = root.findall("testsuite")
        self.assertEqual(len(suites), len(reports))
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for suite, report in zip(suites, reports):
            cases = suite.findall("testcase")
            failures = [c for c in cases if c.find("failure") is not None]
            errors = [c for c in cases if c.find("error") is not None]
            self.assertEqual(suite.get("name"), report["file"])
            if report["error"] is not None:
                self.assertEqual((len(cases), len(errors), len(failures)), (1, 1, 0))
            else:
                items = report["expectations"] + report["invariants"]
                self.assertEqual(len(cases), len(items))
                self.assertEqual(len(failures), sum(1 for i in items if not i["ok"]))
                self.assertEqual(errors, [])
            for key, value in (("tests", len(cases)), ("failures", len(failures)),
                               ("errors", len(errors))):
                self.assertEqual(int(suite.get(key)), value, key)
                totals[key] += value
        for key, value in totals.items():
            self.assertEqual(int(root.get(key)), value, key)
        return root

    def test_bundled_scenarios(self):
        root = self.compare(SCENARIOS, 0)
        self.assertEqual(int(root.get("failures")), 0)

    def test_failing_and_broken(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = self.compare([failing_scenario(tmp), broken_file(tmp), SOD], 2)
            failing = root.findall("testsuite")[0]
            # Markup in names and messages arrives intact (escaped on the way).
            self.assertEqual(failing.find("properties/property").get("value"),
                             'failing <sod> & "friends"')
            messages = [c.find("failure").get("message") for c in failing.findall("testcase")
                        if c.find("failure") is not None]
            self.assertEqual(len(messages), 2)
            self.assertTrue(any("<&\"'>" in m for m in messages), messages)
            self.assertIn("not-a-valid-sid", failing.find("system-out").text)
            broken = root.findall("testsuite")[1]
            self.assertEqual(broken.find("testcase/error").get("type"), "scenario-invalid")

    def test_failing_only(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.compare([failing_scenario(tmp)], 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
