"""The on-disk Oxigraph store: ingest articles article by article, run named queries on it.

For corpora that outgrow memory, kgraph keeps its dataset in an Oxigraph store (``pyoxigraph``,
RocksDB on disk) instead of an rdflib Dataset in memory: the :class:`OxigraphBackend` of the
storage protocol (:mod:`kgraph.store.base`), which :func:`kgraph.store.open_backend` opens for
a folder. The layout is the same as :mod:`kgraph.rdf.graph`'s (one named graph per article, the
actors graph), built by the same code: :func:`ingest_article` takes an article's quads from
:func:`kgraph.rdf.quads.article_quads` and writes them with
:func:`kgraph.store.base.ingest_with_digest`.

- **Two stores.** A store (:class:`KgStore`) is the user's graphs (the articles', the actors
  graph) in one Oxigraph store, and kgraph's own data (digests, content hashes, cached
  results, the claim index) in a second one beside it, in the folder :data:`OWN_FOLDER` of
  the store folder: raw SPARQL (``kgraph query --sparql``, ``kgraph serve``) sees the user's
  graphs and nothing else, as the same graph loaded from a file. A store written by an
  earlier kgraph, which kept its own graphs among the user's, is brought to this layout when
  opened for writing (:func:`open_store`).
- **Transactions.** Each article goes in as SPARQL Update requests (Oxigraph applies an
  update atomically): its digest, claim rows and the cached results are dropped, then its
  named graph and the actor descriptions it changes are replaced, then its claim rows, the
  cards of its actors and its digest are written. A process killed mid-ingest leaves the
  article without a digest, so the next ingest (a resumed build) writes it again. (pyoxigraph
  0.5 has no other way to remove and add in one transaction; the update text holds terms
  serialised by Oxigraph's own N-Triples writer, never text pasted from an article or a user.)
- **Digests.** The SHA-256 of an article's quads (and of the actor descriptions it brings,
  :func:`kgraph.rdf.quads.article_digest`) is kept in the store graph ``kgr:graph/store`` of
  the store's own data as ``<article graph> kgr:store/digest "hex"``; ingesting an article
  whose digest is unchanged writes nothing.
- **Queries.** Oxigraph's default graph is not the union of the named graphs, so every query
  runs with ``use_default_graph_as_union=True`` (over the user's graphs: the union is theirs);
  named-query parameters are bound with ``substitutions``, never formatted into the text, and
  no query text is rewritten. A named
  query with a text written for Oxigraph's planner (``kgraph/sparql/queries/store/<name>.rq``,
  same parameters, columns and rows; :func:`store_variants`) runs that text instead. Oxigraph
  binds only the variables a query projects: a text run on the store projects its parameters,
  and they are left out of the result (:func:`kgraph.sparql.named.without_params`).
- **Claim index.** The queries that read every claim of an actor (``actor-profile``,
  ``relations-of``, ``timeline-of``) or its partners' (``allies-of``, ``enemies-of``,
  ``backers-of``, ``clients-of``, ``members-of``, ``leaders-of``; :data:`QUERIES`) are
  answered from a derived graph per graph, holding one
  packed row per statement under each of its actors (:mod:`kgraph.store.claims`), in the
  store's own data: written with each article, rebuilt by :func:`load_file` and
  :func:`index_claims`. A store without the index (written before it existed) runs their
  SPARQL texts until :func:`warm_cache` indexes it.
- **Cached results.** The queries that aggregate the whole store (:data:`CACHED_QUERIES`) are
  cached in the store's own data. Every write drops them before it writes, and the next query
  computes them again from the whole store (about 30 s at 10k actors and 100k claims): they are
  not maintained article by article, because their distinct counts (partners, articles, actors)
  do not add up across articles. Call :func:`warm_cache` after a batch of writes; a store opened
  read-only (``kgraph query --store``, ``kgraph serve``) cannot cache them and computes them at
  each query until a writer warms it.

Examples:
    >>> from kgraph.model import Actor, Article, Assertion, Evidence
    >>> store = open_store(None)  # in memory; give a folder to keep it on disk
    >>> isis, nusra = Actor("isis", "ISIS", "ArmedGroup"), Actor("al-nusra", "Nusra", "ArmedGroup")
    >>> ev = Evidence("a1", "ISIS and Nusra are allies.", 0, 26, "demo")
    >>> items = [Assertion(isis, "allied-with", nusra, ev, confidence=0.9)]
    >>> ingest_article(store, Article("a1", "ISIS and Nusra are allies."), items)
    'added'
    >>> ingest_article(store, Article("a1", "ISIS and Nusra are allies."), items)
    'unchanged'
    >>> query_store(store, "allies-of", actor="isis").rows[0]["ally_id"]
    'al-nusra'
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import SKOS
from rdflib.term import Identifier

from kgraph.errors import DataFileError, GraphError, QueryError
from kgraph.know.relations import load_relations
from kgraph.model import Actor, Article, Assertion
from kgraph.rdf.formats import format_of
from kgraph.rdf.graph import new_dataset
from kgraph.rdf.namespace import ACTORS_GRAPH, KG, KGR, article_graph_iri, relation_property
from kgraph.rdf.quads import ArticleQuads
from kgraph.rdf.terms import Triple, from_oxigraph, to_oxigraph
from kgraph.sparql.named import (
    NamedQuery,
    QueryResult,
    best_actor,
    check_bindings,
    checked_sparql,
    load_queries,
    requested_query,
    without_params,
)
from kgraph.store.base import (
    CONTENT_HASH,
    DIGEST,
    STORE_GRAPH,
    IngestOutcome,
    ingest_with_digest,
)
from kgraph.store.claims import (
    CARD,
    CLAIMS_GRAPH,
    QUERIES,
    card_triples,
    claims_graph,
    index_triples,
    is_claims_graph,
)
from kgraph.store.engine import run

__all__ = [
    "CACHED_QUERIES",
    "DIGEST",
    "INDEXED",
    "OWN_FOLDER",
    "RESULT",
    "STORE_GRAPH",
    "IngestOutcome",
    "KgStore",
    "OxigraphBackend",
    "article_digests",
    "from_oxigraph",
    "index_claims",
    "ingest_article",
    "is_store",
    "load_file",
    "open_store",
    "query_store",
    "remove_article",
    "store_text",
    "store_variants",
    "to_dataset",
    "to_oxigraph",
    "warm_cache",
]

RESULT = URIRef(KGR["store/result"])
"""The property linking ``kgr:query/<name>`` to the cached JSON result of a global query
(in the store's own data)."""

INDEXED = URIRef(KGR["store/claim-index"])
"""The property whose triple in the store's own data says that every graph has its claim rows
(:mod:`kgraph.store.claims`)."""

OWN_FOLDER = "kgraph-index"
"""The folder, inside a store folder, of the Oxigraph store holding kgraph's own data."""

CACHED_QUERIES = ("actors", "articles", "strongest-relations")
"""Named queries without parameters that aggregate the whole store: their results are cached
in the store's own data, dropped by every write and computed again when next asked for."""

# As kgraph.sparql.named's lookup, projecting ?key: Oxigraph substitutes projected variables only.
_ACTOR_LOOKUP = f"""
    PREFIX kg: <{KG._NS}>
    PREFIX skos: <{SKOS}>
    SELECT DISTINCT ?actor ?rank ?label ?id ?key WHERE {{
      {{ ?actor kg:actorId ?value . BIND(0 AS ?rank) }}
      UNION {{ ?actor skos:prefLabel ?value . BIND(1 AS ?rank) }}
      UNION {{ ?actor skos:altLabel ?value . BIND(2 AS ?rank) }}
      FILTER(LCASE(STR(?value)) = ?key)
      ?actor skos:prefLabel ?label .
      OPTIONAL {{ ?actor kg:actorId ?id }}
    }}
"""
_PREF_LABEL = ox.NamedNode(str(SKOS.prefLabel))
_STORE_NODE = ox.NamedNode(str(STORE_GRAPH))
_CONTENT_HASH_NODE = ox.NamedNode(str(CONTENT_HASH))
_INDEXED_QUAD = ox.Quad(_STORE_NODE, ox.NamedNode(str(INDEXED)), ox.Literal("1"), _STORE_NODE)
_FORGET_RESULTS = (f"DELETE WHERE {{ GRAPH <{STORE_GRAPH}> {{ ?query <{RESULT}> ?rows }} }}")
_STORE_QUERIES = Path(__file__).resolve().parent.parent / "sparql" / "queries" / "store"


@dataclass(frozen=True)
class KgStore:
    """An open store: the user's graphs, and kgraph's own data beside them (two Oxigraph
    stores; on disk, the second one in the :data:`OWN_FOLDER` of the first one's folder).

    Attributes:
        graphs: the articles' graphs, the actors graph and the default graph, nothing else:
            what raw SPARQL sees (``kgraph query --sparql``, ``kgraph serve``).
        own: the digests, content hashes and cached results (in :data:`STORE_GRAPH`) and the
            claim index (:mod:`kgraph.store.claims`).
    """

    graphs: ox.Store
    own: ox.Store


def open_store(path: str | Path | None, *, read_only: bool = False) -> KgStore:
    """Open (or create) the store in the folder ``path``; in memory when None.

    A store written by an earlier kgraph, which kept its own data among the user's graphs, is
    brought to the current layout when opened for writing (its own graphs move to
    :data:`OWN_FOLDER`).

    Args:
        path: the store folder; created when missing (unless ``read_only``).
        read_only: open without write access (several processes may then read one store, as
            long as none writes to it).

    Raises:
        GraphError: the folder cannot be opened as a store (not a store, locked by another
            process that writes to it, or written by an earlier kgraph and opened read-only).

    Examples:
        >>> store = open_store(None)
        >>> len(store.graphs), len(store.own)
        (0, 0)
    """
    if path is None:
        return KgStore(ox.Store(), ox.Store())
    folder = Path(path)
    if read_only and not is_store(folder):
        raise GraphError(f"{folder}: not an Oxigraph store")
    own = folder / OWN_FOLDER
    try:
        if not read_only:
            store = KgStore(ox.Store(str(folder)), ox.Store(str(own)))
            if _holds_own_data(store.graphs):
                _move_own_data(store)
            return store
        graphs = ox.Store.read_only(str(folder))
        if _holds_own_data(graphs):
            raise GraphError(f"{folder}: a store of an earlier kgraph; open it once for writing "
                             f"to update it (kgraph build INPUTS --store {folder})")
        return KgStore(graphs, ox.Store.read_only(str(own)) if is_store(own) else ox.Store())
    except OSError as e:
        raise GraphError(f"{folder}: cannot open the store: {e}") from e


def is_store(path: str | Path) -> bool:
    """Return whether ``path`` is a folder holding an Oxigraph (RocksDB) store.

    Examples:
        >>> is_store("/nonexistent")
        False
    """
    folder = Path(path)
    return folder.is_dir() and (folder / "CURRENT").is_file()


def _holds_own_data(graphs: ox.Store) -> bool:
    """Whether the user's graphs hold graphs of kgraph's own (bookkeeping, claim index): a store
    of an earlier kgraph, or a graph file of one loaded into the store."""
    return any(graphs.contains_named_graph(g) for g in (_STORE_NODE, ox.NamedNode(CLAIMS_GRAPH)))


def _move_own_data(store: KgStore) -> None:
    """Move kgraph's own graphs from the user's graphs to the store's own.

    Each graph is copied, then removed; the bookkeeping graph goes last, so a process killed
    meanwhile leaves it behind, and the next opening moves what is left.
    """
    for graph in list(store.graphs.named_graphs()):
        if isinstance(graph, ox.NamedNode) and is_claims_graph(graph):
            store.own.bulk_extend(store.graphs.quads_for_pattern(None, None, None, graph))
            store.graphs.remove_graph(graph)
    store.own.bulk_extend(store.graphs.quads_for_pattern(None, None, None, _STORE_NODE))
    store.graphs.remove_graph(_STORE_NODE)


# ---------------------------------------------------------------- ingesting


def ingest_article(
    store: KgStore,
    article: Article,
    assertions: Iterable[Assertion],
    *,
    actors: Iterable[Actor] = (),
    model: str = "",
) -> IngestOutcome:
    """Put an article into the store (see the module's notes), unless it is there unchanged.

    The quads are those :func:`kgraph.rdf.graph.add_article` writes; the article's named graph
    replaces the one an earlier ingest left, and actor descriptions follow the same rule as in
    memory (a minted actor never replaces a gazetteer actor). See
    :func:`kgraph.store.base.ingest_with_digest`.

    Args:
        store: the store (from :func:`open_store`).
        article: the article.
        assertions: the assertions read in it.
        actors: more actors to describe.
        model: the spaCy pipeline the assertions were read with (``name-version``).

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"`` (nothing was written).

    Raises:
        GraphError: an assertion is inconsistent (see :func:`kgraph.rdf.graph.add_article`).
    """
    return OxigraphBackend(store).ingest(article, assertions, actors=actors, model=model)


def _write(store: KgStore, quads: ArticleQuads, digest: str,
           descriptions: Mapping[URIRef, frozenset[Triple]]) -> None:
    """Write an article (see :meth:`kgraph.store.base.KeepsDigests.write`) in three updates.

    The article's digest, its claim rows and the cached results go first, then its graph and
    the descriptions that change, then its claim rows, the cards of the actors it describes
    and its digest: a process killed in between leaves the article without a digest, so the
    next ingest (a resumed build) writes it again, and its index with it.
    """
    graph_node = ox.NamedNode(str(quads.graph))
    actors_node = ox.NamedNode(str(ACTORS_GRAPH))
    digest_node, store_node = ox.NamedNode(str(DIGEST)), _STORE_NODE
    claims_node, actor_cards = claims_graph(graph_node), claims_graph(actors_node)
    fresh = _is_empty(store.graphs) and _is_empty(store.own)
    _update(store.own, quads.article_id, [
        f"DELETE WHERE {{ GRAPH {store_node} {{ {graph_node} {digest_node} ?d }} }}",
        _FORGET_RESULTS, f"DROP SILENT GRAPH {claims_node}"])
    steps = [f"DROP SILENT GRAPH {graph_node}"]
    steps += [f"DELETE WHERE {{ GRAPH {actors_node} {{ {to_oxigraph(actor)} ?p ?o }} }}"
              for actor in descriptions]
    new_descriptions = [_ox_triple(t) for description in descriptions.values() for t in description]
    _update(store.graphs, quads.article_id, steps, [
        _graph_block(graph_node, list(quads.lines)),
        _graph_block(actors_node, sorted(_lines(new_descriptions)))])
    # the cards of every actor the article describes, from the actors graph as it now is
    described = [ox.NamedNode(str(actor)) for actor in quads.descriptions]
    cards = card_triples([(q.subject, q.predicate, q.object) for actor in described
                          for q in store.graphs.quads_for_pattern(actor, None, None, actors_node)])
    insert = [_graph_block(claims_node, _lines(index_triples([_ox_triple(t)
                                                               for t in quads.triples]))),
              _graph_block(actor_cards, _lines(cards)),
              _graph_block(store_node, [f"{graph_node} {digest_node} {ox.Literal(digest)}"])]
    if fresh:  # a new store: every article will have its index
        q = _INDEXED_QUAD
        insert.append(_graph_block(store_node, _lines([(q.subject, q.predicate, q.object)])))
    _update(store.own, quads.article_id,
            [f"DELETE WHERE {{ GRAPH {actor_cards} {{ {actor} {CARD} ?card }} }}"
             for actor in described], insert)


def _update(store: ox.Store, article_id: str, steps: list[str], insert: Iterable[str] = ()) -> None:
    """Run ``steps`` and an INSERT DATA of the ``GRAPH`` blocks ``insert`` as one update."""
    blocks = [block for block in insert if block]
    if blocks:
        steps = [*steps, "INSERT DATA {\n" + "\n".join(blocks) + "\n}"]
    try:
        store.update(" ;\n".join(steps))
    except (SyntaxError, OSError) as e:
        raise GraphError(f"article {article_id}: the store refused it: {e}") from e


def remove_article(store: KgStore, article_id: str) -> bool:
    """Remove an article's named graph and digest from the store; return whether it was there.

    Examples:
        >>> remove_article(open_store(None), "a1")
        False
    """
    graph_node = ox.NamedNode(str(article_graph_iri(article_id)))
    if _digest(store, graph_node) is None and not store.graphs.contains_named_graph(graph_node):
        return False
    store_node, digest_node = _STORE_NODE, ox.NamedNode(str(DIGEST))
    _update(store.own, article_id, [
        f"DELETE WHERE {{ GRAPH {store_node} {{ {graph_node} {digest_node} ?d }} }}",
        f"DROP SILENT GRAPH {claims_graph(graph_node)}", _FORGET_RESULTS])
    _update(store.graphs, article_id, [f"DROP SILENT GRAPH {graph_node}"])
    return True


def article_digests(store: KgStore) -> dict[str, str]:
    """Return the digest of every article graph in the store, by graph IRI.

    Examples:
        >>> article_digests(open_store(None))
        {}
    """
    quads = store.own.quads_for_pattern(None, ox.NamedNode(str(DIGEST)), None, _STORE_NODE)
    return {q.subject.value: q.object.value for q in quads
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)}


