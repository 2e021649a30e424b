#!/usr/bin/env python3
"""make bench, app service part: startApp round trip against a bare
fork/exec/wait of the same app (Python subprocess.run), and register of a 20 MB app against `cp -r`
followed by `sync -f` (both sides durable), printed as ratios.

    python3 bench/app_service_bench.py BUILD/bin [ROUNDS]

The app is a tiny C-free shell script that exits 0 at once, so startApp's
answer comes as soon as the exit is seen (the start window is an upper bound,
not a sleep). A ratio past its target is reported, never a failure."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "python"))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/bin")
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
os.environ["KUBOS_BIN"] = BIN
import kubos_testlib as k  # noqa: E402


def median_ms(samples):
    return statistics.median(samples) * 1000


def main():
    if not os.access(os.path.join(BIN, "kubos-app-service"), os.X_OK):
        sys.exit("bench: %s/kubos-app-service not found (make build)" % BIN)
    with tempfile.TemporaryDirectory(prefix="app-bench-") as tmp:
        reg = os.path.join(tmp, "reg")
        svc = k.ServiceProcess("kubos-app-service", tmp, section="app-service",
                               settings='registry-dir = "%s"\n' % reg)
        try:
            src = os.path.join(tmp, "quick")
            os.makedirs(src)
            with open(os.path.join(src, "manifest.toml"), "w") as f:
                f.write('name = "quick"\nversion = "1"\nauthor = "bench"\n')
            with open(os.path.join(src, "quick"), "w") as f:
                f.write("#!/bin/sh\nexit 0\n")
            os.chmod(os.path.join(src, "quick"), 0o755)
            r = svc.query('mutation { register(path: "%s") { success errors } }' % src)
            assert r["data"]["register"]["success"], r
            exe = os.path.join(reg, "quick", "1", "quick")
            start_q = 'mutation { startApp(name: "quick") { success errors pid } }'
            bare, service = [], []
            for _ in range(ROUNDS):
                t = time.perf_counter()
                subprocess.run([exe, "-r", "OnCommand", "-c", "/etc/kubos-config.toml"], cwd=os.path.dirname(exe),
                               check=True)
                bare.append(time.perf_counter() - t)
                t = time.perf_counter()
                r = svc.query(start_q)
                service.append(time.perf_counter() - t)
                assert r["data"]["startApp"]["success"], r
            b, s = median_ms(bare), median_ms(service)
            print("startApp round trip (app exits at once), median of %d:" % ROUNDS)
            print("  bare fork/exec/wait %.2f ms, startApp over HTTP %.2f ms: +%.2f ms, ratio %.2fx (target: within 2 ms) %s"
                  % (b, s, s - b, s / b, "MET" if s - b <= 2.0 else "NOT MET"))

            big = os.path.join(tmp, "big")
            os.makedirs(big)
            with open(os.path.join(big, "manifest.toml"), "w") as f:
                f.write('name = "big"\nversion = "0"\nauthor = "bench"\n')
            with open(os.path.join(big, "big"), "w") as f:
                f.write("#!/bin/sh\nexit 0\n")
            os.chmod(os.path.join(big, "big"), 0o755)
            for i in range(20):
                with open(os.path.join(big, "blob%02d" % i), "wb") as f:
                    f.write(os.urandom(1 << 20))
            cp, regt = [], []
            n = max(3, ROUNDS // 6)
            for i in range(n):
                dst = os.path.join(tmp, "copy%d" % i)
                t = time.perf_counter()
                subprocess.run(["cp", "-r", big, dst], check=True)
                subprocess.run(["sync", "-f", dst], check=True)
                cp.append(time.perf_counter() - t)
                with open(os.path.join(big, "manifest.toml"), "w") as f:
                    f.write('name = "big"\nversion = "%d"\nauthor = "bench"\n' % i)
                t = time.perf_counter()
                r = svc.query('mutation { register(path: "%s") { success errors } }' % big)
                regt.append(time.perf_counter() - t)
                assert r["data"]["register"]["success"], r
                shutil.rmtree(dst)
            c, g = median_ms(cp), median_ms(regt)
            print("register of a 20 MB app (21 files), median of %d:" % n)
            print("  cp -r + sync -f %.1f ms, register (syncfs of the staged copy + fsync of app.toml and dirs) %.1f ms: ratio %.2fx (target: <= 1.5x) %s"
                  % (c, g, g / c, "MET" if g / c <= 1.5 else "NOT MET"))
        finally:
            svc.stop()


if __name__ == "__main__":
    main()
