"""rdflib terms <-> pyoxigraph terms, and triples as N-Triples lines.

The Oxigraph backend stores pyoxigraph terms, the rest of kgraph handles rdflib ones; the
article digest (:func:`kgraph.rdf.quads.article_digest`) and the update texts sent to stores are
written in Oxigraph's N-Triples form, so that every backend reads and writes the same lines.

Examples:
    >>> from rdflib import URIRef
    >>> ntriples_line((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    '<urn:s> <urn:p> "o"'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kgraph.errors import GraphError

__all__ = ["Triple", "from_oxigraph", "ntriples_line", "ntriples_lines", "to_oxigraph"]

Triple = tuple[Node, Node, Node]
"""A triple of rdflib terms."""

_XSD_STRING = str(XSD.string)


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return the pyoxigraph term equal to an rdflib term.

    Raises:
        GraphError: the term is neither an IRI, a literal nor a blank node.

    Examples:
        >>> to_oxigraph(Literal(3))
        <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise GraphError(f"cannot store the term {term!r}")


def from_oxigraph(term: Any) -> Identifier:
    """Return the rdflib term equal to a pyoxigraph term (plain strings stay plain).

    Raises:
        GraphError: the term is not an IRI, a literal nor a blank node.

    Examples:
        >>> from_oxigraph(ox.Literal("x")) == Literal("x")
        True
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise GraphError(f"cannot read the term {term!r}")


def ntriples_line(triple: Triple) -> str:
    """Return a triple in N-Triples, as Oxigraph writes it, without the final dot."""
    s, p, o = triple
    return f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)}"


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """Return :func:`ntriples_line` of each triple, sorted."""
    return sorted(ntriples_line(t) for t in triples)
