#!/usr/bin/env bash
# NEW-1..NEW-3: tools/new-service scaffolds a service that builds and passes its
# own tests, refuses bad names and never overwrites by accident. Works on a
# copy of the source tree, so the real services/ folder is never touched.
set -uo pipefail
SRC=${1:?usage: test_new_service.sh SOURCE_DIR}
TMP=$(mktemp -d /tmp/new-service-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
check() { local what=$1; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; FAILS=$((FAILS + 1)); fi; }

mkdir -p "$TMP/src"
(cd "$SRC" && tar --exclude=./build --exclude=./run --exclude='*/node_modules' -cf - .) | (cd "$TMP/src" && tar xf -)
T="$TMP/src/tools/new-service/new-service.sh"

"$T" Bad_Name >/dev/null 2>&1; rc=$?
check "NEW-2 a bad name is refused with exit 2" test "$rc" -eq 2
out=$("$T" demo-eps-service --port 8155); rc=$?
check "NEW-1 scaffold succeeds" test "$rc" -eq 0
check "NEW-1 prints the config section" grep -q '^port = 8155$' <<<"$out"
D="$TMP/src/services/demo-eps-service"
check "NEW-1 folder has schema, model, resolvers, main, README, tests" \
  test -f "$D/schema.graphql" -a -f "$D/model.cpp" -a -f "$D/resolvers.cpp" -a -f "$D/main.cpp" -a -f "$D/README.md" -a -f "$D/tests/model_test.cpp"
check "NEW-1 no sim-eps-service left in the code" bash -c "! grep -rqE --exclude=README.md 'sim-eps-service|simeps_service' '$D'"
"$T" demo-eps-service >/dev/null 2>&1; rc=$?
check "NEW-3 an existing service is not overwritten (exit 1)" test "$rc" -eq 1

# NEW-1: the scaffolded service's unit tests build and pass.
cmake -S "$TMP/src" -B "$TMP/build" -G Ninja -DKUBOS_BENCH=OFF >/dev/null 2>&1
if cmake --build "$TMP/build" --target demo-eps-service-unit-tests >/dev/null 2>&1; then
  check "NEW-1 scaffolded model tests pass" "$TMP/build/bin/demo-eps-service-unit-tests" --gtest_brief=1
else
  check "NEW-1 scaffolded service builds" false
fi
echo "new-service: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
