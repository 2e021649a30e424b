"""Device faults (README EPS-27..EPS-29): the EPS vanishing while a command is
in flight, and a board that answers garbage, half frames or bad checksums
(sim-eps --fault, lib/sim-eps/PROTOCOL.md "Fault modes"). The real
sim-eps-service against the real sim-eps; every wait has a deadline."""
import os
import select
import signal
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "tests", "python"))
import kubos_testlib as k  # noqa: E402
from sim_eps_testlib import SimEps  # noqa: E402

CONTROL_OFF = "mutation{controlPower(input:{state:OFF}){power{state}}}"
RAW_VERSION = 'mutation{commandRaw(input:{command:"version",format:STR}){response}}'


class DeviceFaults(unittest.TestCase):
    def setUp(self):
        self.tmp = k.tempdir()
        self.link = os.path.join(self.tmp.name, "eps-tty")
        self.sim = None
        self.svc = None

    def tearDown(self):
        if self.svc:
            self.assertEqual(self.svc.stop(), 0, "sim-eps-service must exit 0 on SIGTERM")
        if self.sim:
            self.sim.stop()
        self.tmp.cleanup()

    def plug(self, *extra):
        self.sim = SimEps(self.link, *extra)
        return self.sim

    def serve(self, timeout_ms):
        self.svc = k.ServiceProcess("sim-eps-service", self.tmp.name,
                                    settings='bus = "%s"\ntimeout_ms = %d\n' % (self.link, timeout_ms))

    def q(self, query):
        return self.svc.query(query)

    def wait_rx(self, sim, cmd_id, timeout=3.0):
        """Until the board logs (--verbose) that it received a command with this id."""
        want = b"rx id=%02x" % cmd_id
        buf = b""
        end_fd = sim.proc.stderr.fileno()
        end = time.monotonic() + timeout
        while want not in buf and time.monotonic() < end:
            r, _, _ = select.select([end_fd], [], [], max(0, end - time.monotonic()))
            if r:
                chunk = os.read(end_fd, 4096)
                if not chunk:
                    break
                buf += chunk
        return want in buf

    def assertHealedAfterReplug(self):
        self.plug()
        r = self.q(RAW_VERSION)
        self.assertEqual(r, {"data": {"commandRaw": {"response": "SIM-EPS 1.0.0"}}})
        self.assertEqual(self.q("mutation{noop}"), {"data": {"noop": True}})

    def vanish_mid_command(self, query, cmd_id, how):
        self.plug("--verbose", "--reply-delay-ms", "400")
        self.serve(1500)
        self.assertEqual(self.q("mutation{noop}"), {"data": {"noop": True}})
        box = {}
        t = threading.Thread(target=lambda: box.update(r=self.q(query)))
        t.start()
        self.assertTrue(self.wait_rx(self.sim, cmd_id), "the command never reached the board")
        how()
        t.join(10)
        self.assertFalse(t.is_alive(), "the command never ended")
        r = box["r"]
        field = list(r["data"])[0]
        self.assertIsNone(r["data"][field], r)
        self.assertEqual(r["errors"][0]["path"], [field])
        msg = r["errors"][0]["message"]
        self.assertIn(self.link, msg)
        self.assertEqual(self.q("{ping}")["data"]["ping"], "pong")
        r = self.q("{power{state}}")  # still unplugged: an error, not a hang
        self.assertIsNone(r["data"]["power"])
        self.assertHealedAfterReplug()
        return msg

    def test_EPS_27_device_killed_during_controlPower(self):
        def kill():
            self.sim.stop(signal.SIGKILL)  # leaves a stale link behind, as a real crash does
            self.sim = None
        msg = self.vanish_mid_command(CONTROL_OFF, 0x03, kill)
        self.assertRegex(msg, "went away|not available")

    def test_EPS_27_link_removed_during_commandRaw(self):
        def unlink():
            os.unlink(self.link)
            self.sim.stop(signal.SIGKILL)  # a graceful stop would finish the reply in flight
            self.sim = None
        msg = self.vanish_mid_command(RAW_VERSION, 0x04, unlink)
        self.assertRegex(msg, "went away|not available")

    def broken_board(self, mode, expected):
        self.plug("--fault", mode)
        self.serve(300)
        for query in ("{telemetry{uptime}}", CONTROL_OFF, RAW_VERSION):
            r = self.q(query)
            field = list(r["data"])[0]
            self.assertIsNone(r["data"][field], (mode, query, r))
            self.assertIn(expected, r["errors"][0]["message"], (mode, query))
            self.assertIn(self.link, r["errors"][0]["message"])
            self.assertEqual(self.q("{ping}")["data"]["ping"], "pong")
        self.sim.stop()
        self.assertHealedAfterReplug()

    def test_EPS_28_garbage_answer_is_a_field_error(self):
        self.broken_board("garbage", "answered garbage: ")

    def test_EPS_28_truncated_answer_is_a_field_error(self):
        self.broken_board("truncate", "was cut off: ")

    def test_EPS_29_bad_checksum_answer_is_a_field_error(self):
        self.broken_board("bad-crc", "had a bad checksum")


if __name__ == "__main__":
    unittest.main(verbosity=2)
