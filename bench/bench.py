#!/usr/bin/env python3
"""make bench's driver (bench/README.md): every benchmark, this project against
a peer measured in the same run, medians of RUNS alternating runs with their
min-max spread, printed as one table and written to bench/RESULTS.md.

    python3 bench/bench.py BUILD/bin [--seconds S] [--runs N] [--out FILE]

A benchmark that cannot run (missing binary or tool, a server that does not
answer, a wrong answer, wrk errors) exits non-zero; a missed target is printed
as MISSED and does not fail."""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.path.join(HERE, "peers")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-flask and python3-graphql-core live

PING = "{ping}"
TELEMETRY = "{telemetry{batteryVoltage batteryCurrent temperature uptime batteryCharge}}"
MIB = 1024 * 1024


class BenchError(Exception):
    """A benchmark that cannot run: make bench fails."""


# ---------------------------------------------------------------- helpers

def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def post(port, path, query, timeout=2.0):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=json.dumps({"query": query}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def med(xs):
    return statistics.median(xs)


def fmt(x, unit=""):
    if x >= 1000:
        s = "%.0f" % x
    elif x >= 10:
        s = "%.1f" % x
    else:
        s = "%.2f" % x
    return s + unit


def spread(xs, unit=""):
    return "%s (%s-%s)" % (fmt(med(xs), unit), fmt(min(xs)), fmt(max(xs)))


def status(ok):
    return "met" if ok else "MISSED"


ROWS = []


def row(section, what, ours, peer, ratio, target, state):
    ROWS.append({"section": section, "what": what, "ours": ours, "peer": peer, "ratio": ratio,
                 "target": target, "status": state})


class Server:
    """A server process; `up()` polls {ping} until it answers (a deadline, no sleeps)."""

    def __init__(self, name, cmd, port, path, cwd=None):
        self.name, self.port, self.path = name, port, path
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True)
        self.first_ping_ms = None

    def up(self, timeout=20.0):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise BenchError("%s exited (%s): %s" % (self.name, self.proc.returncode,
                                                         self.proc.stderr.read().decode(errors="replace")[-2000:]))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    pass
            except OSError:
                time.sleep(0.0005)
                continue
            try:
                r = post(self.port, self.path, PING)
            except OSError:
                time.sleep(0.0005)
                continue
            if r.get("data", {}).get("ping") != "pong":
                raise BenchError("%s answered {ping} with %r" % (self.name, r))
            self.first_ping_ms = (time.perf_counter() - self.started) * 1000
            return self
        self.stop()
        raise BenchError("%s did not answer {ping} within %.0f s" % (self.name, timeout))

    def status(self, key):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        raise BenchError("%s: no %s in /proc/%d/status" % (self.name, key, self.proc.pid))

    def mapped_exec_bytes(self):
        files = set()
        with open("/proc/%d/maps" % self.proc.pid) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and "x" in parts[1] and parts[5].startswith("/"):
                    files.add(parts[5])
        return sum(os.path.getsize(p) for p in files if os.path.exists(p))

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc.stderr.close()


