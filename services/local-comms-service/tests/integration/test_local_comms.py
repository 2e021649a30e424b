"""local-comms-service and comms-client against fake services (docs/comms.md).

Each test starts the real local-comms-service on free ports in a temporary
directory, plays the ground (a UDP socket at the gateway address) and the
on-board services (small HTTP and UDP servers), and checks the bytes on the
link. One test per KubOS comms test case, plus the failures KubOS left silent.
Every wait has a deadline.
"""
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "tests", "python"))
import kubos_testlib as k  # noqa: E402

GRAPHQL, UDP = 0, 1


build = k.space_packet
parse = k.parse_space_packet


class Ground:
    """The ground station: receives every downlink packet at the gateway address."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.uplink_port = None
        self.sent = []      # (bytes) every uplink datagram
        self.received = []  # (bytes) every downlink datagram

    def send(self, data):
        self.sent.append(bytes(data))
        self.sock.sendto(data, ("127.0.0.1", self.uplink_port))

    def recv(self, timeout=5.0):
        """The next downlink packet (parsed), or None at the deadline."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data, _ = self.sock.recvfrom(70000)
            except socket.timeout:
                return None
            self.received.append(data)
            return parse(data)

    def recv_n(self, n, timeout=5.0):
        out = []
        end = time.monotonic() + timeout
        while len(out) < n:
            p = self.recv(max(0.0, end - time.monotonic()))
            if p is None:
                break
            out.append(p)
        return out

    def close(self):
        self.sock.close()


class FakeService:
    """An on-board GraphQL service: records each POST body, then answers."""

    def __init__(self, reply=b"", status=200, barrier=None, delay=0.0, mode="length", echo=False):
        self.bodies = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0" if mode == "close" else "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                try:
                    self.answer()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the comms service gave up on us (timeout, stop): expected in some tests

            def answer(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with outer.lock:
                    outer.bodies.append(body)
                if barrier is not None:
                    try:
                        barrier.wait(timeout=20)
                    except threading.BrokenBarrierError:
                        pass
                if delay:
                    time.sleep(delay)
                answer = body if echo else reply
                self.send_response(status)
                if mode == "length":
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                elif mode == "chunked":
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(answer), 7):
                        part = answer[i:i + 7]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                else:  # close-delimited: no Content-Length at all
                    self.end_headers()
                    self.wfile.write(answer)
                self.wfile.flush()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def got(self):
        with self.lock:
            return list(self.bodies)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class LinkTest(unittest.TestCase):
    """Starts local-comms-service with the ground at its gateway."""

    def start(self, comms="", downlink_ports=None):
        self.tmp = k.tempdir()
        self.ground = Ground()
        self.uplink_port = k.free_port(socket.SOCK_DGRAM)
        self.ground.uplink_port = self.uplink_port
        self.downlink_ports = downlink_ports if downlink_ports is not None else [k.free_port(socket.SOCK_DGRAM)]
        settings = ('listening_ip = "127.0.0.1"\nlistening_port = %d\ngateway_ip = "127.0.0.1"\ngateway_port = %d\n'
                    '[local-comms-service.comms]\nip = "127.0.0.1"\n%s' % (self.uplink_port, self.ground.port, comms))
        if self.downlink_ports:
            settings += "downlink_ports = [%s]\n" % ", ".join(str(p) for p in self.downlink_ports)
        self.svc = k.ServiceProcess("local-comms-service", self.tmp.name, settings=settings)
        self.fakes = []

    def fake(self, **kw):
        f = FakeService(**kw)
        self.fakes.append(f)
        return f

    def tearDown(self):
        for f in getattr(self, "fakes", []):
            f.close()
        if hasattr(self, "svc"):
            self.svc.stop()
            self.ground.close()
            self.tmp.cleanup()

    def telemetry(self):
        t = self.svc.query("{packetsUp packetsDown failedPacketsUp failedPacketsDown errors errorLog{time message}}")["data"]
        # errors (KubOS's list of strings) is errorLog as "<time> <message>"; the
        # two fields are read one after the other, so compare only a settled list.
        self.errors = t.pop("errors")
        return t

    def assertErrorsReply(self, p, cmd, fragment):
        self.assertIsNotNone(p, "no errors reply")
        self.assertEqual((p["cmd"], p["apid"], p["port"]), (cmd, GRAPHQL, 0))
        body = json.loads(p["payload"])
        self.assertEqual(list(body), ["errors"])
        self.assertIn(fragment, body["errors"][0]["message"])
        return body["errors"][0]["message"]


