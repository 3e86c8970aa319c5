"""Resume builds into a store: skip the articles a store already holds, before parsing them.

A store keeps, for each article it ingested, the digest of the article's quads
(:data:`kgraph.store.oxigraph.DIGEST`) and, once the whole article is in, the content hash of the
text it was read from (:data:`CONTENT_HASH`, :func:`kgraph.read.articles.content_id`), both in
the store's bookkeeping graph. An article is *done* when both are there and the hash equals that
of its text now, so a rerun of an interrupted build parses only what is missing or changed, and ends
with the store an uninterrupted build would have left. The hash is written after the article's
own transaction: a build stopped between the two parses that article again, which ingests
nothing new (its digest is unchanged).

Examples:
    >>> from kgraph.store.oxigraph import open_store
    >>> store = open_store(None)
    >>> article = Article("a1", "Hezbollah and Iran are allies.")
    >>> is_done(store, article)
    False
    >>> from kgraph.store.oxigraph import ingest_article
    >>> ingest_article(store, article, [])
    'added'
    >>> mark_done(store, article)
    >>> is_done(store, article)
    True
    >>> [a.id for a in pending([article, Article("a2", "Hamas met Fatah.")], store)]
    ['a2']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef

from kgraph.model import Article
from kgraph.rdf.namespace import KGR, article_graph_iri
from kgraph.read.articles import content_id

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["CONTENT_HASH", "is_done", "mark_done", "pending"]

CONTENT_HASH = URIRef(KGR["store/content-hash"])
"""The property linking an article's named graph to the content hash of its ingested text."""


def is_done(store: ox.Store, article: Article) -> bool:
    """Return whether ``store`` holds ``article`` fully, read from the same text."""
    import pyoxigraph as ox

    from kgraph.store.oxigraph import DIGEST, STORE_GRAPH

    graph = ox.NamedNode(str(article_graph_iri(article.id)))
    bookkeeping = ox.NamedNode(str(STORE_GRAPH))
    if not any(True for _ in store.quads_for_pattern(graph, ox.NamedNode(str(DIGEST)), None,
                                                     bookkeeping)):
        return False
    wanted = ox.Literal(content_id(article.text))
    return any(q.object == wanted for q in store.quads_for_pattern(
        graph, ox.NamedNode(str(CONTENT_HASH)), None, bookkeeping))


def mark_done(store: ox.Store, article: Article) -> None:
    """Record that ``article`` is fully in ``store`` (after
    :func:`kgraph.store.oxigraph.ingest_article`)."""
    import pyoxigraph as ox

    from kgraph.store.oxigraph import STORE_GRAPH

    graph = ox.NamedNode(str(article_graph_iri(article.id)))
    bookkeeping, prop = ox.NamedNode(str(STORE_GRAPH)), ox.NamedNode(str(CONTENT_HASH))
    new = ox.Quad(graph, prop, ox.Literal(content_id(article.text)), bookkeeping)
    old = list(store.quads_for_pattern(graph, prop, None, bookkeeping))
    if old == [new]:
        return
    for quad in old:
        store.remove(quad)
    store.add(new)


def pending(
    articles: Iterable[Article],
    store: ox.Store | Callable[[], ox.Store],
    *,
    on_skip: Callable[[Article], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles ``store`` does not hold yet (or holds from another text), lazily.

    Args:
        articles: the articles of the build.
        store: the store being built, or a function returning it at each article (a build
            that reopens its store passes one: this generator then keeps no handle on it).
        on_skip: called with each article passed over.
    """
    current = store if callable(store) else lambda: store
    for article in articles:
        if is_done(current(), article):
            if on_skip is not None:
                on_skip(article)
            continue
        yield article
