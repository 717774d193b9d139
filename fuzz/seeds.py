#!/usr/bin/env python3
"""Seed corpora and dictionaries for the fuzz targets, made from the tree's own inputs.

    python3 fuzz/seeds.py OUT_DIR

writes OUT_DIR/seeds/TARGET/* (one input per file) and OUT_DIR/TARGET.dict, from scenarios/, the
schema examples (tests/schema/), the readers' fixtures (tests/fixtures/import/ for the importers,
tests/fixtures/cloudtrail/ for the CloudTrail reader), separation-of-duties.json's expectations as
eval request lines, and fuzz/dict/. Run by tools/fuzz.sh; deterministic.
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = {"identity": 0, "boundary": 1, "bucket": 2, "key": 3, "trust": 4, "scp": 5, "rcp": 6}


def scenario_files():
    files = sorted((ROOT / "scenarios").glob("*.json"))
    files += sorted((ROOT / "tests" / "schema").rglob("*.json"))
    return files


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def minified(data):
    """JSON text without its white space (the same document in fewer bytes: tools/fuzz.sh caps an
    input's size, and libFuzzer cuts a longer seed); other bytes as they are."""
    try:
        return json.dumps(json.loads(data), separators=(",", ":"), ensure_ascii=False).encode()
    except (ValueError, UnicodeDecodeError):
        return data


def with_minified(inputs):
    """Each input as it is and minified."""
    inputs = set(inputs)
    return inputs | {minified(d) for d in inputs}


def policies(doc):
    """(kind, policy document) of every policy a scenario holds."""
    if not isinstance(doc, dict):
        return
    for p in doc.get("principals", []) or []:
        if not isinstance(p, dict):
            continue
        for pol in p.get("policies", []) or []:
            if isinstance(pol, dict):
                yield "identity", pol
        if isinstance(p.get("permissions_boundary"), dict):
            yield "boundary", p["permissions_boundary"]
        if isinstance(p.get("trust_policy"), dict):
            yield "trust", p["trust_policy"]
    for pol in (doc.get("managed_policies") or {}).values() if isinstance(doc.get("managed_policies"), dict) else []:
        if isinstance(pol, dict):
            yield "identity", pol
    for b in doc.get("buckets", []) or []:
        if isinstance(b, dict) and isinstance(b.get("policy"), dict):
            yield "bucket", b["policy"]
    for k in doc.get("keys", []) or []:
        if isinstance(k, dict) and isinstance(k.get("policy"), dict):
            yield "key", k["policy"]
    for a in doc.get("accounts", []) or []:
        for field, kind in (("scps", "scp"), ("rcps", "rcp")):
            for level in (a.get(field) or []) if isinstance(a, dict) else []:
                for pol in level if isinstance(level, list) else []:
                    if isinstance(pol, dict):
                        yield kind, pol


def aws_export_seeds():
    """Each export folder of the fixtures as one input (its files `PATH\nTEXT`, NUL between them,
    as aws_export_check.cpp reads it), and each of its files alone."""
    out = set()
    for folder in sorted((ROOT / "tests" / "fixtures" / "import").glob("aws-*")):
        if not folder.is_dir():
            continue
        files = [f for f in sorted(folder.rglob("*")) if f.is_file() and f.name != ".gitkeep"]
        parts = [f.relative_to(folder).as_posix().encode() + b"\n" + f.read_bytes() for f in files]
        small = [f.relative_to(folder).as_posix().encode() + b"\n" + minified(f.read_bytes())
                 for f in files]
        out.add(b"\0".join(parts))
        out.add(b"\0".join(small))
        out.update(parts)
    return out


def terraform_seeds():
    fixtures = ROOT / "tests" / "fixtures" / "import"
    files = sorted(fixtures.glob("terraform-*.json")) + [fixtures / "not-a-plan.json"]
    return with_minified(f.read_bytes() for f in files)


def cloudtrail_seeds():
    """The replay fixtures' files as they are (gzip too), and each of their records alone."""
    fixtures = ROOT / "tests" / "fixtures" / "cloudtrail"
    out = set()
    for f in sorted((fixtures / "trail").rglob("*.json*")) + [fixtures / "export.jsonl"]:
        out.add(f.read_bytes())
        text = f.read_text(encoding="utf-8") if f.suffix != ".gz" else ""
        doc = load(f) if f.suffix == ".json" else None
        records = doc.get("Records", []) if isinstance(doc, dict) else []
        for line in text.splitlines() if f.suffix == ".jsonl" else []:
            try:
                records.append(json.loads(line))
            except ValueError:  # the export's deliberately broken line: in the file's own seed
                pass
        for r in records:
            out.add(json.dumps({"Records": [r]}).encode())
    return with_minified(out)


def eval_lines_seeds():
    """separation-of-duties.json's expectations as request lines, a few to an input, behind the
    options byte (eval_lines_check.cpp), with bad lines among them."""
    doc = load(ROOT / "scenarios" / "separation-of-duties.json")
    keys = ("principal", "action", "resource", "headers", "context")
    lines = [json.dumps({k: e[k] for k in keys if k in e}).encode()
             for e in doc.get("expectations", []) if isinstance(e, dict)]
    out = set()
    for i, line in enumerate(lines):
        out.add(bytes([i % 8]) + line + b"\n")
    out.add(b"\x01" + b"\n".join(lines[:5]) + b"\n\n  \n")
    out.add(b"\x04" + b"\n".join(lines[:3]))
    out.add(b"\x02" + lines[0] + b'\n{"principal": "anonymous", "action": "s3:GetObject"\n[1]\n'
            b'{"principal": "nobody", "action": "s3:GetObject", "resource": "*"}\n'
            b'{"principal": "anonymous", "action": "s3:GetObject", "resource": "*", "expect": "deny"}\n')
    return out


def walk(x):
    yield x
    if isinstance(x, dict):
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)


