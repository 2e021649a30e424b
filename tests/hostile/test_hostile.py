"""Hostile clients against every HTTP service (tests/hostile/README.md).

sim-eps-service (on the real sim-eps), kubos-app-service and local-comms-service's
GraphQL endpoint run on short limits (hostile_lib.LIMITS). Each test runs one
attack against the three at once (the idle flood one service after the other:
it holds 10,000 sockets), and for each service, while its attack runs,
`{ping}` on another connection must answer within PING_MS, and afterwards VmRSS
must come back within RSS_SLACK_KIB of what it was just before the attack.
The numbers measured are printed at the end (one line per attack and service).
"""
import json
import os
import select
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_lib as h  # noqa: E402

k = h.k
PING_MS = 50.0
RSS_SLACK_KIB = 4 * 1024
RSS_DEADLINE_S = 3.0
FAST_S = 2.0  # "a clear error fast"

# An expensive field of each service, to alias 10,000 times.
EXPENSIVE = {"sim-eps-service": "telemetry{batteryVoltage}", "kubos-app-service": "appStatus{name pid}",
             "local-comms-service": "errorLog{time message}"}

RESULTS = []  # (attack, service, dict) for the summary


def tearDownModule():
    if not RESULTS:
        return
    print("\nattack / service: ping ms max (p50, n), failures, reconnects | VmRSS KiB before / peak / after",
          file=sys.stderr)
    for attack, label, r in RESULTS:
        print("  %-22s %-20s ping %6.1f (%5.1f, %3d) fails %d reconn %d | rss %6d / %6d / %6d  %s"
              % (attack, label, r["ping_max"], r["ping_p50"], r["pings"], r["ping_failures"], r["reconnects"],
                 r["rss_before"], r["rss_peak"], r["rss_after"], r.get("note", "")), file=sys.stderr)


