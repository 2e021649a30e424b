#!/usr/bin/env python3
"""make soak: SOAK_SECONDS (default 600) of mixed load on every service.

sim-eps-service (on the real sim-eps), kubos-app-service and local-comms-service
run in a temporary directory. Load, all at once:
  - direct HTTP: each service's own queries and mutations, keep-alive and new
    connections, plus requests that must be GraphQL errors (they must stay errors);
  - through the comms link: Space Packets over UDP to local-comms-service's uplink,
    forwarded to sim-eps-service and kubos-app-service (docs/comms.md), the reply
    checked on the ground socket (the gateway address);
  - the app service starting and stopping the example mission app (examples/eps-monitor)
    over and over: OnBoot started then killed, OnCommand runs to its end.
Every SAMPLE_S seconds VmRSS, /proc/PID/fd and /proc/PID/task of each service are
sampled, and the app service's zombie children counted.

Fails on: any unexpected answer, any zombie seen in two samples running, fd or
thread count after warm-up above its warm-up maximum, or a VmRSS slope (least
squares over the samples after warm-up) above RSS_SLOPE_KIB_MIN.

Why RSS_SLOPE_KIB_MIN = 64 KiB/min: the load is a few hundred requests a second,
i.e. >= 10,000 requests a minute, so a leak of 8 bytes per request or more
(any lost allocation: malloc's smallest chunk is 32 bytes) is at least 80 KiB/min
and fails; a process's RSS moves in 4 KiB pages and glibc's arenas grow in steps,
which over a 10-minute run is a few pages of noise, far below 640 KiB. On a short
run (SOAK_SECONDS=120) the same bound is looser in total bytes but the slope
is the same measure.

    SOAK_SECONDS=120 KUBOS_BIN=build/bin python3 tests/soak/soak.py
"""
import json
import os
import socket
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
import hostile_lib as h  # noqa: E402

k = h.k
SECONDS = float(os.environ.get("SOAK_SECONDS", "600"))
WARMUP_S = min(60.0, SECONDS / 4)
SAMPLE_S = 2.0
RSS_SLOPE_KIB_MIN = float(os.environ.get("SOAK_RSS_SLOPE_KIB_MIN", "64"))
GRAPHQL = 0


