"""What ``data/relations/relations.csv`` generates in RDF, so that a relation is one row.

- :func:`relation_axioms`: the OWL description of each relation property (and of its inverse),
  which :func:`kgraph.rdf.validate.load_ontology` adds to what ``ontology/kgraph.ttl`` says;
- :func:`relation_shapes`: the relation lists of the SHACL shapes, which
  :func:`kgraph.rdf.validate.load_shapes` adds to ``ontology/shapes.ttl``;
- :func:`jsonld_context`: ``ontology/context.jsonld`` plus one term per relation.

The relation terms of :class:`~kgraph.rdf.namespace.KG` come from the same rows
(:func:`~kgraph.rdf.namespace.relation_terms`).

Examples:
    >>> jsonld_context()["alliedWith"]
    {'@id': 'kg:alliedWith', '@type': '@id'}
    >>> from rdflib.namespace import OWL, RDF
    >>> (KG.fights, RDF.type, OWL.SymmetricProperty) in relation_axioms()
    True
"""

from __future__ import annotations

import functools
import json
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kgraph._paths import data_path
from kgraph.know.relations import load_relations
from kgraph.rdf.namespace import KG, WDT, relation_property, relation_terms

__all__ = ["KGS", "jsonld_context", "relation_axioms", "relation_shapes"]

KGS = Namespace("https://kgraph.dev/shapes#")
"""The namespace of the shapes of ``ontology/shapes.ttl``."""


def relation_axioms() -> Graph:
    """Return the OWL axioms of the relation properties, one set per row of relations.csv.

    Each relation is an ``owl:ObjectProperty`` (and ``owl:SymmetricProperty`` when symmetric)
    under its family property, from and to ``kg:Actor``, with its label, definition, family,
    layer, CAMEO codes, PLOVER category and Wikidata properties (``skos:closeMatch``); its
    inverse, if it has one, is ``owl:inverseOf`` it, under ``kg:interactsWith``.
    """
    g = Graph()
    for rel in load_relations().values():
        prop = relation_property(rel.name)
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        g.add((prop, RDFS.subPropertyOf, KG[rel.family]))
        _describe(g, prop, rel.name, rel.definition)
        g.add((prop, KG.family, Literal(rel.family)))
        g.add((prop, KG.layer, Literal(rel.layer)))
        for code in rel.cameo:
            g.add((prop, KG.cameoCode, Literal(code)))
        if rel.plover:
            g.add((prop, KG.ploverCategory, Literal(rel.plover)))
        for wikidata in rel.wikidata:
            g.add((prop, SKOS.closeMatch, WDT[wikidata]))
        if rel.inverse:
            inverse = relation_property(rel.inverse)
            g.add((inverse, RDF.type, OWL.ObjectProperty))
            g.add((inverse, OWL.inverseOf, prop))
            g.add((inverse, RDFS.subPropertyOf, KG.interactsWith))
            _describe(g, inverse, rel.inverse, f"The inverse of kg:{rel.rdf_name}: it holds "
                      "when that holds with the subject and the object swapped.")
    return g


def _describe(g: Graph, prop: URIRef, name: str, definition: str) -> None:
    g.add((prop, RDFS.domain, KG.Actor))
    g.add((prop, RDFS.range, KG.Actor))
    g.add((prop, RDFS.label, Literal(name.replace("-", " "), lang="en")))
    g.add((prop, SKOS.definition, Literal(definition, lang="en")))


def relation_shapes() -> Graph:
    """Return the relation lists of the shapes: the ``sh:in`` of a statement's predicate
    (``kgs:PredicateShape``: the relations, never an inverse) and the targets of the shapes of
    relation triples (``kgs:RelationShape``, ``kgs:RelationObjectShape``: each relation and
    inverse)."""
    g = Graph()
    members = BNode()
    Collection(g, members, [relation_property(name) for name in load_relations()])
    g.add((KGS.PredicateShape, SH["in"], members))
    for term in relation_terms():
        g.add((KGS.RelationShape, SH.targetSubjectsOf, KG[term]))
        g.add((KGS.RelationObjectShape, SH.targetObjectsOf, KG[term]))
    return g


@functools.cache
def _context_text() -> str:
    return data_path("ontology", "context.jsonld").read_text(encoding="utf-8")


def jsonld_context() -> dict[str, Any]:
    """Return kgraph's JSON-LD context (the object to put under ``@context``), a new dict:
    the terms of ``ontology/context.jsonld``, then an IRI-valued term per relation and inverse
    relation (``"alliedWith"``, ``"backedBy"``, ``"backs"``).

    Raises:
        OSError: ``ontology/context.jsonld`` cannot be read.
    """
    context: dict[str, Any] = json.loads(_context_text())["@context"]
    for term in relation_terms():
        context[term] = {"@id": f"kg:{term}", "@type": "@id"}
    return context
