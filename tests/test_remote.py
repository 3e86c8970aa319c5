"""Tests of kgraph.store.remote: building into a real Oxigraph server over the SPARQL 1.1
protocols."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from scale_corpus import assert_same_graphs, write_corpus

from kgraph.cli import app
from kgraph.errors import GraphError
from kgraph.run.build import build, build_store
from kgraph.store import open_backend
from kgraph.store.oxigraph import DIGEST, STORE_GRAPH, article_digests, open_store
from kgraph.store.oxigraph import to_dataset as store_dataset
from kgraph.store.remote import RemoteBackend, is_remote, parse_remote, select, to_dataset


def test_parse_remote_defaults_to_oxigraph_endpoints() -> None:
    r = parse_remote("sparql+http://127.0.0.1:7878")
    assert (r.query, r.update, r.graph_store) == ("http://127.0.0.1:7878/query",
                                                  "http://127.0.0.1:7878/update",
                                                  "http://127.0.0.1:7878/store")
    g = parse_remote("sparql+https://db.example/repositories/kg?query=&update=statements"
                     "&gsp=rdf-graphs/service")
    assert (g.query, g.update, g.graph_store) == (
        "https://db.example/repositories/kg", "https://db.example/repositories/kg/statements",
        "https://db.example/repositories/kg/rdf-graphs/service")


@pytest.mark.parametrize("url", ["http://127.0.0.1:7878", "sparql+http://", "sparql+http://h/?x=1"])
def test_bad_remote_urls(url: str) -> None:
    with pytest.raises(GraphError):
        parse_remote(url)


def test_is_remote() -> None:
    assert is_remote("sparql+https://h/x") and not is_remote(Path("sparql+http://h"))
    assert not is_remote("kg.db")


def test_an_unreachable_server_is_a_graph_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    with pytest.raises(GraphError, match=r"127\.0\.0\.1"):
        select(parse_remote(f"sparql+http://127.0.0.1:{port}", timeout=5), "ASK {}")


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server on a free loopback port, with its data in a temp folder."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server-data"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not start")
        yield f"sparql+{url}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_build_into_a_server_and_query_it_back(server: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, 6)
    summary = build_store([corpus], server)
    assert (summary.added, summary.unchanged) == (8, 0)

    remote = parse_remote(server)
    in_memory = build([corpus])
    served = to_dataset(remote)
    assert_same_graphs(in_memory, served, skip=(STORE_GRAPH,))
    local = tmp_path / "local"
    build_store([corpus], local)
    stored = open_store(local)
    assert_same_graphs(store_dataset(stored), served, skip=(STORE_GRAPH,))
    assert article_digests(stored) == {  # and the same digests
        str(g): str(d) for g, d in served.graph(STORE_GRAPH).subject_objects(DIGEST)}

    rows = select(remote, """
        PREFIX kg: <https://kgraph.dev/ontology#>
        SELECT ?id WHERE { GRAPH ?g { ?a kg:actorId ?id } } ORDER BY ?id""")
    ids = {str(r["id"]) for r in rows}
    assert {"northern-lions-brigade", "hezbollah"} <= ids

    again = build_store([corpus], server)  # resume: everything is there already
    assert (again.added, again.unchanged) == (0, 8)
    redone = build_store([corpus], server, resume=False)
    assert (redone.added, redone.replaced, redone.unchanged) == (0, 0, 8)


@pytest.mark.slow
def test_cli_build_into_a_server_with_outputs(server: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path, 2)
    out = tmp_path / "out"
    assert app(["build", str(corpus), "--store", server, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "added         4" in printed and server in printed
    assert (out / "graph.trig").stat().st_size > 0
    graph = URIRef("https://kgraph.dev/id/graph/actors")
    assert len(to_dataset(parse_remote(server)).graph(graph)) > 0


@pytest.mark.slow
def test_the_remote_backend_removes_and_queries(server: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, 2)
    build_store([corpus], server)
    backend = open_backend(server)
    assert isinstance(backend, RemoteBackend) and backend.location == server
    ids = [row["id"] for row in backend.query("articles").rows]
    article_id = ids[0]
    assert backend.content_hash(article_id) is not None
    assert backend.remove(article_id) and not backend.remove(article_id)
    assert backend.content_hash(article_id) is None
    fresh = open_backend(server)  # what the server holds now, read again
    assert fresh.digest(article_id) is None and len(fresh.query("articles").rows) == len(ids) - 1
