"""The on-board (armhf) build end to end, under qemu-user: the armhf sim-eps on a
pseudo-terminal and the armhf sim-eps-service on a free port answer {ping}
over HTTP (README.md, "On-board build"). Run by `make test-arm`:

    python3 tests/armhf/test_ping.py build/armhf/bin

Each binary is started through a wrapper that execs qemu-arm on it, so the
shared helpers (tests/python) start, poll and stop them as they do the
host's binaries; only the deadlines are longer (KUBOS_QEMU_SCALE, default 10).
"""
import os
import shutil
import stat
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ARM_BIN = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "armhf", "bin"))
QEMU = shutil.which("qemu-arm") or "qemu-arm"
SYSROOT = "/"  # the multiarch armhf loader and libraries (cmake/toolchain-armhf.cmake says why)
SCALE = float(os.environ.get("KUBOS_QEMU_SCALE", "10"))

# kubos_testlib reads KUBOS_BIN when imported: point it at the wrappers first.
WRAPPERS = tempfile.mkdtemp(prefix="kubos-armhf-bin-")
for name in ("sim-eps", "sim-eps-service"):
    path = os.path.join(WRAPPERS, name)
    with open(path, "w") as f:
        f.write('#!/bin/sh\nexec "%s" -L "%s" "%s" "$@"\n' % (QEMU, SYSROOT, os.path.join(ARM_BIN, name)))
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
os.environ["KUBOS_BIN"] = WRAPPERS
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import kubos_testlib as k  # noqa: E402
from sim_eps_testlib import SimEps  # noqa: E402


class ArmhfUnderQemu(unittest.TestCase):
    def test_binaries_are_armhf(self):
        for name in ("sim-eps", "sim-eps-service"):
            with open(os.path.join(ARM_BIN, name), "rb") as f:
                head = f.read(20)
            self.assertEqual(head[:4], b"\x7fELF", name)
            self.assertEqual(head[4], 1, name + " is not a 32-bit ELF")
            self.assertEqual(int.from_bytes(head[18:20], "little"), 40, name + " is not an ARM ELF (e_machine 40)")

    def test_sim_eps_service_answers_ping_over_http(self):
        with k.tempdir() as tmp:
            link = os.path.join(tmp, "eps-tty")
            sim = SimEps(link)
            try:
                svc = k.ServiceProcess("sim-eps-service", tmp, settings='bus = "%s"\ntimeout_ms = %d\n'
                                       % (link, int(300 * SCALE)), up_timeout=10 * SCALE)
                try:
                    self.assertEqual(svc.query("{ping}", timeout=10 * SCALE), {"data": {"ping": "pong"}})
                    # And the device behind it: a real round trip to the armhf simulator.
                    r = svc.query("{power{state}}", timeout=10 * SCALE)
                    self.assertEqual(r.get("data"), {"power": {"state": "ON"}}, r)
                finally:
                    self.assertEqual(svc.stop(timeout=10 * SCALE), 0, "sim-eps-service must exit 0 on SIGTERM")
            finally:
                self.assertEqual(sim.stop(), 0, "sim-eps must exit 0 on SIGTERM")


if __name__ == "__main__":
    try:
        unittest.main(verbosity=2)
    finally:
        shutil.rmtree(WRAPPERS, ignore_errors=True)
