"""Faults on the far ends of the link (README LCS-9, LCS-10): the destination
service dying in the middle of a request, and the ground gateway refusing the
downlink. Every wait has a deadline; each test takes about a second."""
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import unittest

from test_local_comms import GRAPHQL, LinkTest, build, k

# A destination service that accepts one request, then waits to be killed:
# "accept" before answering anything, "mid" after the status line, the headers
# and part of a body whose Content-Length promises more. It prints "ready" on
# stdout when it is at that point.
DYING = textwrap.dedent("""\
    import socket, sys, time
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    print(srv.getsockname()[1], flush=True)
    conn, _ = srv.accept()
    data = b""
    while b"\\r\\n\\r\\n" not in data:
        data += conn.recv(4096)
    # The whole body too: unread bytes at the kill would make it a reset, not a close.
    head, _, body = data.partition(b"\\r\\n\\r\\n")
    length = int([l.split(b":")[1] for l in head.split(b"\\r\\n") if l.lower().startswith(b"content-length:")][0])
    while len(body) < length:
        body += conn.recv(4096)
    if sys.argv[1] == "mid":
        conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 100\\r\\n\\r\\n{\\"data\\":{\\"pi")
    print("ready", flush=True)
    time.sleep(60)
    """)


class Dying:
    """The dying destination as a separate process, so that SIGKILL is real."""

    def __init__(self, mode):
        self.proc = subprocess.Popen([sys.executable, "-c", DYING, mode], stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def wait_ready_and_kill(self):
        line = self.proc.stdout.readline()  # the process prints it, or dies (then "")
        self.proc.kill()
        self.proc.wait(timeout=5)
        self.proc.stdout.close()
        return line.strip() == "ready"


class DestinationDies(LinkTest):
    def check(self, mode, cmd):
        self.start("timeout = 3000\n")
        dying = Dying(mode)
        self.ground.send(build(cmd, GRAPHQL, dying.port, b'{"query":"{ping}"}'))
        self.assertTrue(dying.wait_ready_and_kill(), "the destination never got the request")
        p = self.ground.recv(timeout=2.0)  # well before the 3 s timeout: the close is seen at once
        msg = self.assertErrorsReply(p, cmd, "request to 127.0.0.1:%d failed" % dying.port)
        # The link keeps serving: the next packet, to a live service, is answered.
        live = self.fake(reply=b'{"data":{"ping":"pong"}}')
        self.ground.send(build(cmd + 1, GRAPHQL, live.port, b'{"query":"{ping}"}'))
        p = self.ground.recv()
        self.assertIsNotNone(p, "no answer after the destination died")
        self.assertEqual((p["cmd"], json.loads(p["payload"])), (cmd + 1, {"data": {"ping": "pong"}}))
        self.assertTrue(k.wait_for(lambda: self.telemetry()["failedPacketsDown"] == 1, timeout=2))
        self.assertEqual(self.svc.query("{ping}")["data"]["ping"], "pong")
        return msg

    def test_LCS_9_destination_killed_after_accepting(self):
        self.assertIn("closed the connection before answering", self.check("accept", 40))

    def test_LCS_9_destination_killed_mid_answer(self):
        msg = self.check("mid", 50)
        self.assertIn("closed the connection in the middle of its answer", msg)
        # A truncated answer is never forwarded as if it were whole.
        self.assertNotIn('"pi', msg.replace("request to", ""))


class GatewayUnreachable(LinkTest):
    """Nothing listens at the gateway: every downlink send draws an ICMP port
    unreachable. The link goes on, and packets reach the gateway once it is back."""

    def test_LCS_10_gateway_refusing_then_back(self):
        self.start()
        port = self.ground.port
        self.ground.close()  # the gateway is gone: its port now refuses
        live = self.fake(reply=b'{"data":{"ping":"pong"}}')
        for cmd in range(60, 65):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.sendto(build(cmd, GRAPHQL, live.port, b'{"query":"{ping}"}'), ("127.0.0.1", self.uplink_port))
            s.close()
        # The five answers were sent (and refused): the read loop and the writes are still alive.
        self.assertTrue(k.wait_for(lambda: len(live.got()) == 5, timeout=3), live.got())
        self.assertTrue(k.wait_for(lambda: self.telemetry()["packetsUp"] == 5, timeout=3))
        # The gateway comes back on the same port.
        back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        back.bind(("127.0.0.1", port))
        self.ground.sock = back
        for cmd in (70, 71):
            self.ground.send(build(cmd, GRAPHQL, live.port, b'{"query":"{ping}"}'))
            p = self.ground.recv()
            self.assertIsNotNone(p, "no packet reached the gateway after it came back")
            self.assertEqual(p["cmd"], cmd)
        t = self.telemetry()
        self.assertEqual(t["packetsUp"], 7)
        self.assertEqual(t["failedPacketsUp"], 0, self.errors)
        self.assertEqual(self.svc.query("{ping}")["data"]["ping"], "pong")


if __name__ == "__main__":
    unittest.main(verbosity=2)
