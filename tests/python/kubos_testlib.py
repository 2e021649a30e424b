"""Shared helpers for the Python integration tests of every service.

They start the real binaries from build/bin (KUBOS_BIN) on free ports in
temporary directories, and wait with deadlines, never with bare sleeps.
Import from a test with:

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), <up to repo>, "tests", "python"))
    import kubos_testlib as k
"""
import json
import os
import shlex
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

_REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("KUBOS_BIN", os.path.join(_REPO, "build", "bin"))
# A command placed before every service binary ServiceProcess starts, e.g.
# KUBOS_TEST_WRAPPER="valgrind --error-exitcode=99 --leak-check=full" (make test-valgrind).
WRAPPER = shlex.split(os.environ.get("KUBOS_TEST_WRAPPER", ""))
# Deadlines are multiplied by this (a service under valgrind runs 20-50 times slower).
TIMEOUT_SCALE = float(os.environ.get("KUBOS_TEST_TIMEOUT_SCALE", "1") or 1)


def scaled(seconds):
    """A deadline stretched by KUBOS_TEST_TIMEOUT_SCALE."""
    return seconds * TIMEOUT_SCALE


def binary(name):
    """Path of an executable in build/bin."""
    return os.path.join(BIN, name)


def wait_for(pred, timeout=5.0, step=0.02):
    """Poll pred() until it is true or the deadline passes; returns whether it became true."""
    end = time.monotonic() + scaled(timeout)
    while True:
        if pred():
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(step)


def free_port(kind=socket.SOCK_STREAM):
    """A port that is free on 127.0.0.1 right now (TCP by default, UDP with SOCK_DGRAM)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tempdir(prefix="kubos-test-"):
    return tempfile.TemporaryDirectory(prefix=prefix)


def http_post(port, data, content_type="application/json", path="/", timeout=10, host="127.0.0.1"):
    """(HTTP status, body bytes) of a raw POST; error statuses are returned, not raised."""
    headers = {"Content-Type": content_type} if content_type else {}
    req = urllib.request.Request("http://%s:%d%s" % (host, port, path), data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=scaled(timeout)) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def graphql(port, query, variables=None, timeout=10):
    """POST one GraphQL request and return the decoded JSON answer."""
    body = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return json.loads(http_post(port, json.dumps(body).encode(), timeout=timeout)[1])


class ServiceProcess:
    """A running service binary on a generated config.toml in `tmp`.

    section: the service's config section; settings: extra TOML text placed
    under [section] (keys) — sub-tables may follow it; args: extra flags.
    """

    def __init__(self, name, tmp, section=None, settings="", args=(), up_timeout=10, stdout=False):
        self.name = name
        self.section = section or name
        self.port = free_port()
        self.config = os.path.join(tmp, "config-%s.toml" % self.section)
        with open(self.config, "w") as f:
            f.write("[%s]\n%s\n[%s.addr]\nip = \"127.0.0.1\"\nport = %d\n"
                    % (self.section, settings, self.section, self.port))
        self.stderr_path = os.path.join(tmp, "%s.stderr" % self.section)
        self._stderr = open(self.stderr_path, "wb")
        cmd = WRAPPER + [binary(name), "-c", self.config] + (["--stdout"] if stdout else []) + list(args)
        self.proc = subprocess.Popen(cmd, stdout=self._stderr if stdout else subprocess.DEVNULL,
                                     stderr=self._stderr)
        if not wait_for(self._up, timeout=up_timeout):
            self.stop()
            raise RuntimeError("%s did not come up: %s" % (name, self.stderr()))

    def _up(self):
        if self.proc.poll() is not None:
            return False
        try:
            return self.query("{ping}")["data"]["ping"] == "pong"
        except Exception:
            return False

    def query(self, q, variables=None, timeout=10):
        return graphql(self.port, q, variables, timeout)

    def post(self, data, content_type="application/json"):
        return http_post(self.port, data, content_type)

    def stderr(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Stop the service; returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=scaled(timeout))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self._stderr.close()
        return rc


# ---- Space Packets (docs/comms.md): written here independently of the C++ codec

def space_packet(cmd, apid, port, payload):
    """A Space Packet with the 10-byte command-id/port secondary header."""
    return struct.pack(">HHHQH", apid & 0x7FF, 0, len(payload) + 10, cmd, port) + bytes(payload)


def parse_space_packet(data):
    """Every header field of a Space Packet, its payload, and the raw bytes."""
    w0, w1, length, cmd, port = struct.unpack(">HHHQH", data[:16])
    return {"version": w0 >> 13, "type": (w0 >> 12) & 1, "sec": (w0 >> 11) & 1, "apid": w0 & 0x7FF,
            "seqflags": w1 >> 14, "seq": w1 & 0x3FFF, "length": length, "cmd": cmd, "port": port,
            "payload": data[16:], "raw": data}
