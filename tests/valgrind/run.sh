#!/usr/bin/env bash
# make test-valgrind: one pass of service integration suites with every service
# binary started under valgrind (tests/python/kubos_testlib.py, KUBOS_TEST_WRAPPER),
# deadlines stretched (KUBOS_TEST_TIMEOUT_SCALE). Each service process writes its
# own valgrind log; the pass fails when a suite fails or a log reports an error
# (invalid read/write, uninitialised value, definite leak).
#
#   tests/valgrind/run.sh BIN_DIR [OUT_DIR]      VALGRIND_SUITES="a.py b.py" to choose
set -u
BIN=$(cd "${1:?usage: run.sh BIN_DIR [OUT_DIR]}" && pwd)
OUT=${2:-$BIN/../valgrind}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# One suite a line: its path, then optionally the test classes to run. The
# app-service subset: the KubOS cases that start, run and filter apps (the
# supervision suite measures backoff timings that valgrind's slowdown distorts;
# registry cases do not reach the supervisor; test_crash SIGKILLs the service
# 200 times, so valgrind never writes its reports and its deadlines do not
# survive the slowdown).
SUITES=${VALGRIND_SUITES:-"services/sim-eps-service/tests/integration/test_service.py
services/local-comms-service/tests/integration/test_local_comms.py
services/app-service/tests/integration/test_kubos_cases.py StartApp RustProj PythonProj"}

export KUBOS_BIN=$BIN
export KUBOS_TEST_TIMEOUT_SCALE=${KUBOS_TEST_TIMEOUT_SCALE:-20}
export KUBOS_TEST_WRAPPER="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=30 --log-file=$OUT/%p.log"

failed=()
while read -r s classes; do
  [ -n "$s" ] || continue
  name=$(basename "$(dirname "$(dirname "$(dirname "$s")")")")-$(basename "$s" .py)
  echo "test-valgrind: $s $classes ($(date +%T))"
  # shellcheck disable=SC2086 # the class names are separate arguments
  if python3 "$REPO/$s" -v $classes >"$OUT/$name.out" 2>&1 </dev/null; then
    echo "  suite passed"
  else
    echo "  suite FAILED: $OUT/$name.out"
    grep -E '^(FAIL|ERROR):' "$OUT/$name.out" | sed 's/^/    /'
    failed+=("$s")
  fi
done <<<"$SUITES"

bad=0
for log in "$OUT"/*.log; do
  [ -e "$log" ] || continue
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
  if [ -z "$errors" ]; then
    echo "  $log: no summary (the process was killed before valgrind finished)"
  elif [ "$errors" != 0 ]; then
    echo "  $log: $errors errors: $(head -c 300 <(grep -m1 -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|[0-9,]+ bytes in)' "$log"))"
    bad=$((bad + 1))
  fi
done
echo "test-valgrind: $(ls "$OUT"/*.log 2>/dev/null | wc -l) service processes, $bad with errors, ${#failed[@]} suites failed (logs in $OUT)"
[ "$bad" = 0 ] && [ ${#failed[@]} = 0 ]