class KubosCases(LinkTest):
    """The KubOS comms test suite, over the real link."""

    def test_COMMS_16_uplink_to_service_no_response(self):
        self.start("max_num_handlers = 10\ntimeout = 1000\n")
        svc = self.fake(reply=b"")
        self.ground.send(build(1, GRAPHQL, svc.port, [0, 1, 4, 5]))
        p = self.ground.recv()
        self.assertEqual(svc.got(), [bytes([0, 1, 4, 5])])
        self.assertEqual((p["cmd"], p["apid"], p["port"], p["payload"]), (1, 0, 0, b""))
        self.assertEqual(len(p["raw"]), 16)

    def test_COMMS_16_uplink_to_service_with_handler_response(self):
        self.start("max_num_handlers = 10\ntimeout = 1000\n")
        svc = self.fake(reply=bytes([9, 8, 7, 6]))
        self.ground.send(build(1, GRAPHQL, svc.port, [0, 1, 4, 5]))
        p = self.ground.recv()
        self.assertEqual(svc.got(), [bytes([0, 1, 4, 5])])
        self.assertEqual((p["payload"], p["port"], p["cmd"], p["apid"]), (bytes([9, 8, 7, 6]), 0, 1, GRAPHQL))
        self.assertEqual(p["raw"][:16], bytes([0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]))

    def test_COMMS_18_uplink_to_service_with_downlink_response(self):
        self.start("max_num_handlers = 10\ntimeout = 1000\n")
        svc = self.fake(reply=b"")
        self.ground.send(build(1, GRAPHQL, svc.port, [0, 1, 4, 5]))
        self.assertEqual(self.ground.recv()["payload"], b"")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(bytes([9, 8, 7, 6]), ("127.0.0.1", self.downlink_ports[0]))
        p = self.ground.recv()
        self.assertEqual((p["payload"], p["port"], p["apid"], p["cmd"]), (bytes([9, 8, 7, 6]), 0, UDP, 0))

    def test_COMMS_17_uplink_udp_passthrough(self):
        self.start()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as target:
            target.bind(("127.0.0.1", 0))
            target.settimeout(5)
            self.ground.send(build(1, UDP, target.getsockname()[1], [0, 1, 4, 5]))
            self.assertEqual(target.recv(100), bytes([0, 1, 4, 5]))
        self.assertIsNone(self.ground.recv(0.2))  # one way: nothing comes down
        t = self.telemetry()
        self.assertEqual((t["packetsUp"], t["packetsDown"]), (1, 0))

    def test_COMMS_18_downlink_to_ground(self):
        self.start()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(bytes([5, 4, 3, 2]), ("127.0.0.1", self.downlink_ports[0]))
        p = self.ground.recv()
        self.assertEqual(p["raw"], bytes([0, 1, 0, 0, 0, 0x0E] + [0] * 10 + [5, 4, 3, 2]))
        # The counter moves just after the send: the ground may see the packet first.
        self.assertTrue(k.wait_for(lambda: self.telemetry()["packetsDown"] == 1, timeout=2))

    def test_LCS_7_ten_concurrent_uplinks(self):
        self.start("max_num_handlers = 10\ntimeout = 5000\n")
        barrier = threading.Barrier(11)
        svcs = [self.fake(reply=bytes([9, 8, 7, 6]), barrier=barrier) for _ in range(10)]
        for i, svc in enumerate(svcs):
            self.ground.send(build(i, GRAPHQL, svc.port, [0, 1, 4, 5]))
        barrier.wait(timeout=10)  # releases only once all ten hold a request at once
        for svc in svcs:
            self.assertEqual(svc.got(), [bytes([0, 1, 4, 5])])
        replies = self.ground.recv_n(10)
        self.assertEqual(len(replies), 10)
        self.assertEqual(sorted(p["cmd"] for p in replies), list(range(10)))
        for p in replies:
            self.assertEqual((p["payload"], p["port"]), (bytes([9, 8, 7, 6]), 0))

    def test_COMMS_19_fifteen_uplinks_ten_handlers(self):
        self.start("max_num_handlers = 10\ntimeout = 5000\n")
        barrier = threading.Barrier(11)
        svcs = [self.fake(reply=bytes([9, 8, 7, 6]), barrier=barrier) for _ in range(15)]
        for i, svc in enumerate(svcs):
            self.ground.send(build(i, GRAPHQL, svc.port, [0, 1, 4, 5]))
        # The five that found every handler busy are answered at once, with their own ids.
        busy = self.ground.recv_n(5)
        self.assertEqual(len(busy), 5)
        for p in busy:
            self.assertErrorsReply(p, p["cmd"], "all 10 message handlers are busy")
        barrier.wait(timeout=10)
        replies = self.ground.recv_n(10)
        self.assertEqual(len(replies), 10)
        for p in replies:
            self.assertEqual((p["payload"], p["port"]), (bytes([9, 8, 7, 6]), 0))
        served = [i for i, s in enumerate(svcs) if s.got()]
        self.assertEqual(len(served), 10)
        self.assertEqual(sorted(served + [p["cmd"] for p in busy]), list(range(15)))
        self.assertEqual(sorted(p["cmd"] for p in replies), served)
        self.assertIsNone(self.ground.recv(0.2))

    def test_COMMS_16_query_service_keeps_command_id(self):
        self.start()
        svc = self.fake(reply=b'{"data":{"ping":"pong"}}')
        self.ground.send(build(100, GRAPHQL, svc.port, b'{"query":"{ping}"}'))
        p = self.ground.recv()
        self.assertEqual((p["payload"], p["port"], p["cmd"]), (b'{"data":{"ping":"pong"}}', 0, 100))
        self.assertEqual(p["raw"][:16], bytes([0, 0, 0, 0, 0, 0x22, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0]))


