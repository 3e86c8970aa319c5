"""Resume builds into a backend: skip the articles it already holds, before parsing them.

A backend keeps, for each article it holds fully, the content hash of the text the article
was read from (:data:`kgraph.store.base.CONTENT_HASH`, :func:`kgraph.model.content_id`),
written by :func:`mark_done` after the article's own write (:meth:`Backend.ingest
<kgraph.store.base.Backend.ingest>`). An article is *done* when the backend has the hash and it
equals that of its text now, so a rerun of an interrupted build parses only what is missing or
changed, and ends with the store an uninterrupted build would have left. A build stopped
between the write and the hash parses that article again, which writes nothing new (its digest
is unchanged). The stores on disk and remote (:mod:`kgraph.store.oxigraph`,
:mod:`kgraph.store.remote`) keep the hash in their bookkeeping graph and count it only next to
the article's digest; the memory backend keeps it as long as it lives.

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

from kgraph.model import Article, content_id
from kgraph.store.base import CONTENT_HASH, Backend
from kgraph.store.oxigraph import KgStore, OxigraphBackend

__all__ = ["CONTENT_HASH", "is_done", "mark_done", "pending"]


def _backend(target: Backend | KgStore) -> Backend:
    return OxigraphBackend(target) if isinstance(target, KgStore) else target


def is_done(backend: Backend | KgStore, article: Article) -> bool:
    """Return whether ``backend`` holds ``article`` fully, read from the same text.

    Args:
        backend: a backend, or an Oxigraph store (from
            :func:`kgraph.store.oxigraph.open_store`).
        article: the article, with its text.
    """
    return _backend(backend).content_hash(article.id) == content_id(article.text)


def mark_done(backend: Backend | KgStore, article: Article) -> None:
    """Record that ``article`` is fully in ``backend`` (after its ingest)."""
    target = _backend(backend)
    value = content_id(article.text)
    if target.content_hash(article.id) != value:
        target.record_content_hash(article.id, value)


def pending(
    articles: Iterable[Article],
    backend: Backend | KgStore,
    *,
    on_skip: Callable[[Article], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles ``backend`` does not hold yet (or holds from another text), lazily.

    Args:
        articles: the articles of the build.
        backend: the backend being built (or an Oxigraph store).
        on_skip: called with each article passed over.
    """
    target = _backend(backend)
    for article in articles:
        if is_done(target, article):
            if on_skip is not None:
                on_skip(article)
            continue
        yield article
