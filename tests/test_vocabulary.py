"""Tests of kgraph.rdf.vocabulary, and of the recipe it serves: a relation is one row of
data/relations/relations.csv plus the lexicon rows that read it.

The recipe is tried on a copy of the data: a relation ``liaises-with`` (symmetric, an
alliance, stance ``ally``) and the verb that reads it are added as rows, nothing else, and the
relation is followed from a sentence to RDF, the ontology, SPARQL (in memory and on the store,
``allies-of`` and ``relations-of``), the SHACL shapes, the JSON-LD context and the viewer.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

import kgraph._paths
from kgraph._paths import data_path
from kgraph.know.relations import camel, load_relations
from kgraph.rdf.graph import load_graph
from kgraph.rdf.namespace import KG, actor_iri, relation_terms
from kgraph.rdf.validate import load_ontology, load_shapes, validate
from kgraph.rdf.vocabulary import KGS, jsonld_context, relation_axioms, relation_shapes
from kgraph.run.build import build_outputs
from kgraph.store import query
from kgraph.store.oxigraph import load_file, open_store
from kgraph.views.export import export
from kgraph.views.network import to_networkx
from kgraph.views.render import render_html

RELATION_ROW = ("liaises-with,event,yes,,alliance,ally,,no,no,,,,,,"
                "The two actors keep in contact to coordinate their actions.\n")
LEXICON_ROW = ("liaise,verb,verb,liaises-with,with,,,active,yes,forward,,,no,no,0.8,"
               "hand,X liaised with Y\n")
ARTICLE = "Hezbollah liaised closely with Iran on Monday, officials in Beirut said.\n"


def _clear_caches() -> None:
    """Forget every cached load of kgraph's data (vocabulary, lexicon, actors, queries)."""
    for name, module in list(sys.modules.items()):
        if name == "kgraph" or name.startswith("kgraph."):
            for value in list(vars(module).values()):
                if isinstance(value, type) or getattr(value, "__module__", None) != name:
                    continue  # classes (KG answers any attribute) and imported names
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


PARTS = ("relations", "actors", "ontology")


@pytest.fixture
def added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, set[str]]]:
    """A copy of the runtime data with one relation added, which kgraph then reads; yields the
    files of the copy that differ from the shipped data, by part."""
    copy = tmp_path / "_data"
    shipped = {part: data_path(part) for part in PARTS}
    for part, folder in shipped.items():
        shutil.copytree(folder, copy / part)
    with (copy / "relations" / "relations.csv").open("a", encoding="utf-8") as f:
        f.write(RELATION_ROW)
    with (copy / "relations" / "lexicon.csv").open("a", encoding="utf-8") as f:
        f.write(LEXICON_ROW)
    changed = {part: {p.relative_to(copy / part).as_posix() for p in (copy / part).rglob("*")
                      if p.is_file() and not filecmp.cmp(p, folder / p.relative_to(copy / part),
                                                         shallow=False)}
               for part, folder in shipped.items()}
    _clear_caches()
    monkeypatch.setattr(kgraph._paths, "_PACKAGE", tmp_path)  # data_path reads <_PACKAGE>/_data
    try:
        assert data_path("relations", "relations.csv") == copy / "relations" / "relations.csv"
        yield changed
    finally:
        monkeypatch.undo()
        _clear_caches()


def test_a_relation_is_one_row_plus_lexicon_rows(added: dict[str, set[str]],
                                                 tmp_path: Path) -> None:
    # the files the recipe touched: the vocabulary row and the lexicon row, nothing else
    assert added == {"relations": {"relations.csv", "lexicon.csv"}, "actors": set(),
                     "ontology": set()}
    assert load_relations()["liaises-with"].stance == "ally"

    # a sentence, through a whole build: RDF
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    build_outputs([articles], out)
    ds = load_graph(out / "graph.trig")
    hez, iran = actor_iri("hezbollah"), actor_iri("iran")
    assert (hez, KG.liaisesWith, iran) in ds or (iran, KG.liaisesWith, hez) in ds
    assert (None, RDF.predicate, KG.liaisesWith) in ds
    rows = [json.loads(line) for line in
            (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r.get("relation") == "liaises-with" for r in rows), rows

    # the namespace and the ontology
    assert "liaisesWith" in KG and "liaisesWith" in relation_terms()
    ontology = load_ontology()
    assert (KG.liaisesWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG.liaisesWith, RDFS.subPropertyOf, KG.alliance) in ontology

    # SPARQL: allies-of (its stance) and relations-of (mutual: symmetric), not enemies-of,
    # in memory and on the Oxigraph store
    store = open_store(None)
    load_file(store, out / "graph.trig")
    for graph in (ds, store):
        allies = query(graph, "allies-of", actor="Iran").rows
        assert [(r["ally_id"], r["relation"]) for r in allies] == [
            ("hezbollah", "liaises-with")]
        assert allies[0]["statements"] == 1
        relations = query(graph, "relations-of", actor="Hezbollah").rows
        assert {(r["relation"], r["direction"]) for r in relations} == {
            ("liaises-with", "mutual")}
        assert query(graph, "enemies-of", actor="Iran").rows == []

    # SHACL: the statement's predicate is in the vocabulary, the triple's ends are checked
    shapes = load_shapes()
    members = Collection(shapes, shapes.value(KGS.PredicateShape, SH["in"]))
    assert KG.liaisesWith in list(members)
    assert (KGS.RelationShape, SH.targetSubjectsOf, KG.liaisesWith) in shapes
    assert validate(ds).conforms

    # JSON-LD and the viewer: its term, its legend entry under its family, its edge
    assert jsonld_context()["liaisesWith"] == {"@id": "kg:liaisesWith", "@type": "@id"}
    assert b'"liaisesWith"' in export(ds, format="jsonld")
    empty = render_html(nx.MultiDiGraph())  # no edges: the name can only be in the legend
    assert '"liaises-with"' in empty
    assert '"liaises-with"' in (out / "graph.html").read_text(encoding="utf-8")
    edges = [d for _, _, d in to_networkx(ds).edges(data=True)]
    assert [(d["relation"], d["family"], d["symmetric"]) for d in edges] == [
        ("liaises-with", "alliance", True)]


def test_generated_artefacts_cover_the_shipped_vocabulary() -> None:
    expected = []
    for rel in load_relations().values():
        expected += [rel.rdf_name, *([camel(rel.inverse)] if rel.inverse else [])]
    assert list(relation_terms()) == expected  # each relation, then its inverse
    axioms, shapes = relation_axioms(), relation_shapes()
    for term in expected:
        assert (KG[term], RDF.type, OWL.ObjectProperty) in axioms
        assert (KGS.RelationShape, SH.targetSubjectsOf, KG[term]) in shapes
        assert (KGS.RelationObjectShape, SH.targetObjectsOf, KG[term]) in shapes
        assert jsonld_context()[term] == {"@id": f"kg:{term}", "@type": "@id"}
    assert (KG.backs, OWL.inverseOf, KG.backedBy) in axioms
    members = list(Collection(shapes, shapes.value(KGS.PredicateShape, SH["in"])))
    assert members == [KG[load_relations()[name].rdf_name] for name in load_relations()]