class OxigraphBackend:
    """An Oxigraph store as a backend (see :class:`kgraph.store.base.Backend`).

    Writes go in as :func:`ingest_article` writes them; queries run as :func:`query_store`.
    Opened by :func:`kgraph.store.open_backend` for a folder.

    RocksDB keeps writes in memory tables until a flush, and its caches grow with the store
    (each write looks its quads and strings up): without a flush memory grows by ~80 MB per
    1,000 articles, and by ~9 MB more per 1,000 between 4k and 16k articles without a reopening.
    So :meth:`flush` also closes and reopens a store on disk every second time (the build
    flushes every 500 articles), which keeps memory flat.

    Args:
        store: the open store (:func:`open_store`).
        path: its folder (None for a store in memory); needed to reopen it.
        read_only: whether it was opened read-only (it is reopened so).

    Examples:
        >>> from kgraph.model import Article
        >>> backend = OxigraphBackend(open_store(None))
        >>> article = Article("a1", "Nothing happened.")
        >>> backend.ingest(article, []), backend.ingest(article, [])
        ('added', 'unchanged')
    """

    def __init__(self, store: KgStore, *, path: str | Path | None = None,
                 read_only: bool = False) -> None:
        self.store = store
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self._flushes = 0

    @property
    def location(self) -> str:
        """The store folder, or ``:memory:``."""
        return str(self.path) if self.path is not None else ":memory:"

    def ingest(self, article: Article, assertions: Iterable[Assertion], *,
               actors: Iterable[Actor] = (), model: str = "") -> IngestOutcome:
        """Ingest an article (see :func:`ingest_article`)."""
        return ingest_with_digest(self, article, assertions, actors=actors, model=model)

    def digest(self, article_id: str) -> str | None:
        """The digest recorded for an article, None when it is not in."""
        return _digest(self.store, ox.NamedNode(str(article_graph_iri(article_id))))

    def description(self, actor: URIRef) -> frozenset[Triple]:
        """The triples describing ``actor`` in the actors graph."""
        quads = self.store.graphs.quads_for_pattern(ox.NamedNode(str(actor)), None, None,
                                                    ox.NamedNode(str(ACTORS_GRAPH)))
        return frozenset((from_oxigraph(q.subject), from_oxigraph(q.predicate),
                          from_oxigraph(q.object)) for q in quads)

    def write(self, quads: ArticleQuads, digest: str,
              descriptions: Mapping[URIRef, frozenset[Triple]]) -> None:
        """Write an article (see :func:`ingest_article`)."""
        _write(self.store, quads, digest, descriptions)

    def content_hash(self, article_id: str) -> str | None:
        """The content hash recorded for an article whose digest is in the store."""
        graph = ox.NamedNode(str(article_graph_iri(article_id)))
        if _digest(self.store, graph) is None:
            return None
        for quad in self.store.own.quads_for_pattern(graph, _CONTENT_HASH_NODE, None,
                                                     _STORE_NODE):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def record_content_hash(self, article_id: str, value: str) -> None:
        """Record a content hash in the store's own data (replacing an earlier one)."""
        graph = ox.NamedNode(str(article_graph_iri(article_id)))
        new = ox.Quad(graph, _CONTENT_HASH_NODE, ox.Literal(value), _STORE_NODE)
        old = list(self.store.own.quads_for_pattern(graph, _CONTENT_HASH_NODE, None, _STORE_NODE))
        if old == [new]:
            return
        for quad in old:
            self.store.own.remove(quad)
        self.store.own.add(new)

    def remove(self, article_id: str) -> bool:
        """Remove an article (see :func:`remove_article`)."""
        return remove_article(self.store, article_id)

    def query(self, name_or_sparql: str, **bindings: str) -> QueryResult:
        """Run a named query or SPARQL (see :func:`query_store`)."""
        return query_store(self.store, name_or_sparql, **bindings)

    def to_dataset(self) -> Dataset:
        """The store's content as rdflib (see :func:`to_dataset`)."""
        return to_dataset(self.store)

    def flush(self) -> None:
        """Flush the writes to disk; every second time, also close and reopen the store (both
        its Oxigraph stores)."""
        if self.read_only:
            return
        self.store.graphs.flush()
        self.store.own.flush()
        self._flushes += 1
        if self._flushes % 2 == 0 and self.path is not None:
            del self.store  # closed once the last reference goes, before it is opened again
            self.store = open_store(self.path)


