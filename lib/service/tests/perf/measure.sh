#!/usr/bin/env bash
# Measures sim-eps-service's {ping} path against nginx in the same run
# (lib/service/README.md, "Performance"). Not part of make test: it takes
# about a minute and needs wrk and nginx (apt-get install -y wrk nginx-light).
#   lib/service/tests/perf/measure.sh [BIN_DIR]   (default: build/bin)
# Prints: exec-to-first-ping, idle RSS, wrk results (ours, nginx), VmHWM after
# the load, and with PERF=1 records a perf profile (perf.data in the temp dir).
set -euo pipefail
BIN=${1:-build/bin}
BIN=$(cd "$BIN" && pwd)
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
status() { grep -E "^$2:" "/proc/$1/status" | awk '{print $2}'; }

# The simulated board on a pseudo-terminal.
"$BIN/sim-eps" --link "$TMP/eps" & PIDS+=($!)
for _ in $(seq 100); do [ -e "$TMP/eps" ] && break; sleep 0.05; done

PORT=$(free_port)
printf '[sim-eps-service]\nbus = "%s"\n[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %s\n' "$TMP/eps" "$PORT" > "$TMP/config.toml"
BODY='{"query":"{ping}"}'
# exec to the first answered {ping}: Python starts the binary and polls with
# raw sockets (curl's own start-up would dominate the measure).
python3 - "$BIN/sim-eps-service" "$TMP/config.toml" "$PORT" "$TMP/svc.pid" <<'PY'
import os, socket, subprocess, sys, time
binary, config, port, pidfile = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
req = b'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{"query":"{ping}"}'
t0 = time.monotonic()
p = subprocess.Popen([binary, "-c", config, "-l", "error"], stderr=subprocess.DEVNULL, start_new_session=True)
while time.monotonic() - t0 < 10:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(req)
            if b"pong" in s.recv(4096):
                break
    except OSError:
        time.sleep(0.001)
print("exec-to-first-ping-ms %.1f" % ((time.monotonic() - t0) * 1000))
open(pidfile, "w").write(str(p.pid))
PY
SVC=$(cat "$TMP/svc.pid"); PIDS+=($SVC)
sleep 1
echo "idle-rss-kib $(status $SVC VmRSS) threads $(status $SVC Threads)"

NPORT=$(free_port)
mkdir -p "$TMP/nginx"
cat > "$TMP/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx; proxy_temp_path $TMP/nginx; fastcgi_temp_path $TMP/nginx;
  uwsgi_temp_path $TMP/nginx; scgi_temp_path $TMP/nginx;
  server {
    listen 127.0.0.1:$NPORT;
    location / { default_type application/json; return 200 '{"data":{"ping":"pong"}}'; }
  }
}
NGINX
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" & PIDS+=($!)
until curl -s -m 1 "http://127.0.0.1:$NPORT/" | grep -q pong; do sleep 0.05; done

cat > "$TMP/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
run_wrk() { wrk -t1 -c16 -d4s --latency -s "$TMP/post.lua" "$1" | awk -v who="$2" '/Requests\/sec/{r=$2} /^ +99%/{p=$2} /^ +50%/{m=$2} END{print who, "req/s", r, "p50", m, "p99", p}'; }
if [ "${PERF:-0}" = 1 ]; then
  perf record -g -o "$TMP/perf.data" -p "$SVC" -- sleep 4 >/dev/null 2>&1 & PERFPID=$!
  run_wrk "http://127.0.0.1:$PORT/" ours
  wait $PERFPID || true
  perf report -i "$TMP/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E "^ +[0-9]" | head -8 || true
  perf report -i "$TMP/perf.data" --no-children --sort sym --stdio 2>/dev/null | grep -E "^ +[0-9]" | head -25 || true
else
  run_wrk "http://127.0.0.1:$PORT/" ours
fi
run_wrk "http://127.0.0.1:$NPORT/" nginx
run_wrk "http://127.0.0.1:$PORT/" ours
run_wrk "http://127.0.0.1:$NPORT/" nginx
echo "after-load rss-kib $(status $SVC VmRSS) hwm-kib $(status $SVC VmHWM)"
# A blocking path for comparison: telemetry reads the board.
cat > "$TMP/tele.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"query":"{telemetry{batteryVoltage}}"}'
wrk.headers["Content-Type"] = "application/json"
LUA
wrk -t1 -c16 -d2s --latency -s "$TMP/tele.lua" "http://127.0.0.1:$PORT/" | awk '/Requests\/sec/{r=$2} /^ +99%/{p=$2} END{print "ours-telemetry(blocking) req/s", r, "p99", p}'
echo "final rss-kib $(status $SVC VmRSS) hwm-kib $(status $SVC VmHWM) threads $(status $SVC Threads)"
