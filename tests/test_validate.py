"""Tests of kgraph.rdf.validate: the SHACL shapes accept what kgraph builds and report each kind of
fault readably; the OWL 2 RL check finds inconsistencies; `kgraph validate` exits 1 on an
invalid graph."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import sample
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kgraph.cli import app
from kgraph.errors import GraphError
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.rdf.graph import build_graph, save_graph
from kgraph.rdf.namespace import (
    KG,
    SCHEMA,
    actor_iri,
    article_graph_iri,
    article_iri,
    mention_iri,
    statement_iri,
)
from kgraph.rdf.validate import (
    ValidationReport,
    Violation,
    check_consistency,
    format_report,
    load_shapes,
    validate,
)

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def _first_statement(ds: Dataset) -> tuple[URIRef, URIRef]:
    """The first sample statement (ISIS allied with Nusra, truthy) and its article graph."""
    article, assertions = sample()[0]
    return statement_iri(article.id, assertions[0]), article_graph_iri(article.id)


def test_the_sample_is_valid_with_and_without_a_model(sample_dataset: Dataset) -> None:
    for ds in (sample_dataset, build_graph(sample(), model="en_x-1.0")):
        report = validate(ds)
        assert report.conforms and report.results == (), format_report(report)
        assert report.triples > 300


def test_validate_does_not_change_the_graph(sample_dataset: Dataset) -> None:
    before = set(sample_dataset.quads((None, None, None, None)))
    validate(sample_dataset)
    assert set(sample_dataset.quads((None, None, None, None))) == before


def _break_statement(change: Callable[[Dataset, URIRef, URIRef], None]) -> ValidationReport:
    ds = build_graph(sample())
    node, graph = _first_statement(ds)
    change(ds, node, graph)
    return validate(ds)


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda ds, n, g: ds.graph(g).set((n, KG.confidence, Literal(Decimal("1.5")))),
     "kg:confidence", "from 0 to 1"),
    (lambda ds, n, g: ds.graph(g).add((n, KG.modality, KG.hedged)),
     "kg:modality", "exactly one modality"),
    (lambda ds, n, g: ds.graph(g).set((n, KG.polarity, KG.actual)),
     "kg:polarity", "kg:asserted or kg:negated"),
    (lambda ds, n, g: ds.graph(g).set((n, RDF.predicate, KG.interactsWith)),
     "rdf:predicate", "a relation of"),
    (lambda ds, n, g: ds.graph(g).remove((n, PROV.wasGeneratedBy, None)),
     "prov:wasGeneratedBy", "exactly one extraction"),
    (lambda ds, n, g: ds.graph(g).set((n, RDF.object, actor_iri("nobody"))),
     "rdf:object", "a described actor"),
    (lambda ds, n, g: ds.graph(g).remove(
        (n, PROV.wasDerivedFrom, mention_iri(sample()[0][0].id, sample()[0][1][0].evidence))),
     "prov:wasDerivedFrom", "exactly one mention"),
])
def test_each_statement_fault_is_reported(change: Callable[[Dataset, URIRef, URIRef], None],
                                          path: str, words: str) -> None:
    report = _break_statement(change)
    assert not report.conforms
    hits = [v for v in report.violations if v.path == path and words in v.message]
    assert hits, format_report(report)
    assert hits[0].focus.startswith("statement:")


def test_a_truthy_statement_without_its_triple_is_reported() -> None:
    ds = build_graph(sample())
    ds.remove((actor_iri("isis"), KG.alliedWith, actor_iri("al-nusra-front"), None))
    report = validate(ds)
    assert not report.conforms
    assert any("truthy triple" in v.message for v in report.violations), format_report(report)


def test_actor_mention_and_article_faults_are_reported(sample_dataset: Dataset) -> None:
    article, assertions = sample()[0]
    mention = mention_iri(article.id, assertions[0].evidence)
    graph = sample_dataset.graph(article_graph_iri(article.id))
    graph.set((mention, KG.startOffset, Literal(10_000)))
    sample_dataset.add((actor_iri("isis"), RDF.type, KG.State))
    sample_dataset.add((actor_iri("Bad Id"), RDF.type, KG.Actor))
    report = validate(sample_dataset)
    found = {(v.focus, v.path) for v in report.violations}
    assert ("mention:" + str(mention).rsplit("/", 1)[-1], "kg:startOffset") in found
    assert ("actor:isis", "rdf:type") in found
    assert ("actor:Bad%20Id", "kg:actorId") in found


def test_two_authors_and_an_empty_source_of_an_article_are_reported() -> None:
    article, assertions = sample()[0]
    ds = build_graph([(replace(article, author="Jane Reporter", source="a.txt"), assertions)])
    assert validate(ds).conforms
    graph, node = ds.graph(article_graph_iri(article.id)), article_iri(article.id)
    graph.add((node, SCHEMA.author, Literal("Ali Hassan")))
    graph.add((node, KG.readFrom, Literal("")))
    report = validate(ds)
    assert {v.path for v in report.violations} == {"schema:author", "kg:readFrom"}


def test_a_leader_that_is_not_a_person_is_a_warning_only() -> None:
    militia = Actor("ypg", "YPG", "ArmedGroup")
    coalition = Actor("sdf", "SDF", "ArmedGroup")
    ev = Evidence("d", "The militia leads the coalition.", 0, 32, "verb:lead")
    ds = build_graph([(Article("d", ev.sentence), [Assertion(militia, "leader-of", coalition,
                                                             ev, confidence=0.8)])])
    report = validate(ds)
    assert report.conforms
    assert [(w.severity, w.focus) for w in report.warnings] == [("Warning", "actor:ypg")]
    assert "valid: 0 violations, 1 warning" in format_report(report)


def test_format_report_names_focus_path_message_and_value() -> None:
    report = _break_statement(
        lambda ds, n, g: ds.graph(g).set((n, KG.confidence, Literal(Decimal("1.5")))))
    text = format_report(report, name="g.trig")
    lines = text.splitlines()
    assert lines[0].startswith("Violation  statement:") and lines[0].endswith("kg:confidence")
    assert "(value: " in lines[1] and "1.5" in lines[1]
    assert lines[-1].startswith("g.trig: invalid: 1 violation, 0 warnings (")


def test_custom_shapes_and_errors(sample_dataset: Dataset, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kg: <https://kgraph.dev/ontology#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass kg:Actor ;\n"
        "  sh:property [ sh:path kg:country ; sh:minCount 1 ] .\n", encoding="utf-8")
    report = validate(sample_dataset, shapes=shapes)
    assert not report.conforms and all(v.path == "kg:country" for v in report.results)
    assert validate(sample_dataset, shapes=load_shapes()).conforms
    with pytest.raises(GraphError, match="no such file"):
        validate(sample_dataset, shapes=tmp_path / "missing.ttl")
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="not a valid Turtle file"):
        load_shapes(tmp_path / "bad.ttl")


def test_violation_is_a_frozen_value() -> None:
    v = Violation("Violation", "actor:x", "kg:actorId", "bad")
    with pytest.raises(AttributeError):
        v.focus = "y"  # type: ignore[misc]


# ---------------------------------------------------------------- OWL 2 RL consistency


def test_the_sample_is_consistent_with_the_ontology(sample_dataset: Dataset) -> None:
    assert check_consistency(sample_dataset) == []


def test_an_actor_of_two_types_is_inconsistent(sample_dataset: Dataset) -> None:
    sample_dataset.add((actor_iri("iran"), RDF.type, KG.Person))
    problems = check_consistency(sample_dataset)
    assert any("Disjoint classes" in p and "actor/iran" in p for p in problems), problems


def test_two_modalities_are_inconsistent(sample_dataset: Dataset) -> None:
    node, graph = _first_statement(sample_dataset)
    sample_dataset.graph(graph).add((node, KG.modality, KG.hedged))
    assert check_consistency(sample_dataset)


# ---------------------------------------------------------------- the command


def test_cli_validate(sample_dataset: Dataset, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    good = save_graph(sample_dataset, tmp_path / "good.trig")
    assert app(["validate", str(good), "--owl"]) == 0
    out = capsys.readouterr().out
    assert "good.trig: valid: 0 violations, 0 warnings" in out
    assert "OWL 2 RL: consistent" in out

    node, graph = _first_statement(sample_dataset)
    sample_dataset.graph(graph).set((node, KG.confidence, Literal(Decimal("7"))))
    bad = save_graph(sample_dataset, tmp_path / "bad.trig")
    assert app(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Violation  statement:" in out and "bad.trig: invalid: 1 violation" in out
    assert app(["validate", str(tmp_path / "missing.trig")]) == 2


# ---------------------------------------------------------------- a real build


@pytest.mark.slow
def test_a_real_build_validates_and_is_consistent(tmp_path: Path) -> None:
    import spacy

    from kgraph.extract import default_model
    from kgraph.rdf.graph import load_graph
    from kgraph.run.build import build_outputs

    inputs = [ARTICLES / "2014-11-isis-nusra-truce-reports.txt",
              ARTICLES / "2023-04-finland-joins-nato.md"]
    build_outputs(inputs, tmp_path, model=None)
    ds = load_graph(tmp_path / "graph.trig")
    assert len(set(ds.subjects(RDF.type, KG.Statement))) > 0
    report = validate(ds)
    assert report.conforms and not report.violations, format_report(report)
    assert validate(load_graph(tmp_path / "graph.ttl")).conforms
    assert check_consistency(ds) == []
    # the extraction names the pipeline that was used
    meta = spacy.load(default_model()).meta
    name = f"{meta['lang']}_{meta['name']}-{meta['version']}"
    pipelines = {str(o) for o in ds.objects(None, PROV.used)}
    assert pipelines == {f"https://kgraph.dev/id/pipeline/{name}"}
