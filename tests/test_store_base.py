"""Tests of kgraph.store.base and kgraph.store.open_backend: the storage protocol, the backends
that ship, and a fourth one written here (a dict of rdflib graphs) that the one build loop
builds into: a backend is one class."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from kgraph.errors import GraphError
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.rdf.graph import build_graph, new_dataset, save_graph
from kgraph.rdf.namespace import ACTORS_GRAPH, KG, actor_iri, article_graph_iri
from kgraph.rdf.quads import ArticleQuads, article_digest, article_quads
from kgraph.rdf.terms import Triple
from kgraph.sparql.named import QueryResult, query
from kgraph.store import MemoryBackend, OxigraphBackend, dump, open_backend
from kgraph.store.base import Backend, IngestOutcome, ingest_with_digest
from kgraph.store.oxigraph import open_store
from kgraph.store.resume import is_done, mark_done


class DictBackend:
    """A toy backend: one rdflib graph per named graph in a dict, bookkeeping in two more."""

    def __init__(self) -> None:
        self.graphs: dict[URIRef, Graph] = {}
        self.digests: dict[str, str] = {}
        self.hashes: dict[str, str] = {}
        self.flushes = 0

    @property
    def location(self) -> str:
        return "dict:"

    def ingest(self, article: Article, assertions: Iterable[Assertion], *,
               actors: Iterable[Actor] = (), model: str = "") -> IngestOutcome:
        return ingest_with_digest(self, article, assertions, actors=actors, model=model)

    def digest(self, article_id: str) -> str | None:
        return self.digests.get(article_id)

    def description(self, actor: URIRef) -> frozenset[Triple]:
        graph = self.graphs.get(ACTORS_GRAPH, Graph())
        return frozenset(graph.triples((actor, None, None)))

    def write(self, quads: ArticleQuads, digest: str,
              descriptions: Mapping[URIRef, frozenset[Triple]]) -> None:
        graph = self.graphs[quads.graph] = Graph()
        graph += quads.triples
        actors = self.graphs.setdefault(ACTORS_GRAPH, Graph())
        for actor, triples in descriptions.items():
            actors.remove((actor, None, None))
            actors += triples
        self.digests[quads.article_id] = digest

    def content_hash(self, article_id: str) -> str | None:
        return self.hashes.get(article_id) if article_id in self.digests else None

    def record_content_hash(self, article_id: str, value: str) -> None:
        self.hashes[article_id] = value

    def remove(self, article_id: str) -> bool:
        self.digests.pop(article_id, None)
        return self.graphs.pop(article_graph_iri(article_id), None) is not None

    def query(self, name_or_sparql: str, **bindings: str) -> QueryResult:
        return query(self.to_dataset(), name_or_sparql, **bindings)

    def to_dataset(self) -> Dataset:
        ds = new_dataset()
        for name, graph in self.graphs.items():
            ds.addN((s, p, o, ds.graph(name)) for s, p, o in graph)
        return ds

    def flush(self) -> None:
        self.flushes += 1


def _quads(ds: Dataset) -> set[tuple[object, ...]]:
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def test_a_fourth_backend_is_one_class(sample_items, sample_dataset) -> None:
    toy = DictBackend()
    assert isinstance(toy, Backend)
    outcomes = [toy.ingest(article, assertions) for article, assertions in sample_items]
    assert outcomes == ["added"] * len(sample_items)
    assert _quads(toy.to_dataset()) == _quads(sample_dataset)
    assert [toy.ingest(a, items) for a, items in sample_items] == ["unchanged"] * len(sample_items)
    article, assertions = sample_items[0]
    assert toy.ingest(article, assertions[:1]) == "replaced"
    mark_done(toy, article)
    assert is_done(toy, article)
    assert toy.remove(article.id) and not is_done(toy, article)
    rows = toy.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://kgraph.dev/ontology#Actor> }")
    assert rows.rows[0]["n"] == len(set(sample_dataset.subjects(None, KG.Actor)))


@pytest.mark.slow
def test_the_build_loop_builds_into_the_fourth_backend(tmp_path: Path) -> None:
    from scale_corpus import assert_same_graphs, write_corpus

    from kgraph.run.build import build, build_store

    corpus = write_corpus(tmp_path, 6)
    toy = DictBackend()
    first = build_store([corpus], toy)
    assert (first.added, first.unchanged) == (8, 0) and toy.flushes == 1
    assert_same_graphs(toy.to_dataset(), build([corpus]))
    again = build_store([corpus], toy)  # resumed: nothing parsed
    assert (again.added, again.unchanged) == (0, 8)
    parsed = build_store([corpus], toy, resume=False)  # parsed again: the digests match
    assert (parsed.added, parsed.replaced, parsed.unchanged) == (0, 0, 8)
    assert dump(toy, tmp_path / "toy.trig").stat().st_size > 0


def test_a_minted_actor_never_replaces_a_gazetteer_actor_on_any_backend() -> None:
    isis, nusra = Actor("isis", "ISIS", "ArmedGroup"), Actor("al-nusra", "Nusra", "ArmedGroup")
    minted = Actor("isis", "Isis", "ArmedGroup", minted=True)
    ev = Evidence("a2", "Isis met Nusra.", 0, 15, "demo")
    first = (Article("a1", "ISIS fought Nusra."),
             [Assertion(isis, "fights", nusra, Evidence("a1", "ISIS fought Nusra.", 0, 18, "d"))])
    second = (Article("a2", ev.sentence), [Assertion(minted, "negotiates-with", nusra, ev)])
    for backend in (MemoryBackend(), OxigraphBackend(open_store(None)), DictBackend()):
        for article, assertions in (first, second):
            backend.ingest(article, assertions)
        labels = set(backend.to_dataset().graph(ACTORS_GRAPH).objects(
            actor_iri("isis"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
        assert {str(x) for x in labels} == {"ISIS"}, backend.location


def test_the_digest_is_that_of_the_quads_and_follows_them(sample_items) -> None:
    article, assertions = sample_items[0]
    quads = article_quads(article, assertions)
    assert article_digest(quads) == article_digest(article_quads(article, assertions))
    assert article_digest(quads) != article_digest(article_quads(article, assertions[:1]))
    assert len(article_digest(quads)) == 64


def test_open_backend_maps_what_users_type(tmp_path: Path, sample_dataset) -> None:
    graph_file = save_graph(sample_dataset, tmp_path / "graph.trig")
    from_file = open_backend(graph_file, read_only=True)
    assert isinstance(from_file, MemoryBackend) and from_file.location == str(graph_file)
    assert _quads(from_file.to_dataset()) == _quads(sample_dataset)
    assert isinstance(open_backend(tmp_path / "new.trig"), MemoryBackend)  # to be written
    folder = open_backend(tmp_path / "store")
    assert isinstance(folder, OxigraphBackend) and (tmp_path / "store").is_dir()
    del folder  # releases the lock
    assert isinstance(open_backend(tmp_path / "store", read_only=True), OxigraphBackend)
    with pytest.raises(GraphError, match="no such graph file or store folder"):
        open_backend(tmp_path / "missing", read_only=True)
    (tmp_path / "folder").mkdir()
    with pytest.raises(GraphError, match="not an Oxigraph store"):
        open_backend(tmp_path / "folder", read_only=True)
    with pytest.raises(GraphError, match="no such graph file"):
        open_backend(tmp_path / "missing.trig", read_only=True)
    with pytest.raises(GraphError, match="unknown parameter"):
        open_backend("sparql+http://127.0.0.1:9/kg?nope=1")
    backend = open_backend(sample_dataset)
    assert open_backend(backend) is backend and backend.to_dataset().store is sample_dataset.store
    assert isinstance(open_backend(open_store(None)), OxigraphBackend)
    assert isinstance(open_backend(None), MemoryBackend)


def test_every_backend_answers_queries_alike(sample_items, sample_dataset) -> None:
    oxigraph = OxigraphBackend(open_store(None))
    for article, assertions in sample_items:
        oxigraph.ingest(article, assertions)
    memory = open_backend(build_graph(sample_items))
    for backend in (memory, oxigraph):
        assert backend.query("allies-of", actor="isis").rows == \
            query(sample_dataset, "allies-of", actor="isis").rows, backend.location


def test_every_command_reads_a_store_folder_as_a_graph_file(
        tmp_path: Path, sample_items, capsys: pytest.CaptureFixture[str]) -> None:
    from kgraph.cli import app

    folder = tmp_path / "kg.db"
    backend = open_backend(folder)
    for article, assertions in sample_items:
        backend.ingest(article, assertions)
    trig = dump(backend, tmp_path / "graph.trig")
    del backend  # releases the lock
    for command in (["query", "{}", "actors", "--format", "csv"],
                    ["export", "{}", "--format", "nt", "--truthy"],
                    ["validate", "{}"]):
        outputs = []
        for source in (folder, trig):
            assert app([str(source) if a == "{}" else a for a in command]) == 0, command
            outputs.append(capsys.readouterr().out.replace(str(source), "SOURCE"))
        assert outputs[0] == outputs[1] and outputs[0], command