def load_file(store: KgStore, path: str | Path) -> int:
    """Bulk-load a graph file (.trig, .nq, .ttl, .nt, .jsonld) into the store; return its size.

    The format follows the suffix (:func:`kgraph.rdf.formats.format_of`). Triple formats go
    into the default graph. This is the fast path for a whole graph
    written by a build; it keeps no digests, so articles ingested later replace their graphs.
    It drops the cached results of :data:`CACHED_QUERIES` (see :func:`warm_cache`) and indexes
    the store's claims again (:func:`index_claims`). Graphs of kgraph's own in the file (from
    a store of an earlier kgraph) go to the store's own data, as :func:`open_store` moves them.

    Returns:
        The number of quads in the user's graphs.

    Raises:
        GraphError: unknown suffix, missing file or invalid content.
    """
    source = Path(path)
    rdf_format = format_of(source)
    fmt = ox.RdfFormat.from_media_type(rdf_format.media_type)
    if fmt is None:  # a format of the table that Oxigraph does not read
        raise GraphError(f"{source}: the store cannot load {rdf_format.name} files")
    if not source.is_file():
        raise GraphError(f"{source}: no such graph file")
    fresh = _is_empty(store.graphs) and _is_empty(store.own)
    store.own.update(_FORGET_RESULTS)  # before (a failed load) and after (results in the file)
    store.own.remove(_INDEXED_QUAD)
    try:
        store.graphs.bulk_load(path=str(source), format=fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"{source}: cannot load it into the store: {e}") from e
    own_data = _holds_own_data(store.graphs)  # a file written from an earlier kgraph's store
    if own_data:
        _move_own_data(store)
    store.own.update(_FORGET_RESULTS)
    if fresh and not own_data:
        _index_file(store, source, fmt)
    else:
        index_claims(store)
    store.graphs.optimize()
    store.own.optimize()
    return len(store.graphs)


