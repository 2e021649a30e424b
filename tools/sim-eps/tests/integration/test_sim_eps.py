"""Requirements SIM-7 to SIM-14 (tools/sim-eps/README.md): the real sim-eps
binary on a real pseudo-terminal, in a temporary directory."""
import os
import select
import signal
import struct
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "tests", "python"))
import kubos_testlib as k  # noqa: E402
from sim_eps_testlib import Line, SimEps, frame  # noqa: E402


class SimEpsBinary(unittest.TestCase):
    def setUp(self):
        self.tmp = k.tempdir()
        self.link = os.path.join(self.tmp.name, "eps-tty")
        self.sim = SimEps(self.link)
        self.line = Line(self.link)

    def tearDown(self):
        self.line.close()
        self.sim.stop()
        self.tmp.cleanup()

    def test_SIM_7_ping_echo_after_a_few_milliseconds(self):
        t0 = time.monotonic()
        cmd, payload, _ = self.line.ask(frame(0x01, b"hello"))
        took = time.monotonic() - t0
        self.assertEqual((cmd, payload), (0x81, b"hello"))
        self.assertGreaterEqual(took, 0.002)  # a real board takes a few ms
        self.assertLess(took, 0.5)

    def test_SIM_8_telemetry_fields(self):
        cmd, p, _ = self.line.ask(frame(0x02))
        self.assertEqual(cmd, 0x82)
        mv, ma, cc, up, state, resets, pct = struct.unpack(">HhhIBHB", p)
        self.assertTrue(7000 < mv < 8600, mv)
        self.assertTrue(300 < ma < 600, ma)
        self.assertTrue(1500 < cc < 3000, cc)
        self.assertEqual((state, resets), (1, 0))
        self.assertTrue(65 <= pct <= 95)

    def test_SIM_9_set_power_off_on_reset(self):
        self.assertEqual(self.line.ask(frame(0x03, b"\x00"))[:2], (0x83, b"\x00"))
        self.assertEqual(self.line.ask(frame(0x02))[1][10], 0)
        self.assertEqual(self.line.ask(frame(0x03, b"\x02"))[:2], (0x83, b"\x02"))
        self.assertEqual(self.line.ask(frame(0x02))[1][10], 2)
        # The reset lasts 250 ms; then the board is ON again, one reset counted.
        self.assertTrue(k.wait_for(lambda: self.line.ask(frame(0x02))[1][10] == 1, timeout=2))
        p = self.line.ask(frame(0x02))[1]
        self.assertEqual((p[10], struct.unpack(">H", p[11:13])[0]), (1, 1))

    def test_SIM_10_bad_checksum_gets_a_nak(self):
        bad = bytearray(frame(0x02))
        bad[-1] ^= 0xFF
        cmd, payload, raw = self.line.ask(bytes(bad))
        self.assertEqual((cmd, payload), (0x15, b"\x02\x01"))
        self.assertEqual(raw, bytes.fromhex("eb9015020201 3b01".replace(" ", "")))  # PROTOCOL.md example
        # Unknown command and bad argument NAKs.
        self.assertEqual(self.line.ask(frame(0x42))[:2], (0x15, b"\x42\x02"))
        self.assertEqual(self.line.ask(frame(0x03, b"\x07"))[:2], (0x15, b"\x03\x03"))

    def test_SIM_11_raw_console_and_resync_after_noise(self):
        self.assertEqual(self.line.ask(b"\x00\x13\xeb" + frame(0x04, b"VERSION"))[:2], (0x84, b"SIM-EPS 1.0.0"))
        self.assertEqual(self.line.ask(frame(0x04, bytes.fromhex("01001003")))[1], bytes([0x5B, 0x80, 0xA5]))
        # A half frame is dropped after the inter-byte timeout; the next one works.
        os.write(self.line.fd, frame(0x01, b"abc")[:5])
        self.assertIsNone(self.line.read_frame(timeout=0.2))
        self.assertEqual(self.line.ask(frame(0x01, b"ok"))[:2], (0x81, b"ok"))

    def test_SIM_12_clean_exit_removes_the_link(self):
        self.assertEqual(self.sim.stop(signal.SIGINT), 0)
        self.assertFalse(os.path.lexists(self.link))


class SimEpsCommandLine(unittest.TestCase):
    def test_SIM_13_bad_flags_exit_2_with_one_line(self):
        r = subprocess.run([k.binary("sim-eps"), "--link", "/tmp/x", "--nope"], capture_output=True, timeout=5)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1)

    def test_SIM_14_stale_link_replaced_regular_file_refused(self):
        with k.tempdir() as tmp:
            link = os.path.join(tmp, "tty")
            os.symlink("/dev/pts/does-not-exist", link)  # left by a killed run
            sim = SimEps(link)
            self.assertTrue(os.readlink(link).startswith("/dev/pts/"))
            self.assertTrue(os.path.exists(link))
            self.assertEqual(sim.stop(signal.SIGTERM), 0)
            regular = os.path.join(tmp, "file")
            open(regular, "w").close()
            r = subprocess.run([k.binary("sim-eps"), "--link", regular], capture_output=True, timeout=5)
            self.assertEqual(r.returncode, 1)
            self.assertTrue(os.path.isfile(regular))


class SimEpsFaults(unittest.TestCase):
    """--fault: a broken board, for the host's fault tests (PROTOCOL.md, "Fault modes")."""

    def raw(self, mode, request, quiet=0.2):
        """Every byte the board sends for `request` until the line stays quiet for `quiet` s."""
        with k.tempdir() as tmp:
            link = os.path.join(tmp, "tty")
            sim = SimEps(link, "--fault", mode)
            line = Line(link)
            try:
                os.write(line.fd, request)
                got = b""
                while True:
                    r, _, _ = select.select([line.fd], [], [], quiet)
                    if not r:
                        return got
                    got += os.read(line.fd, 512)
            finally:
                line.close()
                self.assertEqual(sim.stop(), 0)

    def test_SIM_20_fault_modes_garbage_truncate_bad_crc(self):
        good = frame(0x81, b"hello")
        noise = self.raw("garbage", frame(0x01, b"hello"))
        self.assertEqual(len(noise), len(good))
        self.assertNotIn(b"\xeb", noise)  # never a sync byte: never a frame
        self.assertEqual(self.raw("truncate", frame(0x01, b"hello")), good[:len(good) // 2])
        bad = self.raw("bad-crc", frame(0x01, b"hello"))
        self.assertEqual(bad[:-2], good[:-2])
        self.assertEqual(bytes(b ^ 0xFF for b in bad[-2:]), good[-2:])
        self.assertEqual(self.raw("none", frame(0x01, b"hello")), good)
        r = subprocess.run([k.binary("sim-eps"), "--link", "/tmp/x", "--fault", "melted"], capture_output=True, timeout=5)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1)
        self.assertIn("--fault", r.stderr.decode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
