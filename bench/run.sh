#!/usr/bin/env bash
# make bench: every benchmark, this project against a peer measured in the
# same run, printed as one table and written to bench/RESULTS.md (bench/README.md).
#   bash bench/run.sh BUILD/bin [SECONDS_PER_HTTP_RUN] [RUNS]
# Installs what only the benchmark needs first (scripts/install-deps.sh --bench:
# wrk, nginx-light, python3-flask, python3-graphql-core). A missed target is
# printed, never a failure; a benchmark that cannot run at all is (non-zero exit).
set -euo pipefail
BIN=${1:-build/bin}
SECONDS_EACH=${2:-${BENCH_SECONDS:-3}}
RUNS=${3:-${BENCH_RUNS:-3}}
HERE=$(cd "$(dirname "$0")" && pwd)
# The engine rows are requirement GQL-15's benchmark (lib/graphql/README.md):
# GQL_15_at_least_ten_times_graphql_js (bench.py prints them against the raised 20x target).
bash "$HERE/../scripts/install-deps.sh" --bench
exec python3 "$HERE/bench.py" "$BIN" --seconds "$SECONDS_EACH" --runs "$RUNS"