class Hostile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = k.tempdir("hostile-")
        cls.s = h.Services(cls._tmp.name)
        # Now (not before the services start: they keep their own default limit).
        cls.nofile = h.raise_nofile(20000)
        for _, svc in cls.s.all():  # warm-up: every code path of a request once
            for _ in range(20):
                h.ping_ms(svc.port)
            svc.query("{ping __schema{types{name}}}")
        cls.idle = {label: h.rss_kib(svc.proc.pid) for label, svc in cls.s.all()}
        cls.probers = {label: h.Prober(svc.port, svc.proc.pid) for label, svc in cls.s.all()}

    @classmethod
    def tearDownClass(cls):
        for p in cls.probers.values():
            p.close()
        rcs = cls.s.stop()
        cls._tmp.cleanup()
        bad = {n: rc for n, rc in rcs.items() if rc != 0}
        if bad:
            raise AssertionError("services did not exit 0 on SIGTERM: %r" % bad)

    # -- the harness ------------------------------------------------------

    def attack_each(self, name, attack, only=None, concurrent=True):
        """Runs attack(label, svc) -> note against each service, with a Prober on it, then checks
        ping latency, that the attack's own assertions held, and that VmRSS came back."""
        targets = [(l, s) for l, s in self.s.all() if only is None or l in only]
        outcome = {}

        def run(label, svc):
            before = h.rss_kib(svc.proc.pid)
            err, note = None, ""
            with self.probers[label] as p:
                try:
                    note = attack(label, svc) or ""
                except BaseException as e:  # noqa: BLE001 - re-raised in the subTest below
                    err = e
            outcome[label] = (before, p, err, note)

        if concurrent:
            threads = [threading.Thread(target=run, args=t) for t in targets]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
        else:
            for t in targets:
                run(*t)

        # Memory comes back: poll every service's VmRSS until within the slack, or the deadline.
        after = {}

        def settled():
            for label, svc in targets:
                after[label] = h.rss_kib(svc.proc.pid)
            return all(after[l] <= outcome[l][0] + RSS_SLACK_KIB for l, _ in targets)
        k.wait_for(settled, timeout=RSS_DEADLINE_S, step=0.1)

        for label, svc in targets:
            before, p, err, note = outcome[label]
            lat = sorted(p.latencies) or [float("nan")]
            r = {"ping_max": lat[-1], "ping_p50": lat[len(lat) // 2], "pings": len(p.latencies),
                 "ping_failures": len(p.failures), "reconnects": p.reconnects, "rss_before": before,
                 "rss_peak": max(p.rss + [before, after[label]]), "rss_after": after[label], "note": note}
            RESULTS.append((name, label, r))
            with self.subTest(service=label):
                if err is not None:
                    raise err
                self.assertIsNone(svc.proc.poll(), "%s died" % label)
                self.assertEqual(p.failures, [], "ping failed during the attack")
                self.assertGreater(len(p.latencies), 0)
                self.assertLess(lat[-1], PING_MS, "ping latencies (ms) during the attack: %s" % lat[-5:])
            with self.subTest(service=label, check="memory"):
                self.assertLessEqual(after[label], before + RSS_SLACK_KIB,
                                     "%s VmRSS %d KiB before the attack, %d KiB %.0f s after it (peak %d)"
                                     % (label, before, after[label], RSS_DEADLINE_S, r["rss_peak"]))

    def assertClearError(self, status, body, statuses=(200, 400)):
        """A status from `statuses` and a JSON body with a non-empty errors[0].message."""
        self.assertIn(status, statuses, body[:300])
        d = json.loads(body)
        self.assertTrue(d["errors"] and d["errors"][0]["message"], d)
        return d

    # -- the attacks --------------------------------------------------------

    def test_HOST_1_slowloris_headers_one_byte_at_a_time(self):
        # Never complete: the blank line that ends the header is never sent.
        header = h.request_bytes(b'{"query":"{ping}"}').split(b"\r\n\r\n")[0] + b"\r\n"

        def attack(label, svc):
            conns = [h.Conn(svc.port) for _ in range(20)]
            t0 = time.monotonic()
            closed = {}
            i = 0
            while len(closed) < len(conns) and time.monotonic() - t0 < 5:
                for n, c in enumerate(conns):
                    if n in closed:
                        continue
                    try:
                        if i < len(header):
                            c.send(header[i:i + 1])
                        r, _, _ = select.select([c.sock], [], [], 0)
                        if r and c.closed_by_peer(0.001):
                            closed[n] = time.monotonic() - t0
                    except (BrokenPipeError, ConnectionResetError):
                        closed[n] = time.monotonic() - t0
                i += 1
                time.sleep(0.02)
            for c in conns:
                c.close()
            self.assertEqual(len(closed), len(conns), "slow headers still open after 5 s")
            # header-timeout-ms = 500: closed within it, with a margin for a loaded machine.
            self.assertLess(max(closed.values()), 0.5 + 1.0)
            self.assertLess(i, len(header), "the header was complete before the server closed")
            return "closed after %.2f s (%d of %d header bytes sent)" % (max(closed.values()), i, len(header))
        self.attack_each("slowloris", attack)

    def test_HOST_2_ten_thousand_idle_connections(self):
        self.assertGreaterEqual(self.nofile, 10_300, "RLIMIT_NOFILE cannot be raised for 10,000 sockets")

        def attack(label, svc):
            socks, connected = [], 0
            t0 = time.monotonic()
            try:
                for batch in range(20):
                    mine = []
                    for _ in range(500):
                        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                        s.setblocking(False)
                        s.connect_ex(("127.0.0.1", svc.port))
                        mine.append(s)
                    socks += mine
                    pending = {s.fileno(): s for s in mine}
                    poller = select.poll()
                    for fd in pending:
                        poller.register(fd, select.POLLOUT)
                    end = time.monotonic() + 5
                    while pending and time.monotonic() < end:
                        for fd, _ in poller.poll(100):
                            s = pending.pop(fd, None)
                            if s is None:
                                continue
                            poller.unregister(fd)
                            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                                connected += 1
                opened = time.monotonic() - t0
                # The service holds at most max-connections of them: the idlest went to make room.
                fds = h.fd_count(svc.proc.pid)
                ms = h.ping_ms(svc.port)  # a new client is served
            finally:
                for s in socks:
                    s.close()
            self.assertEqual(connected, 10_000)
            self.assertLess(fds, 256 + 64, "the service holds %d descriptors" % fds)
            self.assertLess(ms, FAST_S * 1000)  # served, behind whatever is still in the accept queue
            return "10000 connected in %.1f s, service fds %d, new client %.1f ms" % (opened, fds, ms)
        # 10,000 sockets per service: one service at a time (RLIMIT_NOFILE hard limit).
        self.attack_each("idle-10000", attack, concurrent=False)

    def test_HOST_3_pipelined_requests_answered_in_order(self):
        def attack(label, svc):
            c = h.Conn(svc.port)
            try:
                n = 32
                c.send(b"".join(h.request_bytes(h.gql_body("{a%d: ping}" % i)) for i in range(n)))
                t0 = time.monotonic()
                for i in range(n):
                    status, _, body = c.response()
                    self.assertEqual((status, json.loads(body)), (200, {"data": {"a%d" % i: "pong"}}))
                return "%d answers in %.0f ms" % (n, (time.monotonic() - t0) * 1000)
            finally:
                c.close()
        self.attack_each("pipelining", attack)

    def test_HOST_4_two_hundred_keep_alive_clients(self):
        def attack(label, svc):
            conns = [h.Conn(svc.port) for _ in range(200)]
            try:
                t0 = time.monotonic()
                for rnd in range(3):  # the same 200 connections, kept alive, three times
                    for i, c in enumerate(conns):
                        c.send(h.request_bytes(h.gql_body("{c%d: ping}" % i)))
                    for i, c in enumerate(conns):
                        status, headers, body = c.response()
                        self.assertEqual(status, 200, "client %d round %d: %r" % (i, rnd, body[:200]))
                        self.assertNotEqual(headers.get("connection", "").lower(), "close")
                        self.assertEqual(json.loads(body), {"data": {"c%d" % i: "pong"}})
                return "600 answers in %.0f ms" % ((time.monotonic() - t0) * 1000)
            finally:
                for c in conns:
                    c.close()
        self.attack_each("keepalive-200", attack)

    def test_HOST_5_giant_body_is_413(self):
        def attack(label, svc):
            # Announced: refused from the header, before any of the 64 MiB is sent.
            c = h.Conn(svc.port)
            t0 = time.monotonic()
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\n\r\n" % (64 << 20) + b"[" * 65536)
            status, headers, body = c.response()
            dt = time.monotonic() - t0
            c.close()
            self.assertEqual(status, 413, body)
            self.assertIn(b"limit", body)
            self.assertLess(dt, FAST_S)
            # Chunked, no length: refused once past the limit (2 MiB sent for a 1 MiB limit).
            c = h.Conn(svc.port)
            t0 = time.monotonic()
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
            sender = threading.Thread(target=lambda: _send_quietly(c, chunk * 32 + b"0\r\n\r\n"))
            sender.start()
            status2, _, body2 = c.response()
            dt2 = time.monotonic() - t0
            sender.join(10)
            c.close()
            self.assertEqual(status2, 413, body2)
            self.assertLess(dt2, FAST_S)
            return "413 in %.0f ms (Content-Length), %.0f ms (chunked)" % (dt * 1000, dt2 * 1000)
        self.attack_each("giant-body", attack)

    def test_HOST_6_deeply_nested_json_and_query(self):
        def attack(label, svc):
            notes = []
            for what, body in [
                ("variables", b'{"query":"{ping}","variables":{"v":' + b"[" * 200_000 + b"]" * 200_000 + b"}}"),
                ("body", b"[" * 1_000_000),
                ("objects", b'{"query":"{ping}","extensions":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001),
                ("query", h.gql_body("{" + "ping{" * 20_000 + "}" * 20_001)),
            ]:
                t0 = time.monotonic()
                status, _, reply = h.post(svc.port, body)
                dt = time.monotonic() - t0
                self.assertClearError(status, reply)
                self.assertLess(dt, FAST_S, what)
                notes.append("%s %d %.0f ms" % (what, status, dt * 1000))
            return ", ".join(notes)
        self.attack_each("deep-json", attack)

    def test_HOST_7_ten_thousand_aliases_of_an_expensive_field(self):
        def attack(label, svc):
            q = "{" + " ".join("a%d: %s" % (i, EXPENSIVE[label]) for i in range(10_000)) + "}"
            t0 = time.monotonic()
            status, _, reply = h.post(svc.port, h.gql_body(q))
            dt = time.monotonic() - t0
            d = self.assertClearError(status, reply)
            self.assertIsNone(d.get("data"), "the query was executed")
            self.assertLess(dt, FAST_S)
            return "%d in %.0f ms: %s" % (status, dt * 1000, d["errors"][0]["message"][:60])
        self.attack_each("aliases-10000", attack)

    def test_HOST_8_fragment_bombs(self):
        def attack(label, svc):
            notes = []
            levels = 40  # 2^40 fields if expanded naively
            doubling = ("query{...F0} " + " ".join("fragment F%d on Query{a%d: ping ...F%d ...F%d}" % (i, i, i + 1, i + 1)
                                                   for i in range(levels)) + " fragment F%d on Query{ping}" % levels)
            cycle = "query{...A} fragment A on Query{ping ...B} fragment B on Query{ping ...A}"
            wide = ("query{...W0} " + " ".join("fragment W%d on Query{%s}" % (i, " ".join("...W%d" % (i + 1) for _ in range(50)))
                                               for i in range(10)) + " fragment W10 on Query{ping}")
            for what, q in [("doubling", doubling), ("cycle", cycle), ("wide", wide)]:
                t0 = time.monotonic()
                status, _, reply = h.post(svc.port, h.gql_body(q))
                dt = time.monotonic() - t0
                self.assertLess(dt, FAST_S, what)
                self.assertEqual(status, 200, reply[:300])
                d = json.loads(reply)
                if what == "cycle":
                    self.assertClearError(status, reply)
                # The others merge to a few fields: a small answer or a clear error, never a blow-up.
                self.assertLess(len(reply), 4096, what)
                self.assertTrue("errors" in d or d.get("data", {}).get("ping") == "pong", d)
                notes.append("%s %s %.0f ms" % (what, "error" if "errors" in d else "ok", dt * 1000))
            return ", ".join(notes)
        self.attack_each("fragment-bombs", attack)

    def test_HOST_9_megabyte_hex_command_raw(self):
        def attack(label, svc):
            q = "mutation($c: String!){commandRaw(input:{command:$c, format:HEX}){response}}"
            body = h.gql_body(q, {"c": "ab" * 500_000})
            self.assertLess(len(body), 1048576)  # under max-body-bytes: it reaches the resolver
            t0 = time.monotonic()
            status, _, reply = h.post(svc.port, body)
            dt = time.monotonic() - t0
            d = self.assertClearError(status, reply, statuses=(200,))
            self.assertEqual(d["data"], {"commandRaw": None})
            self.assertLess(dt, FAST_S)
            self.assertEqual(svc.query("mutation{noop}"), {"data": {"noop": True}})  # the board still talks
            return "%.0f ms: %s" % (dt * 1000, d["errors"][0]["message"][:70])
        self.attack_each("hex-1MB", attack, only=("sim-eps-service",))

    def test_HOST_10_invalid_utf8_in_query_and_variables(self):
        def attack(label, svc):
            notes = []
            for what, body in [
                ("query", b'{"query":"{ping \xff\xfe}"}'),
                ("query-string", b'{"query":"{ping(x: \\"\xc3\x28\\")}"}'),
                ("variables", b'{"query":"query($s: String){ping}","variables":{"s":"\xed\xa0\x80 \xc0\xaf"}}'),
            ]:
                t0 = time.monotonic()
                status, _, reply = h.post(svc.port, body)
                dt = time.monotonic() - t0
                d = self.assertClearError(status, reply)
                self.assertIn("utf-8", json.dumps(d).lower(), what)
                self.assertLess(dt, FAST_S)
                notes.append("%s %d" % (what, status))
            return ", ".join(notes)
        self.attack_each("invalid-utf8", attack)

    def test_HOST_11_body_one_byte_a_second_is_408(self):
        def attack(label, svc):
            c = h.Conn(svc.port)
            body = b'{"query":"{ping}"}' + b" " * 40
            t0 = time.monotonic()
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(body))
            stop = threading.Event()

            def trickle():
                for b in body:
                    if stop.is_set() or not _send_quietly(c, bytes([b])):
                        return
                    stop.wait(1.0)
            t = threading.Thread(target=trickle)
            t.start()
            try:
                status, headers, reply = c.response()
                dt = time.monotonic() - t0
                closed = c.closed_by_peer(2.0)
            finally:
                stop.set()
                t.join(5)
                c.close()
            self.assertEqual(status, 408, reply)
            self.assertEqual(headers.get("connection", "").lower(), "close")
            self.assertIn(b"body-timeout-ms", reply)
            self.assertTrue(0.9 <= dt < 1.0 + 1.5, "408 after %.2f s for body-timeout-ms = 1000" % dt)
            self.assertTrue(closed, "the connection stayed open after the 408")
            return "408 after %.2f s" % dt
        self.attack_each("slow-body", attack)


def _send_quietly(conn, data):
    """Sends; False once the server has closed (it may refuse mid-body)."""
    try:
        conn.send(data)
        return True
    except (BrokenPipeError, ConnectionResetError, OSError):
        return False


if __name__ == "__main__":
    unittest.main(verbosity=2)
