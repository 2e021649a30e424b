"""Raw HTTP/1.1 over sockets, process probes (/proc) and the three HTTP services on
hostile-test configs, for tests/hostile/test_hostile.py and tests/soak/soak.py.
Every wait has a deadline."""
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import kubos_testlib as k  # noqa: E402
from sim_eps_testlib import SimEps  # noqa: E402

# Short limits so that every timeout attack ends in about a second
# (docs/services.md "Limits" names each key).
LIMITS = ("header-timeout-ms = 500\nbody-timeout-ms = 1000\nidle-timeout-ms = 5000\n"
          "write-timeout-ms = 2000\nmax-connections = 256\nmax-body-bytes = 1048576\n")


def raise_nofile(want):
    """Raises RLIMIT_NOFILE (soft) towards `want`, up to the hard limit; returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    new = min(want, hard) if hard != resource.RLIM_INFINITY else want
    if new > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def proc_status(pid, key):
    """An integer field of /proc/PID/status (VmRSS in KiB, Threads...), or None when gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_kib(pid):
    return proc_status(pid, "VmRSS")


def fd_count(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def thread_count(pid):
    return len(os.listdir("/proc/%d/task" % pid))


def zombie_children(pid):
    """PIDs of the process's children that are zombies (exited, never reaped)."""
    out = []
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return out
    for c in kids:
        try:
            with open("/proc/%d/stat" % c) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    out.append(c)
        except OSError:
            pass
    return out


def request_bytes(body, path="/", method="POST", headers=(), content_type="application/json"):
    """One HTTP/1.1 request as bytes (body: bytes or str)."""
    if isinstance(body, str):
        body = body.encode()
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: 127.0.0.1"]
    if content_type and method == "POST":
        lines.append("Content-Type: " + content_type)
    if method == "POST":
        lines.append("Content-Length: %d" % len(body))
    lines += list(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body if method == "POST" else b"")


def gql_body(query, variables=None):
    d = {"query": query}
    if variables is not None:
        d["variables"] = variables
    return json.dumps(d).encode()


class Conn:
    """A raw client connection that reads whole responses (Content-Length framed)."""

    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by the server")
        self.buf += chunk

    def response(self):
        """(status, headers dict with lower-case names, body bytes) of the next response."""
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        n = int(headers.get("content-length", "0"))
        while len(self.buf) < n:
            self._fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed_by_peer(self, timeout):
        """True if the server closes (EOF or reset) within `timeout` seconds; extra data is kept."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return False
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            except ConnectionResetError:
                return True
            if not chunk:
                return True
            self.buf += chunk

    def close(self):
        self.sock.close()


def post(port, body, timeout=10.0, **kw):
    """(status, headers, body) of one request on a new connection."""
    c = Conn(port, timeout)
    try:
        c.send(request_bytes(body, **kw))
        return c.response()
    finally:
        c.close()


def ping_ms(port, timeout=2.0):
    """Milliseconds for `{ping}` on a new connection (connect included); raises if it is not pong."""
    t0 = time.monotonic()
    status, _, body = post(port, b'{"query":"{ping}"}', timeout=timeout)
    ms = (time.monotonic() - t0) * 1000
    if status != 200 or json.loads(body) != {"data": {"ping": "pong"}}:
        raise AssertionError("ping answered %d %r" % (status, body[:200]))
    return ms


PING = request_bytes(b'{"query":"{ping}"}')


def _probe_loop(port, pid, period, stop, out):
    """Pings on one keep-alive connection until `stop` is set; a connection the server
    closed is reopened, and that ping's time includes the reconnect."""
    conn = None
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            for attempt in (0, 1):
                try:
                    if conn is None:
                        conn = Conn(port, 2.0)
                    conn.send(PING)
                    status, _, body = conn.response()
                    break
                except (OSError, ConnectionError):
                    if conn is not None:
                        conn.close()
                    conn = None
                    out["reconnects"] += 1
                    if attempt:
                        raise
            ms = (time.monotonic() - t0) * 1000
            if status != 200 or json.loads(body) != {"data": {"ping": "pong"}}:
                raise AssertionError("ping answered %d %r" % (status, body[:200]))
            out["latencies"].append(ms)
        except Exception as e:  # noqa: BLE001 - reported to the test, which asserts on it
            out["failures"].append(repr(e))
        r = rss_kib(pid)
        if r is not None:
            out["rss"].append(r)
        stop.wait(period)
    if conn is not None:
        conn.close()


def _probe_main(port, pid, period):
    """The prober process: `start` begins probing, `stop` ends it and prints the results (JSON)."""
    stop, worker, out = None, None, None
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "start":
            out = {"latencies": [], "failures": [], "rss": [], "reconnects": 0}
            stop = threading.Event()
            worker = threading.Thread(target=_probe_loop, args=(port, pid, period, stop, out))
            worker.start()
        elif cmd == "stop":
            stop.set()
            worker.join(10)
            print(json.dumps(out), flush=True)


class Prober:
    """`{ping}` every `period` s on its own keep-alive connection, and VmRSS samples, while an
    attack runs: in a process of its own, so that the attack's Python threads do not delay
    the measurement. Reusable: each `with` is one measurement."""

    def __init__(self, port, pid, period=0.02):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "probe", str(port), str(pid),
                                      str(period)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def __enter__(self):
        self.proc.stdin.write("start\n")
        self.proc.stdin.flush()
        return self

    def __exit__(self, *exc):
        self.proc.stdin.write("stop\n")
        self.proc.stdin.flush()
        r = json.loads(self.proc.stdout.readline())
        self.latencies, self.failures, self.rss, self.reconnects = (r["latencies"], r["failures"], r["rss"],
                                                                    r["reconnects"])
        return False

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(10)
        self.proc.stdout.close()


class Services:
    """sim-eps + sim-eps-service, kubos-app-service and local-comms-service, started in `tmp`."""

    def __init__(self, tmp, limits=LIMITS, app_settings="", eps_timeout_ms=300):
        self.tmp = tmp
        self.link = os.path.join(tmp, "eps-tty")
        self.sim = SimEps(self.link)
        self.started = []
        try:
            self.eps = self._start("sim-eps-service", None,
                                   'bus = "%s"\ntimeout_ms = %d\n%s' % (self.link, eps_timeout_ms, limits))
            self.registry = os.path.join(tmp, "registry")
            self.app = self._start("kubos-app-service", "app-service",
                                   'registry-dir = "%s"\n%s%s' % (self.registry, limits, app_settings))
            self.uplink_port = k.free_port(socket.SOCK_DGRAM)
            self.ground = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.ground.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            self.ground.bind(("127.0.0.1", 0))
            self.comms = self._start(
                "local-comms-service", None,
                'listening_ip = "127.0.0.1"\nlistening_port = %d\ngateway_ip = "127.0.0.1"\ngateway_port = %d\n%s'
                '[local-comms-service.comms]\nip = "127.0.0.1"\nmax_num_handlers = 10\ntimeout = 2000\n'
                % (self.uplink_port, self.ground.getsockname()[1], limits))
        except Exception:
            self.stop()
            raise

    def _start(self, name, section, settings):
        s = k.ServiceProcess(name, self.tmp, section=section, settings=settings)
        self.started.append(s)
        return s

    def all(self):
        """(label, ServiceProcess) of every HTTP service."""
        return [("sim-eps-service", self.eps), ("kubos-app-service", self.app), ("local-comms-service", self.comms)]

    def stop(self):
        """Stops everything; returns {label: exit status}."""
        rcs = {}
        for s in self.started:
            rcs[s.name] = s.stop()
        if hasattr(self, "ground"):
            self.ground.close()
        self.sim.stop()
        return rcs


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "probe":
    _probe_main(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
