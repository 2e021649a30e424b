"""Requirement SK-DOC-1 (lib/service/README.md): every type, field, argument,
input field and enum value of every service schema has a description.

The schemas are every services/*/schema.graphql and the kit's hardware base
schema. Each is loaded by the engine itself (graphql-exec) and read back by
introspection, so a `#` comment, which introspection does not see, does not
count. A service schema that the kit completes is checked as the service serves
it: on top of the hardware base (`extend type Telemetry`), or followed by an SDL
fragment a library embeds (a raw string `R"sdl(...)sdl"` under lib/*/src, e.g.
the comms telemetry fields).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "python"))
import kubos_testlib as k  # noqa: E402

BASE = os.path.join(REPO, "lib", "service", "schema", "hardware_base.graphql")
BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}

INTROSPECTION = """
{ __schema { types {
    kind name description
    fields(includeDeprecated: true) { name description args { name description } }
    inputFields { name description }
    enumValues(includeDeprecated: true) { name description }
} } }
"""


def introspect(sdl):
    """(introspection result, None) for an SDL text, or (None, the engine's error)."""
    with tempfile.TemporaryDirectory(prefix="schema-docs-") as tmp:
        schema = os.path.join(tmp, "schema.graphql")
        query = os.path.join(tmp, "query.graphql")
        with open(schema, "w") as f:
            f.write(sdl)
        with open(query, "w") as f:
            f.write(INTROSPECTION)
        r = subprocess.run([k.binary("graphql-exec"), "--schema", schema, "--query", query],
                           capture_output=True, timeout=30)
        if r.returncode != 0:
            return None, r.stderr.decode(errors="replace").strip()
        return json.loads(r.stdout), None


def undocumented(result):
    """Every schema element of an introspection result without a description."""
    missing = []

    def blank(d):
        return d is None or not d.strip()

    for t in result["data"]["__schema"]["types"]:
        name = t["name"]
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if blank(t["description"]):
            missing.append("type %s" % name)
        for f in t["fields"] or []:
            if blank(f["description"]):
                missing.append("field %s.%s" % (name, f["name"]))
            for a in f["args"]:
                if blank(a["description"]):
                    missing.append("argument %s.%s(%s:)" % (name, f["name"], a["name"]))
        for f in t["inputFields"] or []:
            if blank(f["description"]):
                missing.append("input field %s.%s" % (name, f["name"]))
        for v in t["enumValues"] or []:
            if blank(v["description"]):
                missing.append("enum value %s.%s" % (name, v["name"]))
    return missing


def library_fragments():
    """(name, SDL) of every SDL fragment a library embeds as R"sdl(...)sdl"."""
    out = []
    for src in sorted(glob.glob(os.path.join(REPO, "lib", "*", "src", "*.cpp"))):
        with open(src, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for m in re.finditer(r'R"(sdl|[a-z]*sdl)\((.*?)\)\1"', text, re.S):
            out.append((os.path.relpath(src, REPO), m.group(2)))
    return out


def load(path):
    """Introspection of a schema file as its service serves it: alone, on top of
    the hardware base, or followed by a library's SDL fragment."""
    with open(path) as f:
        sdl = f.read()
    result, error = introspect(sdl)
    if result is not None:
        return result, error
    # The base alone has an empty Telemetry: lib/service/src/hardware.cpp adds
    # its placeholder fragment for a service with no telemetry of its own.
    tries = []
    if path != BASE:
        with open(BASE) as f:
            tries = [("the hardware base schema", f.read() + "\n" + sdl)]
    tries += [("the fragment in " + name, sdl + "\n" + fragment) for name, fragment in library_fragments()]
    errors = [error]
    for what, text in tries:
        result, e = introspect(text)
        if result is not None:
            return result, None
        errors.append("with %s: %s" % (what, e))
    return None, "; ".join(errors)


def schema_files():
    return [BASE] + sorted(glob.glob(os.path.join(REPO, "services", "*", "schema.graphql")))


class SchemaDocs(unittest.TestCase):
    def test_SK_DOC_1_every_service_schema_element_has_a_description(self):
        files = schema_files()
        self.assertIn(os.path.join(REPO, "services", "sim-eps-service", "schema.graphql"), files)
        problems = []
        for path in files:
            rel = os.path.relpath(path, REPO)
            result, error = load(path)
            if result is None:
                problems.append("%s: the engine cannot load it: %s" % (rel, error))
                continue
            problems += ["%s: %s has no description (write a \"\"\"...\"\"\" description, with units)" % (rel, m)
                         for m in undocumented(result)]
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_SK_DOC_1_the_check_finds_comments_that_are_not_descriptions(self):
        # The checker itself: a `#` comment is not a description.
        result, error = introspect('"The root."\ntype Query {\n  # volts\n  v(\n    "unit"\n    u: String\n  ): Float\n'
                                   '  "described"\n  e(x: Int): E\n}\n"An enum."\nenum E { A\n "b" B }\n'
                                   'input I { f: Int }\n')
        self.assertIsNone(error)
        self.assertEqual(sorted(undocumented(result)),
                         ["argument Query.e(x:)", "enum value E.A", "field Query.v", "input field I.f", "type I"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
