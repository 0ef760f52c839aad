#!/usr/bin/env python3
"""TCP port forward from the host into one lab node (see tools/lab).

    forward.py LISTEN_ADDR LISTEN_PORT NETNS_FILE TARGET_ADDR TARGET_PORT

Listens on LISTEN_ADDR:LISTEN_PORT in the namespace it is started in (the host's),
then moves itself into the network namespace NETNS_FILE (e.g. /proc/PID/ns/net of
the node's namespace holder) so that every outgoing connection to
TARGET_ADDR:TARGET_PORT is made from inside the node. A socket keeps the namespace
it was created in, so the listening socket stays on the host side.
One thread pair per connection; bytes are copied unchanged (TLS passes through).
"""
import os
import socket
import sys
import threading


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(client, target):
    try:
        upstream = socket.create_connection(target, timeout=5)
    except OSError:
        client.close()
        return
    upstream.settimeout(None)
    for s in (client, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    back.start()
    pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    listen_addr, listen_port, netns, target_addr, target_port = sys.argv[1:]
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((listen_addr, int(listen_port)))
    server.listen(64)
    fd = os.open(netns, os.O_RDONLY)
    os.setns(fd, os.CLONE_NEWNET)
    os.close(fd)
    print(f"forwarding {listen_addr}:{listen_port} -> {target_addr}:{target_port} in {netns}", flush=True)
    target = (target_addr, int(target_port))
    while True:
        client, _ = server.accept()
        threading.Thread(target=serve, args=(client, target), daemon=True).start()


if __name__ == "__main__":
    main()
