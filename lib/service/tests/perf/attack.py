#!/usr/bin/env python3
"""RSS of a running service before, during and after hostile clients leave
(lib/service/README.md, "Performance"): slowloris (headers a byte at a
time), an idle flood (connections that send nothing) and 200 keep-alive
clients sending 64 KiB requests. Not part of make test.
    attack.py PID PORT"""
import socket, sys, time

pid, port = int(sys.argv[1]), int(sys.argv[2])

def rss():
    for line in open("/proc/%d/status" % pid):
        if line.startswith(("VmRSS:", "VmHWM:", "Threads:")):
            yield line.split()[0] + line.split()[1]

def show(what):
    print(what, " ".join(rss()), flush=True)

def connect():
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s

show("idle")
slow = [connect() for _ in range(100)]
for s in slow:
    s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")
idle = [connect() for _ in range(100)]
big = b'{"query":"{ping}","extensions":{"pad":"' + b"x" * 65000 + b'"}}'
req = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(big) + big
keep = []
for _ in range(200):
    s = connect()
    s.sendall(req)
    data = b""
    while b"pong" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break  # closed at max-connections: fine, it still cost the server
        data += chunk
    keep.append(s)
show("under-attack")
for s in slow + idle + keep:
    s.close()
deadline = time.monotonic() + 5
time.sleep(0.2)
show("after-0.2s")
time.sleep(1.8)
show("after-2s")
