"""Test support for anything that talks to the simulated EPS (tools/sim-eps):
start the real `sim-eps` on a pseudo-terminal and speak its wire protocol
(lib/sim-eps/PROTOCOL.md) from the host side of the line.

Generic helpers (free ports, deadlines, service processes) are in
kubos_testlib; import this module the same way:

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), <up to repo>, "tests", "python"))
    import sim_eps_testlib as eps
"""
import binascii
import os
import select
import signal
import subprocess
import time
import tty

import kubos_testlib as k


def frame(cmd, payload=b""):
    """A command frame; the CRC comes from Python's binascii, independent of the C++ code."""
    body = bytes([cmd, len(payload)]) + payload
    crc = binascii.crc_hqx(body, 0xFFFF)  # CRC-16/CCITT-FALSE
    return b"\xeb\x90" + body + bytes([crc >> 8, crc & 0xFF])


class SimEps:
    """A running `sim-eps --link PATH`: plugging the device in; stop() unplugs it."""

    def __init__(self, link, *extra):
        self.link = link
        self.proc = subprocess.Popen([k.binary("sim-eps"), "--link", link, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # exists() follows the link: a stale one from a killed run does not count.
        if not k.wait_for(lambda: os.path.islink(link) and os.path.exists(link)):
            self.stop()
            raise RuntimeError("sim-eps did not create " + link)

    def stop(self, sig=signal.SIGTERM):
        """Stops the simulator; returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc


class Line:
    """The host side of the serial line, raw."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)

    def close(self):
        os.close(self.fd)

    def read_frame(self, timeout=1.0):
        """(id, payload, whole frame) of the next complete frame, or None at the deadline."""
        buf = b""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.monotonic()))
            if not r:
                break
            buf += os.read(self.fd, 512)
            i = buf.find(b"\xeb\x90")
            if i >= 0 and len(buf) >= i + 4 and len(buf) >= i + 6 + buf[i + 3]:
                f = buf[i:i + 6 + buf[i + 3]]
                return f[2], f[4:-2], f
        return None

    def ask(self, raw_bytes, timeout=1.0):
        os.write(self.fd, raw_bytes)
        return self.read_frame(timeout)
