#!/usr/bin/env bash
# Requirements INIT-1 to INIT-6 (init/README.md): `make install` into a temporary DESTDIR puts
# binaries, init scripts and the example config in the OBC layout, and the
# installed S{NN}{name} scripts start, restart and stop the real binaries with
# BusyBox's start-stop-daemon and a pidfile.
set -uo pipefail
BUILD=${1:?usage: test_init_scripts.sh BUILD_DIR}
BUILD=$(cd "$BUILD" && pwd)
TMP=$(mktemp -d /tmp/init-test.XXXXXX)
FAILS=0
cleanup() {
  for p in "$TMP"/root/var/run/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
ok()   { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

# BusyBox's start-stop-daemon first in PATH (Debian's own is dpkg's).
mkdir -p "$TMP/path"
ln -s "$(command -v busybox)" "$TMP/path/start-stop-daemon"
export PATH="$TMP/path:$PATH"

# ---- INIT-1: layout for PREFIX=/usr (root file system) -----------------------
D1="$TMP/rootfs"
DESTDIR="$D1" cmake --install "$BUILD" --prefix /usr >/dev/null || fail "INIT_1 install --prefix /usr"
# A section for each service installed, and none for one that is not.
for entry in kubos-app-service:app-service local-comms-service:local-comms-service sim-eps-service:sim-eps-service; do
  bin=${entry%%:*} section=${entry#*:}
  if [ -x "$BUILD/bin/$bin" ]; then
    check "INIT_1 example config has [$section.addr] ($bin installed)" \
      grep -q "^\[$section.addr\]" "$D1/etc/kubos-config.toml.example"
  else
    check "INIT_1 example config has no [$section] ($bin not built)" \
      bash -c "! grep -q '^\[$section' '$D1/etc/kubos-config.toml.example'"
  fi
done
check "INIT_1 config installed when none exists" test -f "$D1/etc/kubos-config.toml"
check "INIT_1 tools in /usr/bin" test -x "$D1/usr/bin/sim-eps"
check "INIT_1 init script S80sim-eps in /etc/init.d" test -x "$D1/etc/init.d/S80sim-eps"
if [ -x "$BUILD/bin/sim-eps-service" ]; then
  check "INIT_1 core/hardware services in /usr/sbin" test -x "$D1/usr/sbin/sim-eps-service"
  check "INIT_1 S90sim-eps-service passes -c" grep -q -- '-c "$CONFIG"' "$D1/etc/init.d/S90sim-eps-service"
  check "INIT_1 S90sim-eps-service uses /etc/kubos-config.toml" \
    grep -q 'CONFIG=${CONFIG:-$ROOT/etc/kubos-config.toml}' "$D1/etc/init.d/S90sim-eps-service"
fi
# INIT-6: binaries are stripped, their debug info split off where gdb finds it.
debug_ok() {  # installed binary, expected debug file
  local bin=$1 dbg=$2
  [ -f "$dbg" ] || { echo "  no $dbg"; return 1; }
  readelf -S "$bin" | grep -q '\.debug_info' && { echo "  $bin still has .debug_info"; return 1; }
  readelf -S "$bin" | grep -q '\.symtab' && { echo "  $bin still has a symbol table"; return 1; }
  readelf -S "$dbg" | grep -q '\.debug_info' || { echo "  $dbg has no .debug_info"; return 1; }
  [ "$(readelf -p .gnu_debuglink "$bin" 2>/dev/null | grep -o "$(basename "$dbg")")" = "$(basename "$dbg")" ] ||
    { echo "  $bin has no .gnu_debuglink to $(basename "$dbg")"; return 1; }
  # gdb itself finds the symbols: it looks in <debug-file-directory>/<the
  # binary's directory>/, so mirror the binary's DESTDIR path onto the
  # debug directory, as /usr/lib/debug/usr/bin is for /usr/bin on the OBC.
  if command -v gdb >/dev/null; then
    local mirror="$TMP/gdb-debug$(dirname "$bin")"
    mkdir -p "$(dirname "$mirror")" && ln -sfn "$(dirname "$dbg")" "$mirror"
    gdb -nx -batch -iex "set debug-file-directory $TMP/gdb-debug" -ex 'info line main' "$bin" 2>&1 |
      grep -q 'Line [0-9]* of "' || { echo "  gdb finds no line info for main in $bin"; return 1; }
  fi
}
check "INIT_6 /usr/bin/sim-eps stripped, debug info in /usr/lib/debug" \
  debug_ok "$D1/usr/bin/sim-eps" "$D1/usr/lib/debug/usr/bin/sim-eps.debug"
if [ -x "$BUILD/bin/sim-eps-service" ]; then
  check "INIT_6 /usr/sbin/sim-eps-service stripped, debug info in /usr/lib/debug" \
    debug_ok "$D1/usr/sbin/sim-eps-service" "$D1/usr/lib/debug/usr/sbin/sim-eps-service.debug"
  size=$(stat -c %s "$D1/usr/sbin/sim-eps-service")
  built=$(stat -c %s "$BUILD/bin/sim-eps-service")
  echo "  sim-eps-service: $built bytes built, $size bytes installed"
fi

# A second install keeps a mission's edited config.
echo "# mission edit" >> "$D1/etc/kubos-config.toml"
DESTDIR="$D1" cmake --install "$BUILD" --prefix /usr >/dev/null
check "INIT_1 reinstall never overwrites the config" grep -q "mission edit" "$D1/etc/kubos-config.toml"

# ---- INIT-2: layout for PREFIX=/home/system/usr (user data partition) --------
D="$TMP/root"
DESTDIR="$D" cmake --install "$BUILD" --prefix /home/system/usr >/dev/null || fail "INIT_2 install --prefix /home/system/usr"
check "INIT_2 binaries in /home/system/usr/bin" test -x "$D/home/system/usr/bin/sim-eps"
check "INIT_2 scripts in /home/system/etc/init.d" test -x "$D/home/system/etc/init.d/S80sim-eps"
check "INIT_2 config at /home/system/etc/config.toml" test -f "$D/home/system/etc/config.toml"
check "INIT_2 nothing outside /home/system" test -z "$(cd "$D" && find . -type f ! -path './home/system/*')"
check "INIT_6 /home/system install: debug info beside the binary (.debug/)" \
  test -f "$D/home/system/usr/bin/.debug/sim-eps.debug"

# ---- INIT-3: start / stop / restart with start-stop-daemon and a pidfile -----
export KUBOS_ROOT="$D"
INIT="$D/home/system/etc/init.d"
mkdir -p "$D/tmp"
PIDF="$D/var/run/sim-eps.pid"
LINK="$D/tmp/sim-eps-tty"
out=$("$INIT/S80sim-eps" start 2>&1); rc=$?
check "INIT_3 start prints OK and exits 0 ($out)" test "$rc" -eq 0 -a "${out##* }" = "OK"
for _ in $(seq 50); do [ -e "$LINK" ] && break; sleep 0.1; done
check "INIT_3 pidfile written" test -s "$PIDF"
pid1=$(cat "$PIDF" 2>/dev/null)
check "INIT_3 the pidfile's process runs sim-eps" grep -q sim-eps "/proc/$pid1/cmdline"
check "INIT_3 device link created (args passed)" test -e "$LINK"
"$INIT/S80sim-eps" start >/dev/null 2>&1
check "INIT_3 a second start does not start a second copy" test "$(pgrep -fc -- "--link $LINK")" -eq 1
out=$("$INIT/S80sim-eps" restart 2>&1); rc=$?
pid2=$(cat "$PIDF" 2>/dev/null)
check "INIT_3 restart exits 0" test "$rc" -eq 0
check "INIT_3 restart replaced the process ($pid1 -> $pid2)" test -n "$pid2" -a "$pid1" != "$pid2"
check "INIT_3 old process gone" test ! -e "/proc/$pid1"
for _ in $(seq 50); do [ -e "$LINK" ] && break; sleep 0.1; done

# ---- INIT-4: the service script passes -c and the service answers ------------
if [ -x "$D/home/system/usr/bin/sim-eps-service" ]; then
  PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  printf '[sim-eps-service]\nbus = "%s"\n[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %s\n' "$LINK" "$PORT" \
    > "$D/home/system/etc/config.toml"
  out=$("$INIT/S90sim-eps-service" start 2>&1)
  check "INIT_4 S90sim-eps-service start ($out)" test "${out##* }" = "OK"
  answer=""
  for _ in $(seq 50); do
    answer=$(python3 - "$PORT" <<'PY' 2>/dev/null
import json, sys, urllib.request
req = urllib.request.Request("http://127.0.0.1:%s/" % sys.argv[1], data=b'{"query":"mutation{noop}"}',
                             headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=2).read().decode())
PY
    ) && break
    sleep 0.1
  done
  check "INIT_4 service started by init answers with the device ($answer)" test "$answer" = '{"data":{"noop":true}}'
  "$INIT/S90sim-eps-service" stop >/dev/null
  check "INIT_4 service stopped" test ! -e "$D/var/run/sim-eps-service.pid"
fi

# ---- INIT-5: stop -------------------------------------------------------------
out=$("$INIT/S80sim-eps" stop 2>&1); rc=$?
check "INIT_5 stop prints OK and exits 0 ($out)" test "$rc" -eq 0 -a "${out##* }" = "OK"
check "INIT_5 process gone" test ! -e "/proc/$pid2"
check "INIT_5 pidfile removed" test ! -e "$PIDF"
check "INIT_5 sim-eps cleaned up its link on SIGTERM" test ! -e "$LINK"
out=$("$INIT/S80sim-eps" bogus 2>&1); rc=$?
check "INIT_5 unknown action: usage, exit 1" test "$rc" -eq 1

echo "init-scripts: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
