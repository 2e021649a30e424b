#!/usr/bin/env python3
"""Every requirement in a README table is verified by a named test.

A requirement row is a Markdown table row whose first cell is an ID such as
`APP-12` or `SK-HW-3` (PREFIX-number). Each ID must appear in the name of at
least one test: the ID with `-` replaced by `_`, not followed by a digit
(`APP_12_rejects_dotdot`, `test_SK_HW_3_...`), in a test source: any file
under a `tests/` folder, `*_test.cpp`, `test_*.py`, `*.test.mjs` or `*.sh`.
A first cell that looks like a range or list of IDs (`SK-HW-1..6`, `A-1, A-2`)
is refused: one requirement per row. An ID used twice is refused too.

    check_requirements.py [REPO]     exit 0 when all is well, 1 with one line per problem
"""
import os
import re
import sys

ID = re.compile(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]+")
# A first cell that starts like an ID but is not exactly one: a range or a list.
ID_START = re.compile(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]")
SKIP_DIRS = {".git", "build", "node_modules", "third_party", "run", "__pycache__"}
TEXT_LIMIT = 4 << 20  # a test source larger than this is data, not tests


def walk(repo):
    for root, dirs, files in os.walk(repo):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("build"))
        for name in sorted(files):
            yield os.path.join(root, name)


def is_test_source(path, repo):
    rel = os.path.relpath(path, repo)
    name = os.path.basename(path)
    return ("tests" in rel.split(os.sep)[:-1] or name.endswith("_test.cpp") or
            (name.startswith("test_") and name.endswith(".py")) or name.endswith(".test.mjs") or
            name.endswith(".sh"))


def requirement_rows(path):
    """(line number, first cell) of every table row that names a requirement."""
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s.startswith("|"):
                continue
            cell = s.strip("|").split("|")[0].strip().strip("`")
            if ID_START.match(cell):
                rows.append((n, cell))
    return rows


def check(repo, readmes=None, sources=None):
    """A list of problems, one line each (empty when every requirement is tested)."""
    files = list(walk(repo)) if readmes is None or sources is None else []
    if readmes is None:
        readmes = [p for p in files if os.path.basename(p) == "README.md"]
    if sources is None:
        sources = [p for p in files if is_test_source(p, repo)]
    text = []
    for p in sources:
        try:
            if os.path.getsize(p) <= TEXT_LIMIT:
                with open(p, encoding="utf-8", errors="replace") as f:
                    text.append(f.read())
        except OSError:
            pass
    corpus = "\n".join(text)

    problems = []
    seen = {}
    for readme in readmes:
        rel = os.path.relpath(readme, repo)
        for line, cell in requirement_rows(readme):
            where = "%s:%d" % (rel, line)
            if not ID.fullmatch(cell):
                problems.append("%s: \"%s\" is not one requirement ID: write one row per requirement "
                                "(no ranges or lists)" % (where, cell))
                continue
            if cell in seen:
                problems.append("%s: %s is already used at %s: give each requirement its own ID"
                                % (where, cell, seen[cell]))
                continue
            seen[cell] = where
            token = cell.replace("-", "_")
            if not re.search(r"(?<![A-Za-z0-9])" + re.escape(token) + r"(?![0-9])", corpus):
                problems.append("%s: %s appears in no test name: name a test %s_... (gtest, python or node)"
                                % (where, cell, token))
    return problems


def main(argv):
    repo = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    problems = check(repo)
    for p in problems:
        print(p)
    ids = sum(1 for p in walk(repo) if os.path.basename(p) == "README.md")
    print("requirements: %d README files, %d problems" % (ids, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
