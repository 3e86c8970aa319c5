"""An article as the quads a backend stores, and the digest that tells whether it changed.

Every backend stores an article the same way: its named graph as a whole, plus the descriptions
of the actors it names in the actors graph (:func:`kgraph.rdf.graph.add_article` writes both).
:func:`article_quads` computes them apart from any store; :func:`article_digest` is the SHA-256
of their N-Triples lines, which a store keeps to pass over an article ingested again unchanged.

Examples:
    >>> from kgraph.model import Actor, Article, Assertion, Evidence
    >>> isis, nusra = Actor("isis", "ISIS", "ArmedGroup"), Actor("al-nusra", "Nusra", "ArmedGroup")
    >>> ev = Evidence("a1", "ISIS and Nusra are allies.", 0, 26, "demo")
    >>> items = [Assertion(isis, "allied-with", nusra, ev)]
    >>> quads = article_quads(Article("a1", ev.sentence), items)
    >>> sorted(str(actor).rsplit("/", 1)[1] for actor in quads.descriptions)
    ['al-nusra', 'isis']
    >>> article_digest(quads) == article_digest(article_quads(Article("a1", ev.sentence), []))
    False
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from kgraph.model import Actor, Article, Assertion
from kgraph.rdf.graph import add_article, new_dataset
from kgraph.rdf.namespace import ACTORS_GRAPH, article_graph_iri
from kgraph.rdf.terms import Triple, ntriples_lines, to_oxigraph

__all__ = ["ArticleQuads", "article_digest", "article_quads"]


@dataclass(frozen=True, slots=True)
class ArticleQuads:
    """What an article puts into a store.

    Attributes:
        article_id: the article's id.
        graph: the IRI of the article's named graph.
        triples: every triple of that graph.
        lines: the same triples as sorted N-Triples lines (:func:`kgraph.rdf.terms.ntriples_line`).
        descriptions: the triples describing each actor the article names, by actor IRI, as
            :func:`kgraph.rdf.graph.add_article` would write them into the actors graph.
    """

    article_id: str
    graph: URIRef
    triples: tuple[Triple, ...]
    lines: tuple[str, ...]
    descriptions: dict[URIRef, frozenset[Triple]]


def article_quads(
    article: Article,
    assertions: Iterable[Assertion],
    *,
    actors: Iterable[Actor] = (),
    model: str = "",
) -> ArticleQuads:
    """Return the quads :func:`kgraph.rdf.graph.add_article` writes for an article.

    Args:
        article: the article.
        assertions: the assertions read in it.
        actors: more actors to describe.
        model: the spaCy pipeline the assertions were read with (``name-version``).

    Raises:
        GraphError: an assertion is inconsistent (see :func:`kgraph.rdf.graph.add_article`).
    """
    scratch = new_dataset()
    add_article(scratch, article, assertions, actors=actors, model=model)
    graph = article_graph_iri(article.id)
    triples = tuple(scratch.graph(graph).triples((None, None, None)))
    descriptions: dict[URIRef, set[Triple]] = {}
    for triple in scratch.graph(ACTORS_GRAPH).triples((None, None, None)):
        if isinstance(triple[0], URIRef):
            descriptions.setdefault(triple[0], set()).add(triple)
    return ArticleQuads(article.id, graph, triples, tuple(ntriples_lines(triples)),
                        {s: frozenset(d) for s, d in descriptions.items()})


def article_digest(quads: ArticleQuads) -> str:
    """Return the SHA-256 (hex) of an article's quads: its graph's lines, then the lines of
    each actor description, actor after actor.

    Equal digests mean equal quads; a store keeps the digest of each article it holds.
    """
    actors = sorted(quads.descriptions, key=lambda s: str(to_oxigraph(s)))
    described = (line for s in actors for line in ntriples_lines(quads.descriptions[s]))
    lines = [*quads.lines, *described]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
