#!/usr/bin/env python3
"""Tests of schema/scenario.schema.json, the JSON Schema of scenario files.

  python3 tests/schema_test.py        # from anywhere; paths are found from this file

Checks that the schema is a valid draft 2020-12 schema with a description on
every property, that every bundled scenario (scenarios/*.json) and every
fixture in tests/schema/valid/ validates, as does every scenario shown in docs/scenario-format.md,
and that every fixture in
tests/schema/invalid/ fails, at the JSON pointer tests/schema/invalid-expected.json
gives for it (so a fixture cannot pass for an unintended reason).

When ACCESSPATH_CLI names the accesspath binary, it also checks that the loader
agrees: valid fixtures and the docs' examples load (`check` exits 0 or 1),
invalid fixtures are rejected (exit 2). Without it, that test is skipped, unless
ACCESSPATH_REQUIRE_ALL is set (as CTest sets it): then the whole test fails.

Needs the `jsonschema` module (Debian: apt-get install -y python3-jsonschema).
"""
import json
import os
import pathlib
import re
import subprocess
import tempfile
import sys
import unittest

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
except ImportError:  # pragma: no cover
    sys.stderr.write("schema_test: the `jsonschema` module is missing "
                     "(apt-get install -y python3-jsonschema)\n")
    sys.exit(2)

if os.environ.get("ACCESSPATH_REQUIRE_ALL") and not os.environ.get("ACCESSPATH_CLI"):
    sys.stderr.write("schema_test: ACCESSPATH_REQUIRE_ALL is set but ACCESSPATH_CLI is not: "
                     "the loader cannot be compared with the schema\n")
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "scenario.schema.json"
SCENARIOS = ROOT / "scenarios"
FIXTURES = ROOT / "tests" / "schema"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
EXPECTED = FIXTURES / "invalid-expected.json"
DOC = ROOT / "docs" / "scenario-format.md"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def pointer(path):
    """JSON pointer of a jsonschema error path (a deque of keys and indexes)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def all_errors(errors):
    """Errors and, recursively, the sub-errors of anyOf/oneOf branches."""
    for e in errors:
        yield e
        yield from all_errors(e.context or [])


def describe(errors):
    e = best_match(errors)
    return "at %r: %s" % (pointer(e.absolute_path), e.message[:300])


SCHEMA = load(SCHEMA_PATH)
VALIDATOR = Draft202012Validator(SCHEMA)


class SchemaItself(unittest.TestCase):
    def test_is_a_valid_2020_12_schema(self):
        self.assertEqual(SCHEMA.get("$schema"), "https://json-schema.org/draft/2020-12/schema")
        self.assertIs(validator_for(SCHEMA), Draft202012Validator)
        Draft202012Validator.check_schema(SCHEMA)

    def test_every_property_and_definition_has_a_description(self):
        missing = []

        def walk(node, where):
            if isinstance(node, dict):
                props = node.get("properties")
                if isinstance(props, dict) and not where.endswith("/if"):
                    for name, sub in props.items():
                        # Property constraints inside if/then/allOf refine a property
                        # described where it is declared; only declarations need text.
                        if isinstance(sub, dict) and "description" not in sub and (
                                "/allOf" not in where and "/then" not in where
                                and "/else" not in where):
                            missing.append(where + "/properties/" + name)
                for key, sub in node.items():
                    walk(sub, where + "/" + key)
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, "%s/%d" % (where, i))

        walk(SCHEMA, "#")
        for name, sub in SCHEMA.get("$defs", {}).items():
            if "description" not in sub:
                missing.append("#/$defs/" + name)
        self.assertEqual(missing, [], "schema entries without a description")

    def test_top_level_is_strict(self):
        self.assertIs(SCHEMA.get("additionalProperties"), False)


class BundledScenarios(unittest.TestCase):
    def test_every_scenario_validates(self):
        files = sorted(SCENARIOS.glob("*.json"))
        self.assertTrue(files, "no scenarios in %s" % SCENARIOS)
        for path in files:
            with self.subTest(scenario=path.name):
                errors = list(VALIDATOR.iter_errors(load(path)))
                if errors:
                    self.fail(describe(errors))


class ValidFixtures(unittest.TestCase):
    def test_valid_fixtures_validate(self):
        files = sorted(VALID.glob("*.json"))
        self.assertGreaterEqual(len(files), 2, "expected valid fixtures in %s" % VALID)
        for path in files:
            with self.subTest(fixture=path.name):
                errors = list(VALIDATOR.iter_errors(load(path)))
                if errors:
                    self.fail(describe(errors))


def doc_examples():
    """The scenarios shown in docs/scenario-format.md (```json blocks with a "format" key)."""
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [json.loads(b) for b in blocks if '"format"' in b]


class DocumentedExamples(unittest.TestCase):
    def test_scenarios_in_the_docs_validate(self):
        scenarios = doc_examples()
        self.assertTrue(scenarios, "no scenario example in %s" % DOC)
        for i, doc in enumerate(scenarios):
            with self.subTest(example=i):
                errors = list(VALIDATOR.iter_errors(doc))
                if errors:
                    self.fail(describe(errors))


class InvalidFixtures(unittest.TestCase):
    expected = load(EXPECTED)["fixtures"]

    def test_manifest_lists_exactly_the_fixtures(self):
        on_disk = sorted(p.stem for p in INVALID.glob("*.json"))
        self.assertGreaterEqual(len(on_disk), 10)
        self.assertEqual(on_disk, sorted(self.expected))

    def test_invalid_fixtures_fail_where_expected(self):
        for path in sorted(INVALID.glob("*.json")):
            with self.subTest(fixture=path.name):
                errors = list(VALIDATOR.iter_errors(load(path)))
                self.assertTrue(errors, "%s validates but must not" % path.name)
                want = self.expected.get(path.stem)
                places = sorted({pointer(e.absolute_path) for e in all_errors(errors)})
                self.assertIn(want, places,
                              "%s fails, but not at %r (%s)" % (path.name, want, describe(errors)))


@unittest.skipUnless(os.environ.get("ACCESSPATH_CLI"),
                     "set ACCESSPATH_CLI to the accesspath binary to compare with the loader")
class LoaderAgrees(unittest.TestCase):
    def run_check(self, path):
        r = subprocess.run([os.environ["ACCESSPATH_CLI"], "check", str(path)],
                           capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout + r.stderr

    def test_loader_accepts_valid_fixtures(self):
        for path in sorted(VALID.glob("*.json")):
            with self.subTest(fixture=path.name):
                rc, out = self.run_check(path)
                self.assertIn(rc, (0, 1), out[-2000:])

    def test_loader_accepts_doc_examples(self):
        for i, doc in enumerate(doc_examples()):
            with self.subTest(example=i), tempfile.TemporaryDirectory() as tmp:
                path = pathlib.Path(tmp) / "example.json"
                path.write_text(json.dumps(doc), encoding="utf-8")
                rc, out = self.run_check(path)
                self.assertIn(rc, (0, 1), out[-2000:])

    def test_loader_rejects_invalid_fixtures(self):
        for path in sorted(INVALID.glob("*.json")):
            with self.subTest(fixture=path.name):
                rc, out = self.run_check(path)
                self.assertEqual(rc, 2, out[-2000:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
