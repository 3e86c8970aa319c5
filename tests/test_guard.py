"""Tests of kgraph.sparql.guard: every spelling of a query that reaches outside the graph is refused
by the text the engine parses, on rdflib and on Oxigraph, in Python, in the endpoint's answer
function and on the command line; a listener on 127.0.0.1 proves that nothing was fetched."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph import query
from kgraph.errors import QueryError
from kgraph.rdf.graph import new_dataset
from kgraph.server.endpoint import ServerOptions, answer
from kgraph.server.workers import Request
from kgraph.sparql.guard import canonical, isolate_network
from kgraph.store.oxigraph import open_store


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


# Every spelling of SERVICE, FROM and FROM NAMED we know; {url} is the listener.
PROBES = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
    "mixed case": "SeLeCt * WhErE { SeRvIcE <{url}> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "escaped first letter": r"SELECT * WHERE { \u0053ERVICE <{url}> { ?s ?p ?o } }",
    "escaped last letter": r"SELECT * WHERE { SERVIC\u0045 <{url}> { ?s ?p ?o } }",
    "long escape": r"SELECT * WHERE { \U00000053ERVICE <{url}> { ?s ?p ?o } }",
    "every letter escaped": (r"SELECT * WHERE { \u0053\u0045\u0052\u0056\u0049\u0043\u0045 "
                             "<{url}> { ?s ?p ?o } }"),
    "escaped IRI": r"SELECT * WHERE { SERVICE <\u0068ttp\u003A//{hostport}/> { ?s ?p ?o } }",
    "upper-case hex": r"SELECT * WHERE { SERVICE <http\u003a//{hostport}/> { ?s ?p ?o } }",
    "prefixed name": "PREFIX r: <{url}> SELECT * WHERE { SERVICE r:x { ?s ?p ?o } }",
    "comment before IRI": "SELECT * WHERE { SERVICE # note\n <{url}> { ?s ?p ?o } }",
    "escaped newline ends a comment": (r"SELECT * WHERE { ?s ?p ?o # c \u000A SERVICE <{url}> "
                                       "{ ?s ?p ?o } \n}"),
    "in a subquery": ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }"),
    "in OPTIONAL and UNION": ("SELECT * WHERE { { ?s ?p ?o } UNION { OPTIONAL { SERVICE <{url}> "
                              "{ ?s ?p ?o } } } }"),
    "in EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "FROM": "SELECT * FROM <{url}> WHERE { ?s ?p ?o }",
    "FROM NAMED": "SELECT * FROM NAMED <{url}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "escaped FROM": r"SELECT * FR\u004FM <{url}> WHERE { ?s ?p ?o }",
    "ASK": "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "escape spelling an escape": r"SELECT * WHERE { \u005Cu0053ERVICE <{url}> { ?s ?p ?o } }",
    # rdflib reads \u plus eight digits as one escape, the specification and Oxigraph as \u0000
    # and four characters: rdflib saw a string here, Oxigraph a SERVICE (it fetched the URL).
    "escape closing a string for rdflib only": (
        r'SELECT * WHERE { BIND("x\u00000022 AS ?a) BIND(" AS ?b) SERVICE <{url}> '
        r'{ ?s ?p ?o } BIND(" AS ?c) BIND(\u00000022y" AS ?d) }'),
}


def _probe(template: str, port: int) -> str:
    hostport = f"127.0.0.1:{port}"
    return template.replace("{url}", f"http://{hostport}/sparql").replace("{hostport}", hostport)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_is_refused_in_memory_and_on_a_store(name: str, listener: Listener) -> None:
    text = _probe(PROBES[name], listener.port)
    for data in (new_dataset(), ox.Store()):
        with pytest.raises(QueryError):
            query(data, text)
    assert listener.connections == 0


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_is_refused_by_the_endpoint(name: str, listener: Listener) -> None:
    text = _probe(PROBES[name], listener.port)
    for data in (new_dataset(), ox.Store()):
        reply = answer(data, Request("query", text, "", ()), ServerOptions())
        assert reply.status in (400, 403), (name, reply.status, reply.body[:200])
    assert listener.connections == 0


def test_the_check_and_the_engine_read_the_same_text() -> None:
    assert canonical(r'SELECT ("caf\u00e9" AS ?x) {}') == 'SELECT ("café" AS ?x) {}'
    assert canonical(r"SELECT (\U0001F600 AS ?x) {}") == "SELECT (\U0001f600 AS ?x) {}"
    assert canonical("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"
    for bad in (r"\uD800", r"\U00110000", r"\u005Cu0041", r"\u005CU00000041"):
        with pytest.raises(QueryError):
            canonical(f"SELECT * {{ ?s ?p {bad} }}")
    # an escaped query that stays inside the graph still runs, on both engines
    ok = r'SELECT ?x WHERE { BIND("\u0041" AS ?x) }'
    for data in (new_dataset(), ox.Store()):
        assert query(data, ok).rows == [{"x": "A"}]


def test_plain_queries_still_answer_on_the_endpoint() -> None:
    for data in (new_dataset(), ox.Store()):
        reply = answer(data, Request("query", "ASK {}", "", ()), ServerOptions())
        assert reply.status == 200


def test_federation_can_still_be_allowed() -> None:
    reply = answer(new_dataset(), Request("query", r"SELECT * WHERE { \u0053ERVICE <x:y> {} }",
                                          "", ()), ServerOptions(allow_federation=True))
    assert reply.status != 403


@pytest.mark.slow
@pytest.mark.parametrize("name", ["escaped first letter", "escaped IRI",
                                  "escape closing a string for rdflib only"])
def test_the_command_line_refuses_every_spelling_on_a_store(name: str, tmp_path: Path,
                                                           listener: Listener) -> None:
    store = tmp_path / "kg.db"
    open_store(store).graphs.flush()
    proc = subprocess.run([sys.executable, "-m", "kgraph", "query", "--store", str(store),
                           "--sparql", _probe(PROBES[name], listener.port)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0
    assert "not allowed" in proc.stderr
    assert listener.connections == 0


def _connect_after_isolation(port: int) -> str:
    """In a child process: cut it off, then try the listener directly and through Oxigraph."""
    pid = os.fork()
    if pid == 0:  # the child reports through its exit status
        code = 3
        try:
            if not isolate_network():
                code = 2
            else:
                code = 0
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    code = 1
                except OSError:
                    pass
                try:  # the engine itself, with the guard out of the way
                    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE "
                                          f"<http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"))
                    code = 1
                except OSError:
                    pass
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return {0: "isolated", 1: "reached", 2: "not allowed here"}.get(
        os.waitstatus_to_exitcode(status), "failed")


def test_an_isolated_process_reaches_nothing(listener: Listener) -> None:
    outcome = _connect_after_isolation(listener.port)
    if outcome == "not allowed here":
        pytest.skip("this system allows no network namespace (no root, no user namespaces)")
    assert outcome == "isolated"
    assert listener.connections == 0
