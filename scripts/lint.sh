#!/usr/bin/env bash
# `make lint`: clang-tidy (checks in .clang-tidy, every warning an error) on the
# project's own sources, from BUILD/compile_commands.json, over 2 cores.
# Tests, benchmarks, fuzzers and third_party/ are left out: gtest macros and
# generated files would drown the list.
#
#   scripts/lint.sh [BUILD] [FILE...]    (default build; default every source)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
shift || true
JOBS=${LINT_JOBS:-2}
[ -f "$BUILD/compile_commands.json" ] || { echo "make lint: no $BUILD/compile_commands.json; run make build first" >&2; exit 1; }
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'lib/*.cpp' 'services/*.cpp' 'tools/*.cpp' | grep -v '/tests/')
fi
echo "make lint: clang-tidy on ${#files[@]} files, $JOBS at a time"
fails=0
# xargs -P runs them in parallel; each file's output comes out in one piece.
printf '%s\n' "${files[@]}" |
  xargs -P "$JOBS" -I{} sh -c 'out=$(clang-tidy -p "$0" --quiet "$1" 2>&1) || { printf "%s\n" "$out" | grep -v "warnings generated" >&2; echo "FAIL $1" >&2; exit 1; }' "$BUILD" {} ||
  fails=1
if [ "$fails" -ne 0 ]; then
  echo "make lint: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "make lint: clean"