def index_claims(store: KgStore) -> None:
    """Write the claim rows (:mod:`kgraph.store.claims`) of every graph of the store, anew.

    Reads the store one graph at a time (a graph's triples are held in memory while it is
    indexed), then marks the store as indexed. Not one transaction: a store killed meanwhile
    is left unmarked, and the queries the index serves run their SPARQL text until the store
    is indexed again (by :func:`warm_cache` or :func:`load_file`).

    Examples:
        >>> store = open_store(None)
        >>> index_claims(store)
        >>> _is_indexed(store)
        True
    """
    store.own.remove(_INDEXED_QUAD)
    for named in list(store.own.named_graphs()):
        if isinstance(named, ox.NamedNode) and is_claims_graph(named):
            store.own.remove_graph(named)
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += [g for g in store.graphs.named_graphs() if isinstance(g, ox.NamedNode)]
    with _Indexer(store.own) as indexer:
        for graph in graphs:
            indexer.add(graph, _graph_triples(store.graphs, graph))
    store.own.add(_INDEXED_QUAD)


def _graph_triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> list[Any]:
    return [(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)]


class _Indexer:
    """Writes the index of graph after graph, in batches (one bulk write per 100,000 quads)."""

    def __init__(self, own: ox.Store) -> None:
        self.own = own
        self.batch: list[ox.Quad] = []

    def add(self, graph: ox.NamedNode | ox.DefaultGraph,
            triples: list[tuple[Any, Any, Any]]) -> None:
        target = claims_graph(graph)
        self.batch += (ox.Quad(s, p, o, target) for s, p, o in index_triples(triples))
        if len(self.batch) >= 100_000:
            self.flush()

    def flush(self) -> None:
        self.own.bulk_extend(self.batch)
        self.batch = []

    def __enter__(self) -> _Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def _index_file(store: KgStore, source: Path, fmt: ox.RdfFormat) -> None:
    """Index a store that holds just the file it was loaded into it from, reading the file
    (about 3 µs a quad, where reading the store takes 10-20).

    A graph whose triples come in one run is indexed from the file; one written in several
    runs (the actors graph of a file of concatenated articles) is indexed from the store.
    """
    done: set[Any] = set()
    again: set[Any] = set()
    current: Any = None
    triples: list[tuple[Any, Any, Any]] = []
    with _Indexer(store.own) as indexer:

        def finish() -> None:
            if current in done:
                again.add(current)
            elif current is not None:
                done.add(current)
                indexer.add(current, triples)

        for quad in ox.parse(path=str(source), format=fmt):
            graph = quad.graph_name
            if graph != current:
                finish()
                current, triples = graph, []
            triples.append((quad.subject, quad.predicate, quad.object))
        finish()
    for graph in again:  # its index holds only its first run
        store.own.remove_graph(claims_graph(graph))
    with _Indexer(store.own) as indexer:
        for graph in again:
            indexer.add(graph, _graph_triples(store.graphs, graph))
    store.own.add(_INDEXED_QUAD)


