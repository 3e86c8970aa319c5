"""A storm of valid and hostile requests against ``kgraph serve`` (run by hand).

    .venv/bin/python benchmarks/storm.py [--seconds 60] [--clients 20] [--backend both]

The sample articles of ``data/articles`` are built once into a graph file and an Oxigraph
store (this loads the spaCy model). For each backend, ``kgraph serve`` runs as a subprocess on
127.0.0.1 while ``--clients`` threads send, for ``--seconds``, a rotation of request kinds:

* valid: a SELECT whose answer is checked against the one given before the storm;
* malformed: a query that does not parse (400);
* update: an INSERT DATA (204 on the graph file, served with ``--allow-update``; 403 on the
  store, which is served read-only);
* federation: SERVICE to a local listener, in plain and escaped spellings (403);
* oversized: a body declared larger than the request limit (413);
* deep: a query nested 3,000 braces deep (400);
* bomb: an 800-byte query doubling a string to 512 MB (500, or 503 when it runs past the
  time limit);
* slowloris: a client sending its headers one byte every 50 ms (cut off by the server).

It prints, per backend, each kind's status counts (``503 busy``: no worker was free within the
time limit, ``503 timeout``: the query ran past it; ``cut`` for a slow client the server closed,
``held`` if it was still open after 15 s), the RSS of the server's process tree (server, zygote,
workers) before, at its highest during and after the storm, whether the server still answered
correctly, whether the listener was ever contacted, how long SIGTERM took to stop it, and
whether any of its processes outlived it.
"""

from __future__ import annotations

import argparse
import collections
import json
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("valid", "malformed", "update", "federation", "oversized", "deep", "bomb", "slowloris")
VALID = ("SELECT ?a ?label WHERE { ?a a <https://kgraph.dev/ontology#Actor> ; "
         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?a")
BOMB = ('SELECT ?x WHERE { BIND("0123456789abcdef0123456789abcdef" AS ?a0) '
        + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(24))
        + " BIND(?a24 AS ?x) }")


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Storm:
    """One backend's server, the listener standing for "outside", and the tallies."""

    def __init__(self, url: str, listener: socket.socket) -> None:
        self.url = url
        self.port = int(url.split(":")[2].split("/")[0])
        self.listener = listener
        self.counts: dict[str, collections.Counter[str]] = {k: collections.Counter()
                                                            for k in KINDS}
        self.lock = threading.Lock()
        self.expected = self.valid_answer()

    def valid_answer(self) -> str:
        status, body = self.http(self.url + "?" + urllib.parse.urlencode({"query": VALID}))
        if status != "200":
            return status
        return json.dumps(json.loads(body)["results"]["bindings"], sort_keys=True)

    def http(self, url: str, data: bytes | None = None,
             media: str = "application/sparql-query") -> tuple[str, bytes]:
        """The status (a 503 says whether the query timed out or waited for a worker)."""
        request = urllib.request.Request(url, data=data, headers={"Content-Type": media})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return str(response.status), response.read()
        except urllib.error.HTTPError as e:
            body = e.read()
            reason = (" busy" if b"busy" in body else " timeout" if b"time limit" in body
                      else "")
            return f"{e.code}{reason if e.code == 503 else ''}", body

    def one(self, kind: str, n: int) -> str:
        base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        if kind == "valid":
            answer = self.valid_answer()
            return ("200 ok" if answer == self.expected else
                    answer if answer.isdigit() or answer.startswith("503") else "200 WRONG")
        if kind == "malformed":
            return self.http(self.url, b"SELECT ?x WHERE { ?x")[0]
        if kind == "update":
            text = f"INSERT DATA {{ <urn:storm:{n}> <urn:p> <urn:o> }}"
            return self.http(self.url, text.encode(), "application/sparql-update")[0]
        if kind == "federation":
            keyword = ("SERVICE", "\\u0053ERVICE", "SERVIC\\u0045", "service")[n % 4]
            text = f"SELECT * WHERE {{ {keyword} <{base}/sparql> {{ ?s ?p ?o }} }}"
            return self.http(self.url, text.encode())[0]
        if kind == "oversized":
            with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
                sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                             "Content-Type: application/sparql-query\r\n"
                             "Content-Length: 2000000\r\n\r\nSELECT".encode())
                return sock.recv(64)[9:12].decode() or "closed"
        if kind == "deep":
            text = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
            return self.http(self.url, text.encode())[0]
        if kind == "bomb":
            return self.http(self.url, BOMB.encode())[0]
        return self.slowloris()

    def slowloris(self) -> str:
        head = (f"GET /sparql?query=ASK HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nX-Slow: "
                .encode() + b"a" * 1000)
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            for byte in head:
                if time.monotonic() - start > 15:
                    return "held"
                try:
                    sock.sendall(bytes([byte]))
                    readable, _, _ = select.select([sock], [], [], 0.05)
                    if readable and sock.recv(1024) == b"":
                        return "cut"
                except OSError:
                    return "cut"
        return "held"

    def client(self, index: int, until: float) -> None:
        n = index
        while time.monotonic() < until:
            kind = KINDS[n % len(KINDS)]
            try:
                outcome = self.one(kind, n)
            except (OSError, urllib.error.URLError) as e:
                outcome = f"ERR {type(e).__name__}"
            with self.lock:
                self.counts[kind][outcome] += 1
            n += 1


