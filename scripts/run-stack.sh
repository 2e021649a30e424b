#!/usr/bin/env bash
# `make run`: starts every service of the stack that is built, in the foreground,
# on a generated sandbox config under ./run/. Ctrl-C stops everything.
set -euo pipefail
BIN=${1:-build/bin}
mkdir -p run
echo "make run: no service binaries are built yet (only the GraphQL engine and graphql-exec)."
echo "Try: $BIN/graphql-exec --help"