def to_dataset(store: KgStore) -> Dataset:
    """Return the user's graphs of the store as a new rdflib dataset (see
    :func:`kgraph.rdf.graph.new_dataset`), without kgraph's own data (:attr:`KgStore.own`).

    Only for stores that fit in memory: the projections (networkx, HTML) read rdflib graphs.

    Examples:
        >>> len(to_dataset(open_store(None)))
        0
    """
    ds = new_dataset()
    # quads are converted term by term: rdflib's N-Quads parser re-scans its buffer for each
    # 2 KB read of a line, which is quadratic in the length of a term (a 1 MB article id)
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, Graph] = {}

    def target(name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> Graph:
        if name not in graphs:
            graphs[name] = (ds.default_context if isinstance(name, ox.DefaultGraph)
                            else ds.graph(from_oxigraph(name)))
        return graphs[name]

    ds.addN((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object),
             target(q.graph_name))
            for q in store.graphs.quads_for_pattern(None, None, None, None))
    return ds


def _ox_triple(triple: Triple) -> tuple[Any, Any, Any]:
    s, p, o = triple
    return to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)


def _lines(triples: Iterable[tuple[Any, Any, Any]]) -> list[str]:
    """Triples of pyoxigraph terms in N-Triples (without the final dot)."""
    return [f"{s} {p} {o}" for s, p, o in triples]


