#!/usr/bin/env python3
"""Steady load for script/verify faults, recording every answer.

    load.py BASE-URL PATHS-FILE OUT-FILE [CONNECTIONS]

CONNECTIONS threads (4) GET the paths of PATHS-FILE (one a line) in turn,
each request on a fresh connection (so that no kept-alive connection closed
by a reload counts against the portal) with a session cookie (so that
nginx's page cache never answers for the programs), until SIGTERM.  Then
OUT-FILE gets one line per request: "END-TIME STATUS ORIGIN", the time in
seconds since the epoch, STATUS 0 for a socket error or a timeout, ORIGIN
"portal" when an error page came from the programs (it passed through
nginx's location for them, which marks it with X-Cache) and "nginx" when
nginx made it.
"""
import http.client
import os
import signal
import sys
import threading
import time
import urllib.parse

base, paths_file, out_file = sys.argv[1:4]
conns = int(sys.argv[4]) if len(sys.argv) > 4 else 4
url = urllib.parse.urlsplit(base)
with open(paths_file) as f:
    paths = [line.strip() for line in f if line.strip()]
stop = threading.Event()
results = []


def one(path):
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        c.request("GET", path, headers={"Cookie": "spor_session=x", "Connection": "close"})
        r = c.getresponse()
        r.read()
        return r.status, "portal" if r.getheader("X-Cache") else "nginx"
    except (OSError, http.client.HTTPException):
        return 0, "-"
    finally:
        c.close()


def worker(k):
    n = k
    while not stop.is_set():
        status, origin = one(paths[n % len(paths)])
        results.append("%.3f %d %s" % (time.time(), status, origin))
        n += conns


signal.signal(signal.SIGTERM, lambda *_: stop.set())
threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
for t in threads:
    t.start()
while not stop.is_set():
    stop.wait(0.2)
for t in threads:
    t.join()
with open(out_file + ".tmp", "w") as f:
    f.write("\n".join(results) + "\n")
# Renamed when complete: the caller waits for the file.
os.rename(out_file + ".tmp", out_file)
