"""Shared helpers for the sim-eps integration tests: start the real binaries
in temporary directories on free ports, talk to the device and the service."""
import binascii
import json
import os
import select
import signal
import socket
import subprocess
import tempfile
import time
import tty
import urllib.error
import urllib.request

BIN = os.environ.get("KUBOS_BIN", os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin"))


def frame(cmd, payload=b""):
    body = bytes([cmd, len(payload)]) + payload
    crc = binascii.crc_hqx(body, 0xFFFF)  # CRC-16/CCITT-FALSE, independent of our C++
    return b"\xeb\x90" + body + bytes([crc >> 8, crc & 0xFF])


def wait_for(pred, timeout=5.0, step=0.02):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(step)
    return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SimEps:
    """A running `sim-eps --link PATH`."""

    def __init__(self, link, *extra):
        self.link = link
        self.proc = subprocess.Popen([os.path.join(BIN, "sim-eps"), "--link", link, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # exists() follows the link: a stale one from a killed run does not count.
        if not wait_for(lambda: os.path.islink(link) and os.path.exists(link)):
            self.stop()
            raise RuntimeError("sim-eps did not create " + link)

    def stop(self, sig=signal.SIGTERM):
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
        buf = b""
        end = time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.time()))
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


class Service:
    """A running sim-eps-service on a generated config."""

    def __init__(self, tmp, bus, timeout_ms=300, extra=""):
        # extra: more "key = value" lines for [sim-eps-service] (e.g. limits).
        self.port = free_port()
        self.config = os.path.join(tmp, "config.toml")
        with open(self.config, "w") as f:
            f.write('[sim-eps-service]\nbus = "%s"\ntimeout_ms = %d\n%s\n'
                    '[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % (bus, timeout_ms, extra, self.port))
        self.proc = subprocess.Popen([os.path.join(BIN, "sim-eps-service"), "-c", self.config],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not wait_for(self._up, timeout=10):
            self.stop()
            raise RuntimeError("sim-eps-service did not come up: " + self.proc.stderr.read().decode())

    def _up(self):
        try:
            return self.query("{ping}")["data"]["ping"] == "pong"
        except Exception:
            return False

    def query(self, q, variables=None):
        body = {"query": q}
        if variables is not None:
            body["variables"] = variables
        return json.loads(self.post(json.dumps(body).encode())[1])

    def post(self, data):
        """(HTTP status, body) of a raw POST; error statuses are returned, not raised."""
        req = urllib.request.Request("http://127.0.0.1:%d/" % self.port, data=data,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.proc.stderr.close()
        return rc


def tempdir():
    return tempfile.TemporaryDirectory(prefix="simeps-test-")