class Failures(LinkTest):
    """What KubOS left silent: every failure answers the ground."""

    def test_COMMS_20_timeout_gives_errors_reply(self):
        self.start("timeout = 300\n")
        svc = self.fake(reply=b"late", delay=2.0)
        t0 = time.monotonic()
        self.ground.send(build(7, GRAPHQL, svc.port, b'{"query":"{ping}"}'))
        p = self.ground.recv()
        self.assertLess(time.monotonic() - t0, 1.5)
        self.assertErrorsReply(p, 7, "no answer from 127.0.0.1:%d within 300 ms" % svc.port)
        self.assertTrue(k.wait_for(lambda: self.telemetry()["failedPacketsDown"] == 1, timeout=2))

    def test_COMMS_20_refused_port_gives_errors_reply(self):
        self.start()
        port = k.free_port()
        self.ground.send(build(8, GRAPHQL, port, b'{"query":"{ping}"}'))
        msg = self.assertErrorsReply(self.ground.recv(), 8, "request to 127.0.0.1:%d failed" % port)
        self.assertIn("refused", msg)
        t = self.telemetry()
        self.assertEqual(t["failedPacketsDown"], 1)
        self.assertEqual(t["errorLog"][-1]["message"], msg)
        self.assertRegex(t["errorLog"][-1]["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_COMMS_20_http_error_status(self):
        self.start()
        boom = self.fake(reply=b"boom", status=500)
        self.ground.send(build(9, GRAPHQL, boom.port, b'{"query":"{ping}"}'))
        self.assertErrorsReply(self.ground.recv(), 9, "answered HTTP 500 Internal Server Error: boom")
        t = self.telemetry()
        self.assertEqual((t["failedPacketsDown"], len(t["errorLog"])), (1, 1))  # one failure, one entry
        # A GraphQL errors body goes down as it is, whatever the status.
        bad = self.fake(reply=b'{"errors":[{"message":"Syntax Error"}]}', status=400)
        self.ground.send(build(10, GRAPHQL, bad.port, b'{"query":"{"}'))
        p = self.ground.recv()
        self.assertEqual((p["cmd"], p["payload"]), (10, b'{"errors":[{"message":"Syntax Error"}]}'))

    def test_COMMS_21_replies_without_content_length(self):
        self.start()
        body = b'{"data":{"ping":"pong"}}' * 50
        for cmd, mode in ((11, "close"), (12, "chunked")):
            svc = self.fake(reply=body, mode=mode)
            self.ground.send(build(cmd, GRAPHQL, svc.port, b'{"query":"{ping}"}'))
            p = self.ground.recv()
            self.assertEqual((p["cmd"], p["payload"]), (cmd, body), mode)

    def test_LCS_8_malformed_packets_of_every_kind(self):
        self.start()
        svc = self.fake(reply=b"x")
        good = build(1, GRAPHQL, svc.port, b"{}")
        cases = [
            (b"", "packet too short: 0 bytes"),
            (good[:7], "packet too short: 7 bytes (a Space Packet header is 16)"),
            (good[:15], "packet too short: 15 bytes"),
            (good + b"junk", "packet length mismatch: header says 12 (18 bytes in all), received 22 bytes"),
            (good[:17], "packet length mismatch: header says 12 (18 bytes in all), received 17 bytes"),
            (build(1, 2, svc.port, b"{}"), "unknown APID 2 (0 = GraphQL, 1 = UDP)"),
            (build(1, 0x7FF, svc.port, b"{}"), "unknown APID 2047"),
        ]
        for data, _ in cases:
            self.ground.send(data)
        self.assertTrue(k.wait_for(lambda: self.telemetry()["failedPacketsUp"] == len(cases)))
        t = self.telemetry()
        self.assertEqual(t["packetsUp"], 0)
        for (_, fragment), err in zip(cases, t["errorLog"]):
            self.assertIn(fragment, err["message"])
        self.assertEqual(svc.got(), [])
        self.assertIsNone(self.ground.recv(0.2))
        self.ground.send(good)  # still serving
        self.assertEqual(self.ground.recv()["payload"], b"x")

    def test_LCS_5_ten_thousand_bad_packets(self):
        self.start()
        kinds = [b"\x00" * 5, build(1, 3, 80, b"abc"), build(1, 0, 80, b"abc") + b"!"]
        sent = 0
        while sent < 10000:
            for _ in range(250):
                self.ground.send(kinds[sent % 3])
                sent += 1
            # Paced so the kernel's receive buffer never drops one.
            self.assertTrue(k.wait_for(lambda: self.telemetry()["failedPacketsUp"] >= sent, timeout=20), sent)
        t = self.telemetry()
        self.assertEqual(t["failedPacketsUp"], 10000)
        self.assertEqual(len(t["errorLog"]), 100)  # bounded: the most recent hundred
        self.assertEqual(self.svc.query("{ping}")["data"]["ping"], "pong")
        svc = self.fake(reply=b"still here")
        self.ground.send(build(5, GRAPHQL, svc.port, b"{}"))
        self.assertEqual(self.ground.recv()["payload"], b"still here")
        self.assertEqual(self.svc.proc.poll(), None)

    def test_COMMS_24_sixty_thousand_bytes_each_way(self):
        self.start("timeout = 5000\n")
        svc = self.fake(echo=True)
        big = json.dumps({"query": "{ping}", "variables": {"pad": "x" * 59960}}).encode()
        self.assertGreaterEqual(len(big), 60000)
        self.ground.send(build(21, GRAPHQL, svc.port, big))
        p = self.ground.recv()
        self.assertEqual(svc.got(), [big])
        self.assertEqual((p["cmd"], len(p["payload"]), p["payload"]), (21, len(big), big))
        data = bytes(range(256)) * 234 + b"end"  # 59907 bytes
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(data, ("127.0.0.1", self.downlink_ports[0]))
        p = self.ground.recv()
        self.assertEqual((p["apid"], p["payload"]), (UDP, data))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as target:
            target.bind(("127.0.0.1", 0))
            target.settimeout(5)
            self.ground.send(build(22, UDP, target.getsockname()[1], data))
            self.assertEqual(target.recv(70000), data)

    def test_COMMS_20_answer_too_big_for_a_packet(self):
        self.start("timeout = 5000\n")
        svc = self.fake(reply=b"y" * 70000)
        self.ground.send(build(23, GRAPHQL, svc.port, b"{}"))
        self.assertErrorsReply(self.ground.recv(), 23, "is 70000 bytes; a packet holds at most 65525")


class Service(LinkTest):
    def test_LCS_2_graphql_endpoint(self):
        self.start()
        svc = self.fake(reply=b"ok")
        self.ground.send(build(1, GRAPHQL, svc.port, b"{}"))
        self.ground.recv()
        self.ground.send(b"bad")
        # packetsDown counts after the send returns: the ground may hold the
        # reply a moment before the counter moves (seen under ASan).
        self.assertTrue(k.wait_for(lambda: (self.telemetry()["failedPacketsUp"], self.telemetry()["packetsDown"]) == (1, 1)))
        t = self.telemetry()
        self.assertEqual((t["packetsUp"], t["packetsDown"], t["failedPacketsDown"]), (1, 1, 0))
        self.assertEqual(self.errors, ["%s %s" % (e["time"], e["message"]) for e in t["errorLog"]])
        self.assertTrue(self.errors[0].endswith(" packet too short: 3 bytes (a Space Packet header is 16)"))
        self.assertEqual(self.svc.query("{ping}"), {"data": {"ping": "pong"}})
        # Its own endpoint is reachable through the link too.
        self.ground.send(build(3, GRAPHQL, self.svc.port, b'{"query":"{packetsUp}"}'))
        self.assertEqual(json.loads(self.ground.recv()["payload"]), {"data": {"packetsUp": 2}})

    def test_LCS_3_reset_mutation(self):
        self.start()
        self.ground.send(b"bad")
        self.assertTrue(k.wait_for(lambda: self.telemetry()["failedPacketsUp"] == 1))
        self.assertEqual(self.svc.query("mutation{resetTelemetry}"), {"data": {"resetTelemetry": True}})
        self.assertEqual(self.telemetry(), {"packetsUp": 0, "packetsDown": 0, "failedPacketsUp": 0,
                                            "failedPacketsDown": 0, "errorLog": []})

    def test_LCS_4_sigterm_ends_within_a_second(self):
        self.start("timeout = 5000\n")
        slow = self.fake(reply=b"x", delay=3.0)
        self.ground.send(build(1, GRAPHQL, slow.port, b"{}"))  # a request in flight
        self.assertTrue(k.wait_for(lambda: slow.got()))
        t0 = time.monotonic()
        rc = self.svc.stop()
        self.assertLess(time.monotonic() - t0, 1.0)
        self.assertEqual(rc, 0)
        # Everything was closed: the ports can be bound again.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", self.uplink_port))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", self.downlink_ports[0]))

    def test_LCS_6_tshark_decodes_every_header(self):
        tshark = shutil.which("tshark")
        if not tshark:
            self.skipTest("tshark is not installed (scripts/install-deps.sh installs it)")
        self.start()
        svc = self.fake(reply=b'{"data":{"ping":"pong"}}')
        self.ground.send(build(77, GRAPHQL, svc.port, b'{"query":"{ping}"}'))
        self.ground.recv()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"beacon", ("127.0.0.1", self.downlink_ports[0]))
        self.ground.recv()
        port = self.k_port = 12000
        # The datagrams exactly as they crossed the link, as a pcap (raw IPv4 link type).
        pcap = os.path.join(self.tmp.name, "link.pcap")
        with open(pcap, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 228))
            frames = [(self.uplink_port, d) for d in self.ground.sent] + \
                     [(self.ground.port, d) for d in self.ground.received]
            for i, (dport, data) in enumerate(frames):
                udp = struct.pack(">HHHH", port, dport, 8 + len(data), 0) + data
                ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                                 socket.inet_aton("127.0.0.1"), socket.inet_aton("127.0.0.1"))
                f.write(struct.pack("<IIII", i, 0, len(ip) + len(udp), len(ip) + len(udp)) + ip + udp)
        decode = ["-d", "udp.port==%d,ccsds" % self.uplink_port, "-d", "udp.port==%d,ccsds" % self.ground.port]
        out = subprocess.run([tshark, "-r", pcap] + decode + ["-T", "fields", "-E", "separator=,", "-e", "ccsds.version",
                             "-e", "ccsds.type", "-e", "ccsds.secheader", "-e", "ccsds.apid", "-e", "ccsds.seqflag",
                             "-e", "ccsds.length", "-e", "udp.length"], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        rows = [line.split(",") for line in out.stdout.strip().splitlines()]
        self.assertEqual(len(rows), 3, out.stdout)
        apids = []
        for version, ptype, sec, apid, seqflag, length, udplen in rows:
            self.assertEqual((version, ptype, seqflag), ("0", "0", "0"))
            self.assertIn(sec.lower(), ("false", "0"))
            apids.append(int(apid))
            # length + 6 is the whole packet, i.e. the UDP payload.
            self.assertEqual(int(length) + 6, int(udplen) - 8)
        self.assertEqual(apids, [GRAPHQL, GRAPHQL, UDP])


class CommsClient(LinkTest):
    def client(self, *args, timeout=10):
        cmd = [k.binary("comms-client"), "--uplink", "127.0.0.1:%d" % self.uplink_port,
               "--listen", "127.0.0.1:%d" % self.listen_port] + list(args)
        return subprocess.run(cmd, capture_output=True, timeout=timeout)

    def start_for_client(self, comms=""):
        # The client is the ground here: the service's gateway is the client's listen address.
        self.tmp = k.tempdir()
        self.ground = Ground()
        self.listen_port = self.ground.port
        self.ground.close()  # the client binds it
        self.uplink_port = k.free_port(socket.SOCK_DGRAM)
        self.downlink_ports = [k.free_port(socket.SOCK_DGRAM)]
        settings = ('listening_ip = "127.0.0.1"\nlistening_port = %d\ngateway_ip = "127.0.0.1"\ngateway_port = %d\n'
                    '[local-comms-service.comms]\nip = "127.0.0.1"\ndownlink_ports = [%d]\n%s'
                    % (self.uplink_port, self.listen_port, self.downlink_ports[0], comms))
        self.svc = k.ServiceProcess("local-comms-service", self.tmp.name, settings=settings)
        self.fakes = []

    def test_CC_1_graphql_query_round_trip(self):
        self.start_for_client()
        svc = self.fake(reply=b'{"data":{"ping":"pong"}}')
        query = '{ a: ping(note: "quote \\" and \\\\ backslash\ttab") }'
        r = self.client("--service-port", str(svc.port), "--command-id", "4242", query)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, b'{"data":{"ping":"pong"}}\n')
        self.assertEqual(json.loads(svc.got()[0]), {"query": query})

    def test_CC_1_reaches_a_real_service(self):
        self.start_for_client()
        r = self.client("--service-port", str(self.svc.port), "{ping}")
        self.assertEqual((r.returncode, r.stdout), (0, b'{"data":{"ping":"pong"}}\n'), r.stderr)

    def test_CC_2_timeout_exits_1(self):
        self.start_for_client("timeout = 5000\n")
        slow = self.fake(reply=b"x", delay=3.0)
        t0 = time.monotonic()
        r = self.client("--service-port", str(slow.port), "--timeout-ms", "300", "--command-id", "9", "{ping}")
        self.assertLess(time.monotonic() - t0, 2.5)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"no reply with command id 9", r.stderr)

    def test_CC_3_bad_flags_exit_2(self):
        self.start_for_client()
        for args in (["--service-port", "70000", "{ping}"], ["--service-port", "80"],
                     ["--service-port", "80", "--timeout-ms", "soon", "{ping}"],
                     ["--service-port", "80", "--bogus", "{ping}"]):
            r = self.client(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1, r.stderr)
            self.assertTrue(r.stderr.startswith(b"comms-client: "), r.stderr)
        r = subprocess.run([k.binary("comms-client"), "--uplink", "nowhere", "--listen", "127.0.0.1:1",
                            "--service-port", "80", "{ping}"], capture_output=True, timeout=10)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--uplink", r.stderr)

    def test_CC_4_udp_mode(self):
        self.start_for_client()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as target:
            target.bind(("127.0.0.1", 0))
            target.settimeout(10)
            done = {}

            def echo():
                data, _ = target.recvfrom(70000)
                done["data"] = data
                target.sendto(b"echo:" + data, ("127.0.0.1", self.downlink_ports[0]))

            th = threading.Thread(target=echo)
            th.start()
            r = self.client("--udp", "--service-port", str(target.getsockname()[1]), "raw bytes")
            th.join(10)
        self.assertEqual(done.get("data"), b"raw bytes")
        self.assertEqual((r.returncode, r.stdout), (0, b"echo:raw bytes\n"), r.stderr)

    def test_CC_5_waits_for_its_own_command_id(self):
        self.start_for_client("timeout = 5000\n")
        slow = self.fake(reply=b'{"mine":true}', delay=0.5)
        # An unsolicited downlink packet arrives first; the client ignores it.
        def beacon():
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.sendto(b"beacon", ("127.0.0.1", self.downlink_ports[0]))

        threading.Timer(0.1, beacon).start()
        r = self.client("--service-port", str(slow.port), "--command-id", "31337", "{ping}")
        self.assertEqual((r.returncode, r.stdout), (0, b'{"mine":true}\n'), r.stderr)