class Soak:
    def __init__(self, tmp):
        self.tmp = tmp
        # The device is shared by the load and the mission app: a loaded machine may
        # delay one exchange past sim-eps-service's 300 ms default, which is not a leak.
        self.s = h.Services(tmp, eps_timeout_ms=2000)
        self.errors = []
        self.counts = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    # -- bookkeeping -------------------------------------------------------

    def count(self, what):
        with self.lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def fail(self, what, detail):
        with self.lock:
            if len(self.errors) < 50:
                self.errors.append("%6.1f s %s: %s" % (time.monotonic() - self.t0, what, str(detail)[:300]))
        self.count("errors")

    def expect(self, what, cond, detail):
        if cond:
            self.count(what)
        else:
            self.fail(what, detail)

    def loop(self, what, body, pause=0.0):
        def run():
            while not self.stop.is_set():
                try:
                    body()
                except Exception as e:  # noqa: BLE001 - every failure is recorded and fails the soak
                    self.fail(what, repr(e))
                if pause:
                    self.stop.wait(pause)
        t = threading.Thread(target=run, name=what, daemon=True)
        t.start()
        return t

    # -- direct HTTP -------------------------------------------------------

    def http_eps(self):
        conn = h.Conn(self.s.eps.port)
        try:
            for q, check in [
                ("{ping power{state} telemetry{batteryVoltage uptime}}", lambda d: d["data"]["power"]["state"] == "ON"),
                ("mutation{noop}", lambda d: d == {"data": {"noop": True}}),
                ('mutation{commandRaw(input:{command:"version",format:STR}){response}}',
                 lambda d: d["data"]["commandRaw"]["response"] == "SIM-EPS 1.0.0"),
                ("{nosuchfield}", lambda d: "errors" in d and "data" not in d),
            ]:
                conn.send(h.request_bytes(h.gql_body(q)))
                status, _, body = conn.response()
                try:
                    good = status == 200 and check(json.loads(body))
                except (ValueError, KeyError, TypeError):
                    good = False
                self.expect("http eps", good, (q, status, body[:200]))
        finally:
            conn.close()

    def http_app(self):
        d = self.s.app.query("{ping appStatus{name running} registeredApps{app{name version}}}")
        self.expect("http app", "errors" not in d and d["data"]["ping"] == "pong", d)
        status, _, body = h.post(self.s.app.port, b'{"query":"{ping"}')  # a syntax error stays one
        self.expect("http app", status == 200 and "errors" in json.loads(body), body[:200])

    def http_comms(self):
        d = self.s.comms.query("{ping packetsUp packetsDown failedPacketsUp errorLog{message}}")
        self.expect("http comms", "errors" not in d and d["data"]["ping"] == "pong", d)

    # -- through the link --------------------------------------------------

    def link(self):
        """One GraphQL request per target service through local-comms-service, reply by command id."""
        # The ground is the service's gateway address: the Services' ground socket, this one thread only.
        g = self.s.ground
        g.settimeout(5)
        cmd = self.link_cmd = getattr(self, "link_cmd", 0) + 1
        port, q = [(self.s.eps.port, b'{"query":"{telemetry{uptime}}"}'),
                   (self.s.app.port, b'{"query":"{ping}"}')][cmd % 2]
        payload = q
        g.sendto(k.space_packet(cmd, GRAPHQL, port, payload),
                 ("127.0.0.1", self.s.uplink_port))
        end = time.monotonic() + 5
        while time.monotonic() < end:
            data, _ = g.recvfrom(70000)
            got = k.parse_space_packet(data)["cmd"]
            if got == cmd:
                d = json.loads(data[16:])
                self.expect("link", "errors" not in d and "data" in d, d)
                return
        self.fail("link", "no reply for command %d" % cmd)

    # -- mission app -------------------------------------------------------

    def app_cycle(self):
        a = self.s.app
        d = a.query('mutation($c:String){startApp(name:"eps-monitor", runLevel:"OnBoot", config:$c, '
                    'args:["--interval","1"]){success errors pid}}', {"c": self.app_config})
        r = d["data"]["startApp"]
        self.expect("app start", r["success"], r)
        if r["success"]:
            self.stop.wait(1.0)
            d = a.query('mutation{killApp(name:"eps-monitor", runLevel:"OnBoot"){success errors}}')
            self.expect("app kill", d["data"]["killApp"]["success"], d)
            ok = k.wait_for(lambda: not a.query('{appStatus(name:"eps-monitor", running:true){pid}}')
                            ["data"]["appStatus"], timeout=5)
            self.expect("app stopped", ok, "eps-monitor still running 5 s after killApp")
        d = a.query('mutation($c:String){startApp(name:"eps-monitor", config:$c){success errors pid}}',
                    {"c": self.app_config})
        self.expect("app oncommand", d["data"]["startApp"]["success"], d)

    def register_app(self):
        appdir = os.path.join(os.path.dirname(os.path.abspath(k.BIN)), "apps", "eps-monitor")
        if not os.path.exists(os.path.join(appdir, "eps-monitor")):
            sys.exit("soak: %s is missing (build the eps-monitor target)" % appdir)
        self.app_config = os.path.join(self.tmp, "app-config.toml")
        with open(self.app_config, "w") as f:
            f.write('[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n'
                    '[app-service.addr]\nip = "127.0.0.1"\nport = %d\n' % (self.s.eps.port, self.s.app.port))
        d = self.s.app.query("mutation($p:String!){register(path:$p){success errors}}", {"p": appdir})
        if not d["data"]["register"]["success"]:
            sys.exit("soak: register eps-monitor: %r" % d)

    # -- the run -----------------------------------------------------------

    def run(self):
        self.register_app()
        threads = [
            self.loop("http eps", self.http_eps),
            self.loop("http eps", self.http_eps),
            self.loop("http app", self.http_app),
            self.loop("http comms", self.http_comms),
            self.loop("link", self.link),
            self.loop("app", self.app_cycle, pause=0.2),
        ]
        samples = {label: [] for label, _ in self.s.all()}  # (t, rss, fds, threads)
        zombies_prev, zombie_stuck = set(), set()
        next_sample = time.monotonic()
        end = self.t0 + SECONDS
        while time.monotonic() < end:
            self.stop.wait(max(0.0, next_sample - time.monotonic()))
            next_sample += SAMPLE_S
            t = time.monotonic() - self.t0
            for label, svc in self.s.all():
                pid = svc.proc.pid
                if svc.proc.poll() is not None:
                    self.fail(label, "exited with %r" % svc.proc.returncode)
                    continue
                samples[label].append((t, h.rss_kib(pid), h.fd_count(pid), h.thread_count(pid)))
            z = set(h.zombie_children(self.s.app.proc.pid))
            zombie_stuck |= z & zombies_prev
            zombies_prev = z
        self.stop.set()
        for t in threads:
            t.join(30)
        # After the load: every child reaped.
        if not k.wait_for(lambda: not h.zombie_children(self.s.app.proc.pid), timeout=5):
            zombie_stuck |= set(h.zombie_children(self.s.app.proc.pid))
        return self.report(samples, zombie_stuck)

    def report(self, samples, zombie_stuck):
        ok = True
        print("soak: %.0f s, warm-up %.0f s, counts %s" % (SECONDS, WARMUP_S, json.dumps(self.counts, sort_keys=True)))
        for label, rows in samples.items():
            warm = [r for r in rows if r[0] < WARMUP_S]
            after = [r for r in rows if r[0] >= WARMUP_S]
            if len(after) < 3 or not warm:
                print("soak: %s: too few samples" % label)
                ok = False
                continue
            xs = [r[0] / 60 for r in after]
            ys = [r[1] for r in after]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            fd_warm, fd_after = max(r[2] for r in warm), max(r[2] for r in after)
            th_warm, th_after = max(r[3] for r in warm), max(r[3] for r in after)
            verdicts = []
            if slope > RSS_SLOPE_KIB_MIN:
                verdicts.append("RSS grows %.1f KiB/min (limit %.0f)" % (slope, RSS_SLOPE_KIB_MIN))
            # A connection in flight at a sample is a descriptor: allow the load's own few.
            if fd_after > fd_warm + 4:
                verdicts.append("descriptors grew from %d to %d" % (fd_warm, fd_after))
            if th_after > th_warm:
                verdicts.append("threads grew from %d to %d" % (th_warm, th_after))
            print("soak: %-20s RSS %d KiB at warm-up end, %d..%d after, slope %+.1f KiB/min; fds %d (warm-up max "
                  "%d); threads %d (warm-up max %d)%s"
                  % (label, warm[-1][1], min(ys), max(ys), slope, fd_after, fd_warm, th_after, th_warm,
                     "" if not verdicts else ": FAIL " + "; ".join(verdicts)))
            ok = ok and not verdicts
        if zombie_stuck:
            print("soak: kubos-app-service left zombie children: %s" % sorted(zombie_stuck))
            ok = False
        if self.errors:
            print("soak: %d errors, the first ones:" % self.counts.get("errors", 0))
            for e in self.errors[:20]:
                print("  " + e)
            ok = False
        return ok


def main():
    h.raise_nofile(4096)
    with k.tempdir("soak-") as tmp:
        soak = Soak(tmp)
        try:
            ok = soak.run()
        finally:
            rcs = soak.s.stop()
        bad = {n: rc for n, rc in rcs.items() if rc != 0}
        if bad:
            print("soak: services did not exit 0 on SIGTERM: %r" % bad)
            ok = False
    print("soak: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
