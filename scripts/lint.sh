#!/usr/bin/env bash
# `make lint`: clang-tidy (checks in .clang-tidy, every warning an error) on the
# project's own sources, from BUILD/compile_commands.json, over 2 cores.
# Tests, benchmarks, fuzzers and third_party/ are left out: gtest macros and
# generated files would drown the list.
#
#   scripts/lint.sh [BUILD] [FILE...]    (default build; default every source)
#
# A file that passed is remembered in BUILD/lint-cache under a key of what the
# verdict depends on (scripts/lint-keys.py: clang-tidy's version, .clang-tidy,
# the compile command, the file and every header it includes); it is skipped
# until one of those changes. LINT_CACHE=0 lints every file; LINT_CACHE=DIR
# keeps the cache elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
shift || true
JOBS=${LINT_JOBS:-2}
CACHE=${LINT_CACHE:-$BUILD/lint-cache}
[ -f "$BUILD/compile_commands.json" ] || { echo "make lint: no $BUILD/compile_commands.json; run make build first" >&2; exit 1; }
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'lib/*.cpp' 'services/*.cpp' 'tools/*.cpp' | grep -v '/tests/')
fi
declare -A key=()
if [ "$CACHE" != 0 ]; then
  mkdir -p "$CACHE"
  while read -r f k; do key[$f]=$k; done < <(python3 scripts/lint-keys.py "$BUILD" "${files[@]}")
fi
todo=()
for f in "${files[@]}"; do
  k=${key[$f]:--}
  if [ "$k" != - ] && [ -e "$CACHE/$k" ]; then continue; fi
  todo+=("$f $k")
done
echo "make lint: clang-tidy on ${#todo[@]} files, $JOBS at a time ($((${#files[@]} - ${#todo[@]})) unchanged since they passed)"
fails=0
# xargs -P runs them in parallel; each file's output comes out in one piece.
# The compile commands are GCC's: clang-tidy is told not to count GCC-only
# warning options (-Wno-maybe-uninitialized) as errors.
# shellcheck disable=SC2016
[ ${#todo[@]} -eq 0 ] || printf '%s\n' "${todo[@]}" |
  xargs -r -P "$JOBS" -L1 sh -c '
    out=$(clang-tidy -p "$1" --quiet --extra-arg=-Wno-unknown-warning-option "$3" 2>&1) ||
      { printf "%s\n" "$out" | grep -v "warnings generated" >&2; echo "FAIL $3" >&2; exit 1; }
    if [ "$4" != - ] && [ "$2" != 0 ]; then : >"$2/$4"; fi' lint "$BUILD" "$CACHE" ||
  fails=1
if [ "$fails" -ne 0 ]; then
  echo "make lint: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "make lint: clean"