def _graph_block(graph: ox.NamedNode, lines: list[str]) -> str:
    """A ``GRAPH <g> { ... }`` block of INSERT DATA; "" when there is nothing to insert."""
    return f"GRAPH {graph} {{\n" + " .\n".join(lines) + " }" if lines else ""


def _is_empty(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def _is_indexed(store: KgStore) -> bool:
    q = _INDEXED_QUAD
    return next(iter(store.own.quads_for_pattern(q.subject, q.predicate, q.object,
                                                 q.graph_name)), None) is not None


def _digest(store: KgStore, graph_node: ox.NamedNode) -> str | None:
    for quad in store.own.quads_for_pattern(graph_node, ox.NamedNode(str(DIGEST)), None,
                                            _STORE_NODE):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return None


# ---------------------------------------------------------------- querying


def query_store(store: KgStore, name_or_sparql: str, **bindings: str) -> QueryResult:
    """Run a named query, or raw SPARQL, on the store; as :func:`kgraph.sparql.named.query`.

    The default graph is the union of the user's named graphs, as in memory (kgraph's own
    data is not part of it). Parameters are bound
    with Oxigraph's ``substitutions``; raw SPARQL naming ``SERVICE`` or ``FROM`` is refused.
    A named query runs its store text (``kgraph/sparql/queries/store/<name>.rq``) when it has
    one, else its shipped text.

    Raises:
        QueryError: unknown query name, missing or unknown binding, unknown or ambiguous actor,
            malformed SPARQL, or SPARQL that would reach outside the store.
    """
    named = requested_query(name_or_sparql)
    if named is None:
        text, _ = checked_sparql(name_or_sparql)
        return run(store.graphs, text,
                   {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()})
    check_bindings(named, bindings)
    subs = {ox.Variable(p.name): to_oxigraph(_resolve(store.graphs, p.kind, p.name,
                                                      bindings[p.name]))
            for p in named.params}
    if named.name in CACHED_QUERIES:
        return _cached_result(store, named.name)
    actor = subs.get(ox.Variable("actor"))
    if named.name in QUERIES and isinstance(actor, ox.NamedNode) and _is_indexed(store):
        return QUERIES[named.name](store.graphs, store.own, actor)
    return without_params(named, run(store.graphs, store_text(named.name), subs))


def store_text(name: str) -> str:
    """Return the text the store runs for the named query ``name``: its store text if it has
    one, else the shipped text.

    Raises:
        KeyError: no shipped query has that name.

    Examples:
        >>> "?actor" in store_text("allies-of").split("WHERE")[0]  # the store binds projected ones
        True
    """
    variant = store_variants().get(name)
    return variant.text if variant is not None else load_queries()[name].text


def warm_cache(store: KgStore) -> None:
    """Compute and cache the results of :data:`CACHED_QUERIES` that the store lacks (and
    index its claims, :func:`index_claims`, if it has no index).

    Writes (:func:`ingest_article`, :func:`remove_article`, :func:`load_file`) drop the cached
    results before they write, so a cached result always matches the store's content;
    call this after a batch of writes so that the first query does not pay for them.

    Examples:
        >>> store = open_store(None)
        >>> warm_cache(store)
        >>> query_store(store, "articles").rows
        []
    """
    if not _is_indexed(store):
        with contextlib.suppress(OSError, RuntimeError):  # read-only: the SPARQL texts answer
            index_claims(store)
    for name in CACHED_QUERIES:
        _cached_result(store, name)


def _cached_result(store: KgStore, name: str) -> QueryResult:
    subject = ox.NamedNode(f"{KGR}query/{name}")
    result_node, store_node = ox.NamedNode(str(RESULT)), _STORE_NODE
    for quad in store.own.quads_for_pattern(subject, result_node, None, store_node):
        if not isinstance(quad.object, ox.Literal):
            continue
        saved = json.loads(quad.object.value)
        return QueryResult(tuple(saved["columns"]), saved["rows"])
    result = run(store.graphs, store_text(name), {})
    text = json.dumps({"columns": list(result.columns), "rows": result.rows}, ensure_ascii=False)
    with contextlib.suppress(OSError, RuntimeError):  # read-only: answer without caching
        store.own.add(ox.Quad(subject, result_node, ox.Literal(text), store_node))
    return result


@functools.cache
def store_variants() -> dict[str, NamedQuery]:
    """The store's own texts of named queries (``kgraph/sparql/queries/store/<name>.rq``).

    Oxigraph plans a query differently from rdflib's left-to-right evaluation, so a query may
    ship a second text written for it; it declares the same parameters, projects them (Oxigraph
    binds only projected variables; they are left out of the result) and returns the same
    columns and rows (``tests/test_store.py`` compares them on hand-built graphs).

    Raises:
        DataFileError: a variant is invalid or names no shipped query, or its parameters or
            columns differ.

    Examples:
        >>> sorted(store_variants())[:2]
        ['actor-profile', 'allies-of']
    """
    folder = _STORE_QUERIES
    if not any(folder.glob("*.rq")):
        return {}
    variants = load_queries(folder, check=_parse)  # by the engine that runs them too
    shipped = load_queries()
    problems = []
    for name, variant in sorted(variants.items()):
        named = shipped.get(name)
        if named is None:
            problems.append(f"{variant.path}:1: no shipped query {name!r} to stand in for")
        elif variant.params != named.params:
            problems.append(f"{variant.path}:1: its parameters differ from {named.path.name}'s")
        elif _shown(variant) != _shown(named):
            problems.append(f"{variant.path}:1: its columns differ from {named.path.name}'s")
        elif missing := [p.name for p in variant.params if p.name not in variant.columns]:
            problems.append(f"{variant.path}:1: its SELECT does not project its parameters "
                            f"{', '.join(missing)} (Oxigraph binds only projected variables)")
    if problems:
        raise DataFileError(str(folder), problems)
    return variants


def _shown(named: NamedQuery) -> tuple[str, ...]:
    """The columns a named query shows: those it projects but its parameters."""
    params = {p.name for p in named.params}
    return tuple(c for c in named.columns if c not in params)


def _parse(text: str, *, where: str) -> None:
    """Check the syntax of a query with Oxigraph's parser (on an empty store)."""
    try:
        ox.Store().query(text)
    except SyntaxError as e:
        raise QueryError(f"malformed SPARQL ({where}): {' '.join(str(e).split())}") from e


def _resolve(store: ox.Store, kind: str, name: str, value: str) -> Identifier:
    value = value.strip()
    if kind == "relation":
        relations = load_relations()
        if value not in relations:
            raise QueryError(f"unknown relation {value!r} for {name}; valid relations: "
                             f"{', '.join(sorted(relations))}")
        return relation_property(value)
    if kind != "actor":
        return RdfLiteral(value)
    # fast path: actor ids are lowercase slugs, so an id equal to the value wins outright
    hits = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(str(KG.actorId)),
                                                      ox.Literal(value.lower()))
            if isinstance(q.subject, ox.NamedNode)
            and any(True for _ in store.quads_for_pattern(q.subject, _PREF_LABEL, None))}
    if len(hits) == 1:
        return URIRef(next(iter(hits)).value)
    result = run(store, _ACTOR_LOOKUP, {ox.Variable("key"): ox.Literal(value.lower())})
    found: dict[int, dict[str, str]] = {}
    for row in result.rows:
        found.setdefault(int(row["rank"]), {})[row["actor"]] = \
            f"{row['label']} ({row['id'] or row['actor']})"
    if not found:
        raise QueryError(f"no actor has the id, label or alias {value!r}")
    return best_actor(value, found)
