"""The memory backend: an rdflib Dataset (:mod:`kgraph.rdf.graph`), empty or read from a file.

It is what ``kgraph build --out`` builds into and what the commands open for a graph file.
It keeps no digests (an article read again is written again) and its content hashes live as
long as the object, outside the dataset: a graph file holds only what
:func:`kgraph.rdf.graph.add_article` writes.

Examples:
    >>> from kgraph.model import Article
    >>> backend = MemoryBackend()
    >>> backend.ingest(Article("a1", "Nothing happened."), []), backend.remove("a1")
    ('added', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset

from kgraph.model import Actor, Article, Assertion
from kgraph.rdf.graph import add_article, new_dataset, remove_article
from kgraph.sparql.named import QueryResult, query
from kgraph.store.base import IngestOutcome

__all__ = ["MemoryBackend"]


class MemoryBackend:
    """An rdflib dataset as a backend (see :class:`kgraph.store.base.Backend`).

    Args:
        dataset: the dataset to build into (it is changed); a new one when None.
        path: the graph file it was read from, if any (named in messages only: writes stay in
            memory until dumped, see :func:`kgraph.store.base.dump`).
    """

    def __init__(self, dataset: Dataset | None = None, *, path: str | Path | None = None) -> None:
        self.dataset = new_dataset() if dataset is None else dataset
        self.path = None if path is None else Path(path)
        self._hashes: dict[str, str] = {}

    @property
    def location(self) -> str:
        """The graph file, or ``:memory:``."""
        return str(self.path) if self.path is not None else ":memory:"

    def ingest(self, article: Article, assertions: Iterable[Assertion], *,
               actors: Iterable[Actor] = (), model: str = "") -> IngestOutcome:
        """Add an article (see :func:`kgraph.rdf.graph.add_article`); never ``unchanged``."""
        present = remove_article(self.dataset, article.id)
        self._hashes.pop(article.id, None)
        add_article(self.dataset, article, assertions, actors=actors, model=model)
        return "replaced" if present else "added"

    def content_hash(self, article_id: str) -> str | None:
        """The content hash recorded since this backend was opened."""
        return self._hashes.get(article_id)

    def record_content_hash(self, article_id: str, value: str) -> None:
        """Record a content hash (in this object only)."""
        self._hashes[article_id] = value

    def remove(self, article_id: str) -> bool:
        """Remove an article's named graph (see :func:`kgraph.rdf.graph.remove_article`)."""
        self._hashes.pop(article_id, None)
        return remove_article(self.dataset, article_id)

    def query(self, name_or_sparql: str, **bindings: str) -> QueryResult:
        """Run a named query or SPARQL (see :func:`kgraph.sparql.named.query`)."""
        return query(self.dataset, name_or_sparql, **bindings)

    def to_dataset(self) -> Dataset:
        """The dataset itself (not a copy)."""
        return self.dataset

    def flush(self) -> None:
        """Nothing to do: the dataset is in memory."""
