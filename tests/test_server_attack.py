"""Hostile requests against a real ``kgraph serve`` on 127.0.0.1, over a graph file and a store.

Every probe must get a clean refusal, the server must keep answering correctly, a local
listener standing in for "the outside" must never be contacted, and SIGTERM must leave no
process behind.
"""

from __future__ import annotations

import json
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from kgraph.rdf.graph import build_graph, save_graph
from kgraph.store.oxigraph import ingest_article, open_store

pytestmark = pytest.mark.slow

ACTORS = "SELECT ?a WHERE { ?a a <https://kgraph.dev/ontology#Actor> } ORDER BY ?a"


@dataclass
class Listener:
    """A socket on 127.0.0.1 that records every connection made to it."""

    sock: socket.socket
    hits: list[bytes] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.hits.append(b"(connected)")


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    sock = socket.create_server(("127.0.0.1", 0))
    found = Listener(sock)
    threading.Thread(target=found.run, daemon=True).start()
    yield found
    sock.close()


@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])


@pytest.fixture(scope="module", params=["memory", "store"])
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from conftest import sample

    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "memory":
        source = save_graph(build_graph(sample()), folder / "graph.trig")
    else:
        source = folder / "store"
        store = open_store(source)
        for article, assertions in sample():
            ingest_article(store, article, assertions)
        del store
    with (folder / "stderr.txt").open("w") as errors:
        proc = subprocess.Popen([sys.executable, "-m", "kgraph", "serve", str(source),
                                 "--port", "0", "--workers", "2", "--timeout", "10",
                                 "--read-timeout", "1", "--max-connections", "50"],
                                stdout=subprocess.PIPE, stderr=errors, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().split(" at ")[1].split(" ")[0]
    yield Served(proc, url)
    if proc.poll() is None:
        proc.kill()
        proc.wait(30)
    proc.stdout.close()


def _http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _get(served: Served, query: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    return _http(served.url + "?" + urllib.parse.urlencode({"query": query, **params}))


def _post(served: Served, text: str, media: str = "application/sparql-query"
          ) -> tuple[int, dict[str, str], bytes]:
    return _http(served.url, data=text.encode(), headers={"Content-Type": media})


def _answers(served: Served) -> None:
    status, _, body = _get(served, ACTORS)
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 10


def _federated(base: str) -> list[str]:
    """SERVICE and FROM in every spelling: escapes, case, comments, prefixes, subqueries."""
    host = base.removeprefix("http://")
    escaped_iri = "http\\u003A//" + host.replace(".", "\\u002E") + "/"
    return [
        f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVIC\\u0045 <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0073\\u0065rvice <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{escaped_iri}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment\n <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#c\n<{base}/>{{ ?s ?p ?o }} }}",
        f"PREFIX r: <{base}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{base}/> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{base}/> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ SERVICE <{base}/> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{base}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * \\u0046ROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{base}/> {{ ?s ?p ?o }} }}",
    ]


def test_federation_in_every_spelling_reaches_nothing(served: Served, listener: Listener) -> None:
    for text in _federated(listener.base):
        for status, _, body in (_get(served, text), _post(served, text)):
            assert status in (400, 403), (text, status, body)
    status, _, _ = _get(served, "SELECT * WHERE { ?s ?p ?o }",
                        **{"default-graph-uri": f"{listener.base}/g.ttl"})
    assert status == 403
    for update in (f"LOAD <{listener.base}/x.ttl>", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"):
        assert _post(served, update, "application/sparql-update")[0] == 403
    _answers(served)
    assert listener.hits == []


def test_browsers_on_other_sites_get_nothing(served: Served) -> None:
    status, headers, _ = _http(served.url + "?query=ASK%7B%7D",
                               headers={"Origin": "https://attacker.example"})
    assert status == 200
    assert "access-control-allow-origin" not in {h.lower() for h in headers}
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as sock:
        sock.sendall(f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: rebound.attacker.example:"
                     f"{served.port}\r\nConnection: close\r\n\r\n".encode())
        reply = b"".join(iter(lambda: sock.recv(65536), b""))
    assert reply.startswith(b"HTTP/1.1 421 ")


def test_bad_and_oversized_requests_are_refused(served: Served) -> None:
    assert _get(served, "SELECT ?x WHERE { ?x")[0] == 400
    status, _, _ = _http(served.url, data=b"\xff\xfe", headers={
        "Content-Type": "application/sparql-query"})
    assert status == 400
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as sock:
        # the server answers from the declared length, without reading the body
        sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
                     "Content-Type: application/sparql-query\r\nContent-Length: 1100000\r\n"
                     "\r\nSELECT * WHERE { ?s ?p ?o } #".encode())
        assert sock.recv(65536).startswith(b"HTTP/1.1 413 ")
    deep = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    status, _, body = _post(served, deep)
    assert status == 400 and b"3000 deep" in body
    parens = "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"
    assert _post(served, parens)[0] == 400
    status, headers, body = _http(served.url + "?query=ASK%7B%7D", method="HEAD")
    assert (status, body) == (200, b"") and int(headers["content-length"]) > 0
    assert _http(served.url, method="PUT", data=b"x")[0] == 405
    _answers(served)


def test_a_string_doubling_query_is_refused_and_the_worker_replaced(served: Served) -> None:
    # about 800 bytes of query for a 512 MB string
    doubling = ('SELECT ?x WHERE { BIND("0123456789abcdef0123456789abcdef" AS ?a0) '
                + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(24))
                + " BIND(?a24 AS ?x) }")
    assert len(doubling) < 1_000
    status, _, body = _get(served, doubling)
    assert status == 500 and (b"larger than" in body or b"memory" in body), body
    smaller = ('SELECT ?x WHERE { BIND("0123456789abcdef0123456789abcdef" AS ?a0) '
               + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(21))
               + " BIND(?a21 AS ?x) }")  # 64 MB: over the 50 MB response limit
    status, _, body = _get(served, smaller)
    assert status == 500 and b"larger than 50000000 bytes" in body
    _answers(served)


def test_slow_and_idle_connections_are_cut_off(served: Served) -> None:
    start = f"GET /sparql?query=ASK HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n".encode()
    slow = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(10)]
    idle = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(10)]
    cut = set()
    for step in range(300):  # one byte a connection every 20 ms: 6 s if never cut off
        for i, sock in enumerate(slow):
            if i in cut:
                continue
            try:
                sock.sendall((start + b"X-Slow: " + b"a" * 1000)[step:step + 1])
                readable, _, _ = select.select([sock], [], [], 0)
                if readable and sock.recv(1024) == b"":
                    cut.add(i)
            except OSError:
                cut.add(i)
        if len(cut) == len(slow):
            break
        time.sleep(0.02)
    assert len(cut) == len(slow)
    for sock in idle:
        sock.settimeout(30)
        assert sock.recv(1024) == b""
    for sock in slow + idle:
        sock.close()
    _answers(served)


def test_sigterm_leaves_no_process(served: Served, listener: Listener) -> None:
    from conftest import descendants, running

    _answers(served)
    family = descendants(served.proc.pid)
    assert len(family) >= 3  # the zygote and the workers
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(30) == 0
    for _ in range(100):
        if not any(running(pid) for pid in family):
            break
        time.sleep(0.05)
    assert [pid for pid in family if running(pid)] == []
    assert listener.hits == []
