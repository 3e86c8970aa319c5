"""Tests of ontology/kgraph.ttl as OWL 2 and of ontology/shapes.ttl: the relation hierarchy,
domains, ranges, alignments; OWL 2 RL reasoning (owlrl) over the ontology alone and with a built
graph is consistent and entails what the model promises; the shapes name only real terms."""

from __future__ import annotations

import re
from typing import get_args

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS
from rdflib.paths import OneOrMore

from kgraph._paths import data_path
from kgraph.know.relations import load_relations
from kgraph.model import ACTOR_TYPES, Modality
from kgraph.rdf.graph import TRUTHY_MIN_CONFIDENCE, union_view
from kgraph.rdf.namespace import KG, ORG, WDT, actor_iri
from kgraph.rdf.validate import load_ontology, load_shapes

NS = str(KG._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _closure(*graphs: Graph) -> Graph:
    g = Graph()
    for source in graphs:
        g += union_view(source).triples((None, None, None))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def _errors(g: Graph) -> list[str]:
    return [str(m) for m in g.objects(None, ERRNS.error)] + [
        str(s) for s in g.subjects(RDF.type, OWL.Nothing) if s != OWL.Nothing]


def test_it_is_an_owl_ontology_with_a_version(ontology: Graph) -> None:
    node = URIRef("https://kgraph.dev/ontology")
    assert (node, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(node, OWL.versionInfo) is not None
    assert ontology.value(node, OWL.versionIRI) is not None


def test_every_relation_is_an_object_property_with_domain_range_and_family(
        ontology: Graph) -> None:
    for rel in load_relations().values():
        prop = URIRef(NS + rel.rdf_name)
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert (prop, RDFS.domain, KG.Actor) in ontology, rel.name
        assert (prop, RDFS.range, KG.Actor) in ontology, rel.name
        ancestors = set(ontology.objects(prop, RDFS.subPropertyOf * OneOrMore))
        assert {URIRef(NS + rel.family), KG.interactsWith} <= ancestors, rel.name


def test_attacks_is_a_kind_of_fighting(ontology: Graph) -> None:
    assert (KG.attacks, RDFS.subPropertyOf, KG.fights) in ontology


def test_alignments(ontology: Graph) -> None:
    assert (KG.memberOf, SKOS.closeMatch, WDT.P463) in ontology
    assert (KG.memberOf, SKOS.closeMatch, ORG.memberOf) in ontology
    assert (KG.leaderOf, SKOS.closeMatch, ORG.headOf) in ontology
    assert (KG.splitFrom, SKOS.closeMatch, WDT.P807) in ontology
    assert {str(x) for x in ontology.objects(KG.fights, KG.cameoCode)} == {"19"}
    assert (KG.Statement, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.Mention, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.Extraction, RDFS.subClassOf, PROV.Activity) in ontology
    assert (KG.Actor, RDFS.subClassOf, PROV.Agent) in ontology
    assert (KG.ArmedGroup, RDFS.subClassOf, ORG.Organization) in ontology


def test_actor_types_are_pairwise_disjoint(ontology: Graph) -> None:
    types = [URIRef(NS + t) for t in ACTOR_TYPES]
    for i, a in enumerate(types):
        for b in types[i + 1:]:
            assert (a, OWL.disjointWith, b) in ontology or (b, OWL.disjointWith, a) in ontology


def test_external_terms_are_declared(ontology: Graph) -> None:
    # OWL tools that do not import PROV-O, SKOS or schema.org must know each term's kind
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    used = {p for p in ontology.predicates() if not str(p).startswith(
        (str(RDF), str(RDFS), str(OWL)))}
    for term in used:
        assert set(ontology.objects(term, RDF.type)) & kinds, term


def test_owl_rl_closure_of_the_ontology_is_consistent(ontology: Graph) -> None:
    assert _errors(_closure(ontology)) == []


def test_owl_rl_closure_with_a_built_graph_is_consistent_and_entails_the_model(
        ontology: Graph, sample_dataset: Dataset) -> None:
    g = _closure(ontology, sample_dataset)
    assert _errors(g) == []
    isis, nusra, us = actor_iri("isis"), actor_iri("al-nusra-front"), actor_iri("united-states")
    assert (nusra, KG.alliedWith, isis) in g  # symmetric
    assert (actor_iri("iran"), KG.backs, actor_iri("hezbollah")) in g  # inverse
    assert (us, KG.fights, isis) in g and (isis, KG.fights, us) in g  # attacks under fights
    assert (isis, KG.interactsWith, nusra) in g
    assert (isis, RDF.type, PROV.Agent) in g


def test_shapes_name_only_ontology_terms() -> None:
    shapes = load_shapes()
    ontology_terms = {s for s in load_ontology().subjects() if str(s).startswith(NS)}
    used = {t for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used and used <= ontology_terms, used - ontology_terms


def test_shapes_lists_match_the_vocabulary() -> None:
    shapes = load_shapes()
    text = data_path("ontology", "shapes.ttl").read_text(encoding="utf-8")

    def listed(path: URIRef) -> set[str]:
        for prop in shapes.subjects(SH.path, path):
            head = shapes.value(prop, SH["in"])
            if head is not None:
                return {str(x)[len(NS):] for x in shapes.items(head)}
        raise AssertionError(f"no sh:in for {path}")

    assert listed(RDF.predicate) == {r.rdf_name for r in load_relations().values()}
    assert listed(KG.modality) == set(get_args(Modality))
    assert f"FILTER(?c >= {TRUTHY_MIN_CONFIDENCE})" in text
    relations = {r.rdf_name for r in load_relations().values()} | {"backs"}
    targeted = {str(o)[len(NS):] for o in shapes.objects(None, SH.targetSubjectsOf)}
    assert relations <= targeted
    assert re.search(r"sh:severity sh:Warning", text)
