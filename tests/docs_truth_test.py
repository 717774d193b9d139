#!/usr/bin/env python3
"""The documentation is true to the code (issue 15): fails, naming file:line, when

  (a) a test the documentation cites does not exist: `Suite.Name` (or `Suite.*`), bare
      `Name_RuleN` / `Name_UN` names, and "the disabled test" when there is none, in README.md, model/*.md, docs/*.md, properties/README.md
      and in the comments of .h/.cpp files, against the TEST, TEST_F, TEST_P and RC_GTEST_PROP
      macros of tests/ (a parameterised `Prefix/Suite.Name/3` is `Suite.Name`);
  (b) a rule number ("rule 27", "rules 42-44", "Rule 48", "_Rule51") or a reading ("U4",
      "_U12") cited anywhere is not defined by model/SEMANTICS.md, the specification;
  (c) a tracked file points outside the repository, at the design folder the repository was
      first written from (the two spellings are built below so that this file does not match).

Standard library only. Run from anywhere: python3 tests/docs_truth_test.py
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = "model/SEMANTICS.md"
THIS = os.path.relpath(os.path.abspath(__file__), ROOT)
OUTSIDE = ["shared" + "/design", ".." + "/shared"]


def tracked_files():
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        files = [f for f in out.stdout.decode("utf-8").split("\0") if f]
        if files:
            return sorted(f for f in files if os.path.isfile(os.path.join(ROOT, f)))
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []  # not a git checkout: every file but build trees
    for d, dirs, names in os.walk(ROOT):
        dirs[:] = [x for x in dirs if not x.startswith(".") and not x.startswith("build")]
        files += [os.path.relpath(os.path.join(d, n), ROOT) for n in names]
    return sorted(files)


def read_lines(path):
    full = os.path.join(ROOT, path)
    if os.path.getsize(full) > 4_000_000:
        return []
    with open(full, "rb") as f:
        data = f.read()
    if b"\0" in data:
        return []  # binary
    return data.decode("utf-8", errors="replace").split("\n")


def is_cpp(path):
    return path.endswith((".h", ".hpp", ".cpp", ".cc"))


def comment_lines(lines):
    """The comment text of each line of a C++ file ('' for none): // and /* */ comments,
    outside string literals (good enough for this code base)."""
    out, in_block = [], False
    for line in lines:
        text, i, n = [], 0, len(line)
        in_str = None
        while i < n:
            if in_block:
                end = line.find("*/", i)
                if end < 0:
                    text.append(line[i:])
                    i = n
                else:
                    text.append(line[i:end])
                    i, in_block = end + 2, False
                continue
            c = line[i]
            if in_str:
                if c == "\\":
                    i += 2
                    continue
                if c == in_str:
                    in_str = None
            elif c in "\"'":
                in_str = c
            elif line.startswith("//", i):
                text.append(line[i + 2:])
                break
            elif line.startswith("/*", i):
                in_block, i = True, i + 2
                continue
            i += 1
        out.append(" ".join(text))
    return out


# --- (a) test names ------------------------------------------------------------------------

TEST_MACRO = re.compile(r"\b(?:TEST|TEST_F|TEST_P|RC_GTEST_PROP)\s*\(\s*(\w+)\s*,\s*(\w+)")


def existing_tests(files):
    tests = set()
    for f in files:
        if f.startswith("tests/") and is_cpp(f):
            for m in TEST_MACRO.finditer("\n".join(read_lines(f))):
                tests.add((m.group(1), m.group(2)))
    return tests


# Suite.Name as the docs write it: a CamelCase suite, optionally after a
# parameterisation prefix (`Seeds/`), then a test name, `*`, and an optional `/N`.
CITED_TEST = re.compile(
    r"(?<![\w./-])(?:\w+/)?([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)*)\.(\*|[A-Za-z_]\w*)(?:/\d+)?")
# A bare test name: the suffix that names a rule or a reading.
BARE_TEST = re.compile(r"(?<![\w.])([A-Z]\w*?_(?:Rule\d+|U\d+)\w*)\b")
# "test X" / "tests X": a test or a suite named in prose (CamelCase of two words or more).
SAID_TEST = re.compile(r"\btests?\s+`?([A-Z][a-z0-9]+[A-Z]\w*)`?(?![\w.(/])")
# "the disabled test", "see the disabled test": one particular DISABLED_ test.
DISABLED_PHRASE = re.compile(r"\b(?:the|this|that)\s+disabled\s+test\b", re.IGNORECASE)
FILE_SUFFIXES = {"md", "h", "cpp", "json", "py", "sh", "txt", "cmake", "yml", "yaml", "html", "csv"}


def doc_files(files):
    out = []
    for f in files:
        if f == "README.md" or f == "properties/README.md":
            out.append(f)
        elif re.fullmatch(r"(model|docs)/[^/]+\.md", f):
            out.append(f)
    return out


def check_test_names(files, problems):
    tests = existing_tests(files)
    suites = {s for s, _ in tests}
    names = {n for _, n in tests}
    disabled = any(n.startswith("DISABLED_") for n in names)
    sources = [(f, read_lines(f)) for f in doc_files(files)]
    sources += [(f, comment_lines(read_lines(f))) for f in files if is_cpp(f)]
    for f, lines in sources:
        for no, line in enumerate(lines, 1):
            for m in CITED_TEST.finditer(line):
                suite, name = m.group(1), m.group(2)
                if name.lower() in FILE_SUFFIXES:
                    continue  # a file name such as Foo.md
                if name == "*":
                    if suite not in suites:
                        problems.append(f"{f}:{no}: cites the tests {suite}.* but no test suite {suite} exists")
                elif (suite, name) not in tests:
                    # Only what looks like a test: a known suite, or a CamelCase test name in a
                    # suite of two words or more (so `Policy.Statement` in prose is left alone).
                    looks_like_test = re.fullmatch(r"(DISABLED_)?[A-Z]\w*[a-z]\w*", name) and len(name) > 12
                    if suite in suites or (looks_like_test and re.search(r"[a-z0-9][A-Z]", suite)):
                        problems.append(f"{f}:{no}: cites the test {suite}.{name}, which does not exist")
            if not disabled and DISABLED_PHRASE.search(line):
                problems.append(f"{f}:{no}: cites a disabled test, but tests/ has none (no DISABLED_ test)")
            for m in SAID_TEST.finditer(line):
                if m.group(1) not in names and m.group(1) not in suites:
                    problems.append(f"{f}:{no}: cites the test {m.group(1)}, which does not exist")
            for m in BARE_TEST.finditer(line):
                if m.group(1) not in names:
                    problems.append(f"{f}:{no}: cites the test {m.group(1)}, which does not exist")


# --- (b) rule numbers ----------------------------------------------------------------------

RULE_REF = re.compile(r"\b[Rr]ules?\s+(\d+(?:\s*(?:-|–|,|and|or|to)\s*\d+)*)")
RULE_IN_NAME = re.compile(r"_Rule(\d+)")
READING_REF = re.compile(r"(?<![\w+])U(\d{1,2})(?![\w+])|_U(\d{1,2})(?![0-9])")


def numbers_of(text):
    nums = []
    for part in re.split(r"\s*(?:,|and|or)\s*", text):
        r = re.fullmatch(r"(\d+)\s*(?:-|–|to)\s*(\d+)", part.strip())
        if r:
            nums += range(int(r.group(1)), int(r.group(2)) + 1)
        elif part.strip().isdigit():
            nums.append(int(part.strip()))
    return nums


def check_rules(files, problems):
    spec = read_lines(SPEC)
    rules = {int(m.group(1)) for l in spec if (m := re.match(r"\|\s*(\d+)\s*\|", l))}
    readings = {int(m.group(1)) for l in spec if (m := re.match(r"\|\s*U(\d+)\s*\|", l))}
    if not rules:
        problems.append(f"{SPEC}:1: defines no rule (expected table rows `| N | ... |`)")
    for f in files:
        if f == THIS:
            continue
        lines = read_lines(f)
        scan_readings = f.endswith(".md") or is_cpp(f)
        if is_cpp(f):
            comments = comment_lines(lines)
        for no, line in enumerate(lines, 1):
            for m in RULE_REF.finditer(line):
                for n in numbers_of(m.group(1)):
                    if n not in rules:
                        problems.append(f"{f}:{no}: cites rule {n}, which {SPEC} does not define")
            for m in RULE_IN_NAME.finditer(line):
                if int(m.group(1)) not in rules:
                    problems.append(f"{f}:{no}: cites rule {m.group(1)}, which {SPEC} does not define")
            if scan_readings:
                text = comments[no - 1] if is_cpp(f) else line
                if is_cpp(f):  # test names in code are cited readings too
                    text += " " + " ".join("_U" + x for x in re.findall(r"\w_U(\d{1,2})\b", line))
                for m in READING_REF.finditer(text):
                    n = int(m.group(1) or m.group(2))
                    if n not in readings:
                        problems.append(f"{f}:{no}: cites reading U{n}, which {SPEC} does not define")


# --- (c) nothing outside the repository ----------------------------------------------------

def check_outside(files, problems):
    for f in files:
        if f == THIS:
            continue
        for no, line in enumerate(read_lines(f), 1):
            for s in OUTSIDE:
                if s in line:
                    problems.append(f"{f}:{no}: points at {s}, which is not in the repository "
                                    f"(the rules are in {SPEC}, the scenario contract in docs/scenario-contract.md)")


def main():
    files = tracked_files()
    problems = []
    check_test_names(files, problems)
    check_rules(files, problems)
    check_outside(files, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"docs_truth: {len(problems)} problem(s)")
        return 1
    print(f"docs_truth: {len(files)} files checked, documentation agrees with the code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