def _serve(source: Path, *, update: bool) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "kgraph", "serve", str(source), "--port", "0",
               "--workers", "4", "--timeout", "10", "--read-timeout", "2"]
    proc = subprocess.Popen(command + (["--allow-update"] if update else []),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().split(" at ")[1].split(" ")[0]


def _listen() -> tuple[socket.socket, list[bytes]]:
    sock = socket.create_server(("127.0.0.1", 0))
    hits: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                hits.append(conn.recv(1024) or b"(connected)")

    threading.Thread(target=accept, daemon=True).start()
    return sock, hits


def run(name: str, source: Path, seconds: float, clients: int) -> None:
    """Storm one backend and print its table."""
    listener, hits = _listen()
    proc, url = _serve(source, update=name == "memory")
    try:
        storm = Storm(url, listener)
        time.sleep(1)
        rss_start = _rss_mb(_tree(proc.pid))
        peak = [rss_start]
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=storm.client, args=(i, until)) for i in range(clients)]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            peak.append(_rss_mb(_tree(proc.pid)))
            time.sleep(0.5)
        time.sleep(3)  # idle connections expire, replaced workers settle
        rss_end = _rss_mb(_tree(proc.pid))
        correct = storm.valid_answer() == storm.expected
        family = _tree(proc.pid)[1:]
        began = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        stopped = time.monotonic() - began
        time.sleep(0.5)
        orphans = [pid for pid in family if _alive(pid)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
        listener.close()
    print(f"\n{name}: {clients} clients, {seconds:g} s")
    print(f"{'kind':<12}{'requests':>9}  outcomes")
    for kind in KINDS:
        tally = storm.counts[kind]
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(tally.items()))
        print(f"{kind:<12}{sum(tally.values()):>9}  {outcomes}")
    print(f"RSS of the process tree: start {rss_start:.0f} MB, peak {max(peak):.0f} MB, "
          f"end {rss_end:.0f} MB ({(rss_end / rss_start - 1) * 100:+.0f}%)")
    print(f"answers correctly after the storm: {correct}; listener contacted: {len(hits)} times")
    print(f"SIGTERM: exit {code} in {stopped:.2f} s; processes left: {len(orphans)} "
          f"of {len(family)}")


def main() -> None:
    """Build the sample once and storm each backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--backend", choices=("memory", "store", "both"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles = str(ROOT / "data" / "articles")
        kgraph = [sys.executable, "-m", "kgraph", "build", articles, "--quiet"]
        backends = []
        if args.backend in ("memory", "both"):
            subprocess.run([*kgraph, "--out", str(folder / "out")], check=True)
            backends.append(("memory", folder / "out" / "graph.trig"))
        if args.backend in ("store", "both"):
            subprocess.run([*kgraph, "--store", str(folder / "store")], check=True)
            backends.append(("store", folder / "store"))
        for name, source in backends:
            run(name, source, args.seconds, args.clients)


if __name__ == "__main__":
    main()
