"""Tests of kgraph.server.endpoint with real clients: SPARQLWrapper, rdflib's SPARQLStore, urllib.

The servers listen on free loopback ports; their worker processes are forked, so each server is
made in the main thread (the fixtures) and served from a background thread.
"""

from __future__ import annotations

import json
import os
import re
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
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kgraph import query
from kgraph.rdf.graph import build_graph, save_graph
from kgraph.server.endpoint import ServerOptions, SparqlServer, make_server, negotiate
from kgraph.store.oxigraph import ingest_article, open_store

ACTORS = "SELECT ?a WHERE { ?a a <https://kgraph.dev/ontology#Actor> } ORDER BY ?a"
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
        "?m ?n0 ?o }")


def _start(server: SparqlServer) -> SparqlServer:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _stop(server: SparqlServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[SparqlServer]:
    from conftest import sample

    srv = _start(make_server(build_graph(sample()), port=0,
                             options=ServerOptions(timeout=20, workers=3, max_results=100,
                                                   max_request_bytes=20_000)))
    yield srv
    _stop(srv)


def _http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def _get(server: SparqlServer, query: str, accept: str = "") -> tuple[int, str, bytes]:
    url = server.url + "?" + urllib.parse.urlencode({"query": query})
    return _http(url, headers={"Accept": accept} if accept else {})


def _actors(server: SparqlServer) -> list[str]:
    status, _, body = _get(server, ACTORS, "application/sparql-results+json")
    assert status == 200
    return [b["a"]["value"] for b in json.loads(body)["results"]["bindings"]]


# ---------------------------------------------------------------- protocol and formats


def test_sparqlwrapper_select_in_every_results_format(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url)
    client.setQuery(ACTORS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert len(rows) == 10
    assert rows[0]["a"] == {"type": "uri", "value": "https://kgraph.dev/id/actor/abu-bakr-al-baghdadi"}
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 10  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    lines = client.query().convert().decode().splitlines()  # type: ignore[union-attr]
    assert lines[0] == "a" and len(lines) == 11
    client.setReturnFormat(TSV)
    lines = client.query().convert().decode().splitlines()  # type: ignore[union-attr]
    assert lines[0] == "?a" and lines[1] == "<https://kgraph.dev/id/actor/abu-bakr-al-baghdadi>"


def test_sparqlwrapper_post_and_construct(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url)
    client.setMethod("POST")
    client.setQuery("CONSTRUCT { ?a a <https://kgraph.dev/ontology#Actor> } "
                    "WHERE { ?a a <https://kgraph.dev/ontology#Actor> }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 10


def test_rdflib_sparqlstore(server: SparqlServer) -> None:
    store = SPARQLStore(server.url)
    assert len(list(store.query(ACTORS))) == 10
    assert store.query("ASK { ?s ?p ?o }").askAnswer is True
    construct = store.query("CONSTRUCT WHERE { ?a a <https://kgraph.dev/ontology#State> }")
    assert len(construct.graph) == 3  # type: ignore[arg-type]
    store.close()


def test_post_bodies_and_content_negotiation(server: SparqlServer) -> None:
    status, media, body = _http(server.url, data=ACTORS.encode(),
                                headers={"Content-Type": "application/sparql-query",
                                         "Accept": "text/csv"})
    assert (status, media) == (200, "text/csv; charset=utf-8")
    assert body.decode().splitlines()[0] == "a"
    form = urllib.parse.urlencode({"query": "DESCRIBE <https://kgraph.dev/id/actor/iran>"})
    status, media, body = _http(server.url, data=form.encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded",
                                         "Accept": "application/ld+json"})
    assert status == 200 and media.startswith("application/ld+json")
    assert "https://kgraph.dev/id/actor/iran" in body.decode()
    status, _, body = _get(server, ACTORS, "text/turtle")
    assert status == 406 and b"available" in body
    status, _, _ = _get(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5",
                         "application/n-triples")
    assert status == 200
    status, _, _ = _http(server.url, data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 415
    assert _http(server.url.replace("/sparql", "/nowhere"))[0] == 404


def test_common_prefixes_are_predeclared(server: SparqlServer) -> None:
    status, _, body = _get(server, "SELECT ?a WHERE { ?a a kg:Actor . ?a skos:prefLabel ?l } "
                                   "LIMIT 1", "application/sparql-results+json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 1
    status, _, body = _get(server, "PREFIX kg: <urn:nothing#> ASK { ?a a kg:Actor }",
                           "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is False


def test_viewer_at_root(server: SparqlServer) -> None:
    status, media, body = _http(server.url.replace("/sparql", "/"))
    assert status == 200 and media.startswith("text/html")
    assert b'id="kgraph-data"' in body
    data = re.search(rb'id="kgraph-data"[^>]*>(.*?)</script>', body, re.S)
    assert data and json.loads(data.group(1))["blocs"]  # the page carries the blocs


def test_negotiate() -> None:
    assert negotiate("", "SELECT") == "application/sparql-results+json"
    assert negotiate("*/*", "CONSTRUCT") == "text/turtle"
    assert negotiate("text/*;q=0.9, application/ld+json", "DESCRIBE") == "application/ld+json"
    assert negotiate("text/csv;q=0", "ASK") is None


# ---------------------------------------------------------------- refusing and limiting


def test_malformed_queries_get_400_and_the_server_keeps_answering(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url)
    client.setReturnFormat(JSON)
    for text in ("SELECT ?x WHERE { ?x", "SELECT ?x WHERE { FILTER( }", "ASK { ?s <a b> ?o }",
                 "SELECT (COUNT(*) ?n) WHERE { ?s ?p ?o }"):
        client.setQuery(text)
        with pytest.raises((QueryBadFormed, SPARQLWrapperException)):
            client.query()
    for text in ("SELEC ?x WHERE {}", "\x00\x01", "", "PREFIX", "SELECT * WHERE { ?s ?p }"):
        status, _, body = _get(server, text)
        assert status == 400 and body.startswith(b"malformed query"), text
    assert len(_actors(server)) == 10


def test_oversized_requests_get_413(server: SparqlServer) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000
    status, _, _ = _http(server.url, data=big.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert status == 413
    assert _get(server, big)[0] in (413, 414)
    assert len(_actors(server)) == 10


def test_update_is_refused(server: SparqlServer) -> None:
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    status, _, body = _http(server.url, data=insert.encode(),
                            headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"Update" in body
    form = urllib.parse.urlencode({"update": insert}).encode()
    status, _, _ = _http(server.url, data=form,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    assert _get(server, "ASK { <urn:a> ?p ?o }", "application/sparql-results+json")[2] \
        == b'{"head": {}, "boolean": false}'


def test_result_limit_gives_an_error_not_a_truncated_answer(server: SparqlServer) -> None:
    status, _, body = _get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500 and b"more than 100 rows" in body
    status, _, body = _get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 100")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 100


class _Witness(BaseHTTPRequestHandler):
    """A second local server that counts every request it gets."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b"<urn:fetched> <urn:p> <urn:o> .\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def witness() -> Iterator[tuple[str, list[str]]]:
    _Witness.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Witness)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Witness.hits
    httpd.shutdown()
    httpd.server_close()


def _federated_queries(base: str, secret: Path) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * FROM NAMED <{base}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]


def test_federation_is_refused(server: SparqlServer, witness, tmp_path: Path) -> None:
    base, hits = witness
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret> <urn:p> <urn:local-file-was-read> .\n")
    for text in _federated_queries(base, secret):
        status, _, body = _get(server, text)
        assert status == 403, text
        assert b"not allowed" in body and b"local-file-was-read" not in body
    url = server.url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }",
                                                     "default-graph-uri": f"{base}/g.ttl"})
    assert _http(url)[0] == 403
    assert hits == []


@pytest.mark.slow
def test_the_witness_would_see_a_fetch_when_federation_is_allowed(witness) -> None:
    from conftest import sample

    base, hits = witness
    srv = _start(make_server(build_graph(sample()), port=0,
                             options=ServerOptions(allow_federation=True, workers=1)))
    try:
        status, _, body = _get(srv, f"SELECT * FROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}")
    finally:
        _stop(srv)
    assert status == 200 and b"urn:fetched" in body
    assert hits


@pytest.mark.slow
def test_a_slow_query_times_out_without_blocking_others() -> None:
    from conftest import sample

    srv = _start(make_server(build_graph(sample()), port=0,
                             options=ServerOptions(timeout=4, workers=2)))
    try:
        slow: dict[str, object] = {}

        def run_slow() -> None:
            slow["reply"] = _get(srv, SLOW)

        thread = threading.Thread(target=run_slow)
        thread.start()
        fast = [_actors(srv) for _ in range(5)]  # answered while the slow query runs
        assert "reply" not in slow
        thread.join(120)
        status, _, body = slow["reply"]  # type: ignore[misc]
        assert status == 503 and b"time limit" in body
        assert all(len(a) == 10 for a in fast)
        assert len(_actors(srv)) == 10  # the killed worker was replaced
    finally:
        _stop(srv)


@pytest.mark.slow
def test_twenty_concurrent_clients(server: SparqlServer) -> None:
    def ask(i: int) -> int:
        client = SPARQLWrapper(server.url)
        client.setQuery(ACTORS if i % 2 else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        client.setReturnFormat(JSON)
        return len(client.query().convert()["results"]["bindings"])  # type: ignore[index]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, range(60)))
    assert results == [1 if i % 2 == 0 else 10 for i in range(60)]
    assert len(_actors(server)) == 10


def test_allowed_update_is_seen_by_later_queries() -> None:
    from conftest import sample

    srv = _start(make_server(build_graph(sample()), port=0,
                             options=ServerOptions(allow_update=True, workers=2)))
    try:
        status, _, _ = _http(srv.url, data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                             headers={"Content-Type": "application/sparql-update"})
        assert status == 204
        for _ in range(3):  # whichever worker answers
            assert _get(srv, "ASK { <urn:a> <urn:b> <urn:c> }")[2] == \
                b'{"head": {}, "boolean": true}'
        load = b"LOAD <http://127.0.0.1:9/x.ttl>"
        status, _, _ = _http(srv.url, data=load,
                             headers={"Content-Type": "application/sparql-update"})
        assert status == 403
    finally:
        _stop(srv)


def test_store_is_served_and_refuses_service(tmp_path: Path, witness) -> None:
    from conftest import sample

    folder = tmp_path / "store"
    store = open_store(folder)
    for article, assertions in sample():
        ingest_article(store, article, assertions)
    del store
    base, hits = witness
    srv = _start(make_server(folder, port=0, options=ServerOptions(workers=2)))
    try:
        assert len(_actors(srv)) == 10
        status, _, body = _get(srv, "SELECT ?a WHERE { ?a a kg:Actor } LIMIT 1",
                               "application/sparql-results+json")
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
        status, _, _ = _get(srv, f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}")
        assert status == 403 and hits == []
        status, _, body = _http(srv.url.replace("/sparql", "/"))
        assert status == 200 and b"kgraph-data" in body
        # the endpoint sees the user's graphs only, as the same graph loaded from a file
        graphs = {row["g"]["value"] for row in json.loads(_get(
            srv, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }",
            "application/sparql-results+json")[2])["results"]["bindings"]}
        assert graphs == {str(g.identifier) for g in build_graph(sample()).graphs()
                          if len(g) > 0}
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        served = json.loads(_get(srv, count, "application/sparql-results+json")[2])
        plain = pyoxigraph.Store()  # the same graph from a file, in Oxigraph without kgraph
        plain.bulk_load(path=str(save_graph(build_graph(sample()), tmp_path / "g.nq")),
                        format=pyoxigraph.RdfFormat.N_QUADS)
        assert int(served["results"]["bindings"][0]["n"]["value"]) == \
            query(plain, count).rows[0]["n"]
    finally:
        _stop(srv)


@pytest.mark.slow
def test_cli_serve(tmp_path: Path) -> None:
    from conftest import sample

    from kgraph.rdf.graph import save_graph

    path = save_graph(build_graph(sample()), tmp_path / "graph.trig")
    proc = subprocess.Popen([sys.executable, "-m", "kgraph", "serve", str(path), "--port", "0",
                             "--workers", "1"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line
        url = line.split(" at ")[1].split(" ")[0]
        status, _, body = _http(url + "?" + urllib.parse.urlencode({"query": ACTORS}))
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 10
    finally:
        proc.terminate()
        proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()


# ---------------------------------------------------------------- the HTTP layer


def _raw(server: SparqlServer, request: bytes) -> bytes:
    """Send raw bytes and read the whole reply (the request should ask to close)."""
    with socket.create_connection(server.server_address, timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_head_gives_the_headers_of_get_and_no_body(server: SparqlServer) -> None:
    status, media, body = _http(server.url + "?" + urllib.parse.urlencode({"query": ACTORS}),
                                method="HEAD")
    assert (status, media, body) == (200, "application/sparql-results+json", b"")
    get = _get(server, ACTORS)[2]
    port = server.server_address[1]
    reply = _raw(server, b"HEAD /sparql?" + urllib.parse.urlencode({"query": ACTORS}).encode()
                 + f" HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    head, _, rest = reply.partition(b"\r\n\r\n")
    assert f"content-length: {len(get)}".encode() in head.lower() and rest == b""
    assert _http(server.url.replace("/sparql", "/"), method="HEAD")[:2] == \
        (200, "text/html; charset=utf-8")


def test_no_cors_header_by_default(server: SparqlServer) -> None:
    request = urllib.request.Request(server.url + "?query=ASK%7B%7D",
                                     headers={"Origin": "https://elsewhere.example"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None
    preflight = urllib.request.Request(server.url, method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None


def test_cors_for_the_origin_given_only() -> None:
    from conftest import sample

    origin = "https://reader.example"
    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=1, cors=(origin,))) as srv:
        srv.start()
        request = urllib.request.Request(srv.url + "?query=ASK%7B%7D", headers={"Origin": origin})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] == origin
        preflight = urllib.request.Request(srv.url, method="OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type"})
        with urllib.request.urlopen(preflight, timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] == origin
            assert "POST" in response.headers["Access-Control-Allow-Methods"]
        other = urllib.request.Request(srv.url + "?query=ASK%7B%7D",
                                       headers={"Origin": "https://elsewhere.example"})
        with urllib.request.urlopen(other, timeout=30) as response:
            assert response.headers.get("Access-Control-Allow-Origin") is None


def test_a_host_header_naming_another_server_gets_421(server: SparqlServer) -> None:
    port = server.server_address[1]
    query = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for host in (f"attacker.example:{port}", "attacker.example", f"localhost:{port + 1}",
                 f"127.0.0.2:{port}", f"localhost.attacker.example:{port}"):
        reply = _raw(server, f"GET {query} HTTP/1.1\r\nHost: {host}\r\n"
                             "Connection: close\r\n\r\n".encode())
        assert reply.startswith(b"HTTP/1.1 421 "), host
        assert b"does not answer for host" in reply
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}",
                 f"LOCALHOST:{port}"):
        reply = _raw(server, f"GET {query} HTTP/1.1\r\nHost: {host}\r\n"
                             "Connection: close\r\n\r\n".encode())
        assert reply.startswith(b"HTTP/1.1 200 "), host


def test_a_client_sending_its_headers_byte_by_byte_is_cut_off() -> None:
    from conftest import sample

    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=1, read_timeout=1)) as srv:
        srv.start()
        port = srv.server_address[1]
        endless = (f"GET /sparql?query=ASK HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
                   + b"X-Slow: " + b"a" * 600)
        with socket.create_connection(srv.server_address, timeout=30) as sock:
            sent = 0
            try:
                for byte in endless:  # 600 bytes at 100 a second: a minute if never cut off
                    sock.sendall(bytes([byte]))
                    sent += 1
                    readable, _, _ = select.select([sock], [], [], 0.01)
                    if readable and sock.recv(1024) == b"":
                        break
            except OSError:
                pass
        assert sent < len(endless)
        with socket.create_connection(srv.server_address, timeout=30) as idle:
            assert idle.recv(1024) == b""  # an idle connection is closed as well
        assert len(_actors(srv)) == 10


def test_connections_past_the_limit_get_503() -> None:
    from conftest import sample

    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=1, max_connections=5)) as srv:
        srv.start()
        held = [socket.create_connection(srv.server_address) for _ in range(5)]
        time.sleep(0.2)  # let the server accept them
        status, _, body = _get(srv, "ASK { ?s ?p ?o }")
        assert status == 503 and b"too many connections" in body
        for sock in held:
            sock.close()
        time.sleep(0.2)
        assert len(_actors(srv)) == 10


# ---------------------------------------------------------------- limits


def test_response_size_limit_gives_an_error_not_a_truncated_answer() -> None:
    from conftest import sample

    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=1, max_response_bytes=2_000)) as srv:
        srv.start()
        status, _, body = _get(srv, "SELECT * WHERE { ?s ?p ?o } LIMIT 100")
        assert status == 500 and b"larger than 2000 bytes" in body
        doubling = ('SELECT ?x WHERE { BIND("0123456789abcdef" AS ?a0) '
                    + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(12))
                    + " BIND(?a12 AS ?x) }")
        status, _, body = _get(srv, doubling)
        assert status == 500 and b"larger than 2000 bytes" in body
        assert _get(srv, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0] == 200


def test_rows_are_counted_as_they_are_produced() -> None:
    from conftest import sample

    from kgraph.server.endpoint import answer
    from kgraph.server.workers import Request

    # 341**4 (13 billion) rows: only a lazy count answers before the heat death
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    reply = answer(build_graph(sample()), Request("query", huge),
                   ServerOptions(max_results=100))
    assert reply.status == 500 and b"more than 100 rows" in reply.body


def test_deeply_nested_queries_get_400(server: SparqlServer) -> None:
    deep = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    status, _, body = _http(server.url, data=deep.encode(),
                            headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"3000 deep" in body
    parens = "SELECT * WHERE { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }"
    status, _, body = _get(server, parens)
    assert status == 400 and b"nested too deeply" in body
    assert len(_actors(server)) == 10


# ---------------------------------------------------------------- lifecycle


def test_crashed_workers_are_replaced(server: SparqlServer) -> None:
    for pid in list(server.pool.running):
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert [len(_actors(server)) for _ in range(5)] == [10] * 5


def test_a_killed_zygote_is_replaced() -> None:
    from conftest import sample

    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=2, allow_update=True)) as srv:
        srv.start()
        insert = b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"
        assert _http(srv.url, data=insert,
                     headers={"Content-Type": "application/sparql-update"})[0] == 204
        first = srv.pool.zygote
        os.kill(first, signal.SIGKILL)  # its workers die with it
        time.sleep(0.2)
        assert [len(_actors(srv)) for _ in range(4)] == [10] * 4
        assert srv.pool.zygote != first
        # the new zygote replayed the update
        assert _get(srv, "ASK { <urn:a> <urn:b> <urn:c> }")[2] == b'{"head": {}, "boolean": true}'


@pytest.mark.slow
def test_updates_have_the_time_limit_and_cannot_kill_the_zygote() -> None:
    from conftest import sample

    with make_server(build_graph(sample()), port=0,
                     options=ServerOptions(workers=2, allow_update=True, timeout=3)) as srv:
        srv.start()
        zygote = srv.pool.zygote

        def update(text: str) -> tuple[int, bytes]:
            status, _, body = _http(srv.url, data=text.encode(),
                                    headers={"Content-Type": "application/sparql-update"})
            return status, body

        status, body = update("INSERT { <urn:x> <urn:y> ?n } WHERE { SELECT (COUNT(*) AS ?n) "
                              "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }")
        assert status == 503 and b"time limit" in body
        deep = "INSERT { <urn:x> <urn:y> <urn:z> } WHERE " + "{ " * 3000 + "} " * 3000
        assert update(deep)[0] == 400
        nested = ("INSERT { <urn:x> <urn:y> <urn:z> } WHERE { FILTER(" + "(" * 40 + "1"
                  + ")" * 40 + ") }")
        assert update(nested)[0] == 400
        assert srv.pool.zygote == zygote
        assert _get(srv, "ASK { <urn:x> ?p ?o }")[2] == b'{"head": {}, "boolean": false}'
        assert update("INSERT DATA { <urn:x> <urn:y> <urn:z> }")[0] == 204
        assert _get(srv, "ASK { <urn:x> ?p ?o }")[2] == b'{"head": {}, "boolean": true}'


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_every_worker(tmp_path: Path, sig: int) -> None:
    from conftest import descendants, running, sample

    from kgraph.rdf.graph import save_graph

    path = save_graph(build_graph(sample()), tmp_path / "graph.trig")
    proc = subprocess.Popen([sys.executable, "-m", "kgraph", "serve", str(path), "--port", "0",
                             "--workers", "2"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().split(" at ")[1].split(" ")[0]
    slow = threading.Thread(target=_http, args=(url + "?" + urllib.parse.urlencode(
        {"query": SLOW}),), daemon=True)
    slow.start()  # a worker is busy when the signal comes
    time.sleep(1)
    family = descendants(proc.pid)
    assert len(family) == 3  # the zygote and two workers
    proc.send_signal(sig)
    assert proc.wait(30) == 0
    proc.stdout.close()
    for _ in range(100):
        if not any(running(pid) for pid in family):
            break
        time.sleep(0.05)
    assert [pid for pid in family if running(pid)] == []
