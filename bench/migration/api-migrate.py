#!/usr/bin/env python3
"""One live migration through the agent's API, timed as a client sees it.

    api-migrate.py --port PORT --password PW --node SRC --target DST --vmid ID [--poll S] [--bwlimit KIBPS]

Logs in (POST /access/ticket) and subscribes to the agent's event stream (our
extension, GET /api2/json/atalaia/events, a WebSocket that pushes each task's
log lines and its end, as the console uses it). Then, on a warm kept-alive TLS
connection: POST /nodes/SRC/qemu/ID/migrate --target DST --online 1.

Prints one JSON object:
  wall_s      POST sent → the task's "stopped" event received: the task's real
              duration as a client sees it, without polling
  post_s      the POST's round trip (the task start latency)
  lines       [[s after the POST, text], ...]: each log line when it was pushed
  exitstatus, upid, downtime_ms (the log's "downtime N ms")
  poll_wall_s with --poll S > 0 only: the first GET .../tasks/UPID/status that
              said "stopped", polling every S seconds (how a Proxmox-style
              client that polls sees it; the polling adds load on the agent)
Times are time.monotonic(). Only the standard library (a minimal WebSocket
client: the lab's agents, 127.0.0.1, self-signed certificates).
"""
import argparse
import base64
import http.client
import json
import os
import re
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse


def tls_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the lab's self-signed certificates, 127.0.0.1 only
    return ctx


class Events(threading.Thread):
    """Reads the event stream; keeps (monotonic time, event) for every task event."""

    def __init__(self, host, port, cookie):
        super().__init__(daemon=True)
        raw = socket.create_connection((host, port), timeout=30)
        self.sock = tls_context().wrap_socket(raw, server_hostname=host)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /api2/json/atalaia/events HTTP/1.1\r\nHost: {host}:{port}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise SystemExit("event stream: connection closed during the handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise SystemExit(f"event stream: no upgrade: {head[:200]!r}")
        self.sock.settimeout(None)
        self.events = []
        self.cond = threading.Condition()

    def read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, opcode, payload=b""):
        mask = os.urandom(4)
        data = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + data)

    def run(self):
        message = b""
        try:
            while True:
                b0, b1 = self.read(2)
                n = b1 & 0x7F
                if n == 126:
                    n = struct.unpack(">H", self.read(2))[0]
                elif n == 127:
                    n = struct.unpack(">Q", self.read(8))[0]
                mask = self.read(4) if b1 & 0x80 else None
                data = self.read(n)
                if mask:
                    data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
                opcode = b0 & 0x0F
                if opcode == 0x9:
                    self.send(0xA, data)
                    continue
                if opcode == 0x8:
                    return
                if opcode in (0x0, 0x1, 0x2):
                    message += data
                    if b0 & 0x80:
                        now = time.monotonic()
                        try:
                            event = json.loads(message)
                        except ValueError:
                            event = None
                        message = b""
                        if isinstance(event, dict) and event.get("topic") == "task":
                            with self.cond:
                                self.events.append((now, event))
                                self.cond.notify_all()
        except (EOFError, OSError):
            return

    def wait_stopped(self, upid, deadline):
        with self.cond:
            while True:
                for t, e in self.events:
                    if e.get("upid") == upid and e.get("status") == "stopped":
                        return t, e
                left = deadline - time.monotonic()
                if left <= 0:
                    return None, None
                self.cond.wait(left)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--node", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--vmid", type=int, required=True)
    ap.add_argument("--poll", type=float, default=0)
    ap.add_argument("--bwlimit", type=int, default=0, help="KiB/s, the API's bwlimit")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--ticket-file", help="reuse (or save) the login's ticket here")
    a = ap.parse_args()

    conn = http.client.HTTPSConnection(a.host, a.port, context=tls_context(), timeout=60)

    def call(method, path, params=None, headers=None):
        body = urllib.parse.urlencode(params) if params else None
        h = dict(headers or {})
        if method == "GET" and params:
            path, body = path + "?" + body, None
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, "/api2/json" + path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise SystemExit(f"{method} {path}: HTTP {r.status} {r.reason}: {data[:300]!r}")
        return json.loads(data)["data"]

    # One login per run (--ticket-file), retried: a PAM login in the lab has been seen
    # to fail now and then under load.
    t = None
    if a.ticket_file and os.path.exists(a.ticket_file):
        with open(a.ticket_file) as f:
            t = json.load(f)
    for attempt in range(4):
        if t is not None:
            break
        try:
            t = call("POST", "/access/ticket", {"username": "root@pam", "password": a.password})
        except SystemExit as e:
            if attempt == 3:
                raise
            print(f"login failed, retrying: {e}", file=sys.stderr)
            time.sleep(1)
    if a.ticket_file:
        with open(a.ticket_file, "w") as f:
            json.dump({"ticket": t["ticket"], "CSRFPreventionToken": t["CSRFPreventionToken"]}, f)
    cookie = "PVEAuthCookie=" + urllib.parse.quote(t["ticket"], safe="")
    auth = {"Cookie": cookie}
    auth_w = dict(auth, CSRFPreventionToken=t["CSRFPreventionToken"])
    events = Events(a.host, a.port, cookie)
    events.start()
    # Warm the connection (TLS, the ticket check) so the POST measures the agent.
    call("GET", "/version", headers=auth)
    time.sleep(0.2)  # the subscription is in place on the agent's side

    t0 = time.monotonic()
    params = {"target": a.target, "online": 1}
    if a.bwlimit > 0:
        params["bwlimit"] = a.bwlimit
    upid = call("POST", f"/nodes/{a.node}/qemu/{a.vmid}/migrate", params, headers=auth_w)
    t_post = time.monotonic()
    deadline = t0 + a.timeout
    poll_wall = None
    if a.poll > 0:
        base = f"/nodes/{a.node}/tasks/{urllib.parse.quote(upid, safe='')}"
        while time.monotonic() < deadline:
            if call("GET", base + "/status", headers=auth).get("status") == "stopped":
                poll_wall = time.monotonic() - t0
                break
            time.sleep(a.poll)
    t_end, stopped = events.wait_stopped(upid, deadline)
    if stopped is None:
        raise SystemExit(f"no end of task {upid} on the event stream within {a.timeout} s")
    with events.cond:
        mine = [(t, e) for t, e in events.events if e.get("upid") == upid]
    lines = sorted(((e["log"].get("n", 0), round(t - t0, 4), e["log"].get("t", ""))
                    for t, e in mine if isinstance(e.get("log"), dict)))
    downtime = None
    for _, _, text in lines:
        m = re.search(r"downtime (\d+) ms", text)
        if m:
            downtime = int(m.group(1))
    out = {"wall_s": round(t_end - t0, 4), "post_s": round(t_post - t0, 4),
           "exitstatus": stopped.get("exitstatus"), "upid": upid, "downtime_ms": downtime,
           "lines": [[s, text] for _, s, text in lines]}
    if poll_wall is not None:
        out["poll_wall_s"] = round(poll_wall, 4)
    print(json.dumps(out))
    return 0 if stopped.get("exitstatus") == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