class Config(unittest.TestCase):
    def run_with(self, text):
        with k.tempdir() as tmp:
            path = os.path.join(tmp, "c.toml")
            with open(path, "w") as f:
                f.write(text)
            return subprocess.run([k.binary("local-comms-service"), "-c", path], capture_output=True, timeout=10)

    def base(self, radio=None, comms='ip = "127.0.0.1"\n'):
        radio = radio if radio is not None else {
            "listening_ip": '"127.0.0.1"', "listening_port": str(k.free_port(socket.SOCK_DGRAM)),
            "gateway_ip": '"127.0.0.1"', "gateway_port": "9"}
        text = "[local-comms-service]\n" + "".join("%s = %s\n" % kv for kv in radio.items())
        if comms is not None:
            text += "[local-comms-service.comms]\n" + comms
        return text + '[local-comms-service.addr]\nip = "127.0.0.1"\nport = %d\n' % k.free_port()

    def assertFails(self, text, *fragments):
        r = self.run_with(text)
        self.assertEqual(r.returncode, 1, r.stderr)
        err = r.stderr.decode()
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        for f in fragments:
            self.assertIn(f, err)

    def test_LCS_1_every_key_is_checked(self):
        for key in ("listening_ip", "listening_port", "gateway_ip", "gateway_port"):
            radio = {"listening_ip": '"127.0.0.1"', "listening_port": "1", "gateway_ip": '"127.0.0.1"',
                     "gateway_port": "9"}
            del radio[key]
            self.assertFails(self.base(radio), "local-comms-service.%s" % key)
        self.assertFails(self.base(comms=None), "local-comms-service.comms: missing")
        self.assertFails(self.base(comms="timeout = 5\n"), "local-comms-service.comms.ip: missing")
        self.assertFails(self.base(comms='ip = "127.0.0.1"\ntimeout = 0\n'), "local-comms-service.comms.timeout")
        radio = {"listening_ip": '"127.0.0.1"', "listening_port": "70000", "gateway_ip": '"127.0.0.1"',
                 "gateway_port": "9"}
        self.assertFails(self.base(radio), "local-comms-service.listening_port", "out of range")
        radio = {"listening_ip": '"here"', "listening_port": "1", "gateway_ip": '"127.0.0.1"', "gateway_port": "9"}
        self.assertFails(self.base(radio), "local-comms-service.listening_ip", "not an IP address")

    def test_LCS_1_ports_in_use_are_named(self):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            taken = s.getsockname()[1]
            radio = {"listening_ip": '"127.0.0.1"', "listening_port": str(taken), "gateway_ip": '"127.0.0.1"',
                     "gateway_port": "9"}
            self.assertFails(self.base(radio), "cannot listen for uplink on 127.0.0.1:%d" % taken)
            self.assertFails(self.base(comms='ip = "127.0.0.1"\ndownlink_ports = [%d]\n' % taken),
                             "cannot bind downlink endpoint 127.0.0.1:%d" % taken)


if __name__ == "__main__":
    unittest.main(verbosity=2)
