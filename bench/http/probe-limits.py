#!/usr/bin/env python3
"""Robustness probes for the HTTPS servers of the HTTP library comparison
(docs/decisions/0002-http-library.md). Each probe talks only to 127.0.0.1 and
stops by itself within --cap seconds.

    probe-limits.py --cap 35 NAME=PORT[:PID] ...

Probes, per server, all servers in parallel:
  pipeline     three requests in one TLS write; the answers must come back
               complete and in order (200 large, 200 small, 404)
  big-body     POST with Content-Length 256 MiB, body sent in 1 MiB pieces
               while the server reads: bytes it took before it answered or
               closed, its answer, and the server's RSS growth (with PID)
  slow-header  a request line, then one header byte a second: when the
               server closes the connection (a slowloris client)
  no-handshake TCP connect without a TLS ClientHello: when the server closes
  idle         one request, then silence: when the server closes the
               keep-alive connection
"""
import argparse
import socket
import ssl
import threading
import time

CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE
CTX.set_alpn_protocols(["http/1.1"])


def connect(port, timeout=5.0):
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return CTX.wrap_socket(raw, server_hostname="localhost")


def rss_kib(pid):
    if not pid:
        return None
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def read_response(sock, buf):
    """Reads one HTTP/1.1 response with Content-Length; returns (status, body size, rest)."""
    while b"\r\n\r\n" not in buf:
        data = sock.recv(65536)
        if not data:
            raise EOFError("closed before headers")
        buf += data
    head, _, buf = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buf) < length:
        data = sock.recv(1 << 20)
        if not data:
            raise EOFError("closed in body")
        buf += data
    return status, length, buf[length:]


def probe_pipeline(port, _pid, _cap):
    sock = connect(port)
    req = ("GET /api2/json/cluster/resources HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "GET /api2/json/version HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n").encode()
    sock.sendall(req)
    buf = b""
    got = []
    try:
        for _ in range(3):
            status, length, buf = read_response(sock, buf)
            got.append(f"{status}/{length}")
    except (EOFError, OSError) as error:
        got.append(f"error: {error}")
    sock.close()
    ok = len(got) == 3 and got[0].startswith("200/") and got[1] == "200/82" and got[2].startswith("404/")
    return ("ok " if ok else "FAIL ") + " ".join(got)


def probe_big_body(port, pid, cap):
    total = 256 << 20
    before = rss_kib(pid)
    sock = connect(port)
    sock.sendall(f"POST /api2/json/version HTTP/1.1\r\nHost: localhost\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {total}\r\n\r\n".encode())
    sock.settimeout(0.05)
    piece = b" " * (1 << 20)
    sent = 0
    answer = "no answer"
    peak = before
    start = time.monotonic()
    try:
        while sent < total and time.monotonic() - start < cap:
            try:
                data = sock.recv(4096)
                if not data:
                    answer = "closed"
                    break
                answer = data.split(b"\r\n", 1)[0].decode(errors="replace")
                break
            except (socket.timeout, ssl.SSLWantReadError):
                pass
            sock.settimeout(5)
            sock.sendall(piece)
            sock.settimeout(0.05)
            sent += len(piece)
            now = rss_kib(pid)
            if now and peak and now > peak:
                peak = now
        else:
            if sent >= total:
                sock.settimeout(5)
                try:
                    data = sock.recv(4096)
                    answer = data.split(b"\r\n", 1)[0].decode(errors="replace") if data else "closed"
                except OSError as error:
                    answer = f"no answer ({error.__class__.__name__})"
    except OSError as error:
        answer = f"{error.__class__.__name__}"
        # The server may have answered before it closed: read what it sent.
        try:
            sock.settimeout(1)
            data = sock.recv(4096)
            if data:
                answer += ", answer " + data.split(b"\r\n", 1)[0].decode(errors="replace")
        except OSError:
            pass
    sock.close()
    grow = f", RSS +{(peak - before) // 1024} MiB" if before and peak else ""
    return f"took {sent >> 20} MiB, then: {answer}{grow}"


def closed_after(sock, cap, trickle=None):
    start = time.monotonic()
    sock.settimeout(1.0)
    while time.monotonic() - start < cap:
        try:
            if trickle:
                sock.sendall(trickle)
            data = sock.recv(4096)
            if not data:
                return f"closed after {time.monotonic() - start:.0f} s"
            first = data.split(b"\r\n", 1)[0].decode(errors="replace")
            return f"answered after {time.monotonic() - start:.0f} s: {first}"
        except (socket.timeout, ssl.SSLWantReadError):
            continue
        except OSError as error:
            return f"reset after {time.monotonic() - start:.0f} s ({error.__class__.__name__})"
    return f"still open after {cap} s"


def probe_slow_header(port, _pid, cap):
    sock = connect(port)
    sock.sendall(b"GET /api2/json/version HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    result = closed_after(sock, cap, trickle=b"a")
    sock.close()
    return result


def probe_no_handshake(port, _pid, cap):
    raw = socket.create_connection(("127.0.0.1", port), timeout=5)
    result = closed_after(raw, cap)
    raw.close()
    return result


def probe_idle(port, _pid, cap):
    sock = connect(port)
    sock.sendall(b"GET /api2/json/version HTTP/1.1\r\nHost: localhost\r\n\r\n")
    read_response(sock, b"")
    result = closed_after(sock, cap)
    sock.close()
    return result


PROBES = [("pipeline", probe_pipeline), ("big-body", probe_big_body), ("slow-header", probe_slow_header),
          ("no-handshake", probe_no_handshake), ("idle", probe_idle)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=35.0)
    parser.add_argument("servers", nargs="+", help="NAME=PORT[:PID]")
    args = parser.parse_args()
    servers = []
    for spec in args.servers:
        name, _, rest = spec.partition("=")
        port, _, pid = rest.partition(":")
        servers.append((name, int(port), int(pid) if pid else None))

    results = {}

    def run(server, probe):
        name, port, pid = server
        label, function = probe
        try:
            results[(name, label)] = function(port, pid, args.cap)
        except Exception as error:  # a probe's failure is a result too
            results[(name, label)] = f"probe error: {error!r}"

    # The big-body probes measure RSS, so they run one server at a time first;
    # the waiting probes then run all at once.
    for server in servers:
        run(server, PROBES[1])
    threads = [threading.Thread(target=run, args=(server, probe))
               for server in servers for probe in PROBES if probe[0] != "big-body"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    width = max(len(name) for name, _, _ in servers)
    for label, _ in PROBES:
        for name, _, _ in servers:
            print(f"{label:<13} {name:<{width}}  {results[(name, label)]}")


if __name__ == "__main__":
    main()
