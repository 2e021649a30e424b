#!/usr/bin/env bash
# Requirements NEW-1 to NEW-9 (tools/new-service/README.md): new-service.sh
# scaffolds a service that builds and passes its own unit and integration
# tests, with every name changed, refuses bad input and never overwrites by
# accident. Works on a copy of the source tree, so the real services/ folder
# is never touched. With LIBS_FILE (the kubos-libs.cmake a build of SOURCE_DIR
# writes) the copy links that build's libraries instead of compiling them again.
#   test_new_service.sh SOURCE_DIR [LIBS_FILE]
set -uo pipefail
SRC=${1:?usage: test_new_service.sh SOURCE_DIR [LIBS_FILE]}
LIBS=${2:-}
TMP=$(mktemp -d /tmp/new-service-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
check() { local what=$1; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; FAILS=$((FAILS + 1)); fi; }

mkdir -p "$TMP/src"
(cd "$SRC" && tar --exclude=./build --exclude='./build-*' --exclude=./run --exclude=./.git --exclude='*/node_modules' \
  --exclude='*/__pycache__' -cf - .) | (cd "$TMP/src" && tar xf -)
T="$TMP/src/tools/new-service/new-service.sh"

# ---- the command line ---------------------------------------------------------
"$T" Bad_Name >/dev/null 2>&1; rc=$?
check "NEW_2 a bad name is refused with exit 2" test "$rc" -eq 2
out=$("$T" --help 2>&1); rc=$?
check "NEW_4 --help before NAME prints the usage and exits 0" test "$rc" -eq 0 -a -n "$(grep 'usage\|NAME' <<<"$out")"
"$T" demo-eps-service --help >/dev/null 2>&1; rc=$?
check "NEW_4 --help after NAME exits 0 too" test "$rc" -eq 0
check "NEW_4 --help creates nothing" test ! -e "$TMP/src/services/--help" -a ! -e "$TMP/src/services/demo-eps-service"
"$T" --bogus demo-eps-service >/dev/null 2>&1; rc=$?
check "NEW_5 an unknown option is refused with exit 2" test "$rc" -eq 2
"$T" a-service b-service >/dev/null 2>&1; rc=$?
check "NEW_5 two names are refused with exit 2" test "$rc" -eq 2

# ---- the scaffold ----------------------------------------------------------------
out=$("$T" --port 8155 demo-eps-service); rc=$?
check "NEW_1 scaffold succeeds with options before NAME" test "$rc" -eq 0
check "NEW_1 prints the config section" grep -q '^port = 8155$' <<<"$out"
D="$TMP/src/services/demo-eps-service"
check "NEW_1 folder has schema, model, resolvers, main, README, unit and integration tests" \
  test -f "$D/schema.graphql" -a -f "$D/model.cpp" -a -f "$D/resolvers.cpp" -a -f "$D/main.cpp" -a -f "$D/README.md" \
       -a -f "$D/tests/unit/model_test.cpp" -a -f "$D/tests/unit/resolvers_test.cpp" -a -f "$D/tests/integration/test_service.py"
check "NEW_6 no sim-eps-service name left in the code" \
  bash -c "! grep -rqE --exclude=README.md 'sim-eps-service|sim_eps_service|SIMEPS_SERVICE|simulated EPS' '$D'"
check "NEW_6 no template requirement ID or test suite left" \
  bash -c "! grep -rqE '(^|[^A-Za-z_-])EPS[-_][0-9]|(^|[^A-Za-z])Eps(Model|Schema)' '$D'"
check "NEW_6 requirement IDs renamed (DEMO-EPS-1 in the README, DEMO_EPS_1_ in a test)" \
  bash -c "grep -q '^| DEMO-EPS-1 |' '$D/README.md' && grep -rq 'DEMO_EPS_1_' '$D/tests/unit'"
check "NEW_6 every requirement of the scaffolded README is named by one of its tests" \
  python3 "$TMP/src/tests/requirements/check_requirements.py" "$TMP/src"
"$T" demo-eps-service >/dev/null 2>&1; rc=$?
check "NEW_3 an existing service is not overwritten (exit 1)" test "$rc" -eq 1

# ---- it builds and passes its own tests ----------------------------------------
cmake -S "$TMP/src" -B "$TMP/build" -G Ninja -DKUBOS_BENCH=OFF ${LIBS:+-DKUBOS_PREBUILT_LIBS="$LIBS"} \
  >"$TMP/configure.log" 2>&1
if cmake --build "$TMP/build" -j2 --target demo-eps-service demo-eps-service-unit-tests demo-eps-service-schema-tests sim-eps \
    >"$TMP/build.log" 2>&1; then
  check "NEW_7 scaffolded model tests pass" "$TMP/build/bin/demo-eps-service-unit-tests" --gtest_brief=1
  check "NEW_7 scaffolded schema tests pass" "$TMP/build/bin/demo-eps-service-schema-tests" --gtest_brief=1
  help=$("$TMP/build/bin/demo-eps-service" --help 2>&1)
  check "NEW_8 the new binary's --help names it, not the simulated EPS" \
    bash -c "grep -q 'demo-eps-service' <<<\"\$1\" && ! grep -qi 'simulated EPS' <<<\"\$1\"" _ "$help"
  check "NEW_9 scaffolded integration tests pass against the simulator" \
    env KUBOS_BIN="$TMP/build/bin" python3 "$D/tests/integration/test_service.py"
else
  tail -n 40 "$TMP/build.log"
  check "NEW_7 scaffolded service builds" false
fi
echo "new-service: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
