"""Tests of kgraph.rdf.namespace and ontology/kgraph.ttl: the two agree with each other and with
data/relations/relations.csv, and minted IRIs are deterministic."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgraph._paths import data_path
from kgraph.know.relations import load_relations
from kgraph.model import ACTOR_TYPES, Actor, Assertion, Evidence, Modality, Polarity
from kgraph.rdf.namespace import (
    KG,
    WDT,
    actor_id_of,
    actor_iri,
    article_graph_iri,
    article_iri,
    extraction_iri,
    mention_iri,
    pipeline_iri,
    relation_name,
    relation_property,
    software_iri,
    statement_iri,
)
from kgraph.rdf.validate import load_ontology

NS = str(KG._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data_path("ontology", "kgraph.ttl"), format="turtle")


def _local(node: object) -> str:
    return str(node)[len(NS):]


def test_namespace_lists_exactly_the_ontology_terms() -> None:
    loaded = load_ontology()  # the file and the relation properties of relations.csv
    declared = {_local(s) for s in loaded.subjects() if str(s).startswith(NS)}
    assert {_local(term) for term in dir(KG)} == declared


def test_relation_terms_come_from_the_vocabulary() -> None:
    for rel in load_relations().values():
        assert rel.rdf_name in KG and KG[rel.rdf_name] == relation_property(rel.name)
    assert "backs" in KG and "likes" not in KG


def test_namespace_fails_on_typos() -> None:
    with pytest.raises(AttributeError):
        _ = KG.alliedwith


def ontology_problems(ontology: Graph, relations_csv: Path) -> list[str]:
    """What ``ontology`` says otherwise than the rows of ``relations_csv`` about the relation
    properties it declares (the loader fills in the rest from the rows), each problem naming
    the row (``relations.csv:<line> <name>: ...``) and the ontology file."""
    relations = load_relations(relations_csv)
    with relations_csv.open(encoding="utf-8", newline="") as f:
        line_of = {row["name"]: n for n, row in enumerate(csv.DictReader(f), start=2)}
    problems = []
    for rel in relations.values():
        prop = URIRef(NS + rel.rdf_name)
        if (prop, None, None) not in ontology:
            continue  # described by its row alone (kgraph.rdf.vocabulary.relation_axioms)
        owl = {RDF.type: {OWL.ObjectProperty} | ({OWL.SymmetricProperty} if rel.symmetric
                                                 else set()),
               KG.family: {Literal(rel.family)}, KG.layer: {Literal(rel.layer)},
               SKOS.definition: {Literal(rel.definition, lang="en")},
               KG.cameoCode: {Literal(c) for c in rel.cameo},
               KG.ploverCategory: {Literal(rel.plover)} if rel.plover else set()}
        found = {p: set(ontology.objects(prop, p)) for p in owl}
        if (prop, RDFS.subPropertyOf, URIRef(NS + rel.family)) not in ontology:
            found[RDFS.subPropertyOf] = set()
            owl[RDFS.subPropertyOf] = {URIRef(NS + rel.family)}
        found[SKOS.closeMatch] = {m for m in ontology.objects(prop, SKOS.closeMatch)
                                  if str(m).startswith(str(WDT))}
        owl[SKOS.closeMatch] = {WDT[w] for w in rel.wikidata}
        nm = ontology.namespace_manager
        for p, wanted in owl.items():
            if found[p] != wanted:
                problems.append(
                    f"relations.csv:{line_of[rel.name]} {rel.name}: ontology/kgraph.ttl gives "
                    f"{prop.n3(nm)} {p.n3(nm)} {sorted(t.n3(nm) for t in found[p])}, "
                    f"the row says {sorted(t.n3(nm) for t in wanted)}")
    stray = ({_local(p) for p in ontology.subjects(KG.family, None)}
             - {r.rdf_name for r in relations.values()})
    problems += [f"ontology/kgraph.ttl: kg:{name} is no row of relations.csv" for name in stray]
    return problems


def test_every_relation_has_its_property_and_back(ontology: Graph) -> None:
    problems = ontology_problems(ontology, data_path("relations", "relations.csv"))
    assert not problems, "\n".join(problems)


def test_a_row_the_ontology_contradicts_is_named(ontology: Graph, tmp_path: Path) -> None:
    source = data_path("relations", "relations.csv").read_text(encoding="utf-8")
    copy = tmp_path / "relations.csv"
    copy.write_text(source.replace("fights,event,yes,,conflict,", "fights,event,yes,,hostility,")
                    + "blockades,event,no,,conflict,enemy,threatens,yes,yes,,,,,,"
                    "The subject cuts the object off by force.\n", encoding="utf-8")
    problems = ontology_problems(ontology, copy)
    assert problems and all(p.startswith("relations.csv:6 fights: ") for p in problems)
    assert any("kg:family" in p and "hostility" in p for p in problems)


def test_families_sit_under_interacts_with(ontology: Graph) -> None:
    families = {r.family for r in load_relations().values()}
    for family in families:
        assert (URIRef(NS + family), RDFS.subPropertyOf, KG.interactsWith) in ontology


def test_backs_is_the_inverse_of_backed_by(ontology: Graph) -> None:
    assert (KG.backs, OWL.inverseOf, KG.backedBy) in ontology
    assert load_relations()["backed-by"].inverse == "backs"


def test_actor_classes_and_qualifier_values_match_the_model(ontology: Graph) -> None:
    classes = {_local(c) for c in ontology.subjects(RDFS.subClassOf, KG.Actor)}
    assert classes == set(ACTOR_TYPES)
    assert {_local(x) for x in ontology.subjects(RDF.type, KG.Polarity)} == set(get_args(Polarity))
    assert {_local(x) for x in ontology.subjects(RDF.type, KG.Modality)} == set(get_args(Modality))


def test_ontology_has_no_blank_nodes_and_every_term_is_documented(ontology: Graph) -> None:
    assert not any(isinstance(t, BNode) for triple in ontology for t in triple)
    for term in {s for s in ontology.subjects() if str(s).startswith(NS)}:
        assert ontology.value(term, SKOS.definition) is not None, term
        assert ontology.value(term, RDFS.label) is not None, term


def test_iris() -> None:
    assert str(actor_iri("al-qaeda")) == "https://kgraph.dev/id/actor/al-qaeda"
    assert str(article_iri("abc")) == "https://kgraph.dev/id/article/abc"
    assert str(article_graph_iri("abc")) == "https://kgraph.dev/id/graph/article/abc"
    odd = "a b/c?d"
    assert actor_id_of(str(actor_iri(odd))) == odd
    assert " " not in str(actor_iri(odd))
    assert actor_id_of("https://example.org/actor/x") is None


def test_relation_property_and_name() -> None:
    for name in load_relations():
        assert relation_name(relation_property(name)) == name
    assert relation_property("backs") == KG.backs
    assert relation_name(KG.backs) == "backs"
    assert relation_name(URIRef("https://example.org/x")) is None
    with pytest.raises(KeyError, match="valid relations"):
        relation_property("likes")


def test_statement_iri_is_deterministic_and_distinguishes_claims() -> None:
    a, b = Actor("a", "A", "State"), Actor("b", "B", "State")
    ev = Evidence("doc", "A fights B.", 0, 11, "r1")
    base = Assertion(a, "fights", b, ev)
    iri = statement_iri("doc", base)
    assert iri == statement_iri("doc", Assertion(a, "fights", b, ev))
    assert iri == statement_iri("doc", replace(base, confidence=0.9))  # not part of the identity
    variants = [
        statement_iri("other", base),
        statement_iri("doc", replace(base, relation="attacks")),
        statement_iri("doc", replace(base, subject=b, object=a)),
        statement_iri("doc", replace(base, polarity="negated")),
        statement_iri("doc", replace(base, modality="hedged")),
        statement_iri("doc", replace(base, evidence=replace(ev, start=1))),
        statement_iri("doc", replace(base, evidence=replace(ev, rule="r2"))),
    ]
    assert len({iri, *variants}) == len(variants) + 1
    backed = Assertion(b, "backed-by", a, ev)
    assert statement_iri("doc", backed) == statement_iri("doc", Assertion(a, "backs", b, ev))


def test_mention_iri_is_the_sentence_span_and_rule() -> None:
    ev = Evidence("doc", "A fights B.", 0, 11, "r1", subject_text="A")
    iri = mention_iri("doc", ev)
    assert str(iri).startswith("https://kgraph.dev/id/mention/")
    assert iri == mention_iri("doc", replace(ev, subject_text="B"))  # per sentence, not actor
    variants = [mention_iri("other", ev), mention_iri("doc", replace(ev, start=1)),
                mention_iri("doc", replace(ev, end=12)), mention_iri("doc", replace(ev, rule="r2"))]
    assert len({iri, *variants}) == len(variants) + 1


def test_provenance_iris_depend_on_the_versions_only() -> None:
    assert extraction_iri("1.0", "en_x-2.0") == extraction_iri("1.0", "en_x-2.0")
    assert extraction_iri("1.0", "en_x-2.0") != extraction_iri("1.0", "en_x-2.1")
    assert extraction_iri("1.0") != extraction_iri("1.1")
    assert str(software_iri("1.0")) == "https://kgraph.dev/id/software/kgraph-1.0"
    assert " " not in str(pipeline_iri("/models/my model"))
