#!/usr/bin/env bash
# The comms part of `make bench`: starts sim-eps-service (no device needed for
# {ping}) and local-comms-service on free ports in a temporary directory, runs
# comms-bench against them, stops both.
#   bash bench/comms-bench.sh BUILD/bin [SECONDS]
set -euo pipefail
BIN=${1:-build/bin}
SECONDS_EACH=${2:-2}
for b in comms-bench local-comms-service sim-eps-service; do
  [ -x "$BIN/$b" ] || { echo "comms-bench: $BIN/$b not built" >&2; exit 1; }
done
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }
svc=$(free_port SOCK_STREAM); lcs=$(free_port SOCK_STREAM); up=$(free_port SOCK_DGRAM); gw=$(free_port SOCK_DGRAM)
cat >"$tmp/config.toml" <<TOML
[sim-eps-service]
bus = "$tmp/no-device"
[sim-eps-service.addr]
ip = "127.0.0.1"
port = $svc
[local-comms-service]
listening_ip = "127.0.0.1"
listening_port = $up
gateway_ip = "127.0.0.1"
gateway_port = $gw
[local-comms-service.comms]
ip = "127.0.0.1"
[local-comms-service.addr]
ip = "127.0.0.1"
port = $lcs
TOML
"$BIN/sim-eps-service" -c "$tmp/config.toml" -l error 2>"$tmp/eps.log" & pids+=($!)
"$BIN/local-comms-service" -c "$tmp/config.toml" -l error 2>"$tmp/lcs.log" & pids+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$svc") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$lcs") 2>/dev/null && break
  sleep 0.05
done
echo "Benchmark: the comms link (GraphQL {ping} to sim-eps-service), ${SECONDS_EACH}s per path"
"$BIN/comms-bench" --uplink "$up" --gateway "$gw" --service "$svc" --seconds "$SECONDS_EACH"
