"""The storage protocol: what the build, the queries and the commands ask of a backend.

A backend holds kgraph's dataset (one named graph per article, the actors graph; see
:mod:`kgraph.rdf.graph`). Three ship with kgraph, each opened from what a user types by
:func:`kgraph.store.open_backend`:

- memory (:mod:`kgraph.store.memory`): an rdflib Dataset, from a graph file or empty;
- an Oxigraph folder (:mod:`kgraph.store.oxigraph`): RocksDB on disk, the user's graphs apart
  from kgraph's own data;
- a SPARQL 1.1 server (:mod:`kgraph.store.remote`): ``sparql+http://HOST:PORT/PATH``.

What every backend shares is written here or below, once:

- the article's quads and their digest (:mod:`kgraph.rdf.quads`), and the rule that a minted
  actor never replaces a gazetteer actor (:func:`kgraph.rdf.graph.replaces_description`);
- :func:`ingest_with_digest`: ingesting into a store that keeps a digest per article, so that
  an article ingested again unchanged writes nothing; a backend gives three primitives
  (:class:`KeepsDigests`);
- resume (:mod:`kgraph.store.resume`), over :meth:`Backend.content_hash`;
- the build loop (:func:`kgraph.run.build.build_into`), over :meth:`Backend.ingest`.

A new backend is one class with the methods of :class:`Backend` (most of them a line or two
over :func:`ingest_with_digest` and :func:`kgraph.rdf.graph.new_dataset`), plus a branch in
:func:`kgraph.store.open_backend` if users should name it on the command line.

Examples:
    >>> from kgraph.store.memory import MemoryBackend
    >>> isinstance(MemoryBackend(), Backend)
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from rdflib import URIRef

from kgraph.model import Actor, Article, Assertion
from kgraph.rdf.graph import replaces_description, save_graph
from kgraph.rdf.namespace import KGR
from kgraph.rdf.quads import ArticleQuads, article_digest, article_quads

if TYPE_CHECKING:
    from rdflib import Dataset

    from kgraph.rdf.terms import Triple
    from kgraph.sparql.named import QueryResult

__all__ = ["CONTENT_HASH", "DIGEST", "STORE_GRAPH", "Backend", "IngestOutcome", "KeepsDigests",
           "dump", "ingest_with_digest"]

IngestOutcome = Literal["added", "replaced", "unchanged"]
"""What ingesting an article did: it was new, it replaced an earlier version, or nothing."""

STORE_GRAPH = URIRef(KGR["graph/store"])
"""The named graph holding a store's own bookkeeping (article digests and content hashes)."""

DIGEST = URIRef(KGR["store/digest"])
"""The property linking an article's named graph to the digest of its quads
(:func:`kgraph.rdf.quads.article_digest`)."""

CONTENT_HASH = URIRef(KGR["store/content-hash"])
"""The property linking an article's named graph to the content hash of its ingested text
(:func:`kgraph.model.content_id`)."""


@runtime_checkable
class Backend(Protocol):
    """Where kgraph's dataset is kept: what the build, resume, queries and commands use."""

    @property
    def location(self) -> str:
        """What the user named the backend by (a folder, a file, a URL), for messages."""
        ...

    def ingest(
        self,
        article: Article,
        assertions: Iterable[Assertion],
        *,
        actors: Iterable[Actor] = (),
        model: str = "",
    ) -> IngestOutcome:
        """Put an article and its assertions in, replacing its earlier version.

        Actor descriptions follow :func:`kgraph.rdf.graph.replaces_description`.

        Raises:
            GraphError: an assertion is inconsistent, or the backend refused the write.
        """
        ...

    def content_hash(self, article_id: str) -> str | None:
        """The content hash recorded for an article fully in (see :mod:`kgraph.store.resume`),
        None when there is none."""
        ...

    def record_content_hash(self, article_id: str, value: str) -> None:
        """Record the content hash of the text an article in the backend was read from."""
        ...

    def remove(self, article_id: str) -> bool:
        """Remove an article's named graph; return whether it was there (actors stay)."""
        ...

    def query(self, name_or_sparql: str, **bindings: str) -> QueryResult:
        """Run a named query or raw SPARQL, as :func:`kgraph.sparql.named.query` does.

        Raises:
            QueryError: see :func:`kgraph.sparql.named.query`.
        """
        ...

    def to_dataset(self) -> Dataset:
        """The dataset as rdflib (the projections read rdflib graphs); without the store's own
        derived data."""
        ...

    def flush(self) -> None:
        """Make the writes so far durable; the build calls it every few hundred articles and
        at the end."""
        ...


class KeepsDigests(Protocol):
    """The primitives of a backend that keeps a digest per article (see
    :func:`ingest_with_digest`)."""

    def digest(self, article_id: str) -> str | None:
        """The digest of the article's quads in the backend; None when it is not in."""
        ...

    def description(self, actor: URIRef) -> frozenset[Triple]:
        """The triples describing ``actor`` in the actors graph (empty when none)."""
        ...

    def write(self, quads: ArticleQuads, digest: str,
              descriptions: Mapping[URIRef, frozenset[Triple]]) -> None:
        """Replace the article's named graph with ``quads``, replace the descriptions of the
        actors given, and record ``digest``, all at once if the backend can.

        Raises:
            GraphError: the backend refused the write.
        """
        ...


def ingest_with_digest(
    target: KeepsDigests,
    article: Article,
    assertions: Iterable[Assertion],
    *,
    actors: Iterable[Actor] = (),
    model: str = "",
) -> IngestOutcome:
    """Ingest an article into a backend that keeps digests, unless it is there unchanged.

    The quads are those :func:`kgraph.rdf.graph.add_article` writes; an actor description is
    written when it :func:`kgraph.rdf.graph.replaces_description` the stored one.

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"`` (nothing was written).

    Raises:
        GraphError: an assertion is inconsistent, or the backend refused the write.
    """
    quads = article_quads(article, assertions, actors=actors, model=model)
    digest = article_digest(quads)
    old = target.digest(article.id)
    if old == digest:
        return "unchanged"
    changed = {actor: new for actor, new in quads.descriptions.items()
               if replaces_description(target.description(actor), new)}
    target.write(quads, digest, changed)
    return "added" if old is None else "replaced"


def dump(backend: Backend, path: str | Path, *, format: str | None = None) -> Path:
    """Write a backend's dataset to a graph file (see :func:`kgraph.rdf.graph.save_graph`).

    Raises:
        GraphError: the format is unknown.
    """
    return save_graph(backend.to_dataset(), path, format=format)
