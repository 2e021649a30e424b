#!/usr/bin/env bash
# run-fuzzers.sh BIN_DIR SECONDS: runs every *-fuzzer in BIN_DIR for SECONDS
# each, over a scratch copy of its seed corpus fuzz/corpus/<name minus
# "-fuzzer">/ (the checked-in corpus is never modified). Fails on the first
# crash, leak, timeout or sanitizer report, keeping the reproducer in
# BIN_DIR/../fuzz-artifacts/<fuzzer>/.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BIN_DIR SECONDS" >&2
  exit 2
fi
bin_dir=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
shopt -s nullglob
fuzzers=("$bin_dir"/*-fuzzer)
if [ ${#fuzzers[@]} -eq 0 ]; then
  echo "run-fuzzers: no *-fuzzer in $bin_dir" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The fuzzers are independent: FUZZ_JOBS of them at a time (default: one per
# core), so the stage at the end of make test takes half as long on 2 cores.
jobs=${FUZZ_JOBS:-$(nproc)}

run_one() {
  local fuzzer=$1 name corpus artifacts seeds
  name=$(basename "$fuzzer")
  corpus="$work/$name/corpus"
  artifacts="$(cd "$bin_dir/.." && pwd)/fuzz-artifacts/$name"
  mkdir -p "$corpus" "$artifacts"
  seeds="$here/corpus/${name%-fuzzer}"
  if [ -d "$seeds" ]; then
    cp -r "$seeds"/. "$corpus"/
  fi
  # Requirement GQL-14 (lib/graphql/README.md): hostile input never crashes the engine.
  echo "run-fuzzers: GQL_14_hostile_input_never_crashes: $name for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts/" "$corpus" > "$work/$name.log" 2>&1; then
    tail -n 60 "$work/$name.log" >&2
    echo "run-fuzzers: $name FAILED (reproducer in $artifacts/)" >&2
    return 1
  fi
  echo "run-fuzzers: $name: $(grep -E '^(#[0-9]+.*DONE|Done)' "$work/$name.log" | tail -n 1 || true)"
  rmdir "$artifacts" "$(dirname "$artifacts")" 2>/dev/null || true
}

# Each job leaves its result in a file: exit codes of jobs that ended while
# the loop was throttling are not lost that way.
for fuzzer in "${fuzzers[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 0.2; done
  name=$(basename "$fuzzer")
  (if run_one "$fuzzer"; then echo ok > "$work/$name.status"; else echo failed > "$work/$name.status"; fi) &
done
wait
status=0
for fuzzer in "${fuzzers[@]}"; do
  [ "$(cat "$work/$(basename "$fuzzer").status" 2>/dev/null)" = ok ] || status=1
done
exit $status