def strings_of(x):
    if isinstance(x, str):
        return [x]
    if isinstance(x, list):
        return [v for v in x if isinstance(v, str)]
    return []


def main():
    out = pathlib.Path(sys.argv[1])
    seeds = {t: set() for t in ("scenario", "policy", "condition", "arn_wildcard", "policy_variables")}
    seeds["aws_export"] = aws_export_seeds()
    seeds["terraform_plan"] = terraform_seeds()
    seeds["cloudtrail"] = cloudtrail_seeds()
    seeds["eval_lines"] = eval_lines_seeds()
    for path in scenario_files():
        raw = path.read_bytes()
        seeds["scenario"].update((raw, minified(raw)))
        doc = load(path)
        if doc is None:
            continue
        contexts = [{}]
        resources = []
        for e in (doc.get("expectations") or []) if isinstance(doc, dict) else []:
            if isinstance(e, dict):
                if isinstance(e.get("context"), dict):
                    contexts.append(e["context"])
                if isinstance(e.get("resource"), str):
                    resources.append(e["resource"])
        for kind, pol in policies(doc):
            seeds["policy"].add(bytes([KINDS[kind]]) + json.dumps(pol, indent=1).encode())
            for node in walk(pol):
                if not isinstance(node, dict):
                    continue
                if isinstance(node.get("Condition"), dict):
                    for ctx in contexts[:4]:
                        seeds["condition"].add(json.dumps([node["Condition"], ctx]).encode())
                for field in ("Resource", "NotResource"):
                    for pattern in strings_of(node.get(field)):
                        for value in (resources or [pattern])[:4]:
                            seeds["arn_wildcard"].add(f"{pattern}\n{value}".encode())
        for node in walk(doc):
            if isinstance(node, str) and "${" in node:
                seeds["policy_variables"].add(
                    f"{node}\naws:username=alice\naws:PrincipalTag/team=blue\n".encode())
    seeds["policy_variables"].update([
        b"arn:aws:s3:::bucket/home/${aws:username}/*\naws:username=alice",
        b"${aws:PrincipalTag/team, 'none'}-${*}${?}${$}\naws:principaltag/team=a*b",
        b"${s3:prefix}\ns3:prefix=a\ns3:prefix=b",
        b"${unterminated\n",
    ])
    seeds["arn_wildcard"].update([
        b"arn:aws:s3:::*/*\narn:aws:s3:::bucket/key",
        b"s3:*Object*\nS3:GetObject",
        b"arn:aws:iam::*:role/a?c\narn:aws:iam::111122223333:role/abc",
    ])
    for target, inputs in seeds.items():
        d = out / "seeds" / target
        d.mkdir(parents=True, exist_ok=True)
        for data in sorted(inputs):
            (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
    common = (ROOT / "fuzz" / "dict" / "iam.dict").read_text()
    for target in seeds:
        extra = ROOT / "fuzz" / "dict" / f"{target}.dict"
        text = common + (extra.read_text() if extra.exists() else "")
        (out / f"{target}.dict").write_text(text)


if __name__ == "__main__":
    main()