def wrk(port, path, query, connections, seconds):
    threads = 1 if connections == 1 else 2
    env = dict(os.environ, BENCH_BODY=json.dumps({"query": query}))
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
                          "-s", os.path.join(PEERS, "post.lua"), "http://127.0.0.1:%d%s" % (port, path)],
                         env=env, capture_output=True, text=True, check=False)
    text = out.stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if out.returncode != 0 or not m:
        raise BenchError("wrk failed against port %d: %s %s" % (port, text, out.stderr))
    if re.search(r"Non-2xx|Socket errors", text):
        raise BenchError("wrk saw errors against port %d%s:\n%s" % (port, path, text))

    def pct(p):
        mm = re.search(r"^\s+%d%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
        if not mm:
            raise BenchError("wrk printed no %d%% latency:\n%s" % (p, text))
        return float(mm.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[mm.group(2)]

    return {"rps": float(m.group(1)), "p50": pct(50), "p99": pct(99)}


# ---------------------------------------------------------------- servers

def nginx_server(tmp):
    port = free_port()
    ours = {"data": {"ping": "pong"}}
    tele = {"data": {"telemetry": json.load(open(os.path.join(PEERS, "telemetry.json")))}}
    conf = open(os.path.join(PEERS, "nginx.conf.in")).read()
    for k, v in (("@TMP@", tmp), ("@PORT@", str(port)), ("@PING_BODY@", json.dumps(ours, separators=(",", ":"))),
                 ("@TELEMETRY_BODY@", json.dumps(tele, separators=(",", ":")))):
        conf = conf.replace(k, v)
    path = os.path.join(tmp, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    s = Server("nginx", [nginx, "-e", os.path.join(tmp, "nginx-error.log"), "-p", tmp, "-c", path], port, "/ping")
    return s.up()


def service_config(tmp, name, section, settings=""):
    port = free_port()
    cfg = os.path.join(tmp, "%s.toml" % section)
    with open(cfg, "w") as f:
        f.write("[%s]\n%s\n[%s.addr]\nip = \"127.0.0.1\"\nport = %d\n" % (section, settings, section, port))
    return cfg, port


def ours_server(bin_dir, tmp, name):
    """One of our services on a fresh config in tmp (not yet polled)."""
    d = tempfile.mkdtemp(dir=tmp)
    if name == "sim-eps-service":
        cfg, port = service_config(d, name, name, 'bus = "%s/no-device"' % d)  # {ping} never touches the device
    elif name == "kubos-app-service":
        cfg, port = service_config(d, name, "app-service", 'registry-dir = "%s/reg"' % d)
    elif name == "local-comms-service":
        cfg, port = service_config(d, name, name, 'listening_ip = "127.0.0.1"\nlistening_port = %d\n'
                                   'gateway_ip = "127.0.0.1"\ngateway_port = %d\n[local-comms-service.comms]\n'
                                   'ip = "127.0.0.1"' % (free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_DGRAM)))
    else:
        cfg, port = service_config(d, name, name)
    return Server(name, [os.path.join(bin_dir, name), "-c", cfg, "-l", "error"], port, "/")


def node_server():
    port = free_port()
    return Server("node graphql-http", ["node", os.path.join(PEERS, "node-graphql-http.mjs"), str(port)], port,
                  "/graphql")


def python_server():
    port = free_port()
    return Server("Flask + graphql-core", [SYSTEM_PYTHON, os.path.join(PEERS, "flask_graphql.py"), str(port)], port,
                  "/graphql")


# ---------------------------------------------------------------- HTTP rows

def http_rows(bin_dir, tmp, seconds, runs):
    servers = {"ours": ours_server(bin_dir, tmp, "bench-telemetry-service").up(),
               "node": node_server().up(), "python": python_server().up(), "nginx": nginx_server(tmp)}
    try:
        want = post(servers["ours"].port, "/", TELEMETRY)
        for k in ("node", "python"):
            got = post(servers[k].port, servers[k].path, TELEMETRY)
            if got != want:
                raise BenchError("%s answers the telemetry query %r, ours %r" % (k, got, want))
        results = {}
        for query, qname in ((PING, "{ping}"), (TELEMETRY, "telemetry (5 fields)")):
            for conns in (1, 16):
                res = {k: [] for k in servers}
                for _ in range(runs):  # alternating: every server once per run
                    for k, s in servers.items():
                        path = s.path if k != "nginx" else ("/ping" if query == PING else "/telemetry")
                        res[k].append(wrk(s.port, path, query, conns, seconds))
                results[(qname, conns)] = res
        hwm = servers["ours"].status("VmHWM")
    finally:
        for s in servers.values():
            s.stop()

    peer_names = {"nginx": "nginx 1 worker, fixed body", "node": "graphql-js + graphql-http (Node)",
                  "python": "Flask + graphql-core 2"}
    for (qname, conns), res in results.items():
        ours_rps = [r["rps"] for r in res["ours"]]
        for k in ("nginx", "node", "python"):
            peer_rps = [r["rps"] for r in res[k]]
            ratio = med(ours_rps) / med(peer_rps)
            if k == "nginx":
                goal = 0.60 if qname == "{ping}" else 0.50
                target, state = ">= %.0f%% of nginx" % (goal * 100), status(ratio >= goal)
            else:
                target, state = "(printed)", "-"
            row("HTTP", "%s, %d conn, req/s vs %s" % (qname, conns, peer_names[k]), spread(ours_rps),
                spread(peer_rps), "%.2fx" % ratio, target, state)
        ours_p99 = [r["p99"] for r in res["ours"]]
        ours_p50 = [r["p50"] for r in res["ours"]]
        peer_p99 = [r["p99"] for r in res["nginx"]]
        lat_target = "p99 < 0.5 ms" if conns == 16 else "(printed)"
        lat_state = status(med(ours_p99) < 0.5) if conns == 16 else "-"
        others = ", ".join("%s %s/%s" % (k, fmt(med([r["p50"] for r in res[k]])), fmt(med([r["p99"] for r in res[k]])))
                           for k in ("node", "python"))
        row("HTTP", "%s, %d conn, latency p50 / p99 ms (peers: %s)" % (qname, conns, others),
            "%s / %s" % (spread(ours_p50), spread(ours_p99)),
            "nginx %s / %s" % (fmt(med([r["p50"] for r in res["nginx"]])), fmt(med(peer_p99))),
            "%.2fx" % (med(ours_p99) / med(peer_p99)), lat_target, lat_state)
    return hwm


# ---------------------------------------------------------------- footprint rows

def strip_size(path, tmp):
    dst = os.path.join(tmp, "stripped-" + os.path.basename(path))
    shutil.copy(path, dst)
    subprocess.run(["strip", dst], check=True)
    return os.path.getsize(dst)


def footprint_rows(bin_dir, tmp, seconds, starts):
    services = ["sim-eps-service", "kubos-app-service", "local-comms-service"]
    makers = {s: (lambda s=s: ours_server(bin_dir, tmp, s)) for s in services}
    makers["node"] = node_server
    makers["python"] = python_server
    exec_ms = {k: [] for k in makers}
    idle = {k: [] for k in makers}
    hwm = {}
    mapped = {}
    for i in range(starts):  # alternating: every server once per round
        for k, make in makers.items():
            s = make().up()
            try:
                exec_ms[k].append(s.first_ping_ms)
                time.sleep(0.2)  # idle: let start-up work settle before reading RSS
                idle[k].append(s.status("VmRSS"))
                if i == starts - 1:
                    wrk(s.port, s.path, PING, 16, seconds)
                    hwm[k] = s.status("VmHWM")
                    if k in ("node", "python"):
                        mapped[k] = s.mapped_exec_bytes()
            finally:
                s.stop()
    peers = ("node", "python")
    pname = {"node": "Node", "python": "Python"}
    for svc in services:
        size = strip_size(os.path.join(bin_dir, svc), tmp)
        for k in peers:
            row("Footprint", "%s idle RSS (MiB) vs %s peer" % (svc, pname[k]), spread([x / MIB for x in idle[svc]]),
                spread([x / MIB for x in idle[k]]), "%.2fx" % (med(idle[svc]) / med(idle[k])), "<= 4 MiB",
                status(med(idle[svc]) <= 4 * MIB))
        for k in peers:
            row("Footprint", "%s VmHWM after %ds of {ping} at 16 conn (MiB) vs %s" % (svc, seconds, pname[k]),
                fmt(hwm[svc] / MIB), fmt(hwm[k] / MIB), "%.2fx" % (hwm[svc] / hwm[k]), "<= 8 MiB",
                status(hwm[svc] <= 8 * MIB))
        for k in peers:
            row("Footprint", "%s stripped binary (MiB) vs %s executable mappings" % (svc, pname[k]),
                fmt(size / MIB), fmt(mapped[k] / MIB), "%.2fx" % (size / mapped[k]), "(printed)", "-")
        for k in peers:
            row("Footprint", "%s exec to first answered {ping} (ms) vs %s" % (svc, pname[k]), spread(exec_ms[svc]),
                spread(exec_ms[k]), "%.2fx" % (med(exec_ms[svc]) / med(exec_ms[k])), "< 50 ms",
                status(med(exec_ms[svc]) < 50))


# ---------------------------------------------------------------- engine rows

ENGINE_TARGET = 20


# Requirement GQL-15 (lib/graphql/README.md): the engine against graphql-js.
def GQL_15_engine_rows_against_graphql_js(bin_dir, seconds, runs):  # noqa: N802 (named for the requirement)
    cpp, js = {}, {}
    for _ in range(runs):  # alternating passes
        for cmd, into in (([os.path.join(bin_dir, "graphql-bench"), "--data", REPO, "--json", "--seconds",
                            str(seconds)], cpp),
                          (["node", os.path.join(HERE, "graphql-js-bench.mjs"), "--json", "--seconds", str(seconds)],
                           js)):
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                raise BenchError("%s failed: %s" % (cmd[0], out.stderr))
            for line in out.stdout.splitlines():
                if line.startswith("{"):
                    r = json.loads(line)
                    into.setdefault((r["bench"], r["mode"]), []).append(r["opsPerSec"])
    what = {"cold": "parse+validate+execute", "warm": "execute (document cached)"}
    for key, ours in cpp.items():
        if key not in js:
            raise BenchError("graphql-js-bench.mjs has no %s/%s row" % key)
        ratio = med(ours) / med(js[key])
        row("Engine", "%s, %s: %s, ops/s vs graphql-js" % (key[0], key[1], what.get(key[1], key[1])), spread(ours),
            spread(js[key]), "%.1fx" % ratio, ">= %dx" % ENGINE_TARGET,
            "met" if ratio >= ENGINE_TARGET else "BELOW TARGET")


# ---------------------------------------------------------------- comms and app-service rows

def comms_rows(bin_dir, seconds, runs):
    raw, direct, link = [], [], []
    rtt = {"raw": [], "direct": [], "link": []}
    for _ in range(runs):
        out = subprocess.run(["bash", os.path.join(HERE, "comms-bench.sh"), bin_dir, str(seconds)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise BenchError("comms-bench.sh failed: %s %s" % (out.stdout, out.stderr))
        for label, into, key in (("raw UDP echo", raw, "raw"), (r"direct HTTP \(new connection\)", direct, "direct"),
                                 ("through local-comms-service", link, "link")):
            m = re.search(r"^%s\s+([\d.]+)\s+([\d.]+)" % label, out.stdout, re.M)
            if not m:
                raise BenchError("comms-bench printed no '%s' line:\n%s" % (label, out.stdout))
            into.append(float(m.group(1)))
            rtt[key].append(float(m.group(2)))
    row("Comms", "{ping} through local-comms-service, round trips/s vs direct HTTP POST (new connection)",
        spread(link), spread(direct), "%.2fx" % (med(link) / med(direct)), "(printed)", "-")
    row("Comms", "{ping} through local-comms-service, round trips/s vs raw UDP echo", spread(link), spread(raw),
        "%.3fx" % (med(link) / med(raw)), "(printed)", "-")
    added = [l - d for l, d in zip(rtt["link"], rtt["direct"])]
    row("Comms", "latency the link adds at the median (us per round trip): link vs direct median",
        spread(added), "direct %s, link %s" % (fmt(med(rtt["direct"])), fmt(med(rtt["link"]))), "-", "<= 300 us",
        status(med(added) <= 300))


def app_rows(bin_dir, runs):
    bare, start, cp, reg = [], [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, os.path.join(HERE, "app_service_bench.py"), bin_dir],
                             capture_output=True, text=True, check=False)
        m1 = re.search(r"bare fork/exec/wait ([\d.]+) ms, startApp over HTTP ([\d.]+) ms", out.stdout)
        m2 = re.search(r"cp -r \+ sync -f ([\d.]+) ms, register .*? ([\d.]+) ms: ratio", out.stdout)
        if out.returncode != 0 or not m1 or not m2:
            raise BenchError("app_service_bench.py failed: %s %s" % (out.stdout, out.stderr))
        bare.append(float(m1.group(1)))
        start.append(float(m1.group(2)))
        cp.append(float(m2.group(1)))
        reg.append(float(m2.group(2)))
    added = [s - b for s, b in zip(start, bare)]
    row("App service", "startApp round trip (ms, app exits at once) vs bare fork/exec/wait", spread(start),
        spread(bare), "%.2fx" % (med(start) / med(bare)), "within +2 ms (median +%s)" % fmt(med(added)),
        status(med(added) <= 2.0))
    row("App service", "register of a 20 MB app (ms) vs cp -r + sync -f", spread(reg), spread(cp),
        "%.2fx" % (med(reg) / med(cp)), "<= 1.5x", status(med(reg) / med(cp) <= 1.5))


# ---------------------------------------------------------------- report

def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = open("/proc/loadavg").read().split()[:3]
    return ("%s; %d CPU(s), %s; kernel %s; load average at the start %s"
            % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), os.cpu_count(), cpu,
               platform.release(), " ".join(load)))


def build_types(bin_dir, names):
    """Which build each binary comes from: "Release" or what its tree's CMakeCache.txt says."""
    kinds = {}
    for n in names:
        real = os.path.realpath(os.path.join(bin_dir, n))
        cache = os.path.join(os.path.dirname(os.path.dirname(real)), "CMakeCache.txt")
        kind = "unknown build"
        if os.path.exists(cache):
            m = re.search(r"^CMAKE_BUILD_TYPE:STRING=(.*)$", open(cache).read(), re.M)
            kind = m.group(1) if m else kind
        kinds.setdefault(kind, []).append(n)
    return "; ".join("%s: %s" % (k, ", ".join(v)) for k, v in kinds.items())


def table():
    head = ["section", "row", "ours: median (min-max)", "peer: median (min-max)", "ratio ours/peer", "target",
            "status"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in ROWS:
        lines.append("| " + " | ".join([r["section"], r["what"], r["ours"], r["peer"], r["ratio"], r["target"],
                                        r["status"]]) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "3")))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    a = ap.parse_args()
    bin_dir = os.path.abspath(a.bin)
    needed = ("graphql-bench", "comms-bench", "sim-eps-service", "kubos-app-service", "local-comms-service",
              "bench-telemetry-service")
    for b in needed:
        if not os.access(os.path.join(bin_dir, b), os.X_OK):
            raise BenchError("%s/%s not built (make bench builds it)" % (bin_dir, b))
    for tool in ("wrk", "node", "strip"):
        if not shutil.which(tool):
            raise BenchError("%s not found (scripts/install-deps.sh --bench)" % tool)
    host = machine()
    builds = build_types(bin_dir, needed)
    print("make bench: %s\nmake bench: binaries: %s" % (host, builds), flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kubos-bench-") as tmp:
        for name, fn in (("HTTP", lambda: http_rows(bin_dir, tmp, a.seconds, a.runs)),
                         ("footprint", lambda: footprint_rows(bin_dir, tmp, 2, 5)),
                         ("engine", lambda: GQL_15_engine_rows_against_graphql_js(bin_dir, 2, a.runs)),
                         ("comms", lambda: comms_rows(bin_dir, 2, a.runs)),
                         ("app service", lambda: app_rows(bin_dir, a.runs))):
            print("make bench: %s rows (%s)" % (name, time.strftime("%T")), flush=True)
            fn()
    took = time.perf_counter() - started
    missed = [r for r in ROWS if r["status"] in ("MISSED", "BELOW TARGET")]
    by_section = {}
    for r in missed:
        by_section[r["section"]] = by_section.get(r["section"], 0) + 1
    summary = ("%d rows, %d with a target missed (%s); a missed target does not fail make bench. Took %.0f s."
               % (len(ROWS), len(missed), ", ".join("%s %d" % kv for kv in by_section.items()) or "none", took))
    text = table()
    print()
    print(text)
    print()
    print(summary)
    with open(a.out, "w") as f:
        f.write("# make bench results\n\n")
        f.write("- Measured: %s\n"
                "- Our binaries: %s\n"
                "- Written by `make bench` (bench/bench.py); what each row measures and who the peers are:\n"
                "  bench/README.md. Every ratio compares two measurements of the same run, alternated; the\n"
                "  machine is shared, so absolute numbers are noisy.\n\n" % (host, builds))
        f.write(text + "\n\n" + summary + "\n")
    print("make bench: written to %s" % a.out)


if __name__ == "__main__":
    try:
        main()
    except BenchError as e:
        print("make bench: FAILED: %s" % e, file=sys.stderr)
        sys.exit(1)
