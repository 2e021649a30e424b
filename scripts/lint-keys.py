#!/usr/bin/env python3
"""lint-keys.py BUILD FILE...: one line "FILE KEY" per file, for scripts/lint.sh's cache.

KEY is a SHA-256 over what clang-tidy's verdict on FILE depends on: the
clang-tidy version, .clang-tidy, FILE's compile command, and the contents of
FILE and of every header it includes (the list ninja recorded when it last
compiled FILE: `make lint` builds first, so the list is current). A file
without a compile command or a dependency list gets no key (always linted).
"""
import hashlib
import json
import os
import shlex
import subprocess
import sys


def main():
    build, files = sys.argv[1], sys.argv[2:]
    root = os.getcwd()
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = {os.path.realpath(e["file"]): e for e in json.load(f)}
    common = hashlib.sha256()
    common.update(subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True).stdout.encode())
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        common.update(f.read())
    outputs = {}
    for name in files:
        entry = commands.get(os.path.realpath(name))
        if not entry:
            continue
        args = shlex.split(entry["command"])
        if "-o" in args:
            outputs[name] = (entry, args[args.index("-o") + 1])
    deps = {}
    if outputs:
        text = subprocess.run(["ninja", "-C", build, "-t", "deps"] + [o for _, o in outputs.values()],
                              capture_output=True, text=True).stdout
        current = None
        for line in text.splitlines():
            if line and not line[0].isspace():
                current = line.split(":", 1)[0]
                # "#deps N, deps mtime M (VALID|STALE)": only a valid list is usable.
                deps[current] = [] if "(VALID)" in line else None
            elif line.strip() and current is not None and deps.get(current) is not None:
                deps[current].append(line.strip())
    for name in files:
        if name not in outputs:
            continue
        entry, output = outputs[name]
        headers = deps.get(output)
        if not headers:
            continue
        h = common.copy()
        h.update(entry["command"].encode())
        for path in [os.path.realpath(name)] + headers:
            full = path if os.path.isabs(path) else os.path.join(entry["directory"], path)
            try:
                with open(full, "rb") as f:
                    h.update(path.encode() + b"\0" + f.read())
            except OSError:
                break  # a header gone: no key, lint the file
        else:
            print(name, h.hexdigest())


if __name__ == "__main__":
    main()
